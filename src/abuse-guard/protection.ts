import type { AbuseProtection } from './config.js';
import { defaultIpv6SiteMultiplier, defaultPerCountry, defaultPerPrefix, defaultRefusedNumberTypes } from './defaults.js';
import type { Protection } from './rules/types.js';

/**
 * The rules in force for a config. Protection is on unless the Console switch is explicitly off:
 * without `abuseProtection` (or with an emptied field) the destination rules and the per-country
 * budgets apply with their defaults, and each of them stays on until it is turned off by name
 * (`refusedNumberTypes: []`, `perPrefix: false`, `perCountry: false`). The per-country budgets
 * do not read the International switch: with it off only mainland numbers are sent, which they
 * leave alone; a config without the switch sends everywhere, and they apply.
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
  const { perPrefix, perCountry, ipv6SiteMultiplier, refusedNumberTypes, ...rest } = abuseProtection;
  return {
    ...rest,
    refusedNumberTypes: refusedNumberTypes ?? defaultRefusedNumberTypes,
    perPrefix: perPrefix === undefined ? defaultPerPrefix : (perPrefix ?? undefined),
    perCountry: perCountry === undefined ? defaultPerCountry : (perCountry ?? undefined),
    ipv6SiteMultiplier: ipv6SiteMultiplier ?? defaultIpv6SiteMultiplier,
  };
};
