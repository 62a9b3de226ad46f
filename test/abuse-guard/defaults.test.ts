import { ConnectorErrorCodes } from '@logto/connector-kit';
import { getCountries, getExampleNumber } from 'libphonenumber-js/max';
import mobileExamples from 'libphonenumber-js/examples.mobile.json';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { legacyConfig } from '../helpers/config.js';
import { configWith, data, outcomes, savedConnector, tencent } from '../helpers/guard.js';
import { offlineNock } from '../helpers/tencent-mock.js';

/**
 * What a connector configured with nothing but credentials and templates does: it lets
 * legitimate traffic through untouched and stops a pumping run, and each default rule can be
 * turned off.
 */

offlineNock();
afterEach(() => {
  vi.useRealTimers();
});

/** A small deterministic generator, so a failure can be replayed. */
const random = (seed: number) => () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};

/** A pumping run: `count` numbers in sequence through one block, each from an address of its own. */
const pumpingRun = (count: number) =>
  Array.from({ length: count }, (_, index) => ({
    to: `44740010${String(index).padStart(4, '0')}`,
    ip: `198.18.${index >> 8}.${index & 0xff}`,
  }));

/** Sends one after another, `gapMs` of (faked) time apart; the outcome of each. */
const sendInTurn = async (
  sendMessage: (message: ReturnType<typeof data>) => Promise<unknown>,
  sends: Array<{ to: string; ip: string }>,
  gapMs = 0
) => {
  const results: string[] = [];
  for (const { to, ip } of sends) {
    results.push(...(await outcomes([sendMessage(data(to, ip))])));
    vi.setSystemTime(Date.now() + gapMs);
  }
  return results;
};

const startClock = () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-03-02T09:00:00Z'));
};

