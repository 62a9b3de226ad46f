import { readWithLibrary } from './library.js';
import { isNumberType, type NumberType } from './number-type.js';

/** How a number reads under libphonenumber's full metadata. */
export type NumberReading = {
  /** The number as given: `+<callingCode><national>`. */
  e164: string;
  /** The country calling code, without `+`: `1`, `44`, `882`. */
  callingCode: string;
  /** The digits after the calling code, as given. */
  national: string;
  /**
   * The ISO 3166-1 alpha-2 region (or AC, TA, XK) the metadata assigns; undefined for
   * non-geographic codes (+800, +882, …) and for a number under a shared code (+1, +44, +262, …)
   * that matches none of the code's regions.
   */
  region?: string;
  /** The kind of number; undefined when it matches no pattern of its plan (a new range, a typo). */
  type?: NumberType;
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

const readUncached = (e164: string): NumberReading | undefined => {
  let read;
  try {
    read = readWithLibrary(e164);
  } catch {
    return undefined;
  }
  if (!read) {
    return undefined;
  }
  const { callingCode, region, type } = read;
  const reading: NumberReading = { e164, callingCode, national: e164.slice(1 + callingCode.length) };
  if (region !== undefined) {
    reading.region = region;
  }
  const numberType = configSpelling(type);
  if (numberType !== undefined) {
    reading.type = numberType;
  }
  return reading;
};

/**
 * Reads an E.164 number (`+<digits>`, no separators; normalise user input with `toE164` first)
 * with libphonenumber's full metadata: its calling code, region and type. The guard, the
 * diagnosis, the emulator and the CLI all ask this one function, so they agree on every number.
 * Undefined when the input is not E.164, the calling code is not assigned, or the number is too
 * short or long to be one. Never throws.
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
