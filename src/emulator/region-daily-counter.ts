const dayMs = 86_400_000;
/** Tencent's daily caps reset at midnight Beijing time (UTC+8). */
const beijingOffsetMs = 8 * 3_600_000;

/**
 * Messages delivered today per SMS app and destination region, for the app's per-region daily
 * caps. Only today's counts are kept: at most one entry per app and region, whatever the traffic.
 */
export class RegionDailyCounter {
  private day = Number.NaN;
  private readonly counts = new Map<string, number>();

  /** Messages delivered so far today (Beijing time) from `sdkAppId` to `region`. */
  count(sdkAppId: string, region: string, now: number): number {
    this.roll(now);
    return this.counts.get(`${sdkAppId}:${region}`) ?? 0;
  }

  record(sdkAppId: string, region: string, now: number): void {
    this.roll(now);
    const key = `${sdkAppId}:${region}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** Forgets today's counts, so a developer can start over without a restart. */
  clear(): void {
    this.counts.clear();
  }

  private roll(now: number): void {
    const day = Math.floor((now + beijingOffsetMs) / dayMs);
    if (day !== this.day) {
      this.day = day;
      this.counts.clear();
    }
  }
}
