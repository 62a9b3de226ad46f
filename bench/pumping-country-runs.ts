import {
  dayRange,
  globalApp,
  globalCountries,
  mainlandApp,
  neverServed,
  playOnClock,
  pumpingRun,
  refusalsBy,
  smallDestinations,
  total,
  type DayOutcome,
  type Traffic,
} from './pumping-clock.js';

/**
 * The per-country runs of `npm run bench:pumping`, each with the bound it must meet, played on a
 * simulated clock through the guard alone (a code the guard lets through is a code paid for).
 * The app and the runs are those of the table in docs/benchmarks.md; tests play the same runs.
 */

type GuardSend = (config: never, send: { to: unknown; ip?: unknown; countBudgets: boolean }) => Promise<void>;

export type CountryRunContext = {
  guardSend: GuardSend;
  /**
   * Parsed connector configs of an SDK app of its own, with the defaults and the International
   * switch on: one per instance (instances share the app, and a Redis when the context has one).
   */
  configs: (options?: { abuseProtection?: Record<string, unknown>; instances?: number }) => unknown[];
  /** Called as each simulated day ends (progress). */
  onDay?: (run: string, day: number) => void;
};

export type CountryRunResult = {
  /** The figure the bound is about, in words. */
  measured: string;
  met: boolean;
  /** The attack's refusals by rule (block rule against country rule), when there is an attack. */
  attackRefusedBy?: Record<string, number>;
};

export type CountryRun = {
  id: string;
  title: string;
  bound: string;
  /** Needs a shared Redis (two instances). */
  shared?: boolean;
  play: (context: CountryRunContext) => Promise<CountryRunResult>;
};

/** Two weeks of the global app come first; the attack day is the fifteenth. */
const warmDays = 14;
const attackDay = warmDays;
const attackPerHour = 1000;
/** The country the app serves that a run targets: the third by traffic. */
export const servedTarget = globalCountries[2]!;

const count = (value: number) => value.toLocaleString('en-US');
const percent = (part: number, whole: number) => {
  const share = whole === 0 ? 0 : (100 * part) / whole;
  return `${share.toFixed(share === 0 ? 0 : share >= 1 ? 1 : 3)} %`;
};

const play = async (context: CountryRunContext, id: string, configs: unknown[], days: number, traffic: Traffic[]) =>
  playOnClock({
    guardSend: context.guardSend,
    configs,
    days,
    traffic,
    onDay: (day) => context.onDay?.(id, day),
  });

/** Users refused over `days`, as a share of their requests. */
const usersRefused = (outcomes: readonly DayOutcome[], days: readonly number[], except?: readonly string[]) => {
  const refused = total(outcomes, 'userRefused', { days, except });
  const asked = refused + total(outcomes, 'userPaid', { days, except });
  return { refused, asked, share: asked === 0 ? 0 : refused / asked, text: `${count(refused)} of ${count(asked)} users' codes refused (${percent(refused, asked)})` };
};

const attackOutcome = (outcomes: readonly DayOutcome[], days: readonly number[], regions: readonly string[], bound: number) => {
  const paid = total(outcomes, 'attackPaid', { days, regions });
  const asked = paid + total(outcomes, 'attackRefused', { days, regions });
  return { paid, met: paid <= bound, text: `${count(paid)} paid of ${count(asked)}` };
};

/** What the attack runs before the country rule's: only the block rule refuses. */
const withoutCountryRule = { perCountry: false };

