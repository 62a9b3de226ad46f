import type { Destination } from './account.js';
import type { TencentCode } from './error-catalog.js';
import { readNumber } from '../numbers/index.js';

export type ParsedNumber = {
  /** The canonical `+<cc><number>`, the form Tencent echoes back in `PhoneNumber`. */
  readonly e164: string;
  readonly destination: Destination;
  readonly isoCode: string;
};

const mainlandMobile = /^1[3-9]\d{9}$/;

/**
 * Reads a `PhoneNumberSet` entry the way Tencent does. Without a leading `+` (or with `0086` /
 * `86` before an 11-digit mobile) the number is taken as Chinese mainland — the behaviour that
 * sends `14155552671` to China instead of the US, which the emulator must reproduce so that a
 * connector forgetting the `+` is caught. Returns undefined for anything that is not a number
 * Tencent would accept.
 */
export const parsePhoneNumber = (raw: string): ParsedNumber | undefined => {
  if (raw.startsWith('+')) {
    const digits = raw.slice(1);
    if (!/^[1-9]\d{5,14}$/.test(digits)) {
      return undefined;
    }
    // Stored and limited as its canonical number: a trunk prefix or carrier code typed after the
    // calling code does not make another phone.
    const { e164, national, region: isoCode, lengthProblem } = readNumber(raw) ?? {};
    if (!e164 || !isoCode || lengthProblem) {
      return undefined;
    }
    if (isoCode === 'CN') {
      return mainlandMobile.test(national ?? '') ? { e164, destination: 'mainland', isoCode } : undefined;
    }
    return { e164, destination: 'international', isoCode };
  }
  const national = raw.replace(/^(0086|86)(?=\d{11}$)/, '');
  return mainlandMobile.test(national)
    ? { e164: `+86${national}`, destination: 'mainland', isoCode: 'CN' }
    : undefined;
};

/**
 * Why Tencent refuses a number `parsePhoneNumber` could not read: text that is not a number at
 * all cannot be parsed, while digits that form no valid number are an incorrect number.
 */
export const phoneNumberProblem = (raw: string): TencentCode =>
  /^\+?\d+$/.test(raw) ? 'InvalidParameterValue.IncorrectPhoneNumber' : 'FailedOperation.PhoneNumberParseFail';

/** Digits only, so `?phone=` matches however the caller wrote the number (`+` becomes a space in a query). */
export const phoneDigits = (value: string): string => value.replace(/\D/g, '');
