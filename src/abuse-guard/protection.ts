import type { AbuseProtection } from './config.js';
import { defaultIpv6SiteMultiplier, defaultPerPrefix, defaultRefusedNumberTypes } from './defaults.js';
import type { Protection } from './rules/types.js';

/**
 * The rules in force for a config. Protection is on unless the Console switch is explicitly off:
 * without `abuseProtection` (or with an emptied field) the destination rules apply with their
 * defaults, and each of them stays on until it is turned off by name (`refusedNumberTypes: []`,
 * `perPrefix: false`).
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
  const { perPrefix, ipv6SiteMultiplier, refusedNumberTypes, ...rest } = abuseProtection;
  return {
    ...rest,
    refusedNumberTypes: refusedNumberTypes ?? defaultRefusedNumberTypes,
    perPrefix: perPrefix === undefined ? defaultPerPrefix : (perPrefix ?? undefined),
    ipv6SiteMultiplier: ipv6SiteMultiplier ?? defaultIpv6SiteMultiplier,
  };
};
