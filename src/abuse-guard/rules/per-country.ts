import { readNumber, regionName } from '../../numbers/index.js';
import { countryRefusalLog } from '../country-log.js';
import { countryBudgetExceededError, type CountryWords } from '../refusals.js';

import type { BudgetRule, Destination } from './types.js';

/**
 * How far a country's allowance may exceed its usual day (the most it was paid on a day of the
 * last two weeks), and how much the allowance may grow from one day to the next: twice. Room for
 * a busy day and for an app growing fast; and a run that is paid its whole allowance every day
 * still needs days to double it.
 */
export const countryGrowth = 2;

/**
 * A day whose refusals pass this many times its paid codes was a run, not growth: it does not
 * raise the allowance, and its codes are not learned as usual traffic. A pumping run asks
 * thousands of times what it is let through; users of a country the app is starting to serve ask
 * a few times their allowance while it grows.
 */
export const countryDwarf = 50;

/**
 * The scope a number counts in: its region (+1, +7, +44 and others hold several, and the
 * metadata tells them apart), or its calling code for a number of no region (+800, +882).
 */
export const countryScopeOf = ({ e164, region }: Pick<Destination, 'e164' | 'region'>): string => {
  if (region !== undefined) {
    return region;
  }
  const callingCode = readNumber(e164)?.callingCode;
  return callingCode === undefined ? 'unknown' : `+${callingCode}`;
};

/** A scope in the operator's words, and the setting that raises it. */
export const countryWordsOf = (scope: string): CountryWords =>
  /^[A-Z]{2}$/.test(scope)
    ? { name: `${regionName(scope)} (${scope})`, raise: `abuseProtection.perCountry.allow.${scope}` }
    : {
        name: scope === 'unknown' ? 'numbers of no known country' : `numbers under ${scope} (no country)`,
        raise: 'abuseProtection.perCountry.newCountry',
      };

/**
 * `perCountry`: codes a day to one destination country, learned from the app's own traffic (the
 * arithmetic is in stores/learned.ts). A country the app has not served gets `newCountry` a day,
 * and all of them together `newCountries`; one listed in `allowedRegions` starts at
 * `listedCountry`; `allow` raises a country by hand. Mainland China is left to the block rule:
 * it is the home market, and its runs walk blocks.
 */
export const perCountryRule: BudgetRule = ({ perCountry, allowedRegions }, { destination }) => {
  const scope = countryScopeOf(destination);
  if (!perCountry || scope === 'CN') {
    return [];
  }
  const { newCountry, newCountries, listedCountry, allow = {} } = perCountry;
  const raised = allow[scope];
  const listed = allowedRegions?.includes(scope) === true;
  const served = raised !== undefined || listed;
  return [
    {
      rule: 'perCountry',
      scope,
      kind: 'learned',
      learned: {
        floor: Math.max(raised ?? 0, listed ? listedCountry : newCountry),
        pool: served ? 0 : newCountries,
        growth: countryGrowth,
        dwarf: countryDwarf,
      },
      // The refusal also tells the operator's log, once an hour per country.
      refusal: ({ learned }) => {
        const words = countryWordsOf(scope);
        countryRefusalLog.note(scope, words, learned);
        return countryBudgetExceededError(words, learned);
      },
    },
  ];
};
