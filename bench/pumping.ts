import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { replaceSection } from './doc-section.js';
import { playCountryRuns, type CountryOutcome } from './pumping-country.js';
import { countryRuns } from './pumping-country-runs.js';
import { pumpingConfigs, type ConfigInputs, type PumpingConfig } from './pumping-configs.js';
import {
  burstGuard,
  formDefaults,
  loadProject,
  parsedConfig,
  playOverHttp,
  replayGuard,
  startCountingEmulator,
  type Project,
  type RunOutcome,
} from './pumping-play.js';
import { startRedis, startRedisCluster, type RedisSetup } from './pumping-redis.js';
import { renderPumping } from './pumping-report.js';
import {
  burstInFlight,
  costKey,
  outcomeKey,
  pumpingHeading,
  storeLabels,
  type CostCell,
  type PumpingResults,
  type StoreId,
} from './pumping-results.js';
import { fullSizes, pumpingRuns, quickSizes, type PumpingRun } from './pumping-runs.js';

/**
 * `npm run bench:pumping`: attack and legitimate runs against the connector in each configuration
 * (codes paid for, users refused), then the guard's cost per send in process, in a loopback Redis
 * and in a loopback 3-node Redis Cluster, then the per-country runs on a simulated clock (weeks of
 * a global app and days of pumping, through the guard alone; the two-instances run in each Redis).
 * Writes its section of docs/benchmarks.md.
 *
 * Flags: `--quick` (smaller legitimate runs and no week-long per-country runs, writes
 * .tmp/pumping-quick.md unless `--out`), `--out FILE`, `--runs block,office,country-new` (HTTP and
 * per-country run ids alike), `--configs default,off`, `--stores memory,redis,cluster`, `--root DIR`
 * (another build of the connector than `lib/`).
 */

export type PumpingOptions = {
  quick: boolean;
  /** Run ids; all when absent. */
  runs?: readonly string[];
  configs?: readonly string[];
  stores?: readonly StoreId[];
  /** Where the connector's modules are (built `lib/` by default). */
  root?: string;
  ext?: string;
  log?: (line: string) => void;
};

/** sdkAppIds handed out one per pass, so no two passes share a budget. */
const appIds = (() => {
  let next = 1_400_100_000;
  return () => String((next += 1));
})();

const describeSettings = (config: Record<string, unknown>): string => {
  const shown: Record<string, unknown> = {};
  for (const key of ['pumpingProtection', 'abuseProtection']) {
    if (key in config) {
      shown[key] = config[key];
    }
  }
  const text = JSON.stringify(shown, (key, value: unknown) =>
    key === 'allowedRegions' && Array.isArray(value) && value.length > 12 ? `<every region: ${value.length} codes>` : value
  );
  return text === '{}' ? '(nothing: no switch, no abuseProtection)' : text;
};

const storeSetup = async (store: StoreId): Promise<RedisSetup | undefined> =>
  store === 'memory' ? undefined : store === 'redis' ? startRedis() : startRedisCluster();

/** The per-country runs a quick bench leaves out: each plays weeks of traffic. */
const longCountryRuns = new Set(['country-patient', 'country-growth']);

