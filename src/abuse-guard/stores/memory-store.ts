import type { BudgetClaim, BudgetStore, ClaimResult } from './types.js';

/** Budget entries kept per process at most; beyond it the least recently used ones go first. */
export const defaultMaxKeys = 100_000;
/** How often, at most, a claim sweeps out every entry whose window has passed. */
const sweepIntervalMs = 60_000;

/** A source's recent codes (times), or its recent numbers (number → last time). */
type Entry =
  | { kind: 'codes'; expiresAt: number; times: number[] }
  | { kind: 'numbers'; expiresAt: number; numbers: Map<string, number> };

/**
 * Budgets counted in this process: sliding windows kept as the times of recent codes and the
 * last time of each recent number. A claim runs synchronously, so it is atomic however many
 * sends are in flight. Bounded: expired entries are swept once a minute, and past `maxKeys` the
 * least recently used entries are dropped (forgetting a source's spending, never refusing).
 */
export class MemoryBudgetStore implements BudgetStore {
  private readonly entries = new Map<string, Entry>();
  private nextSweepAt = 0;

  constructor(private readonly maxKeys = defaultMaxKeys) {}

  /** How many entries are held now (for tests of the bound). */
  get size(): number {
    return this.entries.size;
  }

  async claim(claim: BudgetClaim): Promise<ClaimResult> {
    return this.claimNow(claim);
  }

  /** The claim without the promise: what `claim` does, in one synchronous step. */
  claimNow({ source, number, now, perSource, distinctNumbersPerSource }: BudgetClaim): ClaimResult {
    this.sweepIfDue(now);
    const codesKey = `codes|${source}`;
    const numbersKey = `numbers|${source}`;

    const times = perSource
      ? this.recentTimes(codesKey, now - perSource.windowSeconds * 1000)
      : undefined;
    if (perSource && times && times.length >= perSource.max) {
      return 'perSource';
    }
    const numbers = distinctNumbersPerSource
      ? this.recentNumbers(numbersKey, now - distinctNumbersPerSource.windowSeconds * 1000)
      : undefined;
    if (
      distinctNumbersPerSource &&
      numbers &&
      !numbers.has(number) &&
      numbers.size >= distinctNumbersPerSource.max
    ) {
      return 'distinctNumbersPerSource';
    }

    if (perSource && times) {
      times.push(now);
      this.store(codesKey, { kind: 'codes', expiresAt: now + perSource.windowSeconds * 1000, times });
    }
    if (distinctNumbersPerSource && numbers) {
      // Re-inserted so the map stays ordered oldest first.
      numbers.delete(number);
      numbers.set(number, now);
      this.store(numbersKey, {
        kind: 'numbers',
        expiresAt: now + distinctNumbersPerSource.windowSeconds * 1000,
        numbers,
      });
    }
    return 'accepted';
  }

  /**
   * The source's codes still in the window. Times are appended as they come, so the expired ones
   * are at the front: dropping them costs what expired, not what the budget holds.
   */
  private recentTimes(key: string, after: number): number[] {
    const entry = this.entries.get(key);
    if (entry?.kind !== 'codes') {
      return [];
    }
    const { times } = entry;
    let expired = 0;
    while (expired < times.length && times[expired]! <= after) {
      expired += 1;
    }
    times.splice(0, expired);
    return times;
  }

  /** The source's numbers still in the window; the map is kept ordered by last use. */
  private recentNumbers(key: string, after: number): Map<string, number> {
    const entry = this.entries.get(key);
    if (entry?.kind !== 'numbers') {
      return new Map();
    }
    for (const [number, time] of entry.numbers) {
      if (time > after) {
        break;
      }
      entry.numbers.delete(number);
    }
    return entry.numbers;
  }

  /** Stores the entry as the most recently used, making room when the bound is reached. */
  private store(key: string, entry: Entry) {
    this.entries.delete(key);
    if (this.entries.size >= this.maxKeys) {
      this.evictLeastRecentlyUsed();
    }
    this.entries.set(key, entry);
  }

  /**
   * Drops the least recently used tenth in one pass: evicting one entry per claim would walk the
   * map's deleted slots every time and make a full store slow.
   */
  private evictLeastRecentlyUsed() {
    let excess = this.entries.size - Math.floor(this.maxKeys * 0.9);
    for (const key of this.entries.keys()) {
      if (excess <= 0) {
        break;
      }
      this.entries.delete(key);
      excess -= 1;
    }
  }

  private sweepIfDue(now: number) {
    if (now >= this.nextSweepAt) {
      this.nextSweepAt = now + sweepIntervalMs;
      this.sweep(now);
    }
  }

  private sweep(now: number) {
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt <= now) {
        this.entries.delete(key);
      }
    }
  }
}
