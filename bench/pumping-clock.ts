import { getExampleNumber, type CountryCode } from 'libphonenumber-js/max';
import mobileExamples from 'libphonenumber-js/mobile/examples';

import { seededRandom, typeOf, type Random } from './pumping-numbers.js';

/**
 * Traffic on a simulated clock, for the per-country runs of `npm run bench:pumping`: weeks of a
 * global app's sign-ins and days of pumping, played through the guard with `Date.now` set to each
 * send's time (the guard's only clock). Every generator is seeded.
 */

export const hourMs = 3_600_000;
export const dayMs = 86_400_000;
/** The first simulated day: a Monday, 00:00 UTC (the guard's days are UTC days). */
export const simulatedStart = Date.UTC(2026, 0, 5);

/**
 * The 80 countries the global app serves, most traffic first. Mainland China is left out: the
 * rule does not limit it, so a global app without it is the harder case.
 */
export const globalCountries = `
  US IN BR ID GB DE FR JP MX PH VN TR IT ES KR TH EG PK NG BD RU CA AU PL NL SA AE AR CO MY SG HK
  TW ZA UA PE CL SE BE CH AT PT GR CZ RO HU IL IE NZ DK FI NO KE MA DZ IQ LK NP MM KH EC VE GT BO
  UY PY CR PA QA KW OM JO LB BG RS HR SK SI LT EE`
  .trim()
  .split(/\s+/);

/** 54 small destinations the global app never serves: +1 Caribbean islands, other Caribbean, Pacific islands, Central Asia. */
export const smallDestinations = `
  AG AI BB BM BS DM GD JM KN KY LC MS TC TT VC VG VI SX PR GU AS MP AW CW BQ GP MQ HT GY SR
  FJ PG SB VU NC PF WS TO KI TV NR FM MH PW CK NU WF TK KG TJ TM UZ AF KZ`
  .trim()
  .split(/\s+/);

/** The country the global app never serves that a one-country run targets: Latvia, +371 2xxxxxxx. */
export const neverServed = 'LV';

/** One request for a code on the simulated clock. */
export type ClockSend = {
  /** ms since the epoch. */
  at: number;
  /** E.164. */
  to: string;
  region: string;
  ip: string;
  role: 'user' | 'attack';
  /** Which Logto instance receives it (0 unless a run has several). */
  instance: number;
};

/** The sends of simulated day `day` (0 = `simulatedStart`), in any order. */
export type Traffic = (day: number) => ClockSend[];

const digits = (random: Random, count: number) =>
  Array.from({ length: count }, () => Math.floor(random() * 10)).join('');

const randomIpv4 = (random: Random) =>
  `${1 + Math.floor(random() * 223)}.${Math.floor(random() * 256)}.${Math.floor(random() * 256)}.${1 + Math.floor(random() * 254)}`;

const isMobile = (e164: string, region: string) => {
  const type = typeOf(e164, region);
  return type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE';
};

/**
 * Mobile numbers of one region, drawn around its example mobile number: its leading digits kept,
 * the rest drawn, each checked against libphonenumber's full metadata. `free` digits are drawn
 * (up to 6, fewer for short numbers), so the numbers spread over many blocks of 10,000.
 */
export class MobileNumbers {
  private readonly head: string;
  private readonly free: number;
  private readonly example: string;

  constructor(
    readonly region: string,
    private readonly random: Random,
    free = 6
  ) {
    const example = getExampleNumber(region as CountryCode, mobileExamples);
    if (!example) {
      throw new Error(`no example mobile number for ${region}`);
    }
    const national = example.nationalNumber as string;
    this.free = Math.min(free, national.length - 1);
    this.head = `+${example.countryCallingCode}${national.slice(0, national.length - this.free)}`;
    this.example = example.number as string;
  }

  /** A number of the block `block` (the digits before the last four), or of any block. */
  next(block?: string): string {
    for (let attempt = 0; attempt < 40; attempt += 1) {
      const e164 = block === undefined ? `${this.head}${digits(this.random, this.free)}` : `${block}${digits(this.random, 4)}`;
      if (isMobile(e164, this.region)) {
        return e164;
      }
    }
    return this.example;
  }

  /** A block (all but the last four digits) of this region's mobile range, drawn at random. */
  block(): string {
    return this.next().slice(0, -4);
  }
}

/** A Poisson draw (normal approximation above 50). */
const poisson = (random: Random, mean: number): number => {
  if (mean > 50) {
    const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal));
  }
  const limit = Math.exp(-mean);
  let count = 0;
  for (let product = random(); product > limit; product *= random()) {
    count += 1;
  }
  return count;
};

/** A daily cycle: the peak at 14:00 UTC, a tenth of it at 02:00; the mean hour is 55 % of the peak. */
export const dailyCycle = (hourOfDay: number): number => 0.55 + 0.45 * Math.cos((2 * Math.PI * (hourOfDay + 0.5 - 14)) / 24);

