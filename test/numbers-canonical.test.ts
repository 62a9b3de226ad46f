/**
 * One number, one spelling: what libphonenumber's full metadata reads as the same national number
 * is the same canonical E.164, whatever trunk prefix or carrier code was typed after the calling
 * code; and a number whose length no number of its country has is marked, so the send path can
 * refuse it.
 */
import { getCountries, getExampleNumber } from 'libphonenumber-js/max';
import mobileExamples from 'libphonenumber-js/examples.mobile.json';
import { describe, expect, it } from 'vitest';

import { describeNumber, readNumber } from '../src/numbers/index.js';

describe('the canonical number', () => {
  it.each([
    // A trunk prefix after the calling code, once or twice.
    ['+4407400123456', '+447400123456', 'GB'],
    ['+44007400123456', '+447400123456', 'GB'],
    ['+3306 12345678', '+33612345678', 'FR'],
    ['+49015112345678', '+4915112345678', 'DE'],
    ['+8613012345678', '+8613012345678', 'CN'],
    ['+86013012345678', '+8613012345678', 'CN'],
    // Bolivia: the trunk prefix, then a two-digit carrier code (0 1x).
    ['+591071234567', '+59171234567', 'BO'],
    ['+59101071234567', '+59171234567', 'BO'],
    ['+59101571234567', '+59171234567', 'BO'],
    ['+59101971234567', '+59171234567', 'BO'],
    // South Korea: the trunk prefix, then a carrier code (08x).
    ['+8201012345678', '+821012345678', 'KR'],
    ['+820811012345678', '+821012345678', 'KR'],
    ['+820821012345678', '+821012345678', 'KR'],
    ['+820861012345678', '+821012345678', 'KR'],
    // Brazil: a carrier code after the trunk prefix.
    ['+55011987654321', '+5511987654321', 'BR'],
    // NANP: the trunk prefix 1 after +1.
    ['+114155552671', '+14155552671', 'US'],
  ])('reads %s as %s (%s)', (typed, canonical, region) => {
    const reading = readNumber(typed.replaceAll(' ', ''));
    expect(reading).toMatchObject({ e164: canonical, region });
    expect(reading?.national).toBe(canonical.slice(1 + reading!.callingCode.length));
    expect(readNumber(canonical)).toEqual(reading);
  });

  it('shows the canonical number, not the spelling typed', () => {
    expect(describeNumber('+4407400123456')).toBe('+44 740 012 3456, United Kingdom');
    expect(describeNumber('+59101071234567')).toBe('+591 7123 4567, Bolivia');
    expect(describeNumber('+820811012345678')).toBe('+82 101 234 5678, South Korea');
  });

  it('gives every spelling of a mobile number one block, in every region', () => {
    // Spellings: one to three digits typed between the calling code and the national number.
    const between = ['', ...Array.from({ length: 10 }, (_, digit) => String(digit))];
    for (const first of '0123456789') {
      for (const second of '0123456789') {
        between.push(`${first}${second}`);
        if (first === '0') {
          for (const third of '0123456789') {
            between.push(`0${second}${third}`);
          }
        }
      }
    }
    const blockKeys = (e164: string) => e164.slice(0, -4);
    let typedTwoKeys = 0;
    let canonicalTwoKeys = 0;
    for (const region of getCountries()) {
      const example = getExampleNumber(region, mobileExamples)!;
      const { countryCallingCode: callingCode, nationalNumber } = example;
      const spellings = between
        .map((digits) => `+${callingCode}${digits}${nationalNumber}`)
        .filter((typed) => typed.length <= 16 && readNumber(typed)?.national === nationalNumber);
      expect(spellings, region).toContain(example.number);
      typedTwoKeys += new Set(spellings.map(blockKeys)).size > 1 ? 1 : 0;
      canonicalTwoKeys += new Set(spellings.map((typed) => blockKeys(readNumber(typed)!.e164))).size > 1 ? 1 : 0;
    }
    // Most plans strip a trunk prefix typed after the calling code: as typed, those numbers had
    // two budgets or more.
    expect(typedTwoKeys).toBeGreaterThan(100);
    expect(canonicalTwoKeys).toBe(0);
  });
});

describe('numbers of a length their country has none of', () => {
  it.each([
    // A premium-rate number with one digit more or fewer.
    ['+4490987900000', 'too-long', 'GB', '+44 909 8790 0000, too long for United Kingdom'],
    ['+190023456780', 'too-long', 'US', '+1 900 2345 6780, too long for United States'],
    ['+1900234567', 'too-short', 'US', '+1 900 234 567, too short for United States'],
    ['+338911234560', 'too-long', 'FR', '+33 891 123 4560, too long for France'],
    ['+3389112345', 'too-short', 'FR', '+33 8911 2345, too short for France'],
    ['+348031234560', 'too-long', 'ES', '+34 803 123 4560, too long for Spain'],
    ['+3480312345', 'too-short', 'ES', '+34 8031 2345, too short for Spain'],
    ['+371901234560', 'too-long', 'LV', '+371 901 234 560, too long for Latvia'],
    ['+3719012345', 'too-short', 'LV', '+371 901 2345, too short for Latvia'],
    ['+419001234560', 'invalid-length', 'CH', '+41 900 123 4560, too long or too short for Switzerland'],
    ['+4190012345', 'too-short', 'CH', '+41 9001 2345, too short for Switzerland'],
    ['+6119001234560', 'invalid-length', 'AU', '+61 190 0123 4560, too long or too short for Australia'],
    // A mobile number with a digit more.
    ['+3712123456789', 'too-long', 'LV', '+371 212 345 6789, too long for Latvia'],
    ['+6591234567', undefined, 'SG', '+65 9123 4567, Singapore'],
    ['+659123456', 'too-short', 'SG', '+65 912 3456, too short for Singapore'],
  ])('%s: %s', (e164, reason, region, description) => {
    const reading = readNumber(e164);
    expect(reading?.lengthProblem).toEqual(reason === undefined ? undefined : { reason, region });
    expect(describeNumber(e164)).toBe(description);
  });

  it('names no region for a non-geographic code', () => {
    expect(readNumber('+80012345678901')?.lengthProblem).toEqual({ reason: 'too-long' });
    expect(describeNumber('+80012345678901')).toBe('+800 123 4567 8901, too long for +800');
  });

  it('leaves a number of a possible length alone, even when it is in no known range', () => {
    // Nine digits after +44: no premium-rate number has them, but British landlines do.
    expect(readNumber('+44909879000')).toEqual({ e164: '+44909879000', callingCode: '44', national: '909879000' });
    expect(readNumber('+6512345678')?.lengthProblem).toBeUndefined();
  });

  it('finds every mainland mobile prefix, 130 to 199, of a possible length', () => {
    for (let prefix = 130; prefix <= 199; prefix += 1) {
      for (const rest of ['00000000', '12345678', '99999999']) {
        const reading = readNumber(`+86${prefix}${rest}`);
        expect(reading, `${prefix}${rest}`).toMatchObject({ e164: `+86${prefix}${rest}`, region: 'CN' });
        expect(reading?.lengthProblem, `${prefix}${rest}`).toBeUndefined();
      }
    }
  });

  it('reads a mobile example number of every region at a possible length', () => {
    for (const region of getCountries()) {
      const example = getExampleNumber(region, mobileExamples)!;
      expect(readNumber(example.number)?.lengthProblem, region).toBeUndefined();
    }
  });
});
