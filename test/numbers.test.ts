/**
 * How numbers read: region and type from libphonenumber's full metadata, through the one module
 * every caller asks. Numbers of every region come from libphonenumber's own examples; the rest are
 * chosen to show where shared calling codes split and which kinds of number the guard can refuse.
 */
import fc from 'fast-check';
import { getCountries, getExampleNumber } from 'libphonenumber-js/max';
import mobileExamples from 'libphonenumber-js/examples.mobile.json';
import { describe, expect, it } from 'vitest';

import { describeNumber, numberTypes, readNumber, regionName, regionOf } from '../src/numbers/index.js';
import { foldedRegions, regionsWithoutNumbers, supportedRegions } from '../src/numbers/supported-regions.js';

describe('readNumber', () => {
  it.each([
    // NANP: members by area code; the plan's toll-free and premium codes read as the United States.
    ['+12015550123', 'US', 'fixed-line-or-mobile'],
    ['+14155552671', 'US', 'fixed-line-or-mobile'],
    ['+14169999999', 'CA', 'fixed-line-or-mobile'],
    ['+12635550123', 'CA', 'fixed-line-or-mobile'], // a recent Quebec overlay
    ['+18765550123', 'JM', 'mobile'],
    ['+19392345678', 'PR', 'fixed-line-or-mobile'],
    ['+18002345678', 'US', 'toll-free'],
    ['+19002345678', 'US', 'premium-rate'],
    ['+15002345678', 'US', 'personal-number'],
    // +7: Russia and Kazakhstan.
    ['+79161234567', 'RU', 'mobile'],
    ['+77011234567', 'KZ', 'mobile'],
    // Greater China, each its own region.
    ['+8613012345678', 'CN', 'mobile'],
    ['+85251234567', 'HK', 'mobile'],
    ['+85281123456', 'HK', 'personal-number'],
    ['+85273123456', 'HK', 'pager'],
    ['+85366123456', 'MO', 'mobile'],
    ['+886912345678', 'TW', 'mobile'],
    // +44: Great Britain and the Crown Dependencies, by range.
    ['+447400123456', 'GB', 'mobile'],
    ['+449012345678', 'GB', 'premium-rate'],
    ['+448431234567', 'GB', 'premium-rate'],
    ['+448001234567', 'GB', 'toll-free'],
    ['+447012345678', 'GB', 'personal-number'],
    ['+445512345678', 'GB', 'uan'],
    ['+445612345678', 'GB', 'voip'],
    ['+447640123456', 'GB', 'pager'],
    ['+441481256789', 'GG', 'fixed-line'],
    ['+447781123456', 'GG', 'mobile'],
    ['+447911123456', 'GG', 'mobile'],
    ['+449800000000', 'GG', 'premium-rate'], // read as GB by the former hand-kept table
    ['+441534123456', 'JE', 'fixed-line'],
    ['+447624000000', 'IM', 'mobile'],
    // +262: Réunion and Mayotte, VoIP ranges included.
    ['+262692123456', 'RE', 'mobile'],
    ['+262939901234', 'RE', 'voip'],
    ['+262269601234', 'YT', 'fixed-line'],
    ['+262939801234', 'YT', 'voip'], // read as Réunion by the former table
    // +590: Guadeloupe, Saint-Barthélemy and Saint-Martin by fixed-line range.
    ['+590690001234', 'GP', 'mobile'],
    ['+590590271234', 'BL', 'fixed-line'], // read as Guadeloupe by the former table
    ['+590590071234', 'MF', 'fixed-line'], // likewise
    // +61: Australia and its external territories.
    ['+61412345678', 'AU', 'mobile'],
    ['+611900123456', 'AU', 'premium-rate'],
    ['+61891641234', 'CX', 'fixed-line'],
    ['+61851001123', 'CX', 'fixed-line'], // a range the former table read as Australia
    ['+61851002123', 'CC', 'fixed-line'], // likewise
    // Other shared codes.
    ['+212528812345', 'MA', 'fixed-line'],
    ['+4779123456', 'SJ', 'fixed-line'],
    ['+35818123456', 'AX', 'fixed-line'],
    ['+39066981234', 'VA', 'fixed-line'],
    ['+393312345678', 'IT', 'mobile'],
    // Other kinds of number.
    ['+33891123456', 'FR', 'premium-rate'],
    ['+33810123456', 'FR', 'shared-cost'],
    ['+4918012345678', 'DE', 'shared-cost'],
    ['+41840123456', 'CH', 'shared-cost'],
    ['+41860123456789', 'CH', 'voicemail'],
    ['+3933123456789', 'IT', 'voicemail'],
    ['+4930123456', 'DE', 'fixed-line'],
  ])('reads %s as %s, %s', (e164, region, type) => {
    const callingCode = readNumber(e164)?.callingCode ?? '';
    expect(readNumber(e164)).toEqual({ e164, callingCode, national: e164.slice(1 + callingCode.length), region, type });
    expect(e164.startsWith(`+${callingCode}`) && callingCode.length > 0).toBe(true);
    expect(regionOf(e164)).toBe(region);
  });

  it.each([
    ['+80012345678', '800', 'toll-free'], // international freephone
    ['+80812345678', '808', 'shared-cost'],
    ['+881612345678', '881', 'mobile'], // satellite
    ['+88213001234', '882', 'voip'],
    ['+883510012345', '883', 'voip'],
    ['+88812345678901', '888', 'uan'],
    ['+979123456789', '979', 'premium-rate'],
  ])('reads the non-geographic %s with no region, calling code %s, %s', (e164, callingCode, type) => {
    expect(readNumber(e164)).toEqual({ e164, callingCode, national: e164.slice(1 + callingCode.length), type });
    expect(regionOf(e164)).toBeUndefined();
  });

  it.each([
    ['an unassigned +1 area code', '+11235550123', '1'],
    ['a +44 number in no range (the drama range)', '+447700900123', '44'],
    ['a +262 number in no range', '+262639123456', '262'],
  ])('gives no region and no type to %s under a shared code', (_case, e164, callingCode) => {
    expect(readNumber(e164)).toEqual({ e164, callingCode, national: e164.slice(1 + callingCode.length) });
  });

  it('gives the region of a single-region code but no type to a number in none of its ranges', () => {
    expect(readNumber('+6512345678')).toEqual({ e164: '+6512345678', callingCode: '65', national: '12345678', region: 'SG' });
  });

  it('answers a number read again with an equal reading of its own, which the caller may change', () => {
    const first = readNumber('+447911123456')!;
    first.region = 'XX';
    expect(readNumber('+447911123456')).toEqual({
      e164: '+447911123456',
      callingCode: '44',
      national: '7911123456',
      region: 'GG',
      type: 'mobile',
    });
    // More numbers than it keeps, then the first again.
    for (let index = 0; index < 100; index += 1) {
      readNumber(`+4474001234${String(index).padStart(2, '0')}`);
    }
    expect(readNumber('+447911123456')?.region).toBe('GG');
  });

  it.each([
    ['a spare calling code', '+99912345678'],
    ['a calling code alone', '+44'],
    ['+7 alone', '+7'],
    ['a number without +', '13012345678'],
    ['separators', '+1 301 234 5678'],
    ['a leading zero', '+0123456789'],
    ['more than 15 digits', '+1301234567890123'],
    ['the empty string', ''],
  ])('cannot read %s (%s)', (_case, input) => {
    expect(readNumber(input)).toBeUndefined();
    expect(regionOf(input)).toBeUndefined();
  });

  it('reads a mobile example number of every region as a mobile number of that region, except where the metadata cannot tell it from its neighbour', () => {
    const readAsAnother: Record<string, string> = {};
    for (const region of getCountries()) {
      const example = getExampleNumber(region, mobileExamples);
      expect(example, region).toBeDefined();
      const reading = readNumber(example!.number);
      expect(['mobile', 'fixed-line-or-mobile'], `${region} ${example!.number}`).toContain(reading?.type);
      expect(reading?.callingCode).toBe(example!.countryCallingCode);
      if (reading?.region !== region) {
        readAsAnother[region] = reading?.region ?? 'none';
      }
    }
    // These regions' mobile ranges are the same as (or inside) their larger neighbour's, which the
    // metadata lists first: such a number reads as the neighbour.
    expect(readAsAnother).toEqual({
      AX: 'FI',
      BL: 'GP',
      CC: 'AU',
      CX: 'AU',
      EH: 'MA',
      IM: 'GB',
      MF: 'GP',
      SJ: 'NO',
      VA: 'IT',
    });
  });
});

