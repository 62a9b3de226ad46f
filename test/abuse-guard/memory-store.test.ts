import { describe, expect, it } from 'vitest';

import { MemoryBudgetStore } from '../../src/abuse-guard/stores/memory-store.js';
import type { BudgetClaim } from '../../src/abuse-guard/stores/types.js';

const claim = (source: string, now: number, extra: Partial<BudgetClaim> = {}): BudgetClaim => ({
  source,
  number: 'n1',
  now,
  perSource: { max: 2, windowSeconds: 60 },
  distinctNumbersPerSource: { max: 2, windowSeconds: 600 },
  ...extra,
});

describe('MemoryBudgetStore', () => {
  it('never holds more than maxKeys entries, however many sources come', () => {
    const store = new MemoryBudgetStore(1000);
    let accepted = 0;
    for (let index = 0; index < 20_000; index += 1) {
      accepted += store.claimNow(claim(`source-${index}`, 1_000_000)) === 'accepted' ? 1 : 0;
    }
    expect(accepted).toBe(20_000);
    expect(store.size).toBeLessThanOrEqual(1000);
  });

  it('drops the least recently used source first when full', () => {
    const store = new MemoryBudgetStore(4);
    const budgetOnly = { distinctNumbersPerSource: undefined };
    store.claimNow(claim('a', 0, budgetOnly));
    store.claimNow(claim('a', 0, budgetOnly));
    store.claimNow(claim('b', 0, budgetOnly));
    store.claimNow(claim('c', 0, budgetOnly));
    store.claimNow(claim('d', 0, budgetOnly));
    store.claimNow(claim('d', 0, budgetOnly));
    // Full (4 entries): the fifth source pushes out `a`, the least recently used, and only it.
    store.claimNow(claim('e', 0, budgetOnly));
    expect(store.claimNow(claim('d', 0, budgetOnly))).toBe('perSource');
    // `a` had spent its budget of 2; forgotten, it starts afresh.
    expect(store.claimNow(claim('a', 0, budgetOnly))).toBe('accepted');
  });

  it('forgets expired windows in its regular sweep, so idle sources cost nothing', () => {
    const store = new MemoryBudgetStore();
    for (let index = 0; index < 5000; index += 1) {
      store.claimNow(claim(`source-${index}`, 0));
    }
    expect(store.size).toBe(10_000);
    // Both windows (60 s and 600 s) have passed, and so has the sweep interval.
    store.claimNow(claim('late', 601_000));
    expect(store.size).toBe(2);
  });

  it('counts a number once however often it is sent to, and frees it after its window', () => {
    const store = new MemoryBudgetStore();
    const numbersOnly = { perSource: undefined };
    expect(store.claimNow(claim('s', 0, { ...numbersOnly, number: 'x' }))).toBe('accepted');
    expect(store.claimNow(claim('s', 1000, { ...numbersOnly, number: 'y' }))).toBe('accepted');
    expect(store.claimNow(claim('s', 2000, { ...numbersOnly, number: 'x' }))).toBe('accepted');
    expect(store.claimNow(claim('s', 3000, { ...numbersOnly, number: 'z' }))).toBe('distinctNumbersPerSource');
    // `y` was last used at 1 s: at 601 s its place is free; `x` (last at 2 s) still counts.
    expect(store.claimNow(claim('s', 601_000, { ...numbersOnly, number: 'z' }))).toBe('accepted');
    expect(store.claimNow(claim('s', 601_000, { ...numbersOnly, number: 'w' }))).toBe('distinctNumbersPerSource');
  });
});
