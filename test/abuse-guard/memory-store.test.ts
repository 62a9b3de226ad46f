import { describe, expect, it } from 'vitest';

import { MemoryBudgetStore, sweepStep, type MemoryEntry } from '../../src/abuse-guard/stores/memory-store.js';
import type { Claim, Limit } from '../../src/abuse-guard/stores/types.js';

const codes = (key: string, max = 2, windowSeconds = 60): Limit => ({ key, kind: 'codes', max, windowSeconds });
const distinct = (key: string, max = 2, windowSeconds = 600): Limit => ({ key, kind: 'distinct', max, windowSeconds });

const claim = (limits: Limit[], now: number, member = 'n1'): Claim => ({ tag: 'app', limits, member, now });

/** A source's two budgets, as the per-source rules make them. */
const sourceLimits = (source: string) => [codes(`codes|${source}`), distinct(`numbers|${source}`)];

/** A map that counts every entry a store reads, writes, deletes or steps over. */
class CountingMap extends Map<string, MemoryEntry> {
  touched = 0;

  override get(key: string) {
    this.touched += 1;
    return super.get(key);
  }

  override set(key: string, value: MemoryEntry) {
    this.touched += 1;
    return super.set(key, value);
  }

  override delete(key: string) {
    this.touched += 1;
    return super.delete(key);
  }

  override keys(): MapIterator<string> {
    const inner = super.keys();
    const step = inner.next.bind(inner);
    const next = () => {
      this.touched += 1;
      return step();
    };
    return Object.assign(inner, { next });
  }
}

describe('MemoryBudgetStore', () => {
  it('never holds more than maxKeys entries, however many sources come', () => {
    const store = new MemoryBudgetStore({ maxKeys: 1000 });
    let accepted = 0;
    for (let index = 0; index < 20_000; index += 1) {
      accepted += store.claimNow(claim(sourceLimits(`source-${index}`), 1_000_000)) === 'accepted' ? 1 : 0;
    }
    expect(accepted).toBe(20_000);
    expect(store.size).toBeLessThanOrEqual(1000);
  });

  it('drops the least recently used key first when full', () => {
    const store = new MemoryBudgetStore({ maxKeys: 4 });
    const send = (key: string) => store.claimNow(claim([codes(key)], 0));
    send('a');
    send('a');
    send('b');
    send('c');
    send('d');
    send('d');
    // Full (4 entries): the fifth key pushes out `a`, the least recently used, and only it.
    send('e');
    expect(send('d')).toEqual({ refusedBy: 0 });
    // `a` had spent its budget of 2; forgotten, it starts afresh.
    expect(send('a')).toBe('accepted');
    // `b` went next, to make room for `a`; `c` is still there.
    send('c');
    expect(send('c')).toEqual({ refusedBy: 0 });
  });

  it('forgets expired windows a few entries per claim, until none is left', () => {
    const store = new MemoryBudgetStore();
    for (let index = 0; index < 5000; index += 1) {
      store.claimNow(claim(sourceLimits(`source-${index}`), 0));
    }
    expect(store.size).toBe(10_000);
    // Both windows (60 s and 600 s) have passed: one claim drops a few, not all.
    store.claimNow(claim([codes('late')], 601_000));
    expect(store.size).toBeGreaterThanOrEqual(10_000 - sweepStep);
    for (let index = 0; index < 10_000 / sweepStep + 1; index += 1) {
      store.claimNow(claim([codes('late', 10_000)], 601_000));
    }
    expect(store.size).toBe(1);
  });

  it('a claim on a full store touches a bounded number of entries, expired or not', () => {
    const maxKeys = 100_000;
    for (const windowSeconds of [60, 86_400]) {
      const entries = new CountingMap();
      const store = new MemoryBudgetStore({ maxKeys, entries });
      for (let index = 0; index < maxKeys / 2; index += 1) {
        store.claimNow(claim([codes(`s${index}`, 2, windowSeconds), distinct(`n${index}`, 2, windowSeconds)], 0));
      }
      expect(store.size).toBe(maxKeys);
      // A minute later: with 60 s windows every entry has expired, with a day none has; either way
      // a claim with new keys must make room and may sweep, but in small steps.
      let most = 0;
      for (let index = 0; index < 200; index += 1) {
        entries.touched = 0;
        const limits = [codes(`new-a${index}`), codes(`new-b${index}`), distinct(`new-c${index}`)];
        expect(store.claimNow(claim(limits, 60_000 + index))).toBe('accepted');
        most = Math.max(most, entries.touched);
      }
      // Per limit: read, delete, write, and an eviction (a step and a delete); per sweep step: a
      // step, a read and a delete. Nothing that grows with the store.
      expect(most).toBeLessThanOrEqual(3 * 5 + sweepStep * 3);
      expect(store.size).toBeLessThanOrEqual(maxKeys);
    }
  });

  it('counts a number once however often it is sent to, and frees it after its window', () => {
    const store = new MemoryBudgetStore();
    const numbers = [distinct('s')];
    expect(store.claimNow(claim(numbers, 0, 'x'))).toBe('accepted');
    expect(store.claimNow(claim(numbers, 1000, 'y'))).toBe('accepted');
    expect(store.claimNow(claim(numbers, 2000, 'x'))).toBe('accepted');
    expect(store.claimNow(claim(numbers, 3000, 'z'))).toEqual({ refusedBy: 0 });
    // `y` was last used at 1 s: at 601 s its place is free; `x` (last at 2 s) still counts.
    expect(store.claimNow(claim(numbers, 601_000, 'z'))).toBe('accepted');
    expect(store.claimNow(claim(numbers, 601_000, 'w'))).toEqual({ refusedBy: 0 });
  });

  it('names the first spent limit, and a refused claim counts in none of them', () => {
    const store = new MemoryBudgetStore();
    const limits = [codes('block', 3), codes('network', 1), distinct('numbers', 5)];
    expect(store.claimNow(claim(limits, 0, 'a'))).toBe('accepted');
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect(store.claimNow(claim(limits, 0, `b${attempt}`))).toEqual({ refusedBy: 1 });
    }
    // Nothing of the refused claims was counted: the block still has 2 codes, the numbers 4.
    expect(store.claimNow(claim([codes('block', 3), distinct('numbers', 5)], 0, 'c'))).toBe('accepted');
    expect(store.claimNow(claim([codes('block', 3), distinct('numbers', 5)], 0, 'd'))).toBe('accepted');
    expect(store.claimNow(claim(limits, 0, 'e'))).toEqual({ refusedBy: 0 });
    expect(store.claimNow(claim([distinct('numbers', 5)], 0, 'f'))).toBe('accepted');
    expect(store.claimNow(claim([distinct('numbers', 5)], 0, 'g'))).toBe('accepted');
    expect(store.claimNow(claim([distinct('numbers', 5)], 0, 'h'))).toEqual({ refusedBy: 0 });
  });
});