describe('supportedRegions', () => {
  it('is exactly the regions of libphonenumber’s full metadata, so every listed region can be read', () => {
    expect([...supportedRegions].sort()).toEqual([...getCountries()].sort());
  });

  it('folds only regions the metadata lacks, into regions it has', () => {
    for (const [folded, into] of Object.entries(foldedRegions)) {
      expect(supportedRegions.has(folded), folded).toBe(false);
      expect(supportedRegions.has(into), into).toBe(true);
    }
    for (const region of regionsWithoutNumbers) {
      expect(supportedRegions.has(region), region).toBe(false);
      expect(foldedRegions[region], region).toBeUndefined();
    }
  });

  it('names every region in English', () => {
    for (const region of supportedRegions) {
      expect(regionName(region), region).not.toBe(region);
    }
  });
});

describe('numberTypes', () => {
  it('holds every type the reading gives, in config spelling', () => {
    expect(numberTypes).toEqual(expect.arrayContaining(['premium-rate', 'toll-free', 'mobile', 'fixed-line-or-mobile']));
    for (const type of numberTypes) {
      expect(type).toMatch(/^[a-z]+(-[a-z]+)*$/);
    }
  });
});

describe('describeNumber', () => {
  it.each([
    ['+13012345678', '+1 301 234 5678, United States'],
    ['+14165550123', '+1 416 555 0123, Canada'],
    ['+18765550123', '+1 876 555 0123, Jamaica'],
    ['+18005550123', '+1 800 555 0123, United States'],
    ['+8613012345678', '+86 130 1234 5678, Chinese mainland'],
    ['+85251234567', '+852 5123 4567, Hong Kong (China)'],
    ['+85366123456', '+853 6612 3456, Macao (China)'],
    ['+886912345678', '+886 912 345 678, Taiwan (China)'],
    ['+77011234567', '+7 701 123 4567, Kazakhstan'],
    ['+447400123456', '+44 740 012 3456, United Kingdom'],
    ['+441534123456', '+44 153 412 3456, Jersey'],
    ['+262939801234', '+262 939 801 234, Mayotte'],
    ['+6591234567', '+65 9123 4567, Singapore'],
    ['+80012345678', '+800 1234 5678, unknown region'],
    ['+99912345678', '+99912345678, unknown region'],
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
    const hostile = {
      toString: () => {
        throw new Error('boom');
      },
    };
    for (const value of [undefined, null, 42, Symbol('x'), hostile]) {
      expect(describeNumber(value as unknown as string)).toBe('not a phone number');
      expect(readNumber(value as unknown as string)).toBeUndefined();
      expect(regionOf(value as unknown as string)).toBeUndefined();
    }
  });
});

