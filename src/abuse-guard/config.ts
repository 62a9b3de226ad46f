import { z } from 'zod';

import { numberTypes } from '../numbers/number-type.js';
import { foldedRegions, regionsWithoutNumbers, supportedRegions } from '../numbers/supported-regions.js';

import { defaultPerCountry, defaultPrefixDigits } from './defaults.js';
import { redisUrlProblem } from './redis-url.js';

/** The longest window a budget may span: 30 days. Longer ones hold counters for little gain. */
export const maxWindowSeconds = 30 * 86_400;
/**
 * The largest `max` a budget may have. Each counted code is one entry (in the process or in
 * Redis) until its window ends, so this bounds what one source can make the store hold.
 */
export const maxBudget = 10_000;
/** The largest IPv6 /48 multiplier: a /48 holds 65,536 /64s, so more would bound nothing. */
export const maxSiteMultiplier = 65_536;

const wholeNumber = (minimum: number, maximum: number, unit: string) =>
  z
    .number({ invalid_type_error: `must be a whole number of ${unit}` })
    .int(`must be a whole number of ${unit}`)
    .min(minimum, `must be at least ${minimum}`)
    .max(maximum, `must be at most ${maximum}`);

/** A budget: at most `max` within any `windowSeconds` (a sliding window, not a calendar one). */
export const budgetGuard = z
  .object({
    max: wholeNumber(1, maxBudget, 'codes'),
    windowSeconds: wholeNumber(1, maxWindowSeconds, 'seconds'),
  })
  .strict();
export type Budget = z.infer<typeof budgetGuard>;

/** How many trailing digits numbers of one block may differ in: 1 (10 numbers) to 8 (10⁸). */
export const maxPrefixDigits = 8;

/** A budget for numbers of one block: the number without its last `digits` digits. */
export const prefixBudgetGuard = z
  .object({
    max: wholeNumber(1, maxBudget, 'codes'),
    windowSeconds: wholeNumber(1, maxWindowSeconds, 'seconds'),
    digits: wholeNumber(1, maxPrefixDigits, 'digits').default(defaultPrefixDigits),
  })
  .strict();
export type PrefixBudget = z.infer<typeof prefixBudgetGuard>;

/**
 * `false` turns the number-block rule off; leaving it out keeps the default. Read as null, so a
 * malformed budget still gets the object guard's issues, each naming its key.
 */
const perPrefixGuard = z.preprocess((value) => (value === false ? null : value), prefixBudgetGuard.nullable());

/** Why a code cannot be listed, naming it, or undefined when numbers can read as it. */
const unsupportedRegionProblem = (code: string): string | undefined => {
  if (supportedRegions.has(code)) {
    return undefined;
  }
  // Only what has the shape of a code is repeated: a value pasted here by mistake may be a secret.
  const shown = /^[A-Z\d]{1,3}$/.test(code) ? code : 'this value';
  const foldedInto = foldedRegions[code];
  if (foldedInto !== undefined) {
    return `${shown} is not a numbering region: its numbers read as ${foldedInto}`;
  }
  if (regionsWithoutNumbers.has(code)) {
    return `${shown} has no telephone numbers of its own`;
  }
  return `${shown} is not a region code; use ISO 3166-1 alpha-2 codes such as CN, HK, SG or US`;
};

/** A region numbers can read as (`supportedRegions`), in any case. */
const regionCodeGuard = z
  .string()
  .trim()
  .transform((value) => value.toUpperCase())
  .superRefine((value, context) => {
    const problem = unsupportedRegionProblem(value);
    if (problem !== undefined) {
      context.addIssue({ code: z.ZodIssueCode.custom, message: problem });
    }
  });

/** The most codes a day any per-country figure may name: far above any one app's traffic to a country. */
export const maxCodesPerDay = 1_000_000;

const codesPerDay = wholeNumber(1, maxCodesPerDay, 'codes a day');

/** A region `allow` may name: one numbers read as, and not mainland China, which the rule leaves alone. */
const allowRegionGuard = regionCodeGuard.superRefine((value, context) => {
  if (value === 'CN') {
    context.addIssue({
      code: z.ZodIssueCode.custom,
      message: 'CN is not limited by perCountry (mainland numbers are counted per block only); remove it',
    });
  }
});

