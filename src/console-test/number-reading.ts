import { describeNumber } from '../numbers/index.js';
import { toE164 } from '../phone.js';

/**
 * What may be quoted back: text made of what people type into a number, no longer than one.
 * Anything else (a pasted key, a payload) is not repeated, so it cannot reach a toast or a log.
 */
const quotable = /^[\d\s()+.-]{1,32}$/;

/** A number that starts with its country code, marked as such. */
const countryCodeFirst = /^\s*(?:\+|00)/;

/** Eleven digits starting 13–19: the shape of a mainland China mobile number without +86. */
const mainlandMobile = /^1[3-9]\d{9}$/;

const typeTheCountryCode = 'type the country code first, e.g. +86 130 1234 5678 or +1 415 555 2671';

/**
 * The mainland China number the digits would be with +86 in front, when they have the shape of
 * one typed without it: `13012345678` (which Logto's Console reads as +1 301 234 5678). Digits
 * typed with `+` or `00` (`countryCodeTyped`), or of any other shape, mean the country they name.
 */
const mainlandMeant = (e164: string, countryCodeTyped: boolean): string | undefined => {
  const digits = e164.slice(1);
  return !countryCodeTyped && mainlandMobile.test(digits) ? `+86 ${digits}` : undefined;
};

/**
 * How the connector reads a recipient, as a phrase: "read as +1 301 234 5678, United States".
 * Logto's Console reads its test field as an international number even without a `+`, so
 * `13012345678` is a number in the United States: the connector cannot know a mainland number
 * was meant and does not guess, but where the digits have the shape of a mainland mobile number
 * it adds how to type that one, so the mistake shows at once. Any other number, and one typed with
 * its `+` (`countryCodeTyped`: the CLI knows, Logto's Console drops it), meant its own country.
 */
export const numberAsRead = (to: unknown, { countryCodeTyped = false } = {}): string => {
  const e164 = toE164(to);
  if (e164 === undefined) {
    return `not readable as an international number: ${typeTheCountryCode}`;
  }
  const meant = mainlandMeant(e164, countryCodeTyped);
  return `read as ${describeNumber(e164)}${meant ? ` — for mainland China type ${meant}` : ''}`;
};

/** How a number was read, as the sentences a toast can show: the fullest first. */
export type NumberReadings = {
  /** Whether the digits may be a mainland China number typed without +86: the tip is in them. */
  readonly mayMeanMainland: boolean;
  /** The reading, then shorter forms of it for less room (the tip kept, the region left out). */
  readonly sentences: readonly [string, ...string[]];
};

/**
 * `numberAsRead` as short sentences for the Console's toast: "Read as +44 909 879 0000, United
 * Kingdom.", or "Read as +1 301 234 5678, United States. Mainland China? Type +86 13012345678."
 * (then just the tip) where the digits have the shape of a mainland mobile number and were not
 * typed with `+` or `00`. An unreadable number is quoted back if harmless: the error beside it
 * already says how to type one.
 */
export const numberReadings = (to: unknown): NumberReadings => {
  const e164 = toE164(to);
  if (e164 === undefined) {
    const quoted = typeof to === 'string' && quotable.test(to) ? `Received "${to}".` : 'Received no readable number.';
    return { mayMeanMainland: false, sentences: [quoted] };
  }
  const described = describeNumber(e164);
  const meant = mainlandMeant(e164, typeof to === 'string' && countryCodeFirst.test(to));
  if (meant) {
    const tip = `Mainland China? Type ${meant}.`;
    return { mayMeanMainland: true, sentences: [`Read as ${described}. ${tip}`, tip] };
  }
  // The digits as grouped, without the region: what is left when a region name does not fit.
  const digitsOnly = described.split(', ')[0] ?? e164;
  return { mayMeanMainland: false, sentences: [`Read as ${described}.`, `Read as ${digitsOnly}.`] };
};

/** The fullest of `numberReadings`: how the number was read, as one or two sentences. */
export const numberReading = (to: unknown): string => numberReadings(to).sentences[0];
