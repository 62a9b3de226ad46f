import { groupDigits } from './group-digits.js';
import { e164Shape, readNumber, type LengthProblem } from './read-number.js';
import { regionName } from './region-name.js';

/** How much of a string that is not a number is shown back; enough to recognise a typo. */
const shownLength = 32;

const shown = (input: string): string => {
  // Control and formatting characters could break a log line or hide what was typed.
  const printable = input.replace(/\p{C}/gu, '');
  if (!printable) {
    return '(empty)';
  }
  return printable.length > shownLength ? `${printable.slice(0, shownLength)}…` : printable;
};

/** A length problem in words: a count between two possible ones is too long for some and too short for others. */
export const lengthWords: Readonly<Record<LengthProblem['reason'], string>> = {
  'too-short': 'too short',
  'too-long': 'too long',
  'invalid-length': 'too long or too short',
};

/**
 * How a number was read, for people: its canonical digits grouped after the calling code, then
 * the region `readNumber` found (`+1 301 234 5678, United States`, `+86 130 1234 5678, Chinese
 * mainland`, `+800 1234 5678, unknown region`, `+99912345678, unknown region` when even the
 * calling code is unknown), or why no number of its country has its length (`+44 909 8790 0000,
 * too long for United Kingdom`). A trunk prefix or carrier code typed after the calling code is
 * not shown: what is shown is what is sent. Meant for error messages, the Console test and logs,
 * where an admin must see at a glance which country a refused number went to. Never throws,
 * whatever it is given.
 */
export const describeNumber = (e164: string): string => {
  if (typeof e164 !== 'string') {
    return 'not a phone number';
  }
  if (!e164Shape.test(e164)) {
    return `${shown(e164)}, not an E.164 number`;
  }
  const reading = readNumber(e164);
  if (!reading) {
    return `${e164}, unknown region`;
  }
  const { callingCode, national, region, lengthProblem } = reading;
  const digits = `+${callingCode} ${groupDigits(national)}`;
  if (lengthProblem) {
    const { reason, region: planRegion } = lengthProblem;
    return `${digits}, ${lengthWords[reason]} for ${planRegion ? regionName(planRegion) : `+${callingCode}`}`;
  }
  return `${digits}, ${region ? regionName(region) : 'unknown region'}`;
};
