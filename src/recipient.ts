import { invalidRequestError } from './errors/connector-errors.js';
import { lengthWords, readNumber, regionName, type NumberReading } from './numbers/index.js';
import { toE164 } from './phone.js';

/** The number a message goes to, as it is sent and counted. */
export type Recipient = {
  /** The canonical E.164 number (see `NumberReading.e164`), or the typed one when unreadable. */
  phoneNumber: string;
  /** How the metadata reads it; undefined for an unassigned calling code. */
  reading?: NumberReading;
};

/**
 * Why a number of a length its plan does not have is refused. Names the country and the digit
 * count, never the number: the text reaches the browser and logs.
 */
const lengthError = ({ callingCode, national, lengthProblem }: NumberReading) => {
  const { reason, region } = lengthProblem!;
  const digits = `${national.length} digits after +${callingCode}`;
  return invalidRequestError(
    region === undefined
      ? `The phone number is ${lengthWords[reason]}: no +${callingCode} number has ${digits}.`
      : `The phone number is ${lengthWords[reason]} for a number in ${regionName(region)}: no number there has ${digits}.`
  );
};

/**
 * Reads the number a message goes to: what Logto passes (`8613012345678`) or an admin types
 * (`+44 0 7400 123456`), as its one canonical spelling (`+447400123456`), which Tencent receives
 * and every budget counts. Refuses, before anything is sent, a number that cannot be read and one
 * whose length no number of its country has: it cannot be anyone's phone, and without this check
 * it would read as a number of no type and slip past the refused number types. A number of a
 * possible length that matches no known range is sent: ranges open before the metadata says so.
 */
export const recipientOf = (to: unknown): Recipient => {
  const typed = toE164(to);
  if (!typed) {
    throw invalidRequestError('The phone number is not valid: it needs its country code, e.g. +86 130 1234 5678.');
  }
  const reading = readNumber(typed);
  if (reading?.lengthProblem) {
    throw lengthError(reading);
  }
  return reading ? { phoneNumber: reading.e164, reading } : { phoneNumber: typed };
};
