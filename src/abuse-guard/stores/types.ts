/**
 * One budget a send counts in, as a store sees it: at most `max` within any `windowSeconds`.
 * `codes` counts every code; `distinct` counts different numbers (the claim's `member`), so a
 * repeat code to a number already counted costs nothing. `key` is opaque and already
 * pseudonymised (see `claimFor`).
 */
export type Limit = {
  key: string;
  kind: 'codes' | 'distinct';
  max: number;
  windowSeconds: number;
};

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
 * `accepted`: counted in every limit. `{ refusedBy }`: the index of the first limit that is
 * spent, and nothing was counted. `unchecked`: the store could not be asked (Redis unavailable)
 * and nothing was counted there; `storeFor` then counts the claim in this process instead.
 */
export type ClaimResult = 'accepted' | 'unchecked' | { refusedBy: number };

/**
 * Where budgets are counted. `claim` checks every limit and counts the send in all of them as
 * one atomic step, so concurrent sends can never overshoot and a refused send costs nothing.
 */
export type BudgetStore = {
  claim: (claim: Claim) => Promise<ClaimResult>;
};