export const countryRuns: CountryRun[] = [
  {
    id: 'country-new',
    title: 'two weeks of a global app (80 countries, Zipf shares, 120 codes/h at peak, daily cycle), then a day of 1,000 numbers/h from rotating addresses at a country it never served (Latvia, +371 2xxxxxxx, 40 numbers to a block)',
    bound: '≤ 50 codes paid',
    play: async (context) => {
      const outcomes = await play(context, 'country-new', context.configs(), warmDays + 1, [
        globalApp(),
        pumpingRun({ regions: [neverServed], perHour: attackPerHour, days: [attackDay] }),
      ]);
      const attack = attackOutcome(outcomes, [attackDay], [neverServed], 50);
      const users = usersRefused(outcomes, [attackDay]);
      return { measured: `${attack.text}; that day ${users.text}`, met: attack.met, attackRefusedBy: refusalsBy(outcomes, 'attack') };
    },
  },
  {
    id: 'country-new-off',
    title: 'that day of 1,000/h at Latvia with the country rule turned off (`perCountry: false`): what the block rule alone lets through',
    bound: '— (for comparison)',
    play: async (context) => {
      const outcomes = await play(context, 'country-new-off', context.configs({ abuseProtection: withoutCountryRule }), 1, [
        pumpingRun({ regions: [neverServed], perHour: attackPerHour, days: [0] }),
      ]);
      const attack = attackOutcome(outcomes, [0], [neverServed], Number.POSITIVE_INFINITY);
      return { measured: attack.text, met: true, attackRefusedBy: refusalsBy(outcomes, 'attack') };
    },
  },
  {
    id: 'country-small',
    title: `the same day spread over ${smallDestinations.length} small destinations it never served (+1 Caribbean islands, Pacific islands, Central Asia)`,
    bound: '≤ 200 paid in all',
    play: async (context) => {
      const outcomes = await play(context, 'country-small', context.configs(), warmDays + 1, [
        globalApp(),
        pumpingRun({ regions: smallDestinations, perHour: attackPerHour, days: [attackDay] }),
      ]);
      const attack = attackOutcome(outcomes, [attackDay], smallDestinations, 200);
      const users = usersRefused(outcomes, [attackDay]);
      return { measured: `${attack.text}; that day ${users.text}`, met: attack.met, attackRefusedBy: refusalsBy(outcomes, 'attack') };
    },
  },
  {
    id: 'country-served',
    title: `the same day at a country it serves (${servedTarget}, the third by traffic)`,
    bound: "that country's codes that day ≤ 3× its usual day; elsewhere ≤ 0.1 % refused",
    play: async (context) => {
      const outcomes = await play(context, 'country-served', context.configs(), warmDays + 1, [
        globalApp(),
        pumpingRun({ regions: [servedTarget], perHour: attackPerHour, days: [attackDay] }),
      ]);
      const warm = dayRange(0, warmDays - 1);
      const target = [servedTarget];
      // Its usual day: what its users asked for, on average, over the two weeks.
      const usual = (total(outcomes, 'userPaid', { days: warm, regions: target }) + total(outcomes, 'userRefused', { days: warm, regions: target })) / warmDays;
      const paid = total(outcomes, 'userPaid', { days: [attackDay], regions: target }) + total(outcomes, 'attackPaid', { days: [attackDay], regions: target });
      const elsewhere = usersRefused(outcomes, [attackDay], target);
      return {
        measured: `${count(paid)} codes to ${servedTarget} that day, ${(paid / usual).toFixed(2)}× its usual day (${usual.toFixed(0)}); elsewhere ${elsewhere.text}`,
        met: paid <= 3 * usual && elsewhere.share <= 0.001,
        attackRefusedBy: refusalsBy(outcomes, 'attack'),
      };
    },
  },
  {
    id: 'country-patient',
    title: 'a patient run: after the two weeks, 7 days of 1,000/h at a country it never served',
    bound: '≤ 500 paid in the week',
    play: async (context) => {
      const week = dayRange(attackDay, attackDay + 6);
      const outcomes = await play(context, 'country-patient', context.configs(), warmDays + 7, [
        globalApp(),
        pumpingRun({ regions: [neverServed], perHour: attackPerHour, days: week }),
      ]);
      const attack = attackOutcome(outcomes, week, [neverServed], 500);
      const perDay = week.map((day) => total(outcomes, 'attackPaid', { days: [day], regions: [neverServed] }));
      return { measured: `${attack.text} (by day: ${perDay.join(', ')})`, met: attack.met, attackRefusedBy: refusalsBy(outcomes, 'attack') };
    },
  },
  {
    id: 'country-app',
    title: 'the app itself, four weeks from a cold start, measured from its second week',
    bound: '≤ 0.1 % refused',
    play: async (context) => {
      const outcomes = await play(context, 'country-app', context.configs(), 28, [globalApp()]);
      const users = usersRefused(outcomes, dayRange(7, 27));
      const first = usersRefused(outcomes, dayRange(0, 6));
      return { measured: `${users.text} (first week, while it learns: ${first.text})`, met: users.share <= 0.001 };
    },
  },
  {
    id: 'country-growth',
    title: 'the app growing 10 % a day for three weeks after its first week (7.4× by the end)',
    bound: '≤ 0.1 % refused',
    play: async (context) => {
      const scale = (day: number) => (day < 7 ? 1 : 1.1 ** (day - 6));
      const outcomes = await play(context, 'country-growth', context.configs(), 28, [globalApp({ scale })]);
      const users = usersRefused(outcomes, dayRange(7, 27));
      return { measured: users.text, met: users.share <= 0.001 };
    },
  },
  {
    id: 'country-mainland',
    title: 'a mainland app from a cold start, a day of 1,500/h to +86, International on',
    bound: 'none refused',
    play: async (context) => {
      const outcomes = await play(context, 'country-mainland', context.configs(), 1, [mainlandApp({ perHour: 1500 })]);
      const users = usersRefused(outcomes, [0]);
      return { measured: users.text, met: users.refused === 0 };
    },
  },
  {
    id: 'country-listed',
    title: 'a new deployment that lists its 80 countries in allowedRegions: the global app for two weeks from a cold start, and on its first day 1,000/h at a country it did not list',
    bound: '≤ 0.1 % refused from day 1; nothing paid to an unlisted country',
    play: async (context) => {
      const outcomes = await play(context, 'country-listed', context.configs({ abuseProtection: { allowedRegions: [...globalCountries] } }), warmDays, [
        globalApp(),
        pumpingRun({ regions: [neverServed], perHour: attackPerHour, days: [0] }),
      ]);
      const users = usersRefused(outcomes, dayRange(0, warmDays - 1));
      const attack = attackOutcome(outcomes, [0], [neverServed], 0);
      return {
        measured: `${users.text}; the unlisted country: ${attack.text}`,
        met: users.share <= 0.001 && attack.met,
        attackRefusedBy: refusalsBy(outcomes, 'attack'),
      };
    },
  },
  {
    id: 'country-two',
    title: 'two instances on one Redis: the global app split over both for two weeks, then each meets a day of 1,000/h at the never-served country',
    bound: 'the bounds hold for both together: ≤ 50 paid',
    shared: true,
    play: async (context) => {
      const outcomes = await play(context, 'country-two', context.configs({ instances: 2 }), warmDays + 1, [
        globalApp({ instances: 2 }),
        pumpingRun({ regions: [neverServed], perHour: 2 * attackPerHour, days: [attackDay], instances: 2 }),
      ]);
      const attack = attackOutcome(outcomes, [attackDay], [neverServed], 50);
      const users = usersRefused(outcomes, dayRange(7, attackDay));
      return {
        measured: `${attack.text} (both instances together); users from the second week: ${users.text}`,
        met: attack.met && users.share <= 0.001,
        attackRefusedBy: refusalsBy(outcomes, 'attack'),
      };
    },
  },
];