export const runPumpingBench = async (options: PumpingOptions): Promise<PumpingResults> => {
  const log = options.log ?? (() => undefined);
  const project: Project = await loadProject(options.root ?? resolve('lib'), options.ext);
  const runs = pumpingRuns(options.quick ? quickSizes : fullSizes, options.runs);
  const countryIds = countryRuns
    .map((run) => run.id)
    .filter((id) => (options.runs ? options.runs.includes(id) : !(options.quick && longCountryRuns.has(id))));
  const country: CountryOutcome[] = [];
  const configs = pumpingConfigs.filter((config) => !options.configs || options.configs.includes(config.id));
  const stores: StoreId[] = [...(options.stores ?? ['memory', 'redis', 'cluster'])];

  const httpIds = configs.flatMap(() => runs.map(() => appIds()));
  const counting = await startCountingEmulator(project, httpIds);
  const inputs: ConfigInputs = {
    formDefaults: formDefaults(project),
    connection: project.connectorConfigFor(counting.emulator.url),
    regions: project.regions,
  };
  const build = (config: PumpingConfig, run: PumpingRun, extra: Record<string, unknown>) => ({
    ...config.build(inputs, run.audience),
    ...extra,
  });

  const outcomes = new Map<string, RunOutcome>();
  const settings: PumpingResults['settings'] = [];
  try {
    let idIndex = 0;
    for (const config of configs) {
      for (const audience of [...new Set(runs.map((run) => run.audience))]) {
        settings.push({ config: config.label, audience, value: describeSettings(config.build(inputs, audience)) });
      }
      for (const run of runs) {
        const outcome = await playOverHttp(project, counting, build(config, run, { sdkAppId: httpIds[idIndex++]! }), run);
        outcomes.set(outcomeKey(config.id, run.id), outcome);
        log(`${config.label} · ${run.title}: ${outcome.paid} paid of ${outcome.attempts}, ${outcome.usersRefused} users refused ${JSON.stringify(outcome.refused)}`);
      }
    }
  } finally {
    await counting.emulator.close();
  }

  const costs = new Map<string, CostCell>();
  const storeNotes: PumpingResults['storeNotes'] = {};
  const acceptedInMemory = new Map<string, number>();
  for (const store of stores) {
    let setup: RedisSetup | undefined;
    try {
      setup = await storeSetup(store);
    } catch (error) {
      for (const config of configs) {
        costs.set(costKey(config.id, store), { durationsUs: [], cpuUs: 0, calls: 0, differs: [], skipped: String((error as Error).message ?? error).slice(0, 120) });
      }
      continue;
    }
    if (setup) {
      storeNotes[store] = `${storeLabels[store]}: \`${setup.url}\` (redis-server PIDs ${setup.pids.join(', ')}, stopped after).`;
    }
    try {
      const redisUrl = setup?.url;
      const withStore = (config: PumpingConfig, run: PumpingRun) =>
        parsedConfig(project, build(config, run, { sdkAppId: appIds(), ...(redisUrl ? { redisUrl } : {}) }));
      // Warm-up: connection, script load and JIT, on budgets of their own.
      const warmRun = runs.reduce<PumpingRun | undefined>((largest, run) => (run.sends.length > (largest?.sends.length ?? -1) ? run : largest), undefined);
      for (const config of warmRun ? configs : []) {
        await replayGuard(project, withStore(config, warmRun!), warmRun!);
      }
      for (const config of runs.length > 0 ? configs : []) {
        const cell: CostCell = { durationsUs: [], cpuUs: 0, calls: 0, differs: [] };
        for (const run of runs) {
          const cost = await replayGuard(project, withStore(config, run), run);
          cell.durationsUs.push(...cost.durationsUs);
          cell.cpuUs += cost.cpuUs;
          cell.calls += cost.calls;
          const key = outcomeKey(config.id, run.id);
          if (store === 'memory') {
            acceptedInMemory.set(key, cost.accepted);
          } else if (acceptedInMemory.has(key) && acceptedInMemory.get(key) !== cost.accepted) {
            cell.differs.push({ run: run.title, memory: acceptedInMemory.get(key)!, here: cost.accepted });
          }
        }
        const block = runs.find((run) => run.id === 'block');
        if (block) {
          cell.burstAccepted = await burstGuard(project, withStore(config, block), block, burstInFlight);
        }
        costs.set(costKey(config.id, store), cell);
        log(`cost ${storeLabels[store]} · ${config.label}: ${cell.calls} calls${cell.differs.length > 0 ? `, verdicts differ in ${cell.differs.length} runs` : ''}`);
      }
      // The per-country runs: in process once, the two-instances run in each Redis.
      const shared = countryIds.filter((id) => countryRuns.find((run) => run.id === id)?.shared);
      const own = countryIds.filter((id) => !shared.includes(id));
      if (store === 'memory' && own.length > 0) {
        country.push(...(await playCountryRuns(project, { only: own, log })));
      }
      if (redisUrl && shared.length > 0) {
        country.push(...(await playCountryRuns(project, { only: shared, redis: [{ store: storeLabels[store], url: redisUrl }], log })));
      }
    } finally {
      // Closed before the servers stop, so stopping is not reported as an outage.
      await project.closeRedisConnections();
      await setup?.stop();
    }
  }

  return {
    quick: options.quick,
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    node: process.version,
    runs,
    configs,
    outcomes,
    costs,
    stores,
    storeNotes,
    settings,
    country,
  };
};

const listFlag = (argv: readonly string[], flag: string): string[] | undefined => {
  const index = argv.indexOf(flag);
  return index >= 0 && argv[index + 1] ? argv[index + 1]!.split(',') : undefined;
};

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const argv = process.argv.slice(2);
  const quick = argv.includes('--quick');
  const outIndex = argv.indexOf('--out');
  const out = resolve(outIndex >= 0 && argv[outIndex + 1] ? argv[outIndex + 1]! : quick ? '.tmp/pumping-quick.md' : 'docs/benchmarks.md');
  const results = await runPumpingBench({
    quick,
    runs: listFlag(argv, '--runs'),
    configs: listFlag(argv, '--configs'),
    stores: listFlag(argv, '--stores') as StoreId[] | undefined,
    root: listFlag(argv, '--root')?.join(','),
    log: (line) => console.log(line),
  });
  const section = renderPumping(results);
  mkdirSync(dirname(out), { recursive: true });
  const existing = existsSync(out) ? readFileSync(out, 'utf8') : '';
  writeFileSync(out, replaceSection(existing, pumpingHeading, section));
  console.log(`\n${section}\n\nwritten to ${out}`);
  // Redis clients are closed and unref'd; nothing else keeps the process up.
}
