import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { describeNumber, regionName, regionOf } from '../src/regions/index.js';

describe('regionOf', () => {
  it.each([
    // NANP: the United States and Canada, by area code.
    ['+13012345678', 'US'],
    ['+12125550123', 'US'],
    ['+14155552671', 'US'],
    ['+14165550123', 'CA'], // Toronto
    ['+16045550123', 'CA'], // Vancouver
    ['+15145550123', 'CA'], // Montreal
    ['+18675550123', 'CA'], // the territories
    ['+12635550123', 'CA'], // a recent Quebec overlay
    // NANP: Caribbean members.
    ['+18765550123', 'JM'],
    ['+16585550123', 'JM'],
    ['+18095550123', 'DO'],
    ['+18295550123', 'DO'],
    ['+18495550123', 'DO'],
    ['+12425550123', 'BS'],
    ['+12465550123', 'BB'],
    ['+18685550123', 'TT'],
    ['+17875550123', 'PR'],
    ['+19395550123', 'PR'],
    ['+12685550123', 'AG'],
    ['+12645550123', 'AI'],
    ['+14415550123', 'BM'],
    ['+17675550123', 'DM'],
    ['+14735550123', 'GD'],
    ['+18695550123', 'KN'],
    ['+13455550123', 'KY'],
    ['+17585550123', 'LC'],
    ['+16645550123', 'MS'],
    ['+17215550123', 'SX'],
    ['+16495550123', 'TC'],
    ['+17845550123', 'VC'],
    ['+12845550123', 'VG'],
    ['+13405550123', 'VI'],
    // NANP: Pacific members.
    ['+16715550123', 'GU'],
    ['+16705550123', 'MP'],
    ['+16845550123', 'AS'],
    // +7: Russia and Kazakhstan.
    ['+79161234567', 'RU'],
    ['+74951234567', 'RU'],
    ['+78001234567', 'RU'],
    ['+77011234567', 'KZ'],
    ['+77172123456', 'KZ'],
    ['+76001234567', 'KZ'],
    // Greater China, each its own region.
    ['+8613012345678', 'CN'],
    ['+85251234567', 'HK'],
    ['+85366123456', 'MO'],
    ['+886912345678', 'TW'],
    // +44: Great Britain and the Crown Dependencies.
    ['+447400123456', 'GB'],
    ['+447911812345', 'GB'],
    ['+442079460958', 'GB'],
    ['+447700900123', 'GB'], // the range set aside for drama, not Jersey's 77003/77007/77008
    ['+441534123456', 'JE'],
    ['+447797123456', 'JE'],
    ['+441481123456', 'GG'],
    ['+447781123456', 'GG'],
    ['+447911123456', 'GG'], // 79111 and 79117 are Guernsey's, the rest of 7911 Great Britain's
    ['+441624123456', 'IM'],
    ['+447624123456', 'IM'],
    // +61: Australia and its external territories.
    ['+61412345678', 'AU'],
    ['+61212345678', 'AU'],
    ['+61891641234', 'CX'],
    ['+61891621234', 'CC'],
    // Other shared codes read by prefix.
    ['+262692123456', 'RE'],
    ['+262639123456', 'YT'],
    ['+262269601234', 'YT'],
    ['+59995123456', 'CW'],
    ['+5997171234', 'BQ'],
    ['+4779123456', 'SJ'],
    ['+4741234567', 'NO'],
    ['+35818123456', 'AX'],
    ['+358401234567', 'FI'],
    ['+39066981234', 'VA'],
    ['+390612345678', 'IT'],
    // Shared codes read as their principal region.
    ['+590690123456', 'GP'],
    ['+212612345678', 'MA'],
    // Unshared codes.
    ['+6591234567', 'SG'],
    ['+2348031234567', 'NG'],
    ['+5511987654321', 'BR'],
  ])('%s is %s', (number, region) => {
    expect(regionOf(number)).toBe(region);
  });

  it.each([
    ['NANP toll-free, reachable across the plan', '+18005550123'],
    ['NANP toll-free', '+18885550123'],
    ['NANP personal communications', '+15005550123'],
    ['NANP premium', '+19005550123'],
    ['an N11 service code', '+19115550123'],
    ['an area code starting with 1', '+11235550123'],
    ['+1 without an area code', '+1'],
    ['+7 without a national number', '+7'],
    ['a spare code', '+99912345678'],
    ['international freephone', '+80012345678'],
    ['a number without +', '13012345678'],
    ['separators', '+1 301 234 5678'],
    ['a leading zero', '+0123456789'],
    ['more than 15 digits', '+1301234567890123'],
    ['the empty string', ''],
  ])('has no region for %s (%s)', (_case, input) => {
    expect(regionOf(input)).toBeUndefined();
  });
});

