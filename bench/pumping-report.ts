import type { ConfigId, PumpingConfig } from './pumping-configs.js';
import type { RunOutcome } from './pumping-play.js';
import { reading } from './pumping-reading.js';
import {
  attackBound,
  burstInFlight,
  costKey,
  count,
  outcomeKey,
  pumpingHeading,
  storeLabels,
  type PumpingResults,
  type StoreId,
} from './pumping-results.js';
import { zipfShare } from './pumping-clock.js';
import { countryRuns } from './pumping-country-runs.js';
import type { PumpingRun } from './pumping-runs.js';
import { median, percentile } from './stats.js';

const micro = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));

const reasons = (refused: Record<string, number>) =>
  Object.entries(refused)
    .sort(([, a], [, b]) => b - a)
    .map(([reason, times]) => `${reason} ${count(times)}`)
    .join(', ');

const cell = (run: PumpingRun, outcome: RunOutcome | undefined): string => {
  if (!outcome) {
    return '—';
  }
  const why = reasons(outcome.refused);
  if (run.kind === 'attack') {
    const flag = run.id === 'block' && outcome.paid > attackBound ? ' ✗' : '';
    return `**${count(outcome.paid)}** paid${flag}${why ? ` (refused: ${why})` : ''}`;
  }
  const flag = outcome.usersRefused > 0 ? ' ✗' : '';
  return `**${count(outcome.usersRefused)}** refused${flag}, ${count(outcome.paid)} paid${why ? ` (${why})` : ''}`;
};

const findings = (results: PumpingResults): string[] => {
  const lines: string[] = [];
  const of = (config: PumpingConfig, run: PumpingRun) => results.outcomes.get(outcomeKey(config.id, run.id));
  const attacks = results.runs.filter((run) => run.kind === 'attack');
  const legitimate = results.runs.filter((run) => run.kind === 'legitimate');
  for (const config of results.configs.filter((item) => item.id !== 'off')) {
    const stopped = attacks.filter((run) => (of(config, run)?.paid ?? Infinity) <= attackBound);
    const through = attacks.filter((run) => (of(config, run)?.paid ?? 0) > attackBound);
    const refusing = legitimate.filter((run) => (of(config, run)?.usersRefused ?? 0) > 0);
    const list = (runs: PumpingRun[], text: (run: PumpingRun, outcome: RunOutcome) => string) =>
      runs.length === 0 ? 'none' : runs.map((run) => text(run, of(config, run)!)).join('; ');
    lines.push(
      `- **${config.label}**. Attacks held to ${attackBound} codes or fewer: ${list(stopped, (run, outcome) => `${run.title} (${count(outcome.paid)} paid)`)}. ` +
        `More paid for: ${list(through, (run, outcome) => `${run.title} (${count(outcome.paid)} of ${count(outcome.attempts)})`)}. ` +
        `Legitimate users refused: ${list(refusing, (run, outcome) => `${run.title} (${count(outcome.usersRefused)} of ${count(run.users ?? 0)})`)}.`
    );
  }
  const failures = [...results.outcomes.entries()].filter(([, outcome]) => outcome.failures.length > 0);
  for (const [key, outcome] of failures) {
    lines.push(`- ${key}: ${outcome.failures.length} sends failed for another reason, e.g. ${outcome.failures[0]}`);
  }
  for (const [key, costs] of results.costs) {
    for (const { run, memory, here } of costs.differs) {
      const [config, store] = key.split('|') as [ConfigId, StoreId];
      lines.push(
        `- ${storeLabels[store]}, ${results.configs.find((item) => item.id === config)?.label ?? config}, "${run}": the guard let ${count(here)} through against ${count(memory)} in process (a store that could not be asked lets sends go unchecked).`
      );
    }
  }
  return lines;
};

const costTable = (results: PumpingResults): string[] => {
  const header = results.stores.map((store) => storeLabels[store]);
  return [
    `| configuration | ${header.map((label) => `${label}: median / p99 µs, CPU µs per send`).join(' | ')} |`,
    `| --- | ${header.map(() => '---:').join(' | ')} |`,
    ...results.configs.map((config) => {
      const cells = results.stores.map((store) => {
        const cost = results.costs.get(costKey(config.id, store));
        if (!cost || cost.skipped) {
          return cost?.skipped ? `not measured: ${cost.skipped}` : '—';
        }
        if (cost.calls === 0) {
          return '—';
        }
        return `${micro(median(cost.durationsUs))} / ${micro(percentile(cost.durationsUs, 0.99))}, ${micro(cost.cpuUs / cost.calls)}${cost.differs.length > 0 ? ' ✗' : ''}`;
      });
      return `| ${config.label} | ${cells.join(' | ')} |`;
    }),
  ];
};

const reasonsText = (refused: Record<string, number> | undefined) => {
  const text = reasons(refused ?? {});
  return text ? ` (refused: ${text})` : '';
};

