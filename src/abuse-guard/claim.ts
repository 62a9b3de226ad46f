import { createHash } from 'node:crypto';

import type { BudgetLimit } from './rules/index.js';
import type { Claim, Limit } from './stores/types.js';

/** 128 bits of SHA-256 in base64url: short keys, and no collision between real values. */
const digest = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 22);

/**
 * The claim one send makes on its budgets. Every key is scoped to the Tencent SMS app, so
 * tenants or connectors with their own app never share a budget, and all keys of one app share
 * one tag (its Redis Cluster slot), so one script checks and counts them together. Addresses and
 * phone numbers are hashed before they reach a store: a Redis dump or a heap snapshot shows
 * neither in the clear. The hash is not keyed (the only secret, accessKeySecret, rotates with
 * temporary credentials and would reset every budget), so it hides values from a glance, not
 * from someone who tries guesses.
 */
export const claimFor = ({
  sdkAppId,
  limits,
  phoneNumber,
  now,
}: {
  sdkAppId: string;
  limits: readonly BudgetLimit[];
  phoneNumber: string;
  now: number;
}): Claim => ({
  tag: digest(`app\n${sdkAppId}`).slice(0, 12),
  limits: limits.map((limit): Limit => {
    const key = `${limit.rule}:${digest(`${sdkAppId}\n${limit.rule}\n${limit.scope}`)}`;
    if (limit.kind === 'learned') {
      // One pool per app and rule: every scope of the rule not served yet draws on it.
      const poolKey = `${limit.rule}Pool:${digest(`${sdkAppId}\n${limit.rule}\npool`)}`;
      return { key, kind: 'learned', poolKey, ...limit.learned };
    }
    const { max, windowSeconds } = limit.budget;
    return { key, kind: limit.kind, max, windowSeconds };
  }),
  member: digest(phoneNumber),
  now,
});
