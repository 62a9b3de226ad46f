import type { BudgetStore, Claim, ClaimResult, Limit } from './types.js';

/** Budget entries kept per process at most; beyond it the least recently used ones go first. */
export const defaultMaxKeys = 100_000;
/**
 * How many entries one claim looks at to drop expired ones. Small and fixed, so no claim pays for
 * the whole store; enough that a store filled by a burst is swept long before it matters (a full
 * store of 100,000 entries is walked in 6,250 claims).
 */
export const sweepStep = 16;

/** A key's recent codes (times, oldest first), or its recent numbers (number → last time). */
export type MemoryEntry =
  | { kind: 'codes'; expiresAt: number; times: number[] }
  | { kind: 'distinct'; expiresAt: number; members: Map<string, number> };

export type MemoryStoreOptions = {
  maxKeys?: number;
  /** Where entries are held; a test passes a map that counts what a claim touches. */
  entries?: Map<string, MemoryEntry>;
};

/** The entry's events still in the window. Both are kept oldest first, so trimming costs what expired. */
const trimmed = (entry: MemoryEntry, after: number): MemoryEntry => {
  if (entry.kind === 'codes') {
    let expired = 0;
    while (expired < entry.times.length && entry.times[expired]! <= after) {
      expired += 1;
    }
    entry.times.splice(0, expired);
  } else {
    for (const [member, time] of entry.members) {
      if (time > after) {
        break;
      }
      entry.members.delete(member);
    }
  }
  return entry;
};

const isSpent = (entry: MemoryEntry, max: number, member: string): boolean =>
  entry.kind === 'codes'
    ? entry.times.length >= max
    : entry.members.size >= max && !entry.members.has(member);

const emptyEntry = (kind: Limit['kind']): MemoryEntry =>
  kind === 'codes' ? { kind, expiresAt: 0, times: [] } : { kind, expiresAt: 0, members: new Map() };

/**
 * Budgets counted in this process: sliding windows kept as the times of recent codes and the last
 * time of each recent number. A claim runs synchronously, so it is atomic however many sends are
 * in flight. Bounded in memory and in work: past `maxKeys` the least recently used entry makes
 * room (forgetting that key's spending, never refusing), and each claim looks at a few more
 * entries to drop expired ones, so no claim ever walks the whole store.
 */
export class MemoryBudgetStore implements BudgetStore {
  private readonly maxKeys: number;
  private readonly entries: Map<string, MemoryEntry>;
  /**
   * Walks the entries oldest first, deleting each one it passes: so its next key is always the
   * least recently used (a touched entry is re-inserted at the end). Kept across claims, it never
   * revisits the slots of deleted entries, which a fresh iterator would walk every time.
   */
  private evictCursor: Iterator<string> | undefined;
  /** Walks the entries a few per claim, dropping those whose window has passed. */
  private sweepCursor: Iterator<string> | undefined;

  constructor({ maxKeys = defaultMaxKeys, entries = new Map() }: MemoryStoreOptions = {}) {
    this.maxKeys = maxKeys;
    this.entries = entries;
  }

  /** How many entries are held now (for tests of the bound). */
  get size(): number {
    return this.entries.size;
  }

  async claim(claim: Claim): Promise<ClaimResult> {
    return this.claimNow(claim);
  }

  /** The claim without the promise: what `claim` does, in one synchronous step. */
  claimNow({ limits, member, now }: Claim): ClaimResult {
    this.sweepSome(now);
    const current = limits.map(({ key, kind, windowSeconds }) => {
      const entry = this.entries.get(key);
      return entry?.kind === kind ? trimmed(entry, now - windowSeconds * 1000) : emptyEntry(kind);
    });
    const refusedBy = limits.findIndex(({ max }, index) => isSpent(current[index]!, max, member));
    if (refusedBy >= 0) {
      return { refusedBy };
    }
    for (const [index, { key, windowSeconds }] of limits.entries()) {
      const entry = current[index]!;
      if (entry.kind === 'codes') {
        entry.times.push(now);
      } else {
        // Re-inserted so the map stays ordered oldest first.
        entry.members.delete(member);
        entry.members.set(member, now);
      }
      entry.expiresAt = now + windowSeconds * 1000;
      this.store(key, entry);
    }
    return 'accepted';
  }

  /** Stores the entry as the most recently used, making room when the bound is reached. */
  private store(key: string, entry: MemoryEntry) {
    if (!this.entries.delete(key) && this.entries.size >= this.maxKeys) {
      this.evictOldest();
    }
    this.entries.set(key, entry);
  }

  private evictOldest() {
    while (this.entries.size > 0) {
      this.evictCursor ??= this.entries.keys();
      const next = this.evictCursor.next();
      if (next.done) {
        // Map iterators stay done: entries added since need a fresh one.
        this.evictCursor = undefined;
      } else if (this.entries.delete(next.value)) {
        return;
      }
    }
  }

  private sweepSome(now: number) {
    for (let step = 0; step < sweepStep; step += 1) {
      this.sweepCursor ??= this.entries.keys();
      const next = this.sweepCursor.next();
      if (next.done) {
        // Start over on the next claim: one pass per claim at most.
        this.sweepCursor = undefined;
        return;
      }
      if (this.entries.get(next.value)!.expiresAt <= now) {
        this.entries.delete(next.value);
      }
    }
  }
}
