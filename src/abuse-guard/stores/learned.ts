import type { LearnedLimit, LearnedRefusal } from './types.js';

/**
 * The arithmetic of a learned daily allowance, as the memory store runs it; `claimScript` runs
 * the same steps in Lua, and a test holds the two to the same answers. Days are UTC days of the
 * claim's `now`, the only clock: a simulated one drives weeks in a second.
 */

export const dayMs = 86_400_000;
/** The days of history a key keeps: two weeks, so a weekly low is never the only figure seen. */
export const historyDays = 14;
/** A key's counters outlive its last send by its history and a day, then they go. */
export const learnedTtlMs = (historyDays + 1) * dayMs;
/** The pool's counter lives a day, and a day for clocks that disagree. */
export const poolTtlMs = 2 * dayMs;

/** The UTC day a time falls on. */
export const dayOf = (now: number): number => Math.floor(now / dayMs);

/**
 * One key's counters: `paid` and `refused` on `day`, that day's `allowance`, and what was paid on
 * each of the `historyDays` days before (slot `day % historyDays`), a day that was a run counted 0.
 */
export type LearnedState = {
  day: number;
  allowance: number;
  paid: number;
  refused: number;
  history: number[];
};

/** The codes paid to every not-yet-served key on `day`. */
export type PoolState = { day: number; paid: number };

/** The pool on `day`: empty if it holds an earlier day (a later one, from a clock ahead, is kept). */
export const poolOn = (pool: PoolState | undefined, day: number): PoolState =>
  pool && pool.day >= day ? pool : { day, paid: 0 };

/** A key never seen: the floor to spend today, no history. */
export const freshState = (day: number, floor: number): LearnedState => ({
  day,
  allowance: floor,
  paid: 0,
  refused: 0,
  history: Array.from({ length: historyDays }, () => 0),
});

/** Whether the day's refusals dwarf what it paid: a run, not growth. */
export const wasRun = ({ paid, refused }: Pick<LearnedState, 'paid' | 'refused'>, dwarf: number): boolean =>
  refused > dwarf * Math.max(paid, 1);

/**
 * The counters moved on to `day`: the day they held goes into the history (0 if it was a run),
 * days without a send are 0, and the new allowance is the usual day (the most paid on any day of
 * the history) times `growth`, never below `floor`, and at most `growth` times the last allowance:
 * or no more than it, after a run. A `day` before the stored one (a clock behind another
 * instance's) counts in the stored day.
 */
export const rolledTo = (state: LearnedState, day: number, { floor, growth, dwarf }: LearnedLimit): LearnedState => {
  if (day <= state.day) {
    return state;
  }
  const run = wasRun(state, dwarf);
  const history = [...state.history];
  history[state.day % historyDays] = run ? 0 : state.paid;
  for (let skipped = state.day + 1; skipped < day && skipped <= state.day + historyDays; skipped += 1) {
    history[skipped % historyDays] = 0;
  }
  const usual = Math.max(...history);
  const target = Math.max(floor, growth * usual);
  const cap = run ? state.allowance : growth * state.allowance;
  return { day, allowance: Math.max(floor, Math.min(target, cap)), paid: 0, refused: 0, history };
};

/** A key is served once some day of its history paid a code that was not part of a run. */
export const isServed = (state: LearnedState): boolean => state.history.some((paid) => paid > 0);

/** Today's allowance: the learned one, or the floor if that is higher now (an operator raised it). */
export const allowanceOf = (state: LearnedState, { floor }: LearnedLimit): number => Math.max(state.allowance, floor);

/** Whether the key draws on the shared pool today. */
export const drawsOnPool = (state: LearnedState, { pool }: LearnedLimit): boolean => pool > 0 && !isServed(state);

/**
 * What spent the limit, or undefined when a code may go: the key's own allowance first, then
 * the pool, for a key that draws on it.
 */
export const spentBy = (
  state: LearnedState,
  /** The pool already moved on to the state's day (`poolOn`). */
  pool: PoolState,
  limit: LearnedLimit
): Omit<LearnedRefusal, 'refusedToday'> | undefined => {
  const allowance = allowanceOf(state, limit);
  if (state.paid >= allowance) {
    return { allowance, spent: 'allowance' };
  }
  if (drawsOnPool(state, limit) && pool.paid >= limit.pool) {
    return { allowance: limit.pool, spent: 'pool' };
  }
  return undefined;
};
