/**
 * A budget over a sliding window, as a store sees it: at most `max` within any `windowSeconds`.
 * `codes` counts every code; `distinct` counts different numbers (the claim's `member`), so a
 * repeat code to a number already counted costs nothing. `key` is opaque and already
 * pseudonymised (see `claimFor`).
 */
export type WindowLimit = {
  key: string;
  kind: 'codes' | 'distinct';
  max: number;
  windowSeconds: number;
};

/**
 * A daily allowance learned from what the key was paid on recent UTC days (see learned.ts for
 * the arithmetic both stores share). `poolKey` counts, per day, the codes of every key that has
 * not been served yet and draws on the pool (`pool` > 0): they share `pool` codes a day.
 */
export type LearnedLimit = {
  key: string;
  kind: 'learned';
  poolKey: string;
  /** The allowance never drops below this. */
  floor: number;
  /** Codes a day shared by every key not served yet; 0: this key never draws on the pool. */
  pool: number;
  /** An allowance is at most this many times the usual day, and grows at most this much a day. */
  growth: number;
  /** A day refused more than this many times what it paid does not raise the allowance. */
  dwarf: number;
};

/** One budget a send counts in. */
export type Limit = WindowLimit | LearnedLimit;

/**
 * One send's claim on every budget it counts in. `tag` is shared by all its keys: in Redis it
 * is the hash tag that puts them in one slot, so one script can check and count them on a
 * cluster. `member` is the pseudonymised number; `now` is in milliseconds.
 */
export type Claim = {
  tag: string;
  limits: readonly Limit[];
  member: string;
  now: number;
};

/**
 * How a learned limit refused: today's refusals of its key (this one included, across every
 * instance sharing the store), and what was spent: the key's own `allowance`, or the `pool`.
 */
export type LearnedRefusal = { refusedToday: number; allowance: number; spent: 'allowance' | 'pool' };

/** A refusal: the index of the first spent limit, and, for a learned limit, how it refused. */
export type Refused = { refusedBy: number; learned?: LearnedRefusal };

/**
 * `accepted`: counted in every limit. `Refused`: the first limit that is spent; nothing was
 * counted but a learned limit's refusal counter. `unchecked`: the store could not be asked (Redis
 * unavailable) and nothing was counted there; `storeFor` then counts the claim in this process
 * instead.
 */
export type ClaimResult = 'accepted' | 'unchecked' | Refused;

/**
 * Where budgets are counted. `claim` checks every limit and counts the send in all of them as
 * one atomic step, so concurrent sends can never overshoot and a refused send costs nothing.
 */
export type BudgetStore = {
  claim: (claim: Claim) => Promise<ClaimResult>;
};
