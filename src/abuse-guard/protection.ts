import type { AbuseProtection } from './config.js';
import { defaultIpv6SiteMultiplier, defaultPerPrefix } from './defaults.js';
import type { Protection } from './rules/types.js';

/**
 * The rules in force for a config. Protection is on unless the Console switch is explicitly off:
 * without `abuseProtection` (or with an emptied field) the destination rules apply with their
 * defaults, and each of them stays on until it is turned off by name (`perPrefix: false`).
 * Region lists and source budgets apply only when set.
 */
export const protectionOf = ({
  pumpingProtection,
  abuseProtection = {},
}: {
  pumpingProtection?: boolean;
  abuseProtection?: AbuseProtection;
}): Protection | undefined => {
  if (pumpingProtection === false) {
    return undefined;
  }
  const { perPrefix, ipv6SiteMultiplier, ...rest } = abuseProtection;
  return {
    ...rest,
    perPrefix: perPrefix === undefined ? defaultPerPrefix : (perPrefix ?? undefined),
    ipv6SiteMultiplier: ipv6SiteMultiplier ?? defaultIpv6SiteMultiplier,
  };
};
