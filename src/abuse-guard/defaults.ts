import type { NumberType } from '../numbers/number-type.js';

/**
 * What the guard does when the operator has not said otherwise. Kept free of imports beyond the
 * number-type names, so the Console form can show these values without loading the guard.
 */

/**
 * Types no person signs in with, and the ones SMS pumping pays itself through: premium-rate and
 * shared-cost numbers pass part of the charge to their holder; toll-free, UAN, voicemail and
 * pager numbers are service lines; personal numbers forward to wherever their holder says.
 */
export const defaultRefusedNumberTypes: readonly NumberType[] = [
  'premium-rate',
  'shared-cost',
  'toll-free',
  'personal-number',
  'uan',
  'voicemail',
  'pager',
];

/** Numbers of one block are those that differ only in their last 4 digits (10,000 numbers). */
export const defaultPrefixDigits = 4;

/**
 * Codes per hour to one block of numbers, whoever asks. Pumping walks a range a complicit
 * operator holds; 20 an hour lets one office's 15 colleagues sign in at once, yet stops a run
 * through a block at 20 codes an hour.
 */
export const defaultPerPrefix = { max: 20, windowSeconds: 3600, digits: defaultPrefixDigits } as const;

/**
 * Where the per-country allowances start, in codes a day (the allowance then follows the app's
 * traffic, see rules/per-country.ts). 20 to a country never served lets its first users in while
 * a run there pays at most that; 100 for all such countries together bounds a run spread over
 * dozens of small destinations; 500 to a country the operator listed in `allowedRegions` covers
 * a new deployment's first days there.
 */
export const defaultPerCountry = { newCountry: 20, newCountries: 100, listedCountry: 500 } as const;

/** An IPv6 /48 (one site, often one customer) may send 16 /64s' worth of `perSource`. */
export const defaultIpv6SiteMultiplier = 16;

/**
 * The rules a config gets without `abuseProtection`, as the Console form shows them: they judge
 * the destination, or learn from the app's own traffic, so they need no sizing for the operator's
 * audience. Region lists and budgets per source depend on who the users are, and are left to the
 * operator.
 */
export const defaultAbuseProtection = {
  refusedNumberTypes: defaultRefusedNumberTypes,
  perPrefix: defaultPerPrefix,
  perCountry: defaultPerCountry,
};
