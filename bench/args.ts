import { candidateIds, type CandidateId } from './candidates/index.js';

export type BenchArgs = {
  readonly quick: boolean;
  readonly rttMs: number;
  readonly only: readonly CandidateId[];
  readonly out: string;
  readonly cpuProf: boolean;
  /** CPU rounds over all candidates; the plan's default when absent. */
  readonly cpuRounds?: number;
  /** Only the per-layer CPU table, printed (a minute; for work on the send path). */
  readonly layersOnly: boolean;
  /** Only the idle-connection section, printed (about half a minute). */
  readonly idleOnly: boolean;
  /** Only the first send after start, in fresh processes, printed (`--only` applies). */
  readonly firstOnly: boolean;
};

const usage = `npm run bench -- [--quick] [--rtt 40] [--only ours,floor] [--out docs/benchmarks.md] [--cpu-prof] [--rounds 3] [--layers | --idle | --first]`;

/** Parses the bench's command line; unknown flags stop the run with the usage line. */
export const parseArgs = (argv: readonly string[]): BenchArgs => {
  let quick = false;
  let rttMs = 40;
  let only: CandidateId[] = [...candidateIds];
  let out: string | undefined;
  let cpuProf = false;
  let cpuRounds: number | undefined;
  let layersOnly = false;
  let idleOnly = false;
  let firstOnly = false;
  let onlyGiven = false;
  for (let index = 0; index < argv.length; index += 1) {
    const [flag, inline] = argv[index]!.split('=', 2) as [string, string | undefined];
    const value = () => inline ?? argv[(index += 1)] ?? '';
    switch (flag) {
      case '--quick':
        quick = true;
        break;
      case '--rtt':
        rttMs = Number(value());
        break;
      case '--only':
        only = value().split(',') as CandidateId[];
        onlyGiven = true;
        break;
      case '--out':
        out = value();
        break;
      case '--cpu-prof':
        cpuProf = true;
        break;
      case '--layers':
        layersOnly = true;
        break;
      case '--idle':
        idleOnly = true;
        break;
      case '--first':
        firstOnly = true;
        break;
      case '--rounds':
        cpuRounds = Number(value());
        break;
      default:
        throw new Error(`unknown argument ${flag}\nusage: ${usage}`);
    }
  }
  if (!Number.isFinite(rttMs) || rttMs < 0 || rttMs > 1000) {
    throw new Error(`--rtt must be 0–1000 ms\nusage: ${usage}`);
  }
  if (layersOnly && (cpuRounds !== undefined || out !== undefined || onlyGiven)) {
    throw new Error(`--layers prints one table and runs no candidates: --rounds, --out and --only do not apply\nusage: ${usage}`);
  }
  if ([layersOnly, idleOnly, firstOnly].filter(Boolean).length > 1) {
    throw new Error(`--layers, --idle and --first each print one part: give one of them\nusage: ${usage}`);
  }
  if ((idleOnly || firstOnly) && (cpuRounds !== undefined || out !== undefined)) {
    throw new Error(`--idle and --first print their part and run no CPU jobs: --rounds and --out do not apply\nusage: ${usage}`);
  }
  if (idleOnly && onlyGiven) {
    throw new Error(`--idle measures this connector's transport only: --only does not apply\nusage: ${usage}`);
  }
  if (cpuRounds !== undefined && !(Number.isInteger(cpuRounds) && cpuRounds >= 1 && cpuRounds <= 20)) {
    throw new Error(`--rounds must be 1–20\nusage: ${usage}`);
  }
  const unknown = only.filter((id) => !candidateIds.includes(id));
  if (unknown.length > 0) {
    throw new Error(`unknown candidate ${unknown.join(', ')}; known: ${candidateIds.join(', ')}`);
  }
  // A quick run must not overwrite the committed full figures unless asked to.
  return { quick, rttMs, only, out: out ?? (quick ? '.tmp/benchmarks-quick.md' : 'docs/benchmarks.md'), cpuProf, cpuRounds, layersOnly, idleOnly, firstOnly };
};
