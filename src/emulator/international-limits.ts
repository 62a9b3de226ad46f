import type { App } from './account.js';
import type { TencentCode } from './error-catalog.js';
import type { RegionDailyCounter } from './region-daily-counter.js';

/**
 * Whether the app's international SMS limits let a message go to `region` now: outside the app's
 * list of regions (or in its blocked ones) is `AppCountryOrRegionInBlacklist`, a region whose daily
 * cap is used up is `AppCountryOrRegionDailyLimit`. Both come back per number, as Tencent does.
 */
export const internationalLimitCode = (
  app: App,
  region: string,
  counter: RegionDailyCounter,
  now: number
): TencentCode | undefined => {
  const { allowedRegions, blockedRegions, regionDailyLimits } = app.internationalLimits;
  if ((allowedRegions && !allowedRegions.includes(region)) || blockedRegions.includes(region)) {
    return 'LimitExceeded.AppCountryOrRegionInBlacklist';
  }
  const cap = regionDailyLimits[region] ?? regionDailyLimits['*'];
  if (cap !== undefined && counter.count(app.sdkAppId, region, now) >= cap) {
    return 'LimitExceeded.AppCountryOrRegionDailyLimit';
  }
  return undefined;
};
