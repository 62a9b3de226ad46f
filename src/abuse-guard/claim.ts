import { createHash } from 'node:crypto';

import type { AbuseProtection } from './config.js';
import type { BudgetClaim } from './stores/types.js';

/** 128 bits of SHA-256 in base64url: short keys, and no collision between real values. */
const digest = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 22);

/**
 * The claim one send makes. The source is scoped to the Tencent SMS app, so tenants or
 * connectors with their own app never share a budget. Addresses and phone numbers are hashed
 * before they reach a store: a Redis dump or a heap snapshot shows neither in the clear. The hash
 * is not keyed (the only secret, accessKeySecret, rotates with temporary credentials and would
 * reset every budget), so it hides values from a glance, not from someone who tries guesses.
 */
export const claimFor = (
  protection: AbuseProtection,
  { sdkAppId, source, phoneNumber, now }: { sdkAppId: string; source: string; phoneNumber: string; now: number }
): BudgetClaim => ({
  source: digest(`${sdkAppId}\n${source}`),
  number: digest(phoneNumber),
  now,
  perSource: protection.perSource,
  distinctNumbersPerSource: protection.distinctNumbersPerSource,
});
