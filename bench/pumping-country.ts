import { formDefaults, parsedConfig, type Project } from './pumping-play.js';
import { countryRuns, type CountryRun, type CountryRunContext, type CountryRunResult } from './pumping-country-runs.js';

/**
 * Plays the per-country runs against a loaded project: the guard alone, on a simulated clock,
 * every run on an SDK app of its own, budgets in this process or in a Redis.
 */

/** sdkAppIds for the per-country runs, apart from the HTTP runs' ones. */
const appIds = (() => {
  let next = 1_400_700_000 + Math.floor(Math.random() * 1000) * 1000;
  return () => String((next += 1));
})();

/**
 * Another spelling of the same Redis for each instance: the connector keeps one client per URL,
 * so each spelling is a client of its own, as each Logto instance has, counting in the same keys.
 */
export const instanceUrl = (redisUrl: string, instance: number): string => {
  if (instance === 0) {
    return redisUrl;
  }
  const url = new URL(redisUrl);
  url.searchParams.set('instance', String(instance));
  return url.toString();
};

/** The context a run plays in: the project's guard, and configs with the form's defaults and International on. */
export const countryRunContext = (
  project: Project,
  { redisUrl, onDay }: { redisUrl?: string; onDay?: CountryRunContext['onDay'] } = {}
): CountryRunContext => {
  const defaults = formDefaults(project);
  const connection = project.connectorConfigFor('http://127.0.0.1:9');
  return {
    guardSend: project.guardSend,
    onDay,
    configs: ({ abuseProtection, instances = 1 } = {}) => {
      const sdkAppId = appIds();
      return Array.from({ length: instances }, (_, instance) =>
        parsedConfig(project, {
          ...defaults,
          ...connection,
          advanced: true,
          international: true,
          sdkAppId,
          ...(abuseProtection ? { abuseProtection: { ...(defaults.abuseProtection as object), ...abuseProtection } } : {}),
          ...(redisUrl ? { redisUrl: instanceUrl(redisUrl, instance) } : {}),
        })
      );
    },
  };
};

export type CountryOutcome = { run: CountryRun; store: string; result: CountryRunResult; seconds: number };

/**
 * Plays the runs with the given ids (all when absent): those that need no shared Redis in this
 * process, the shared ones in each Redis given.
 */
export const playCountryRuns = async (
  project: Project,
  { only, redis = [], log = () => undefined }: { only?: readonly string[]; redis?: Array<{ store: string; url: string }>; log?: (line: string) => void }
): Promise<CountryOutcome[]> => {
  const outcomes: CountryOutcome[] = [];
  const runs = countryRuns.filter((run) => !only || only.includes(run.id));
  const places = (run: CountryRun) => (run.shared ? redis : [{ store: 'in process', url: undefined }]);
  for (const run of runs) {
    for (const { store, url } of places(run)) {
      const start = performance.now();
      const result = await run.play(countryRunContext(project, { redisUrl: url }));
      const seconds = (performance.now() - start) / 1000;
      outcomes.push({ run, store, result, seconds });
      log(`${run.id} (${store}): ${result.measured} — ${result.met ? 'met' : 'NOT MET'} (${seconds.toFixed(1)} s)`);
    }
  }
  return outcomes;
};
