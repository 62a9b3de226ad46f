import { cpus, availableParallelism } from 'node:os';

import type { CandidateId } from './candidates/index.js';
import type { IdleResult } from './idle.js';
import { renderIdleSection } from './idle-report.js';
import type { CpuResult, LatencyResult } from './phases.js';
import { median } from './stats.js';

/** What one CPU job (a fresh process) reports. */
export type CpuRun = CpuResult & {
  throughputPerSecond: number;
  rssBytes: number;
  heapAfterGcBytes: number;
  factoryMicros?: number;
  connections?: { served: number; connections: number };
};

export type CandidateResult = {
  readonly id: CandidateId;
  readonly label: string;
  latency?: LatencyResult;
  /** The first send after start, one per fresh process, in the order the rounds ran. */
  firstRuns?: number[];
  /** CPU time (ms) the process spent during each of those first sends. */
  firstCpuRuns?: number[];
  /** The median run of `cpuRuns` by CPU per send; its other figures come from the same run. */
  cpu?: CpuRun;
  /** Every CPU round by its number; `undefined` where that round's job failed. */
  cpuRuns?: Array<CpuRun | undefined>;
  importMs?: number;
  /** Requests and TLS connections the stand-in saw in the latency and the CPU job. */
  latencyConnections?: { served: number; connections: number };
  cpuConnections?: { served: number; connections: number };
  readonly errors: string[];
};

export type RunInfo = {
  readonly quick: boolean;
  readonly rttMs: number;
  readonly idlePausesMs: readonly number[];
  readonly date: string;
  /** CPU µs per send of each layer of the send path, measured interleaved in one process. */
  readonly layers?: Record<string, number>;
  /** Why the layer job gave no table, when it failed. */
  readonly layersError?: string;
  /** The idle-connection runs, and why they gave nothing when they failed. */
  readonly idle?: IdleResult;
  readonly idleError?: string;
  /** How many CPU rounds were asked for. */
  readonly cpuRounds: number;
};

type Metric = {
  readonly name: string;
  readonly value: (result: CandidateResult) => number | undefined;
  readonly format: (value: number) => string;
  /** A cell text other than the formatted value, when one number does not say enough. */
  readonly describe?: (result: CandidateResult) => string | undefined;
  /** The ours ÷ official cell when it is not the ratio of the two cells. */
  readonly oursToOfficial?: (results: Partial<Record<CandidateId, CandidateResult>>) => number | undefined;
  /** Whether a smaller value is better; the ratio columns read the same either way. */
  readonly target?: (value: number, results: Partial<Record<CandidateId, CandidateResult>>) => boolean;
};

/** The run with the median CPU per send (the lower middle one of an even count). */
export const medianRun = (runs: ReadonlyArray<CpuRun | undefined>): CpuRun | undefined => {
  const done = runs.filter((run): run is CpuRun => run !== undefined);
  return done.sort((a, b) => a.cpuMicrosPerSend - b.cpuMicrosPerSend)[Math.floor((done.length - 1) / 2)];
};

/**
 * This connector ÷ the official connector in each CPU round where both jobs succeeded, and the
 * median of those. Rounds are matched by number, so a failed job drops its round, never shifts
 * the others.
 */
export const cpuRatios = (ours: CandidateResult | undefined, official: CandidateResult | undefined) => {
  const pairs = (ours?.cpuRuns ?? []).flatMap((run, round) => {
    const theirs = official?.cpuRuns?.[round];
    return run && theirs ? [{ round: round + 1, ratio: run.cpuMicrosPerSend / theirs.cpuMicrosPerSend }] : [];
  });
  return pairs.length === 0 ? undefined : { pairs, median: median(pairs.map((pair) => pair.ratio)) };
};

const fixed = (digits: number) => (value: number) => value.toFixed(digits);

/** The first send: the median of its fresh-process runs, else the latency job's single one. */
const firstSendOf = (result: CandidateResult | undefined): number | undefined =>
  result?.firstRuns?.length ? median(result.firstRuns) : result?.latency?.firstMs;

