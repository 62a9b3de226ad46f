import { readWithLibrary } from './library.js';
import { isNumberType, type NumberType } from './number-type.js';

/** No number of the plan has this many digits: too few, too many, or a count in between. */
export type LengthProblem = {
  reason: 'too-short' | 'too-long' | 'invalid-length';
  /**
   * The region whose plan has no number of this length: the number's region, or the calling
   * code's main region when the number reads as none of them (`GB` for a +44 number too long for
   * any); undefined for non-geographic codes (+800, …).
   */
  region?: string;
};

/** How a number reads under libphonenumber's full metadata. */
export type NumberReading = {
  /**
   * The canonical number: `+<callingCode><national>`, the one spelling of it that is sent, counted
   * and shown (`+44 0 7400 123456` and `+447400123456` are both `+447400123456`).
   */
  e164: string;
  /** The country calling code, without `+`: `1`, `44`, `882`. */
  callingCode: string;
  /**
   * The national significant number: the digits after the calling code, less a trunk prefix or
   * carrier code written after it (`0` in `+44 0 7400…`, `010` in `+591 010 7…`).
   */
  national: string;
  /**
   * The ISO 3166-1 alpha-2 region (or AC, TA, XK) the metadata assigns; undefined for
   * non-geographic codes (+800, +882, …) and for a number under a shared code (+1, +44, +262, …)
   * that matches none of the code's regions.
   */
  region?: string;
  /** The kind of number; undefined when it matches no pattern of its plan (a new range, a typo). */
  type?: NumberType;
  /** Set when no number of the plan has this many digits: such a number cannot be anyone's. */
  lengthProblem?: LengthProblem;
};

/** `+` and up to 15 digits, never starting with 0: the shape of every E.164 number. */
export const e164Shape = /^\+[1-9]\d{0,14}$/;

const configSpelling = (libraryType: string | undefined): NumberType | undefined => {
  const spelt = libraryType?.toLowerCase().replaceAll('_', '-');
  return spelt !== undefined && isNumberType(spelt) ? spelt : undefined;
};

/**
 * The last numbers read. One send asks about its number several times (the region list, the
 * number types, the diagnosis), and a read costs tens of microseconds of regular expressions.
 */
const recent = new Map<string, NumberReading | undefined>();
const recentSize = 64;

const lengthReasons: Readonly<Record<string, LengthProblem['reason']>> = {
  TOO_SHORT: 'too-short',
  TOO_LONG: 'too-long',
  INVALID_LENGTH: 'invalid-length',
};

/**
 * A number is read again while the reading drops digits: `+44 00 7400…` loses one `0` per reading,
 * and every spelling of a number must end at the same canonical one, or each would get a budget
 * of its own. Each round is shorter than the last, so this ends.
 */
const libraryReading = (e164: string) => {
  let read = readWithLibrary(e164);
  let typed = e164;
  while (read) {
    const canonical = `+${read.callingCode}${read.nationalNumber}`;
    const again = canonical.length < typed.length ? readWithLibrary(canonical) : undefined;
    if (!again) {
      return read;
    }
    typed = canonical;
    read = again;
  }
  return read;
};

const readUncached = (e164: string): NumberReading | undefined => {
  let read;
  try {
    read = libraryReading(e164);
  } catch {
    return undefined;
  }
  if (!read) {
    return undefined;
  }
  const { callingCode, nationalNumber: national, region, type, lengthProblem, planRegion } = read;
  const reading: NumberReading = { e164: `+${callingCode}${national}`, callingCode, national };
  if (region !== undefined) {
    reading.region = region;
  }
  const numberType = configSpelling(type);
  if (numberType !== undefined) {
    reading.type = numberType;
  }
  // The library also answers NOT_A_NUMBER and INVALID_COUNTRY, which a read number cannot be.
  const reason = lengthProblem === undefined ? undefined : lengthReasons[lengthProblem];
  if (reason !== undefined) {
    // Frozen: copies of a kept reading share it.
    reading.lengthProblem = Object.freeze(planRegion === undefined ? { reason } : { reason, region: planRegion });
  }
  return reading;
};

/**
 * Reads an E.164 number (`+<digits>`, no separators; normalise user input with `toE164` first)
 * with libphonenumber's full metadata: its canonical spelling, calling code, region, type and
 * whether its plan has numbers of its length. The send path, the guard, the diagnosis, the
 * emulator and the CLI all ask this one function, so they agree on every number. Undefined when
 * the input is not E.164 or the calling code is not assigned. Never throws.
 */
export const readNumber = (e164: string): NumberReading | undefined => {
  if (typeof e164 !== 'string' || !e164Shape.test(e164)) {
    return undefined;
  }
  if (recent.has(e164)) {
    const reading = recent.get(e164);
    return reading && { ...reading };
  }
  const reading = readUncached(e164);
  if (recent.size >= recentSize) {
    recent.delete(recent.keys().next().value!);
  }
  recent.set(e164, reading);
  return reading && { ...reading };
};

/**
 * The region of an E.164 number (see `NumberReading.region`), or undefined when it has none or
 * cannot be read. Never throws.
 */
export const regionOf = (e164: string): string | undefined => readNumber(e164)?.region;
