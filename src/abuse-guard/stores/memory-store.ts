import {
  dayOf,
  drawsOnPool,
  freshState,
  learnedTtlMs,
  poolOn,
  poolTtlMs,
  rolledTo,
  spentBy,
  type LearnedState,
  type PoolState,
} from './learned.js';
import type { BudgetStore, Claim, ClaimResult, LearnedLimit, WindowLimit } from './types.js';

/** Budget entries kept per process at most; beyond it the least recently used ones go first. */
export const defaultMaxKeys = 100_000;
/**
 * How many entries one claim looks at to drop expired ones. Small and fixed, so no claim pays for
 * the whole store; enough that a store filled by a burst is swept long before it matters (a full
 * store of 100,000 entries is walked in 6,250 claims).
 */
export const sweepStep = 16;

/**
 * A key's recent codes (times, oldest first), its recent numbers (number → last time), a learned
 * limit's daily counters, or a pool's count for the day.
 */
export type MemoryEntry =
  | { kind: 'codes'; expiresAt: number; times: number[] }
  | { kind: 'distinct'; expiresAt: number; members: Map<string, number> }
  | { kind: 'learned'; expiresAt: number; state: LearnedState }
  | { kind: 'pool'; expiresAt: number; pool: PoolState };

type WindowEntry = Extract<MemoryEntry, { kind: 'codes' | 'distinct' }>;
/** A learned limit's counters as this claim sees them, and the pool's. */
type LearnedNow = { kind: 'learned'; state: LearnedState; pool: PoolState };

export type MemoryStoreOptions = {
  maxKeys?: number;
  /** Where entries are held; a test passes a map that counts what a claim touches. */
  entries?: Map<string, MemoryEntry>;
};

/** The entry's events still in the window. Both are kept oldest first, so trimming costs what expired. */
const trimmed = (entry: WindowEntry, after: number): WindowEntry => {
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

const isSpent = (entry: WindowEntry, max: number, member: string): boolean =>
  entry.kind === 'codes'
    ? entry.times.length >= max
    : entry.members.size >= max && !entry.members.has(member);

const emptyEntry = (kind: WindowLimit['kind']): WindowEntry =>
  kind === 'codes' ? { kind, expiresAt: 0, times: [] } : { kind, expiresAt: 0, members: new Map() };

/**
 * Budgets counted in this process: sliding windows kept as the times of recent codes and the last
 * time of each recent number, and learned daily allowances as a fixed set of counters per key (see
 * learned.ts). A claim runs synchronously, so it is atomic however many sends are
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
    const current: Array<WindowEntry | LearnedNow> = [];
    for (const [index, limit] of limits.entries()) {
      if (limit.kind === 'learned') {
        const learned = this.learnedNow(limit, now);
        const spent = spentBy(learned.state, learned.pool, limit);
        if (spent) {
          // A refusal is counted, so the day can tell a run from growth; nothing else is.
          learned.state.refused += 1;
          this.store(limit.key, { kind: 'learned', expiresAt: now + learnedTtlMs, state: learned.state });
          return { refusedBy: index, learned: { ...spent, refusedToday: learned.state.refused } };
        }
        current.push(learned);
        continue;
      }
      const entry = this.entries.get(limit.key);
      const window = entry?.kind === limit.kind ? trimmed(entry, now - limit.windowSeconds * 1000) : emptyEntry(limit.kind);
      if (isSpent(window, limit.max, member)) {
        return { refusedBy: index };
      }
      current.push(window);
    }
    for (const [index, limit] of limits.entries()) {
      const entry = current[index]!;
      if (entry.kind === 'learned') {
        this.countLearned(limit as LearnedLimit, entry, now);
      } else {
        this.countWindow(limit as WindowLimit, entry, member, now);
      }
    }
    return 'accepted';
  }

  /** A learned limit's counters and its pool, moved on to the claim's day. */
  private learnedNow(limit: LearnedLimit, now: number): LearnedNow {
    const day = dayOf(now);
    const stored = this.entries.get(limit.key);
    const state = stored?.kind === 'learned' ? rolledTo(stored.state, day, limit) : freshState(day, limit.floor);
    const pooled = this.entries.get(limit.poolKey);
    return { kind: 'learned', state, pool: poolOn(pooled?.kind === 'pool' ? pooled.pool : undefined, state.day) };
  }

  private countLearned(limit: LearnedLimit, { state, pool }: LearnedNow, now: number) {
    if (drawsOnPool(state, limit)) {
      this.store(limit.poolKey, { kind: 'pool', expiresAt: now + poolTtlMs, pool: { day: pool.day, paid: pool.paid + 1 } });
    }
    state.paid += 1;
    this.store(limit.key, { kind: 'learned', expiresAt: now + learnedTtlMs, state });
  }

  private countWindow(limit: WindowLimit, entry: WindowEntry, member: string, now: number) {
    if (entry.kind === 'codes') {
      entry.times.push(now);
    } else {
      // Re-inserted so the map stays ordered oldest first.
      entry.members.delete(member);
      entry.members.set(member, now);
    }
    entry.expiresAt = now + limit.windowSeconds * 1000;
    this.store(limit.key, entry);
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
