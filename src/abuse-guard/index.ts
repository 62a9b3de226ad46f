import { toE164 } from '../phone.js';
import { regionOf } from '../numbers/index.js';

import { claimFor } from './claim.js';
import type { AbuseProtection } from './config.js';
import { budgetExceededError, regionNotEnabledError } from './refusals.js';
import { sourceKeyOf } from './source-key.js';
import { storeFor } from './stores/index.js';

export {
  abuseProtectionFieldGuard,
  abuseProtectionGuard,
  redisUrlGuard,
  type AbuseProtection,
} from './config.js';
export { redisUrlSecrets } from './redis-url.js';

/** What the guard reads of the connector config. */
export type GuardConfig = {
  sdkAppId: string;
  abuseProtection?: AbuseProtection;
  redisUrl?: string;
};

/** The facts of one send the guard judges. */
export type GuardedSend = {
  /** The destination as Logto passes it (read as in `requestFor`). */
  to: unknown;
  /** The end user's address as Logto passes it; absent → source budgets do not apply. */
  ip?: unknown;
  /** False for the Console's test send: the region list applies, budgets are left untouched. */
  countBudgets: boolean;
};

/**
 * Stops a pumping run before a message is paid for: refuses numbers outside `allowedRegions`
 * (invalid_request_parameters) and sends over a budget of the requester's network
 * (rate_limit_exceeded). An accepted send is counted in every budget, whatever Tencent then
 * answers. Without `abuseProtection` this does nothing.
 */
export const guardSend = async (
  { sdkAppId, abuseProtection, redisUrl }: GuardConfig,
  { to, ip, countBudgets }: GuardedSend
): Promise<void> => {
  if (!abuseProtection) {
    return;
  }
  const phoneNumber = toE164(to);
  // A number that cannot be read never gets this far: building the request refuses it first.
  if (phoneNumber === undefined) {
    return;
  }
  const { allowedRegions, perSource, distinctNumbersPerSource, ipv4Prefix } = abuseProtection;
  if (allowedRegions) {
    const region = regionOf(phoneNumber);
    if (region === undefined || !allowedRegions.includes(region)) {
      throw regionNotEnabledError(region);
    }
  }
  if (!countBudgets || (!perSource && !distinctNumbersPerSource)) {
    return;
  }
  const source = sourceKeyOf(ip, ipv4Prefix)?.network;
  if (source === undefined) {
    return;
  }
  const claim = claimFor(abuseProtection, { sdkAppId, source, phoneNumber, now: Date.now() });
  const result = await storeFor(redisUrl).claim(claim);
  if (result === 'perSource' && perSource) {
    throw budgetExceededError(result, perSource);
  }
  if (result === 'distinctNumbersPerSource' && distinctNumbersPerSource) {
    throw budgetExceededError(result, distinctNumbersPerSource);
  }
};
