import type { FrequencyLimits } from './account.js';
import type { TencentCode } from './error-catalog.js';

const windows = [
  { key: 'perThirtySeconds', ms: 30_000, code: 'LimitExceeded.PhoneNumberThirtySecondLimit' },
  { key: 'perHour', ms: 3_600_000, code: 'LimitExceeded.PhoneNumberOneHourLimit' },
  { key: 'perDay', ms: 86_400_000, code: 'LimitExceeded.PhoneNumberDailyLimit' },
] as const satisfies ReadonlyArray<{ key: keyof FrequencyLimits; ms: number; code: TencentCode }>;

/**
 * Tencent's per-number sending policy: only delivered messages count, and the first window that
 * is full decides the per-number error code.
 */
export class FrequencyLimiter {
  private readonly sent = new Map<string, number[]>();

  constructor(private readonly limits: FrequencyLimits) {}

  /** The limit code this number would hit at `now`, or undefined when it may receive. */
  check(phone: string, now: number): TencentCode | undefined {
    const history = this.sent.get(phone) ?? [];
    for (const window of windows) {
      const limit = this.limits[window.key];
      if (limit === 0) {
        continue;
      }
      const inWindow = history.filter((time) => now - time < window.ms).length;
      if (inWindow >= limit) {
        return window.code;
      }
    }
    return undefined;
  }

  /** Counts a delivered message; history older than a day is dropped to bound memory. */
  record(phone: string, now: number): void {
    const recent = (this.sent.get(phone) ?? []).filter((time) => now - time < 86_400_000);
    recent.push(now);
    this.sent.set(phone, recent);
  }

  /** Forgets every number's history, so a developer can start over without a restart. */
  clear(): void {
    this.sent.clear();
  }
}
