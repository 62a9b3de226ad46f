import type { FrequencyLimits } from './account.js';
import type { TencentCode } from './error-catalog.js';

const windows = [
  { key: 'perThirtySeconds', ms: 30_000, code: 'LimitExceeded.PhoneNumberThirtySecondLimit' },
  { key: 'perHour', ms: 3_600_000, code: 'LimitExceeded.PhoneNumberOneHourLimit' },
  { key: 'perDay', ms: 86_400_000, code: 'LimitExceeded.PhoneNumberDailyLimit' },
] as const satisfies ReadonlyArray<{ key: keyof FrequencyLimits; ms: number; code: TencentCode }>;

/** How many numbers the limiter tracks at most unless told otherwise. */
export const defaultMaxTrackedNumbers = 100_000;

/**
 * Tencent's per-number sending policy: only delivered messages count, and the first window that
 * is full decides the per-number error code.
 *
 * Memory stays bounded however many numbers are sent to: a number's history holds only what a
 * limit can still see (sends inside the longest enabled window, and no more of them than the
 * largest limit), a number whose history has expired is forgotten, and beyond `maxNumbers` the
 * number idle longest is forgotten first — its limits start over, which only matters to a client
 * flooding the emulator with more distinct numbers than that within a day.
 */
export class FrequencyLimiter {
  /** Insertion order is last-send order, so expired and idle numbers sit at the front. */
  private readonly sent = new Map<string, number[]>();
  private readonly enabled: ReadonlyArray<(typeof windows)[number] & { limit: number }>;
  private readonly horizonMs: number;
  private readonly keep: number;

  constructor(
    limits: FrequencyLimits,
    private readonly maxNumbers: number = defaultMaxTrackedNumbers
  ) {
    this.enabled = windows
      .map((window) => ({ ...window, limit: limits[window.key] }))
      .filter((window) => window.limit > 0);
    this.horizonMs = Math.max(0, ...this.enabled.map((window) => window.ms));
    this.keep = Math.max(0, ...this.enabled.map((window) => window.limit));
  }

  /** The limit code this number would hit at `now`, or undefined when it may receive. */
  check(phone: string, now: number): TencentCode | undefined {
    const history = this.sent.get(phone) ?? [];
    for (const window of this.enabled) {
      const inWindow = history.filter((time) => now - time < window.ms).length;
      if (inWindow >= window.limit) {
        return window.code;
      }
    }
    return undefined;
  }

  /** Counts a delivered message, and forgets what no limit can see any more. */
  record(phone: string, now: number): void {
    if (this.enabled.length === 0) {
      return;
    }
    // The newest `keep` sends decide every limit: a window holds `limit` sends exactly when the
    // limit-th newest send lies inside it.
    const recent = (this.sent.get(phone) ?? []).filter((time) => now - time < this.horizonMs);
    recent.push(now);
    this.sent.delete(phone);
    this.sent.set(phone, recent.slice(-this.keep));
    this.forgetExpired(now);
  }

  /** Numbers with a history: bounded by `maxNumbers`, and shrinking as histories expire. */
  get size(): number {
    return this.sent.size;
  }

  /** Forgets every number's history, so a developer can start over without a restart. */
  clear(): void {
    this.sent.clear();
  }

  private forgetExpired(now: number): void {
    for (const [phone, history] of this.sent) {
      const newest = history.at(-1) ?? Number.NEGATIVE_INFINITY;
      if (this.sent.size <= this.maxNumbers && now - newest < this.horizonMs) {
        // Everything after this number was sent to more recently: nothing further is expired.
        return;
      }
      this.sent.delete(phone);
    }
  }
}
