import { destinationOf, toE164 } from '../phone.js';
import { describeNumber } from '../numbers/index.js';

/**
 * What may be quoted back: text made of what people type into a number, no longer than one.
 * Anything else (a pasted key, a payload) is not repeated, so it cannot reach a toast or a log.
 */
const quotable = /^[\d\s()+.-]{1,32}$/;

/** Eleven digits starting 13–19: the shape of a mainland China mobile number without +86. */
const mainlandMobile = /^1[3-9]\d{9}$/;

const typeTheCountryCode = 'type the country code first, e.g. +86 130 1234 5678 or +1 415 555 2671';

/**
 * How the connector reads a recipient, as a phrase: "read as +1 301 234 5678, United States — for
 * a mainland China number type +86 first (+86 13012345678)". Logto's Console reads its test field
 * as an international number even without a `+`, so `13012345678` is a number in the United
 * States: the connector cannot know a mainland number was meant and does not guess, but says what
 * it read and how to type a mainland number, so the mistake shows at once. `countryCodeTyped`
 * (the number was typed with its `+`) leaves that hint out.
 */
export const numberAsRead = (to: unknown, { countryCodeTyped = false } = {}): string => {
  const e164 = toE164(to);
  if (e164 === undefined) {
    return `not readable as an international number: ${typeTheCountryCode}`;
  }
  const reading = `read as ${describeNumber(e164)}`;
  // With a `+` typed (the CLI knows; Logto's Console drops it), the country was meant.
  if (countryCodeTyped || destinationOf(e164) === 'mainland') {
    return reading;
  }
  // The digits as typed, when they have the shape of a mainland mobile number, show the fix.
  const typed = e164.slice(1);
  const example = mainlandMobile.test(typed) ? ` (+86 ${typed})` : '';
  return `${reading} — for a mainland China number type +86 first${example}`;
};

/** `numberAsRead` as a sentence for an error message, quoting an unreadable number if harmless. */
export const numberReading = (to: unknown): string => {
  if (toE164(to) !== undefined) {
    return `The number was ${numberAsRead(to)}.`;
  }
  const typed = typeof to === 'string' && quotable.test(to) ? ` "${to}"` : '';
  return `The number${typed} could not be read as an international number: ${typeTheCountryCode}.`;
};