const metrics = (info: RunInfo): Metric[] => {
  const rtt = info.rttMs;
  const withRoundTrips = (value: number) =>
    rtt > 0 ? `${value.toFixed(1)} (${(value / rtt).toFixed(2)} RT)` : value.toFixed(2);
  const withinRoundTrips = (value: number) => rtt > 0 && value / rtt <= 1.2;
  return [
    {
      name: `first send after start, new connection, ms`,
      value: firstSendOf,
      format: withRoundTrips,
      describe: (r) => {
        const runs = r.firstRuns ?? [];
        const value = firstSendOf(r);
        return value !== undefined && runs.length > 1
          ? `${withRoundTrips(value)}, ${Math.min(...runs).toFixed(0)}–${Math.max(...runs).toFixed(0)}`
          : undefined;
      },
      target: (value, all) => {
        const theirs = firstSendOf(all.official);
        return theirs !== undefined && value <= theirs;
      },
    },
    { name: `warm send (median), ms`, value: (r) => r.latency?.warmMs, format: withRoundTrips, target: withinRoundTrips },
    ...info.idlePausesMs.map<Metric>((pause) => ({
      name: `send after ${pause / 1000} s idle, ms`,
      value: (r) => r.latency?.idleMs[String(pause)],
      format: withRoundTrips,
      target: withinRoundTrips,
    })),
    {
      name: 'client CPU per send, µs',
      value: (r) => r.cpu?.cpuMicrosPerSend,
      format: fixed(0),
      describe: (r) => {
        const runs = (r.cpuRuns ?? []).flatMap((run) => (run ? [run.cpuMicrosPerSend] : []));
        return r.cpu && runs.length > 1
          ? `${r.cpu.cpuMicrosPerSend.toFixed(0)} (${Math.min(...runs).toFixed(0)}–${Math.max(...runs).toFixed(0)})`
          : undefined;
      },
      // Judged on the ratio within each round, whose jobs ran seconds apart.
      oursToOfficial: (all) => cpuRatios(all.ours, all.official)?.median,
      // A guard, not a goal: never more CPU per send than the official connector.
      target: (_value, all) => {
        const ratios = cpuRatios(all.ours, all.official);
        return ratios !== undefined && ratios.median <= 1;
      },
    },
    { name: 'loopback send, wall µs (rtt 0)', value: (r) => r.cpu?.wallMicrosPerSend, format: fixed(0) },
    { name: 'sends/s, 16 in flight (rtt 0)', value: (r) => r.cpu?.throughputPerSecond, format: fixed(0) },
    { name: 'RSS after the run, MB', value: (r) => (r.cpu ? r.cpu.rssBytes / 1024 / 1024 : undefined), format: fixed(1) },
    {
      name: 'JS heap after the run and a full GC, MB',
      value: (r) => (r.cpu ? r.cpu.heapAfterGcBytes / 1024 / 1024 : undefined),
      format: fixed(1),
    },
    {
      name: 'TLS connections / requests (latency job)',
      value: (r) => r.latencyConnections?.connections,
      format: fixed(0),
      describe: (r) => r.latencyConnections && `${r.latencyConnections.connections} / ${r.latencyConnections.served}`,
    },
    {
      name: 'TLS connections / requests (CPU + throughput job)',
      value: (r) => r.cpuConnections?.connections,
      format: fixed(0),
      describe: (r) => r.cpuConnections && `${r.cpuConnections.connections} / ${r.cpuConnections.served}`,
    },
    { name: 'factory call, µs', value: (r) => r.cpu?.factoryMicros, format: fixed(2), target: (value) => value < 5 },
    { name: 'marginal import after Logto core packages, ms', value: (r) => r.importMs, format: fixed(1), target: (value) => value < 10 },
  ];
};

/**
 * The send path cut into layers, all in one warm process and interleaved, so that differences
 * between rows are what each layer adds.
 */
const layerSection = (layers: Record<string, number> | undefined): string[] => {
  if (!layers) {
    return [];
  }
  const rows = Object.entries(layers).map(([name, micros]) => `| ${name} | ${micros.toFixed(0)} |`);
  return [
    '## Where a send\'s CPU goes',
    '',
    'Client CPU µs per send of each layer, measured in one warm process, layers interleaved, cheapest of several rounds (rtt 0). Rows 2–4 add to the floor step by step (the transport alone, then given a Request as ky hands it one, then ky called the usual way); row 5 is the alternative to row 4 that the connector uses; row 6 is the whole sendMessage. The last two rows are for comparison: this connector\'s own steps with the transport called directly instead of through ky (what ky costs a send; it leaves out the lazy module load and the sendMessage wrappers too, a few µs), and the official connector.',
    '',
    '| layer | CPU µs/send |',
    '| --- | ---: |',
    ...rows,
    '',
  ];
};

