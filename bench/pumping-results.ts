import type { ConfigId, PumpingConfig } from './pumping-configs.js';
import type { CountryOutcome } from './pumping-country.js';
import type { RunOutcome } from './pumping-play.js';
import type { PumpingRun } from './pumping-runs.js';

/** What one `npm run bench:pumping` measured, and the names the report uses for it. */

/** The heading that starts this section in docs/benchmarks.md; `npm run bench` keeps it. */
export const pumpingHeading = '## SMS pumping runs';

/** At most this many codes paid for in a block-pumping run counts as stopped. */
export const attackBound = 50;

export type StoreId = 'memory' | 'redis' | 'cluster';
export const storeLabels: Record<StoreId, string> = {
  memory: 'in process',
  redis: 'Redis (1 node)',
  cluster: 'Redis Cluster (3 nodes)',
};

export type CostCell = {
  durationsUs: number[];
  cpuUs: number;
  calls: number;
  /** Runs whose accepted count differs from the in-process replay: id → [in process, here]. */
  differs: Array<{ run: string; memory: number; here: number }>;
  /** Why the store was not measured. */
  skipped?: string;
  /** The block run as one burst (`burstInFlight` at once): sends the guard accepted. */
  burstAccepted?: number;
};

/** Sends in flight at once in the burst replay. */
export const burstInFlight = 32;

export type PumpingResults = {
  quick: boolean;
  date: string;
  node: string;
  runs: PumpingRun[];
  configs: PumpingConfig[];
  outcomes: Map<string, RunOutcome>;
  costs: Map<string, CostCell>;
  stores: StoreId[];
  storeNotes: Partial<Record<StoreId, string>>;
  /** The abuse-protection value of each configuration, per audience, as sent. */
  settings: Array<{ config: string; audience: string; value: string }>;
  /** The per-country runs on a simulated clock, with their bounds. */
  country: CountryOutcome[];
};

export const outcomeKey = (config: ConfigId, run: string) => `${config}|${run}`;
export const costKey = (config: ConfigId, store: StoreId) => `${config}|${store}`;

/** A count as the report writes it: 3,300. */
export const count = (value: number) => value.toLocaleString('en-US');