describe('a config with credentials and templates only', () => {
  it('stops a run of 400 sequential numbers of one block from 400 addresses: at most 50 sent, the rest 429', async () => {
    startClock();
    const sent = tencent();
    const { sendMessage } = await savedConnector(configWith(undefined));
    // All at once, then the same run spread over two hours.
    const burst = await sendInTurn(sendMessage, pumpingRun(400));
    expect(burst.filter((result) => result === 'ok').length).toBeLessThanOrEqual(50);
    expect(burst.filter((result) => result === ConnectorErrorCodes.RateLimitExceeded).length).toBeGreaterThanOrEqual(350);
    const slow = await savedConnector(configWith(undefined));
    const spread = await sendInTurn(slow.sendMessage, pumpingRun(400), (2 * 3600 * 1000) / 400);
    expect(spread.filter((result) => result === 'ok').length).toBeLessThanOrEqual(50);
    expect(sent.length).toBeLessThanOrEqual(100);
  });

  it('sends codes to 15 colleagues of one office block within an hour, all from the office address', async () => {
    startClock();
    const sent = tencent();
    const { sendMessage } = await savedConnector(configWith(undefined));
    const colleagues = Array.from({ length: 15 }, (_, index) => ({
      to: `49301234${String(5000 + index * 7).padStart(4, '0')}`,
      ip: '203.0.113.25',
    }));
    expect(await sendInTurn(sendMessage, colleagues, 4 * 60 * 1000)).toEqual(Array(15).fill('ok'));
    expect(sent).toHaveLength(15);
  });

  it('sends codes to 3,000 mainland users behind four carrier-grade NAT addresses within an hour', async () => {
    startClock();
    const sent = tencent();
    const { sendMessage } = await savedConnector(configWith(undefined));
    const next = random(86);
    const users = Array.from({ length: 3000 }, (_, index) => ({
      to: `861${3 + Math.floor(next() * 7)}${String(Math.floor(next() * 1e9)).padStart(9, '0')}`,
      ip: `100.64.${index % 4}.1`,
    }));
    // A hundred at a time, a hundred a minute: the whole load within the hour.
    const results: string[] = [];
    for (let start = 0; start < users.length; start += 100) {
      results.push(...(await outcomes(users.slice(start, start + 100).map(({ to, ip }) => sendMessage(data(to, ip))))));
      vi.setSystemTime(Date.now() + 60_000);
    }
    expect(results.filter((result) => result !== 'ok')).toEqual([]);
    expect(sent).toHaveLength(3000);
  }, 120_000);

  it('sends codes to users of every country it lists: a mobile number of each of the 245 regions', async () => {
    const sent = tencent();
    const regions = getCountries();
    const { sendMessage } = await savedConnector(configWith({ allowedRegions: regions }));
    const numbers = regions.map((region) => getExampleNumber(region, mobileExamples)!.number.slice(1));
    expect(numbers).toHaveLength(245);
    const results = await outcomes(numbers.map((to, index) => sendMessage(data(to, `192.0.2.${index % 250}`))));
    expect(results.map((result, index) => `${numbers[index]} ${result}`).filter((line) => !line.endsWith(' ok'))).toEqual([]);
    expect(sent).toHaveLength(245);
  });

  it('without a list, lets 100 codes a day go to countries it has not served yet, mainland numbers always', async () => {
    startClock();
    const sent = tencent();
    const { sendMessage } = await savedConnector(configWith(undefined));
    const numbers = getCountries().map((region) => getExampleNumber(region, mobileExamples)!.number.slice(1));
    const results = await sendInTurn(sendMessage, numbers.map((to, index) => ({ to, ip: `192.0.2.${index % 250}` })));
    // Every one of them is a country never served, CN aside: the pool of 100 is what stops a run over many.
    expect(results.filter((result) => result === 'ok')).toHaveLength(101);
    expect(new Set(results.filter((result) => result !== 'ok'))).toEqual(new Set([ConnectorErrorCodes.RateLimitExceeded]));
    expect(await outcomes([sendMessage(data('8613012345678', '192.0.2.1'))])).toEqual(['ok']);
    expect(sent).toHaveLength(102);
    // A new day, a new pool.
    vi.setSystemTime(new Date('2026-03-03T00:00:01Z'));
    expect(await outcomes([sendMessage(data(numbers.at(-1)!, '192.0.2.2'))])).toEqual(['ok']);
  });

  it('refuses a premium-rate number, and sends it once refusedNumberTypes is []', async () => {
    const sent = tencent();
    const refusing = await savedConnector(configWith(undefined));
    expect(await outcomes([refusing.sendMessage(data('449098790000', '192.0.2.1'))])).toEqual([
      ConnectorErrorCodes.InvalidRequestParameters,
    ]);
    const sending = await savedConnector(configWith({ refusedNumberTypes: [] }));
    expect(await outcomes([sending.sendMessage(data('449098790000', '192.0.2.1'))])).toEqual(['ok']);
    expect(sent).toEqual(['+449098790000']);
  });

  it('applies the defaults to an emptied Console field and to a config without the switch, not when the switch is off', async () => {
    const run = pumpingRun(30);
    const sentThrough = async (config: unknown) => {
      const { sendMessage } = await savedConnector(config);
      return (await sendInTurn(sendMessage, run)).filter((result) => result === 'ok').length;
    };
    tencent();
    expect(await sentThrough(configWith(null))).toBe(20);
    expect(await sentThrough(configWith({}))).toBe(20);
    expect(await sentThrough({ ...legacyConfig(), sdkAppId: '1400777001' })).toBe(20);
    expect(await sentThrough(configWith(undefined, { pumpingProtection: true }))).toBe(20);
    expect(await sentThrough(configWith(undefined, { pumpingProtection: false }))).toBe(30);
    expect(await sentThrough(configWith({ perPrefix: false }, { pumpingProtection: false }))).toBe(30);
  });

  it('keeps the number-block rule when other rules are set, and turns it off with perPrefix: false', async () => {
    const run = pumpingRun(30);
    tencent();
    const withRegions = await savedConnector(configWith({ allowedRegions: ['GB'] }));
    expect((await sendInTurn(withRegions.sendMessage, run)).filter((result) => result === 'ok')).toHaveLength(20);
    const off = await savedConnector(configWith({ allowedRegions: ['GB'], perPrefix: false }));
    expect((await sendInTurn(off.sendMessage, run)).filter((result) => result === 'ok')).toHaveLength(30);
  });
});