/**
 * `perCountry`: codes a day per destination country, learned from the app's own traffic. The
 * figures are where learning starts; `allow` raises a country by hand (before a launch). `false`
 * turns the rule off; leaving a key out keeps its default.
 */
export const perCountryGuard = z
  .object({
    /** A country the app has not served yet. */
    newCountry: codesPerDay.default(defaultPerCountry.newCountry),
    /** All countries the app has not served yet, together. */
    newCountries: codesPerDay.default(defaultPerCountry.newCountries),
    /** A country of `allowedRegions`, before its traffic is learned. */
    listedCountry: codesPerDay.default(defaultPerCountry.listedCountry),
    /** Codes a day a country may always get, whatever was learned. */
    allow: z
      .record(z.string(), z.unknown())
      .superRefine((allow, context) => {
        // Keys differing only in case or blanks would silently overwrite each other.
        const seen = new Set<string>();
        for (const key of Object.keys(allow)) {
          const region = key.trim().toUpperCase();
          if (seen.has(region)) {
            context.addIssue({ code: z.ZodIssueCode.custom, path: [key], message: 'names a region another key names already' });
          }
          seen.add(region);
        }
      })
      .pipe(z.record(allowRegionGuard, codesPerDay))
      .optional(),
  })
  .strict();
export type PerCountry = z.infer<typeof perCountryGuard>;

/** `false` turns the per-country rule off; read as null, as for `perPrefix`. */
const perCountryFieldGuard = z.preprocess((value) => (value === false ? null : value), perCountryGuard.nullable());

/**
 * The `abuseProtection` setting. Every key is optional; unknown keys are refused (a misspelt
 * rule that silently does nothing is worse than an error), and each issue names its key.
 */
export const abuseProtectionGuard = z
  .object({
    allowedRegions: z
      .array(regionCodeGuard)
      .min(1, 'must list at least one region; leave the key out to allow every region')
      .max(supportedRegions.size, `must list at most ${supportedRegions.size} regions`)
      .transform((regions) => [...new Set(regions)])
      .optional(),
    /** Numbers the metadata classifies as one of these types are not sent; `[]` sends every type. */
    refusedNumberTypes: z
      .array(
        z.enum(numberTypes, {
          errorMap: () => ({ message: `must be one of ${numberTypes.join(', ')}` }),
        })
      )
      .max(numberTypes.length, `must list at most ${numberTypes.length} types`)
      .transform((types) => [...new Set(types)])
      .optional(),
    /** IPv4 addresses are grouped into sources of this prefix length; 32 (the default) is one address. */
    ipv4Prefix: wholeNumber(8, 32, 'bits').optional(),
    perSource: budgetGuard.optional(),
    distinctNumbersPerSource: budgetGuard.optional(),
    /** An IPv6 /48 may send this many times `perSource.max` (its /64s each have `perSource`). */
    ipv6SiteMultiplier: wholeNumber(1, maxSiteMultiplier, 'times perSource.max').optional(),
    /** Numbers of one block share this budget, whoever asks; `false` turns it off. */
    perPrefix: perPrefixGuard.optional(),
    /** Codes a day per destination country, learned from the app's traffic; `false` turns it off. */
    perCountry: perCountryFieldGuard.optional(),
  })
  .strict();
export type AbuseProtection = z.infer<typeof abuseProtectionGuard>;

/** The value the Console saves for an emptied Json field is null: the same as no setting. */
export const abuseProtectionFieldGuard = abuseProtectionGuard
  .nullish()
  .transform((value) => value ?? undefined);

/**
 * A `redis://` or `rediss://` URL. The message never repeats the value: it usually holds the
 * Redis password.
 */
export const redisUrlGuard = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(2048, 'must be at most 2048 characters')
  .superRefine((value, context) => {
    const problem = redisUrlProblem(value);
    if (problem !== undefined) {
      context.addIssue({ code: z.ZodIssueCode.custom, message: problem });
    }
  });