describe('describeNumber', () => {
  it.each([
    ['+13012345678', '+1 301 234 5678, United States'],
    ['+14165550123', '+1 416 555 0123, Canada'],
    ['+18765550123', '+1 876 555 0123, Jamaica'],
    ['+8613012345678', '+86 130 1234 5678, Chinese mainland'],
    ['+85251234567', '+852 5123 4567, Hong Kong (China)'],
    ['+85366123456', '+853 6612 3456, Macao (China)'],
    ['+886912345678', '+886 912 345 678, Taiwan (China)'],
    ['+77011234567', '+7 701 123 4567, Kazakhstan'],
    ['+447400123456', '+44 740 012 3456, United Kingdom'],
    ['+441534123456', '+44 153 412 3456, Jersey'],
    ['+6591234567', '+65 9123 4567, Singapore'],
    ['+99912345678', '+999 1234 5678, unknown region'],
    ['+18005550123', '+1 800 555 0123, unknown region'],
    ['+44', '+44, United Kingdom'],
  ])('reads %s as “%s”', (number, description) => {
    expect(describeNumber(number)).toBe(description);
  });

  it('says when the input is not E.164, showing a bounded, printable part of it', () => {
    expect(describeNumber('13012345678')).toBe('13012345678, not an E.164 number');
    expect(describeNumber('')).toBe('(empty), not an E.164 number');
    expect(describeNumber('+1\u0000\n301')).toBe('+1301, not an E.164 number');
    const long = describeNumber(`+${'1'.repeat(500)}`);
    expect(long).toBe(`+${'1'.repeat(31)}…, not an E.164 number`);
  });

  it('survives values that are not strings, as untyped callers may pass', () => {
    const hostile = { toString: () => { throw new Error('boom'); } };
    for (const value of [undefined, null, 42, Symbol('x'), hostile]) {
      expect(describeNumber(value as unknown as string)).toBe('not a phone number');
      expect(regionOf(value as unknown as string)).toBeUndefined();
    }
  });
});

describe('regionName', () => {
  it('uses Tencent’s names for the Chinese regions and CLDR’s for the rest', () => {
    expect(regionName('CN')).toBe('Chinese mainland');
    expect(regionName('HK')).toBe('Hong Kong (China)');
    expect(regionName('DE')).toBe('Germany');
  });
});

describe('fuzzed input', () => {
  const e164Like = fc
    .tuple(fc.integer({ min: 1, max: 9 }), fc.stringMatching(/^\d{0,14}$/))
    .map(([first, rest]) => `+${first}${rest}`);

  it('regionOf never throws and answers a two-letter region or undefined', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), e164Like), (input) => {
        const region = regionOf(input);
        expect(region === undefined || /^[A-Z]{2}$/.test(region)).toBe(true);
      }),
      { numRuns: 2000 }
    );
  });

  it('describeNumber never throws and always names the region or says why it cannot', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), e164Like), (input) => {
        const description = describeNumber(input);
        expect(description).toMatch(/, (.+)$/);
        expect(description.length).toBeLessThan(80);
      }),
      { numRuns: 2000 }
    );
  });

  it('every E.164 number with a region is described with that region’s name', () => {
    fc.assert(
      fc.property(e164Like, (input) => {
        const region = regionOf(input);
        const description = describeNumber(input);
        expect(description.startsWith(`+${input.slice(1, 2)}`)).toBe(true);
        expect(description.replace(/\D/g, '')).toBe(input.slice(1));
        if (region) {
          expect(description.endsWith(`, ${regionName(region)}`)).toBe(true);
        } else {
          expect(description.endsWith(', unknown region')).toBe(true);
        }
      }),
      { numRuns: 2000 }
    );
  });
});
