import type { CountryWords } from './refusals.js';
import type { LearnedRefusal } from './stores/types.js';

const hourMs = 3_600_000;

/**
 * The most countries a log keeps a tally for. Scopes are regions and a few non-geographic
 * calling codes, about 260 in all, so a full log never forgets a country within the hour; the
 * bound only keeps a fault elsewhere from growing it.
 */
export const maxTallies = 512;

/** One country's refusals in this process: this hour's, the hour before's, and when it was last logged. */
type Tally = { hour: number; refused: number; hourBefore: number; loggedHour: number };

const count = (value: number) => value.toLocaleString('en-US');

/** The line: the country, how many were refused, the key to raise. No number, no address. */
const lineOf = ({ name, raise }: CountryWords, hourBefore: number, refused: LearnedRefusal | undefined): string => {
  const today = refused ? `${count(refused.refusedToday)} today so far (every instance)` : 'more than it may get today';
  const before = hourBefore > 0 ? `, ${count(hourBefore)} by this instance in the hour before` : '';
  const why =
    refused?.spent === 'pool'
      ? `countries this app has not served yet share ${count(refused.allowance)} codes a day (abuseProtection.perCountry.newCountries)`
      : `its allowance is ${refused ? `${count(refused.allowance)} codes a day, ` : ''}learned from this app's traffic (abuseProtection.perCountry)`;
  return `connector-tencent-sms: codes to ${name} are being refused: ${today}${before}; ${why}. SMS pumping looks like this; if the users are real, raise ${raise}.`;
};

/**
 * Tells the operator, in Logto's log, that a country's codes are being refused: at most one line
 * per country per hour of the clock, so a run of thousands of refusals is one line an hour, not
 * thousands, and an operator learns of it from the log rather than the bill.
 */
export class CountryRefusalLog {
  private readonly tallies = new Map<string, Tally>();

  constructor(private readonly write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)) {}

  /** Counts one refusal to `scope`, and writes the hour's line if it is the first. */
  note(scope: string, words: CountryWords, refused: LearnedRefusal | undefined, now = Date.now()): void {
    const hour = Math.floor(now / hourMs);
    let tally = this.tallies.get(scope);
    if (tally) {
      this.tallies.delete(scope);
    } else {
      if (this.tallies.size >= maxTallies) {
        this.tallies.delete(this.tallies.keys().next().value!);
      }
      tally = { hour, refused: 0, hourBefore: 0, loggedHour: Number.NEGATIVE_INFINITY };
    }
    // Kept most recently used last, so the first key is the one to forget.
    this.tallies.set(scope, tally);
    if (hour > tally.hour) {
      tally.hourBefore = tally.hour === hour - 1 ? tally.refused : 0;
      tally.hour = hour;
      tally.refused = 0;
    }
    tally.refused += 1;
    if (hour > tally.loggedHour) {
      tally.loggedHour = hour;
      this.write(lineOf(words, tally.hourBefore, refused));
    }
  }

  /** How many countries it keeps a tally for (for tests of the bound). */
  get size(): number {
    return this.tallies.size;
  }
}

/** This process's log of refused countries. */
export const countryRefusalLog = new CountryRefusalLog();
