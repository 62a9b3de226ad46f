import type { Destination } from './types.js';

/** Separators people and forms put into numbers; they carry no meaning for Tencent. */
const separators = /[\s().[\]-]/g;
const e164Digits = /^[1-9]\d{6,14}$/;

/**
 * Turns what Logto passes (`8613012345678`, digits with the country code and no `+`) or what an
 * admin types (`+1 (415) 555-2671`, `0044 20 7946 0958`) into E.164. Tencent reads a number
 * without `+` as a mainland China one, so sending Logto's digits unchanged would text the wrong
 * country. Returns undefined when no E.164 number can be read.
 */
export const toE164 = (input: unknown): string | undefined => {
  if (typeof input !== 'string' || input.length > 64) {
    return undefined;
  }
  const compact = input.trim().replace(separators, '');
  const digits = compact.startsWith('+')
    ? compact.slice(1)
    : compact.startsWith('00')
      ? compact.slice(2)
      : compact;
  return e164Digits.test(digits) ? `+${digits}` : undefined;
};

/** Tencent's split: +86 is mainland China; Hong Kong, Macau and Taiwan are international. */
export const destinationOf = (e164: string): Destination =>
  e164.startsWith('+86') ? 'mainland' : 'international';