/** Zipf shares (1/rank) of `count` countries, as cumulative fractions. */
const zipfCumulative = (count: number): number[] => {
  const weights = Array.from({ length: count }, (_, rank) => 1 / (rank + 1));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let running = 0;
  return weights.map((weight) => (running += weight / total));
};

/** A country's share of the global app's traffic. */
export const zipfShare = (rank: number, count = globalCountries.length): number => {
  const cumulative = zipfCumulative(count);
  return cumulative[rank]! - (rank === 0 ? 0 : cumulative[rank - 1]!);
};

export type AppOptions = {
  countries?: readonly string[];
  peakPerHour?: number;
  /** The traffic's multiple on a day (growth); 1 by default. */
  scale?: (day: number) => number;
  /** How sends are spread over instances. */
  instances?: number;
  seed?: number;
};

/**
 * A global app's sign-ins: `peakPerHour` codes an hour at the daily peak (times `scale(day)`), over
 * `countries` with Zipf shares, each to a random mobile number of its country from an address of
 * its own.
 */
export const globalApp = (options: AppOptions = {}): Traffic => {
  // The same app is played in several runs: its days are drawn once per process.
  const key = JSON.stringify({ ...options, scale: options.scale?.toString() });
  let app = drawnApps.get(key);
  if (!app) {
    app = { days: [], draw: drawApp(options) };
    drawnApps.set(key, app);
  }
  const { days, draw } = app;
  return (day) => {
    while (days.length <= day) {
      days.push(draw(days.length));
    }
    return days[day]!;
  };
};

const drawnApps = new Map<string, { days: ClockSend[][]; draw: Traffic }>();

const drawApp = ({
  countries = globalCountries,
  peakPerHour = 120,
  scale = () => 1,
  instances = 1,
  seed = 1,
}: AppOptions): Traffic => {
  const random = seededRandom(seed);
  const cumulative = zipfCumulative(countries.length);
  const numbers = countries.map((region) => new MobileNumbers(region, random));
  const pick = () => {
    const draw = random();
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle]! < draw) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return numbers[low]!;
  };
  return (day) => {
    const sends: ClockSend[] = [];
    for (let hour = 0; hour < 24; hour += 1) {
      const count = poisson(random, peakPerHour * scale(day) * dailyCycle(hour));
      for (let index = 0; index < count; index += 1) {
        const source = pick();
        sends.push({
          at: simulatedStart + day * dayMs + hour * hourMs + Math.floor(random() * hourMs),
          to: source.next(),
          region: source.region,
          ip: randomIpv4(random),
          role: 'user',
          instance: Math.floor(random() * instances),
        });
      }
    }
    return sends;
  };
};

/** A mainland app: `perHour` codes an hour to random mainland mobile numbers, all day. */
export const mainlandApp = ({ perHour, seed = 7 }: { perHour: number; seed?: number }): Traffic => {
  const random = seededRandom(seed);
  const numbers = new MobileNumbers('CN', random, 8);
  return (day) =>
    Array.from({ length: 24 * perHour }, (_, index) => ({
      at: simulatedStart + day * dayMs + Math.floor((index + random()) * (hourMs / perHour)),
      to: numbers.next(),
      region: 'CN',
      ip: randomIpv4(random),
      role: 'user' as const,
      instance: 0,
    }));
};

export type RunOptions = {
  /** Destinations, taken in turn. */
  regions: readonly string[];
  perHour: number;
  /** The simulated days it runs on (0-based). */
  days: readonly number[];
  /**
   * Numbers per block an hour: 40 makes the block rule (20 an hour) refuse about half of a
   * one-country run, as in a run through a range; the rest is the country rule's.
   */
  perBlock?: number;
  instances?: number;
  seed?: number;
};

/**
 * A pumping run: `perHour` numbers an hour from rotating addresses, over `regions` in turn, each
 * region's numbers `perBlock` to a block before the run moves on to a fresh block.
 */
export const pumpingRun = ({ regions, perHour, days, perBlock = 40, instances = 1, seed = 11 }: RunOptions): Traffic => {
  const random = seededRandom(seed);
  // Seven digits drawn: a run walks the whole range (Latvia's 2xxxxxxx: a thousand blocks).
  const walks = regions.map((region) => ({ numbers: new MobileNumbers(region, random, 7), block: '', used: perBlock }));
  let turn = 0;
  return (day) => {
    if (!days.includes(day)) {
      return [];
    }
    const sends: ClockSend[] = [];
    for (let hour = 0; hour < 24; hour += 1) {
      for (let index = 0; index < perHour; index += 1) {
        const walk = walks[turn++ % walks.length]!;
        if (walk.used >= perBlock) {
          walk.block = walk.numbers.block();
          walk.used = 0;
        }
        walk.used += 1;
        sends.push({
          at: simulatedStart + day * dayMs + hour * hourMs + Math.floor(((index + random()) * hourMs) / perHour),
          to: walk.numbers.next(walk.block),
          region: walk.numbers.region,
          ip: randomIpv4(random),
          role: 'attack',
          instance: Math.floor(random() * instances),
        });
      }
    }
    return sends;
  };
};

