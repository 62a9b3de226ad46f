/**
 * The one file that touches libphonenumber-js. The build bundles it, with the library's full
 * ("max") metadata, into a self-contained `lib/numbers/library.js`: Logto installs connectors
 * without their dependencies, and its core does not provide this one. Kept to one small function
 * so that the bundle holds only the code it needs and the rest of the package keeps its own types.
 */
import metadata from 'libphonenumber-js/metadata.max.json';
import { parsePhoneNumberFromString, validatePhoneNumberLength } from 'libphonenumber-js/max';

/** What libphonenumber reads from an E.164 string, in its own terms. */
export type LibraryReading = {
  callingCode: string;
  /**
   * The national significant number: a trunk prefix or carrier code written after the calling
   * code (`+44 0 7400…`, `+591 0 10 7…`) is not part of it.
   */
  nationalNumber: string;
  region: string | undefined;
  /** `MOBILE`, `PREMIUM_RATE`, …; undefined when the number matches no pattern of its plan. */
  type: string | undefined;
  /**
   * `TOO_SHORT`, `TOO_LONG` or `INVALID_LENGTH` when no number of the plan has this many digits;
   * undefined when some number has.
   */
  lengthProblem: string | undefined;
  /**
   * The region whose plan the calling code follows when the number names none: the code's main
   * region (`GB` for +44, `US` for +1); undefined for non-geographic codes (+800, +882, …).
   */
  planRegion: string | undefined;
};

/** Reads `+<digits>` with the full metadata; undefined when the calling code is unknown or the number too short or long. */
export const readWithLibrary = (e164: string): LibraryReading | undefined => {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) {
    return undefined;
  }
  const callingCode = parsed.countryCallingCode;
  // Asked only when the length is impossible: the usual number pays for no second parse.
  const lengthProblem = parsed.isPossible() ? undefined : validatePhoneNumberLength(e164);
  return {
    callingCode,
    nationalNumber: parsed.nationalNumber,
    region: parsed.country,
    type: parsed.getType(),
    lengthProblem,
    planRegion: parsed.country ?? metadata.country_calling_codes[callingCode]?.[0],
  };
};
