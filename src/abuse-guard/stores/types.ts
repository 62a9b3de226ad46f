import type { Budget } from '../config.js';
import type { BudgetName } from '../refusals.js';

/**
 * One send's claim on the budgets of its source. `source` and `number` are opaque, already
 * pseudonymised keys (see `claimFor`); `now` is in milliseconds.
 */
export type BudgetClaim = {
  source: string;
  number: string;
  now: number;
  perSource?: Budget;
  distinctNumbersPerSource?: Budget;
};

/**
 * `accepted`: counted in every budget. A budget's name: that budget is spent and nothing was
 * counted. `unchecked`: the store could not be asked (Redis down or slow) and the send goes
 * ahead uncounted.
 */
export type ClaimResult = 'accepted' | 'unchecked' | BudgetName;

/**
 * Where budgets are counted. `claim` checks every budget and counts the send in all of them as
 * one atomic step, so concurrent sends can never overshoot and a refused send costs nothing.
 */
export type BudgetStore = {
  claim: (claim: BudgetClaim) => Promise<ClaimResult>;
};
