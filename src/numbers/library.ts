/**
 * The one file that touches libphonenumber-js. The build bundles it, with the library's full
 * ("max") metadata, into a self-contained `lib/numbers/library.js`: Logto installs connectors
 * without their dependencies, and its core does not provide this one. Kept to one small function
 * so that the bundle holds only the code it needs and the rest of the package keeps its own types.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** What libphonenumber reads from an E.164 string, in its own terms. */
export type LibraryReading = {
  callingCode: string;
  /** The national significant number, without a trunk prefix written after the calling code. */
  nationalNumber: string;
  region: string | undefined;
  /** `MOBILE`, `PREMIUM_RATE`, …; undefined when the number matches no pattern of its plan. */
  type: string | undefined;
};

/** Reads `+<digits>` with the full metadata; undefined when the calling code is unknown or the number too short or long. */
export const readWithLibrary = (e164: string): LibraryReading | undefined => {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) {
    return undefined;
  }
  return {
    callingCode: parsed.countryCallingCode,
    nationalNumber: parsed.nationalNumber,
    region: parsed.country,
    type: parsed.getType(),
  };
};
