import { principalRegionOf, splitCallingCode } from './calling-codes.js';
import { nanpRegionOf } from './nanp.js';
import { sharedCodeRegionOf } from './shared-codes.js';
import { zone7RegionOf } from './zone-7.js';

/** `+` and up to 15 digits, never starting with 0: the shape of every E.164 number. */
export const e164Shape = /^\+[1-9]\d{0,14}$/;

/**
 * The ISO 3166-1 alpha-2 region of an E.164 number (`+<digits>`, no separators), or undefined when
 * the input is not E.164 or the number has no single region: spare and non-geographic calling
 * codes (+800, +882, …), and NANP toll-free and other non-geographic area codes (+1 800, +1 888,
 * +1 500, …), which any member of the plan may use. Shared calling codes are resolved as far as
 * the numbering plans allow: +1 by area code, +7 into Russia and Kazakhstan, and the prefixes in
 * shared-codes.ts; the rest read as the code's principal region. Never throws.
 */
export const regionOf = (e164: string): string | undefined => {
  if (typeof e164 !== 'string' || !e164Shape.test(e164)) {
    return undefined;
  }
  const { code, national } = splitCallingCode(e164.slice(1));
  if (code === '1') {
    return nanpRegionOf(national);
  }
  if (code === '7') {
    return zone7RegionOf(national);
  }
  return sharedCodeRegionOf(code, national) ?? principalRegionOf(code);
};