/** How the figures are made, printed under the table so that a reader can judge them. */
const method = [
  '## How the figures are made',
  '',
  '- The stand-in for `sms.tencentcloudapi.com` is a node:https server in its own process (so its CPU is never counted), with a certificate made by openssl at run time and trusted by the candidates through `NODE_EXTRA_CA_CERTS`. It keeps idle connections 60 s and answers every SendSms with a documented success body.',
  '- Each candidate runs in fresh processes, one after another, with a `--import` preload that resolves the Tencent host to 127.0.0.1, sends its port 443 to the stand-in, and refuses every other name. Candidates run their real code: host name, SNI, certificate check, default port.',
  '- Round trips are real: a TCP proxy delays each direction by half the RTT and holds the first bytes of a new connection one extra RTT (what the SYN/SYN-ACK costs off loopback). A new TLS 1.3 connection thus costs 3 RT, a warm one 1 RT. The first send after start is the median of several fresh processes (import, factory, one send, rounds interleaved over the candidates). Latency = first send, then a burst with 16 in flight (so V8 has optimised the code, as in a long-running Logto), then the median of sequential warm sends, then one send after each idle pause.',
  '- Client CPU = user + system time of the candidate process (`process.cpuUsage`, all its threads, so GC helpers count) over sequential sends after a warm-up, in five slices; the cheapest slice is a run\'s figure because the machine may be shared. The CPU jobs run round-robin over the candidates, several rounds, each job in a fresh process: the speed of a shared virtual machine drifts by tens of percent over minutes, so two candidates are compared within a round and the CPU guard is judged on the median of those ratios.',
  '- Marginal import = time to import the candidate after zod, ky, @logto/connector-kit and @silverhand/essentials are loaded (median of fresh processes). `got`, which the official connector needs, is not preloaded.',
  '- Factory = mean of awaited `createConnector({ getConfig })` calls after a warm-up. Ratios are this connector ÷ the other; "target met" checks this connector\'s targets: warm and idle sends within 1.2 round trips, a first send no slower than the official connector\'s, CPU per send never above the official connector\'s (a guard), factory call under 5 µs, marginal import under 10 ms.',
  '',
];

const ratio = (a: number | undefined, b: number | undefined): string =>
  a === undefined || b === undefined || b === 0 ? '—' : `${(a / b).toFixed(2)}×`;

/** How the CPU rounds compare, under the table: the ratio the CPU target is judged on. */
const cpuRoundsLine = (byId: Partial<Record<CandidateId, CandidateResult>>, rounds: number): string[] => {
  const ratios = cpuRatios(byId.ours, byId.official);
  if (!ratios || rounds < 2) {
    return [];
  }
  const each = ratios.pairs.map(({ round, ratio: value }) => `${value.toFixed(2)}× (round ${round})`).join(', ');
  return [
    `Client CPU was measured in ${rounds} rounds, every candidate in a fresh process in each round, in an order that turns each round; a cell shows the median run (lowest–highest). This connector ÷ the official one, round by round: ${each}; median ${ratios.median.toFixed(2)}× (guard: never above 1.00×). The ours ÷ official cell of that row is this median.`,
    '',
  ];
};

/** The results as a Markdown page: machine, settings, one table with ratios, and any errors. */
export const renderReport = (results: readonly CandidateResult[], info: RunInfo): string => {
  const byId: Partial<Record<CandidateId, CandidateResult>> = {};
  for (const result of results) {
    byId[result.id] = result;
  }
  const ours = byId.ours;
  const header = [
    'figure',
    ...results.map((r) => r.label),
    'ours ÷ official',
    'ours ÷ floor',
    'target met',
  ];
  const lines = [
    `| ${header.join(' | ')} |`,
    `| ${header.map((_, index) => (index === 0 ? '---' : '---:')).join(' | ')} |`,
  ];
  for (const metric of metrics(info)) {
    const cells = results.map((r) => {
      const value = metric.value(r);
      return metric.describe?.(r) ?? (value === undefined ? '—' : metric.format(value));
    });
    const oursValue = ours ? metric.value(ours) : undefined;
    const met =
      metric.target && oursValue !== undefined ? (metric.target(oursValue, byId) ? 'yes' : 'NO') : '';
    lines.push(
      `| ${[
        metric.name,
        ...cells,
        metric.oursToOfficial
          ? ratio(metric.oursToOfficial(byId), 1)
          : ratio(oursValue, byId.official ? metric.value(byId.official) : undefined),
        ratio(oursValue, byId.floor ? metric.value(byId.floor) : undefined),
        met,
      ].join(' | ')} |`
    );
  }

  const errors = [
    ...results.flatMap((r) => r.errors.map((error) => `- ${r.label}: ${error}`)),
    ...(info.layersError ? [`- layers of a send: ${info.layersError}`] : []),
  ];
  return [
    '# Benchmarks',
    '',
    `Written by \`npm run bench${info.quick ? ' -- --quick' : ''}\` on ${info.date}${info.quick ? ' (quick run: fewer sends, fewer idle pauses)' : ''}.`,
    `Machine: ${availableParallelism()} CPUs (nproc), ${cpus()[0]?.model ?? 'unknown CPU'}; Node ${process.version}.`,
    `Latency rows go through a loopback proxy adding ${info.rttMs} ms per round trip (RT = ms ÷ ${info.rttMs}); CPU, throughput, RSS and factory rows talk to the stand-in directly.`,
    '',
    ...lines,
    '',
    ...cpuRoundsLine(byId, info.cpuRounds),
    ...(errors.length > 0 ? ['Errors:', '', ...errors, ''] : []),
    ...layerSection(info.layers),
    ...renderIdleSection(info.idle, info.idleError),
    ...method,
  ].join('\n');
};