/** What happened to one region's sends on one day. */
export type RegionDay = { userPaid: number; userRefused: number; attackPaid: number; attackRefused: number };

/** One simulated day: per region, and the attack's refusals by rule. */
export type DayOutcome = {
  regions: Map<string, RegionDay>;
  /** Refused sends by rule (`perPrefix`, `perCountry`, …), users' and the attack's apart. */
  refusedBy: { user: Record<string, number>; attack: Record<string, number> };
};

type GuardSend = (config: never, send: { to: unknown; ip?: unknown; countBudgets: boolean }) => Promise<void>;

/** The rule a refusal names in its advice (`abuseProtection.perCountry` → `perCountry`), else its code. */
const ruleOf = (error: unknown): string => {
  const record = (error ?? {}) as { advice?: unknown; code?: unknown; message?: unknown };
  const rule = /abuseProtection\.(\w+)/.exec(`${String(record.advice ?? '')} ${String(record.message ?? '')}`)?.[1];
  return rule ?? (typeof record.code === 'string' ? record.code : 'error');
};

/**
 * Plays `days` simulated days of every traffic through `guardSend`, one send after another in
 * time order, with `Date.now` returning each send's time (restored afterwards). `configs` holds
 * one parsed connector config per instance. `onDay` sees each day's outcome as it ends.
 */
export const playOnClock = async ({
  guardSend,
  configs,
  days,
  traffic,
  onDay,
}: {
  guardSend: GuardSend;
  configs: readonly unknown[];
  days: number;
  traffic: readonly Traffic[];
  onDay?: (day: number, outcome: DayOutcome) => void;
}): Promise<DayOutcome[]> => {
  const realNow = Date.now;
  let clock = simulatedStart;
  Date.now = () => clock;
  // Refusals are most of a pumping run, and capturing each one's stack was most of its cost.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  const outcomes: DayOutcome[] = [];
  try {
    for (let day = 0; day < days; day += 1) {
      const sends = traffic.flatMap((make) => make(day)).sort((a, b) => a.at - b.at);
      const outcome: DayOutcome = { regions: new Map(), refusedBy: { user: {}, attack: {} } };
      for (const send of sends) {
        clock = send.at;
        let tally = outcome.regions.get(send.region);
        if (!tally) {
          tally = { userPaid: 0, userRefused: 0, attackPaid: 0, attackRefused: 0 };
          outcome.regions.set(send.region, tally);
        }
        try {
          await guardSend(configs[send.instance] as never, { to: send.to.slice(1), ip: send.ip, countBudgets: true });
          tally[send.role === 'user' ? 'userPaid' : 'attackPaid'] += 1;
        } catch (error) {
          tally[send.role === 'user' ? 'userRefused' : 'attackRefused'] += 1;
          const reasons = outcome.refusedBy[send.role];
          const rule = ruleOf(error);
          reasons[rule] = (reasons[rule] ?? 0) + 1;
        }
      }
      outcomes.push(outcome);
      onDay?.(day, outcome);
    }
  } finally {
    Date.now = realNow;
    Error.stackTraceLimit = stackTraceLimit;
  }
  return outcomes;
};

/** Sums a figure of `RegionDay` over the given days and regions (all regions when absent). */
export const total = (
  outcomes: readonly DayOutcome[],
  figure: keyof RegionDay,
  { days, regions, except }: { days?: readonly number[]; regions?: readonly string[]; except?: readonly string[] } = {}
): number => {
  let sum = 0;
  for (const [day, outcome] of outcomes.entries()) {
    if (days && !days.includes(day)) {
      continue;
    }
    for (const [region, tally] of outcome.regions) {
      if ((!regions || regions.includes(region)) && !except?.includes(region)) {
        sum += tally[figure];
      }
    }
  }
  return sum;
};

/** Refusals by rule over the given days, users' or the attack's. */
export const refusalsBy = (outcomes: readonly DayOutcome[], role: 'user' | 'attack', days?: readonly number[]) => {
  const sum: Record<string, number> = {};
  for (const [day, outcome] of outcomes.entries()) {
    if (days && !days.includes(day)) {
      continue;
    }
    for (const [rule, count] of Object.entries(outcome.refusedBy[role])) {
      sum[rule] = (sum[rule] ?? 0) + count;
    }
  }
  return sum;
};

/** Day numbers `from` to `to`, both included (0-based). */
export const dayRange = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, index) => from + index);