/** The per-country runs: each bound, what was measured, whether it was met. */
const countrySection = (results: PumpingResults): string[] => {
  if (results.country.length === 0) {
    return [];
  }
  const outcome = (id: string) => results.country.find((item) => item.run.id === id)?.result;
  const withRule = outcome('country-new')?.attackRefusedBy;
  const without = outcome('country-new-off');
  const seconds = results.country.reduce((sum, item) => sum + item.seconds, 0);
  return [
    '### Per-country budgets, on a simulated clock',
    '',
    `Each run goes through \`guardSend\` alone (no HTTP), one send after another in time order, with \`Date.now\` (the guard's only clock) set to each send's simulated time: weeks play in seconds. Configs are the form's defaults with the International switch on, each run an SDK app of its own; a code the guard lets through counts as paid. The global app: 80 countries with Zipf shares (the first gets ${(100 * zipfShare(0)).toFixed(0)} %, the 80th ${(100 * zipfShare(79)).toFixed(2)} %), 120 codes an hour at the 14:00 UTC peak, a tenth of it at 02:00 (about 1,580 a day), each to a random mobile number of its country from an address of its own. A run: real mobile numbers of the target's range from rotating addresses, 40 to a block before moving to the next (the block rule allows 20 an hour). In brackets, the attack's refusals by rule. Runs took ${seconds.toFixed(0)} s in all. To play them: \`npm run bench:pumping\` (every run), \`-- --runs country-new,country-small\` (some, by id: ${countryRuns.map((run) => `\`${run.id}\``).join(', ')}), \`-- --quick\` (all but the week-long ones); the tests in \`test/abuse-guard/per-country-*.test.ts\` play the same runs against the same bounds.`,
    '',
    '| run | bound | measured | met |',
    '| --- | --- | --- | --- |',
    ...results.country.map(
      ({ run, store, result }) =>
        `| ${run.title}${run.shared ? ` (${store})` : ''} | ${run.bound} | ${result.measured}${reasonsText(result.attackRefusedBy)} | ${run.bound.startsWith('—') ? '' : result.met ? 'yes' : '**no** ✗'} |`
    ),
    ...(withRule
      ? [
          '',
          `The block rule and the country rule on the one-country run: the country rule refused ${count(withRule.perCountry ?? 0)} sends and the block rule ${count(withRule.perPrefix ?? 0)}. A refused send is counted in no budget, so once Latvia's day is spent its blocks never fill.${
            without ? ` With the country rule off, the same day paid ${without.measured.replace(' paid of', ' codes of')}${reasonsText(without.attackRefusedBy)}.` : ''
          }`,
        ]
      : []),
  ];
};

const burstRun = (results: PumpingResults) =>
  count(results.runs.find((run) => run.id === 'block')?.sends.length ?? 0);

/** The Markdown section for docs/benchmarks.md. */
export const renderPumping = (results: PumpingResults): string => {
  const { runs, configs } = results;
  const lines = [
    pumpingHeading,
    '',
    `Written by \`npm run bench:pumping${results.quick ? ' -- --quick' : ''}\` on ${results.date}, Node ${results.node}. Every send goes through the built connector's \`sendMessage\` over real HTTP to the project's emulator (Tencent's per-number limits switched off there, so what the connector lets through is what is paid for); nothing reaches Tencent. A cell says how many codes were paid for and, for legitimate runs, how many users were refused at least once; in brackets, which rule refused how many sends. ✗ marks a block-pumping run with more than ${attackBound} codes paid for, or a legitimate run with a user refused.`,
    '',
    `| run | sends | ${configs.map((config) => config.label).join(' | ')} |`,
    `| --- | ---: | ${configs.map(() => '---').join(' | ')} |`,
    ...runs.map(
      (run) =>
        `| ${run.kind === 'attack' ? 'attack' : 'legitimate'}: ${run.title}${run.users ? ` (${count(run.users)} users)` : ''} | ${count(run.sends.length)} | ${configs
          .map((config) => cell(run, results.outcomes.get(outcomeKey(config.id, run.id))))
          .join(' | ')} |`
    ),
    '',
    '### What the numbers say',
    '',
    ...findings(results),
    '',
    ...reading(results),
    '',
    ...countrySection(results),
    ...(results.country.length > 0 ? [''] : []),
    '### The guard\'s cost per send',
    '',
    `\`guardSend\` alone (no HTTP), every send of every run replayed one after another, after a warm-up; budgets fresh for each run. Figures are per call, refusals included. ${results.stores
      .map((store) => results.storeNotes[store])
      .filter(Boolean)
      .join(' ')} ✗ marks a store whose verdicts differ from the in-process ones (listed above). Indicative: the machine is shared.`,
    '',
    ...costTable(results),
    '',
    `A burst: the block run's ${burstRun(results)} sends with ${burstInFlight} in flight at once through the guard alone; the store must accept what a sequential replay accepts (in process: the first column).`,
    '',
    `| configuration | ${results.stores.map((store) => storeLabels[store]).join(' | ')} |`,
    `| --- | ${results.stores.map(() => '---:').join(' | ')} |`,
    ...results.configs.map(
      (config) =>
        `| ${config.label} | ${results.stores
          .map((store) => {
            const accepted = results.costs.get(costKey(config.id, store))?.burstAccepted;
            return accepted === undefined ? '—' : `${count(accepted)} accepted`;
          })
          .join(' | ')} |`
    ),
    '',
    '### The runs and the configurations',
    '',
    ...runs.map((run) => `- **${run.title}** (${run.kind}, ${run.audience === 'mainland' ? 'a mainland service' : 'a global service'}; ${run.inFlight} in flight): ${run.how}.`),
    '',
    ...configs.map((config) => `- **${config.label}**: ${config.meaning}.`),
    '',
    '| configuration | audience | abuse-protection settings as configured |',
    '| --- | --- | --- |',
    ...results.settings.map(({ config, audience, value }) => `| ${config} | ${audience} | \`${value}\` |`),
    '',
    'Time is real, and each run takes seconds: pumping comes in bursts like these, and an hour of legitimate traffic compressed into seconds puts every send into the same window, which is the hardest case for a legitimate run (every hourly or daily window sees all of it; spread over an hour, the same sends would never count more). A pumping run spread over a day would get each hourly budget once per hour: multiply the attack figures of hourly rules accordingly.',
  ];
  return lines.join('\n');
};
