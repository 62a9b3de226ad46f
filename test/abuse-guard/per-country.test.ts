import { ConnectorErrorCodes } from '@logto/connector-kit';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { CountryRefusalLog, maxTallies } from '../../src/abuse-guard/country-log.js';
import { countryScopeOf, countryWordsOf } from '../../src/abuse-guard/rules/per-country.js';
import { dayMs, historyDays } from '../../src/abuse-guard/stores/learned.js';
import { MemoryBudgetStore } from '../../src/abuse-guard/stores/memory-store.js';
import type { ClaimResult, LearnedLimit } from '../../src/abuse-guard/stores/types.js';
import { descriptionOf, operatorTextOf } from '../helpers/connector.js';
import { configWith, data, failure, outcomes, savedConnector, tencent } from '../helpers/guard.js';
import { offlineNock } from '../helpers/tencent-mock.js';

/**
 * The per-country rule: through the connector as Logto calls it (Tencent mocked by nock, budgets
 * in this process, `Date.now` faked), and its arithmetic on the in-process store alone.
 */

offlineNock();
beforeEach(() => {
  // The hourly log lines go to stderr; the test that reads them spies on it itself.
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const monday = Date.UTC(2026, 2, 2, 9);
const startClock = (at = monday) => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(at);
};

/** `count` Latvian mobile numbers, each in a block of its own so the block rule never counts twice. */
const latvian = (count: number, from = 0) =>
  Array.from({ length: count }, (_, index) => `3712${String(from + index).padStart(3, '0')}1234`);

/** Sends one after another; the outcome of each. */
const sendAll = async (sendMessage: (message: ReturnType<typeof data>) => Promise<unknown>, numbers: string[]) => {
  const results: string[] = [];
  for (const [index, to] of numbers.entries()) {
    results.push(...(await outcomes([sendMessage(data(to, `198.51.${index >> 8}.${index & 0xff}`))])));
  }
  return results;
};

const okCount = (results: string[]) => results.filter((result) => result === 'ok').length;

describe('perCountry through the connector', () => {
  it('gives a country the app never served 20 codes a day; the 21st is rate_limit_exceeded, the rule in words for the user, the country and the key for the operator', async () => {
    startClock();
    const sent = tencent();
    const { sendMessage } = await savedConnector(configWith(undefined, { international: true }));
    expect(okCount(await sendAll(sendMessage, latvian(20)))).toBe(20);
    const error = await failure(sendMessage(data('37129991234', '203.0.113.5')));
    expect(error.code).toBe(ConnectorErrorCodes.RateLimitExceeded);
    expect(descriptionOf(error)).toBe('Too many codes to this country today.');
    // What the browser receives names neither the country's figure nor a setting.
    expect(JSON.stringify(error.data)).not.toMatch(/20|perCountry|LV|Latvia/);
    expect(operatorTextOf(error)).toBe(
      "Too many codes to Latvia (LV) today (20 a day, learned from its traffic). If real users hit it, raise abuseProtection.perCountry.allow.LV."
    );
    expect(sent).toHaveLength(20);
  });

  it('gives the next UTC day a fresh allowance, learned from the day before: twice what it paid', async () => {
    startClock(Date.UTC(2026, 2, 2, 23, 50));
    tencent();
    const { sendMessage } = await savedConnector(configWith(undefined));
    expect(okCount(await sendAll(sendMessage, latvian(25)))).toBe(20);
    vi.setSystemTime(Date.UTC(2026, 2, 3, 0, 5));
    expect(okCount(await sendAll(sendMessage, latvian(45, 100)))).toBe(40);
  });

  it('never limits mainland China: 300 mainland numbers of different blocks all go', async () => {
    startClock();
    const sent = tencent();
    const { sendMessage } = await savedConnector(configWith(undefined));
    const numbers = Array.from({ length: 300 }, (_, index) => `86138${String(index).padStart(4, '0')}1234`);
    expect(okCount(await sendAll(sendMessage, numbers))).toBe(300);
    expect(sent).toHaveLength(300);
  });

  it('lets countries it has not served share 100 codes a day, then names the pool and how to raise it', async () => {
    startClock();
    tencent();
    const { sendMessage } = await savedConnector(configWith(undefined));
    const countries = ['3712{}1234', '3706{}1234', '3725{}123', '4179{}1234', '3519{}12345', '35387{}1234'];
    const results: string[] = [];
    for (const pattern of countries) {
      results.push(...(await sendAll(sendMessage, Array.from({ length: 20 }, (_, index) => pattern.replace('{}', String(100 + index))))));
    }
    expect(okCount(results)).toBe(100);
    const error = await failure(sendMessage(data('35389991234', '203.0.113.6')));
    expect(operatorTextOf(error)).toBe(
      'Too many codes today to new countries, Ireland (IE) among them (100 a day in all). For real users, raise abuseProtection.perCountry.allow.IE.'
    );
    expect(descriptionOf(error)).toBe('Too many codes to this country today.');
  });

  it('starts a country listed in allowedRegions at 500 a day, outside the pool', async () => {
    startClock();
    tencent();
    const { sendMessage } = await savedConnector(configWith({ allowedRegions: ['LV'], perPrefix: false }));
    expect(okCount(await sendAll(sendMessage, latvian(505)))).toBe(500);
  });

  it('raises a country by hand with allow, at once, and leaves the others alone', async () => {
    startClock();
    tencent();
    const config = configWith({ perCountry: { allow: { lv: 30 } } });
    const { sendMessage } = await savedConnector(config);
    expect(okCount(await sendAll(sendMessage, latvian(35)))).toBe(30);
    expect(okCount(await sendAll(sendMessage, Array.from({ length: 25 }, (_, index) => `3706${String(index).padStart(3, '0')}1234`)))).toBe(20);
  });

  it('reads its starting figures from the setting, and is off with perCountry: false', async () => {
    startClock();
    tencent();
    const small = await savedConnector(configWith({ perCountry: { newCountry: 3 } }));
    expect(okCount(await sendAll(small.sendMessage, latvian(10)))).toBe(3);
    const off = await savedConnector(configWith({ perCountry: false }));
    expect(okCount(await sendAll(off.sendMessage, latvian(60)))).toBe(60);
  });

  it('counts the regions of one calling code apart: +1 415 (US) and +1 876 (Jamaica)', async () => {
    startClock();
    tencent();
    const { sendMessage } = await savedConnector(configWith(undefined));
    const us = Array.from({ length: 25 }, (_, index) => `1415${String(200 + index)}1234`);
    const jamaica = Array.from({ length: 25 }, (_, index) => `1876${String(200 + index)}1234`);
    expect([okCount(await sendAll(sendMessage, us)), okCount(await sendAll(sendMessage, jamaica))]).toEqual([20, 20]);
  });

  it('holds no budget against the Console test send', async () => {
    startClock();
    const sent = tencent();
    const { sendMessage } = await savedConnector(configWith(undefined));
    await sendAll(sendMessage, latvian(25));
    const { makeConnector } = await import('../helpers/connector.js');
    const consoleConnector = await makeConnector();
    await consoleConnector.sendMessage(data('37129991234'), configWith(undefined));
    expect(sent).toHaveLength(21);
  });

  it('writes one line per country per hour to the log while it refuses: the country, the counts, the key; no number, no address', async () => {
    // A day of its own: the log's tallies are the process's, shared with the tests above.
    startClock(Date.UTC(2026, 5, 1, 10, 0));
    tencent();
    const lines: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    const { sendMessage } = await savedConnector(configWith(undefined));
    // 20 paid, then 80 refused in the hour: one line.
    await sendAll(sendMessage, latvian(100));
    const countryLines = () => lines.filter((line) => line.includes('are being refused'));
    expect(countryLines()).toHaveLength(1);
    expect(countryLines()[0]).toBe(
      "connector-tencent-sms: codes to Latvia (LV) are being refused: 1 today so far (every instance); its allowance is 20 codes a day, learned from this app's traffic (abuseProtection.perCountry). SMS pumping looks like this; if the users are real, raise abuseProtection.perCountry.allow.LV.\n"
    );
    vi.setSystemTime(Date.UTC(2026, 5, 1, 11, 30));
    await sendAll(sendMessage, latvian(50, 200));
    expect(countryLines()).toHaveLength(2);
    expect(countryLines()[1]).toContain('81 today so far (every instance), 80 by this instance in the hour before;');
    expect(lines.join('')).not.toMatch(/3712\d|198\.51/);
  });
});

describe('the hourly log line', () => {
  const refused = { refusedToday: 5, allowance: 20, spent: 'allowance' as const };

  it('writes at most one line per country per hour of the clock, however many refusals, on a simulated clock', () => {
    const lines: string[] = [];
    const log = new CountryRefusalLog((line) => lines.push(line));
    const hour = 3_600_000;
    const start = Date.UTC(2026, 2, 2, 10);
    for (let minute = 0; minute < 180; minute += 1) {
      for (let send = 0; send < 10; send += 1) {
        log.note('LV', countryWordsOf('LV'), refused, start + minute * 60_000);
        log.note('FJ', countryWordsOf('FJ'), refused, start + minute * 60_000);
      }
    }
    expect(lines).toHaveLength(6);
    expect(lines.filter((line) => line.includes('Latvia (LV)'))).toHaveLength(3);
    expect(lines[2]).toContain('600 by this instance in the hour before');
    // A quiet hour in between: the hour before is not the last hour it refused in.
    log.note('LV', countryWordsOf('LV'), refused, start + 5 * hour);
    expect(lines.at(-1)).not.toContain('hour before');
    // A clock that steps back does not write again.
    log.note('LV', countryWordsOf('LV'), refused, start + 4 * hour);
    expect(lines).toHaveLength(7);
  });

  it('keeps a tally for at most maxTallies countries', () => {
    const log = new CountryRefusalLog(() => undefined);
    for (let scope = 0; scope < maxTallies + 100; scope += 1) {
      log.note(`+${scope}`, countryWordsOf(`+${scope}`), refused, 0);
    }
    expect(log.size).toBe(maxTallies);
  });

  it('names numbers of no country by their calling code', () => {
    expect(countryScopeOf({ e164: '+88213000000', region: undefined })).toBe('+882');
    expect(countryWordsOf('+882')).toEqual({ name: 'numbers under +882 (no country)', raise: 'abuseProtection.perCountry.newCountry' });
    expect(countryWordsOf('TW')).toEqual({ name: 'Taiwan (China) (TW)', raise: 'abuseProtection.perCountry.allow.TW' });
  });
});

describe('the learned allowance, in the in-process store', () => {
  const limit = (overrides: Partial<LearnedLimit> = {}): LearnedLimit => ({
    key: 'country',
    kind: 'learned',
    poolKey: 'pool',
    floor: 20,
    pool: 100,
    growth: 2,
    dwarf: 50,
    ...overrides,
  });
  const start = Date.UTC(2026, 2, 2);

  /** Asks `asked` codes on `day` (spread over it); how many were paid, and the last refusal. */
  const day = (store: MemoryBudgetStore, dayIndex: number, asked: number, shape = limit()) => {
    let paid = 0;
    let last: ClaimResult | undefined;
    for (let index = 0; index < asked; index += 1) {
      const now = start + dayIndex * dayMs + Math.floor((index * dayMs) / Math.max(asked, 1));
      const result = store.claimNow({ tag: 't', limits: [shape], member: `m${index}`, now });
      paid += result === 'accepted' ? 1 : 0;
      last = result === 'accepted' ? last : result;
    }
    return { paid, last };
  };

  it('grows with demand: twice the usual day at most, and at most twice yesterday', () => {
    const store = new MemoryBudgetStore();
    const paid = [30, 30, 100, 300, 300, 300].map((asked, index) => day(store, index, asked, limit({ pool: 0 })).paid);
    // The floor, then twice the most paid on a day of the history: 40, 60, 120, 240, 480.
    expect(paid).toEqual([20, 30, 60, 120, 240, 300]);
  });

  it('does not learn a run: a day refused 50 times what it paid leaves tomorrow where today was', () => {
    const store = new MemoryBudgetStore();
    const week = Array.from({ length: 7 }, (_, index) => day(store, index, 2000, limit({ pool: 0 })).paid);
    expect(week).toEqual([20, 20, 20, 20, 20, 20, 20]);
    // Nor does a quiet day after the run raise it.
    day(store, 7, 0);
    expect(day(store, 8, 100, limit({ pool: 0 })).paid).toBe(20);
  });

  it('reports a refusal with the day so far and the allowance, and counts it as refused, never as paid', () => {
    const store = new MemoryBudgetStore();
    const { last } = day(store, 0, 25, limit({ pool: 0 }));
    expect(last).toEqual({ refusedBy: 0, learned: { refusedToday: 5, allowance: 20, spent: 'allowance' } });
    // 20 paid and 5 refused is no run: tomorrow may have twice 20.
    expect(day(store, 1, 60, limit({ pool: 0 })).paid).toBe(40);
  });

  it('lets not-yet-served keys share the pool; a key leaves it once it was served on a day that was no run', () => {
    const store = new MemoryBudgetStore();
    const a = limit({ key: 'a' });
    const b = limit({ key: 'b', pool: 100 });
    expect(day(store, 0, 20, a).paid).toBe(20);
    expect(day(store, 0, 200, b).paid).toBe(20);
    const pooled = limit({ key: 'c', floor: 1000 });
    expect(day(store, 0, 100, pooled).paid).toBe(60);
    // Day 1: a and c were served on a day that was no run, so they no longer draw on it.
    expect(day(store, 1, 90, pooled).paid).toBe(90);
    expect(day(store, 1, 40, a).paid).toBe(40);
  });

  it('forgets days without a send, and after its history a key is new again', () => {
    const store = new MemoryBudgetStore();
    const shape = limit({ pool: 0 });
    day(store, 0, 20, shape);
    day(store, 1, 40, shape);
    expect(day(store, 2, 100, shape).paid).toBe(80);
    // Two weeks later the history is empty: the floor again.
    expect(day(store, 2 + historyDays + 1, 100, shape).paid).toBe(20);
  });

  it('uses a raised floor at once, and keeps counting in the stored day when a clock is behind', () => {
    const store = new MemoryBudgetStore();
    expect(day(store, 0, 30, limit({ pool: 0 })).paid).toBe(20);
    expect(day(store, 0, 30, limit({ pool: 0, floor: 35 })).paid).toBe(15);
    const behind = start - 60_000;
    expect(store.claimNow({ tag: 't', limits: [limit({ pool: 0, floor: 35 })], member: 'x', now: behind })).toMatchObject({
      refusedBy: 0,
    });
  });

  it('holds a key in a fixed number of counters and stays within maxKeys', () => {
    const store = new MemoryBudgetStore({ maxKeys: 50 });
    for (let index = 0; index < 500; index += 1) {
      store.claimNow({ tag: 't', limits: [limit({ key: `k${index}`, pool: 0 })], member: 'm', now: start + index * dayMs });
    }
    expect(store.size).toBeLessThanOrEqual(50);
  });
});
