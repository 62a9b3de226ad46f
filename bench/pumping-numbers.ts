import {
  getCountries,
  getCountryCallingCode,
  getExampleNumber,
  parsePhoneNumberFromString,
  type CountryCode,
  type NumberType,
} from 'libphonenumber-js/max';
import mobileExamples from 'libphonenumber-js/mobile/examples';

/**
 * Phone numbers for the pumping runs, judged by libphonenumber's full metadata directly (not by
 * the connector's reading, which is what the runs test). Every generator is seeded: the same
 * numbers on every run, so two runs differ only by the code under test.
 */

/** A small seeded generator (mulberry32): deterministic runs without a dependency. */
export const seededRandom = (seed: number) => {
  let state = seed >>> 0;
  return (): number => {
    state = (state + 0x6d_2b_79_f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};
export type Random = ReturnType<typeof seededRandom>;

const digits = (random: Random, count: number) =>
  Array.from({ length: count }, () => Math.floor(random() * 10)).join('');

/** libphonenumber's type of an E.164 number, when it reads it as a number of `country`. */
export const typeOf = (e164: string, country?: string): NumberType | undefined => {
  const number = parsePhoneNumberFromString(e164);
  if (!number || (country !== undefined && number.country !== country)) {
    return undefined;
  }
  return number.getType();
};

const isMobile = (e164: string, country?: string) => {
  const type = typeOf(e164, country);
  return type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE';
};

/** `count` sequential numbers from `first` on (E.164, e.g. +447911123800), all checked mobile. */
export const sequentialNumbers = (first: string, count: number): string[] => {
  const numbers = Array.from({ length: count }, (_, index) => `+${(BigInt(first.slice(1)) + BigInt(index)).toString()}`);
  const notMobile = numbers.filter((number) => !isMobile(number));
  if (notMobile.length > 0) {
    throw new Error(`${notMobile.length} numbers of the block are not mobile numbers, e.g. ${notMobile[0]}`);
  }
  return numbers;
};

/**
 * Ranges whose numbers libphonenumber's full metadata classifies as premium-rate: calling code,
 * national prefix and national length. Checked number by number when drawn.
 */
const premiumRanges: ReadonlyArray<readonly [CountryCode, string, number]> = [
  ['GB', '909', 10],
  ['GB', '983', 10],
  ['DE', '9009', 11],
  ['FR', '89', 9],
  ['AU', '1900', 10],
  ['IT', '899', 9],
  ['ES', '806', 9],
  ['NL', '906', 10],
  ['BE', '903', 8],
  ['CH', '901', 9],
  ['AT', '939', 10],
  ['PL', '704', 9],
  ['NZ', '900', 9],
  ['JP', '990', 9],
  ['IE', '1580', 10],
  ['CZ', '906', 9],
  ['GR', '909', 10],
  ['RU', '809', 10],
  ['IL', '1919', 10],
  ['BR', '900', 10],
];

/** `count` premium-rate numbers, round-robin over 20 countries, each in a block of its own. */
export const premiumRateNumbers = (count: number, random: Random): string[] => {
  const numbers = new Set<string>();
  for (let attempt = 0; numbers.size < count && attempt < count * 50; attempt += 1) {
    const [country, prefix, length] = premiumRanges[attempt % premiumRanges.length]!;
    const e164 = `+${getCountryCallingCode(country)}${prefix}${digits(random, length - prefix.length)}`;
    if (typeOf(e164, country) === 'PREMIUM_RATE') {
      numbers.add(e164);
    }
  }
  return [...numbers];
};

/** Mainland China's mobile prefixes (the three carriers and their MVNO ranges). */
const mainlandPrefixes = [
  '130', '131', '132', '133', '134', '135', '136', '137', '138', '139', '150', '151', '152', '153',
  '155', '156', '157', '158', '159', '166', '170', '171', '173', '175', '176', '177', '178', '180',
  '181', '182', '183', '184', '185', '186', '187', '188', '189', '191', '198', '199',
];

/** A random mainland mobile number, checked mobile. */
export const mainlandMobile = (random: Random): string => {
  for (;;) {
    const prefix = mainlandPrefixes[Math.floor(random() * mainlandPrefixes.length)]!;
    const e164 = `+86${prefix}${digits(random, 8)}`;
    if (isMobile(e164, 'CN')) {
      return e164;
    }
  }
};

/** `count` different numbers of one block: `block` followed by random last `free` digits. */
export const numbersOfBlock = (block: string, free: number, count: number, random: Random): string[] => {
  const numbers = new Set<string>();
  for (let attempt = 0; numbers.size < count; attempt += 1) {
    if (attempt > count * 100) {
      throw new Error(`too few mobile numbers in ${block}: ${numbers.size} of ${count}`);
    }
    const e164 = `${block}${digits(random, free)}`;
    if (isMobile(e164)) {
      numbers.add(e164);
    }
  }
  return [...numbers];
};

/**
 * Up to `perRegion` mobile numbers of every region libphonenumber knows: its example mobile number
 * with the last six digits (fewer for short numbers) drawn again, kept when still a mobile number
 * of that region; the example itself when no variant is. Returns region and number.
 */
export const mobileNumbersOfEveryRegion = (
  perRegion: number,
  random: Random
): Array<{ region: CountryCode; e164: string }> =>
  getCountries().flatMap((region) => {
    const example = getExampleNumber(region, mobileExamples);
    if (!example) {
      return [];
    }
    const national = example.nationalNumber as string;
    const head = `+${example.countryCallingCode}${national.slice(0, Math.max(national.length - 6, 2))}`;
    const tail = national.length - (head.length - 1 - example.countryCallingCode.length);
    const numbers = new Set<string>();
    for (let attempt = 0; numbers.size < perRegion && attempt < perRegion * 40; attempt += 1) {
      const e164 = `${head}${digits(random, tail)}`;
      if (isMobile(e164, region)) {
        numbers.add(e164);
      }
    }
    if (numbers.size === 0) {
      numbers.add(example.number as string);
    }
    return [...numbers].map((e164) => ({ region, e164 }));
  });

/** Every region libphonenumber knows (what a "global" service's region list would hold). */
export const everyRegion = (): string[] => [...getCountries()];
