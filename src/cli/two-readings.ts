import { describeNumber } from '../numbers/index.js';

/** Eleven digits starting 13–19: a mainland China mobile number, as people there write it. */
const mainlandMobile = /^1[3-9]\d{9}$/;
/** What people put between digits; it changes nothing about the number. */
const separators = /[\s().[\]-]/g;

/**
 * Why a `--to` number must not be sent, or undefined when it reads one way only. Digits typed
 * without `+` or `00` are read as Logto reads them, country code first, so `13012345678` is
 * +1 301 234 5678 in the United States, while a person in mainland China means +86 130 1234 5678
 * by it. Sent as read, the check would text a stranger, and succeed. Both readings are shown, and
 * how to type each; a number with `+`, `00` or `86` in front reads one way and goes through.
 */
export const twoReadingsOf = (typed: string): string | undefined => {
  const digits = typed.trim().replace(separators, '');
  if (!mainlandMobile.test(digits)) {
    return undefined;
  }
  return [
    `--to ${digits} has no country code and reads two ways, so nothing was sent:`,
    `  country code first, as Logto reads it: ${describeNumber(`+${digits}`)}`,
    `  as a mainland China mobile number:     ${describeNumber(`+86${digits}`)}`,
    `Type it with its country code: --to +86${digits} for the mainland China number, --to +${digits} for the other.`,
  ].join('\n');
};