describe('regionName', () => {
  it('uses Tencent’s names for the Chinese regions and CLDR’s for the rest', () => {
    expect(regionName('CN')).toBe('Chinese mainland');
    expect(regionName('HK')).toBe('Hong Kong (China)');
    expect(regionName('DE')).toBe('Germany');
    expect(regionName('AC')).toBe('Ascension Island');
  });
});

describe('fuzzed input', () => {
  const e164Like = fc
    .tuple(fc.integer({ min: 1, max: 9 }), fc.stringMatching(/^\d{0,14}$/))
    .map(([first, rest]) => `+${first}${rest}`);

  it('readNumber never throws and answers a canonical number, a supported region and a known type', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), e164Like), (input) => {
        const reading = readNumber(input);
        if (reading === undefined) {
          return;
        }
        expect(`+${reading.callingCode}${reading.national}`).toBe(reading.e164);
        expect(input.startsWith(`+${reading.callingCode}`)).toBe(true);
        // Canonical: read again, the number stays as it is.
        expect(readNumber(reading.e164)).toEqual(reading);
        expect(reading.region === undefined || supportedRegions.has(reading.region)).toBe(true);
        expect(reading.type === undefined || (numberTypes as readonly string[]).includes(reading.type)).toBe(true);
      }),
      { numRuns: 2000 }
    );
  });

  it('describeNumber never throws, shows every digit of the canonical number and names the region it read', () => {
    fc.assert(
      fc.property(e164Like, (input) => {
        const reading = readNumber(input);
        const description = describeNumber(input);
        expect(description.replace(/,.*$/, '').replace(/\D/g, '')).toBe((reading?.e164 ?? input).slice(1));
        expect(description.length).toBeLessThan(80);
        const { region, lengthProblem } = reading ?? {};
        const place = lengthProblem?.region ?? region;
        expect(description).toMatch(
          lengthProblem ? / too (long|short)( or too short)? for / : /, (unknown region|[^,]+)$/
        );
        expect(description.endsWith(place ? regionName(place) : lengthProblem ? `+${reading!.callingCode}` : 'unknown region')).toBe(true);
      }),
      { numRuns: 2000 }
    );
  });
});
