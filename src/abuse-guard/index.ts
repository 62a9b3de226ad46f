import { toE164 } from '../phone.js';
import { readNumber } from '../numbers/index.js';

import { claimFor } from './claim.js';
import type { AbuseProtection } from './config.js';
import { protectionOf } from './protection.js';
import { budgetRules, destinationRules, type Destination } from './rules/index.js';
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
  pumpingProtection?: boolean;
  abuseProtection?: AbuseProtection;
  redisUrl?: string;
};

/** The facts of one send the guard judges. */
export type GuardedSend = {
  /** The destination as Logto passes it (read as in `requestFor`). */
  to: unknown;
  /** The end user's address as Logto passes it; absent → source budgets do not apply. */
  ip?: unknown;
  /** False for the Console's test send: the destination rules apply, budgets are left untouched. */
  countBudgets: boolean;
};

/**
 * Stops a pumping run before a message is paid for. Rules on the destination refuse a number
 * outside `allowedRegions` or of a refused type (invalid_request_parameters); budgets (a block of numbers, the
 * requester's network) refuse a send over them (rate_limit_exceeded). An accepted send is counted
 * in every budget, whatever Tencent then answers. Protection is on unless the Console switch is
 * off (see `protectionOf`).
 */
export const guardSend = async (config: GuardConfig, { to, ip, countBudgets }: GuardedSend): Promise<void> => {
  const protection = protectionOf(config);
  const typed = toE164(to);
  // A number that cannot be read never gets this far: building the request refuses it first.
  if (!protection || typed === undefined) {
    return;
  }
  // The canonical number, as Tencent receives it: every spelling of one number counts as one.
  const { e164: phoneNumber = typed, region, type } = readNumber(typed) ?? {};
  const destination: Destination = { e164: phoneNumber, region, type };
  for (const rule of destinationRules) {
    const refusal = rule(protection, destination);
    if (refusal) {
      throw refusal;
    }
  }
  if (!countBudgets) {
    return;
  }
  const source = sourceKeyOf(ip, protection.ipv4Prefix);
  const limits = budgetRules.flatMap((rule) => rule(protection, { destination, source }));
  if (limits.length === 0) {
    return;
  }
  const claim = claimFor({ sdkAppId: config.sdkAppId, limits, phoneNumber, now: Date.now() });
  const result = await storeFor(config.redisUrl).claim(claim);
  if (typeof result === 'object') {
    throw limits[result.refusedBy]!.refusal();
  }
};
