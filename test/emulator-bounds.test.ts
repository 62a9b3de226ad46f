import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { defaultAccount, startEmulator, type Emulator, type StoredMessage } from '../src/emulator/index.js';
import { FrequencyLimiter } from '../src/emulator/frequency-limiter.js';
import { inboxPageSize } from '../src/emulator/inbox-page.js';
import { MessageStore } from '../src/emulator/message-store.js';

import { mainlandBody, postSigned, statusCodes } from './helpers/emulator-client.js';

const message = (index: number): StoredMessage => ({
  serialNo: `1:${index}`,
  requestId: `request-${index}`,
  phoneNumber: `+86130${String(index).padStart(8, '0')}`,
  isoCode: 'CN',
  sdkAppId: '1400000001',
  templateId: '1000001',
  signName: 'Logto演示',
  params: [String(index)],
  text: `code ${index}`,
  fee: 1,
  receivedAt: new Date(index).toISOString(),
});

const day = 86_400_000;
const defaultLimits = defaultAccount().limits;

describe('MessageStore under a flood', () => {
  it('keeps only the newest N of 100,000 messages, newest first', () => {
    const store = new MessageStore(1000);
    for (let index = 0; index < 100_000; index++) {
      store.add(message(index));
    }
    expect(store.size).toBe(1000);
    expect(store.total).toBe(100_000);
    const listed = store.list();
    expect(listed).toHaveLength(1000);
    expect(listed[0]?.serialNo).toBe('1:99999');
    expect(listed.at(-1)?.serialNo).toBe('1:99000');
    // A forgotten number is gone; a kept one is still found by its digits.
    expect(store.list(message(5).phoneNumber)).toEqual([]);
    expect(store.list(message(99_998).phoneNumber).map((item) => item.serialNo)).toEqual(['1:99998']);
  });

  it('keeps everything below its capacity, and starts over on clear', () => {
    const store = new MessageStore(3);
    store.add(message(1));
    store.add(message(2));
    expect(store.list().map((item) => item.serialNo)).toEqual(['1:2', '1:1']);
    store.clear();
    expect(store.list()).toEqual([]);
    expect(store.total).toBe(0);
    store.add(message(3));
    expect(store.list().map((item) => item.serialNo)).toEqual(['1:3']);
  });

  it('defaults to 1,000 and refuses a capacity that is not a positive integer', () => {
    expect(new MessageStore().capacity).toBe(1000);
    for (const capacity of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => new MessageStore(capacity)).toThrow(RangeError);
    }
  });
});

describe('FrequencyLimiter under a flood', () => {
  it('forgets numbers whose last send is older than the longest window', () => {
    const limiter = new FrequencyLimiter(defaultLimits);
    const start = Date.UTC(2025, 0, 1);
    // 100,000 numbers, one a second: a little more than a day of traffic.
    for (let index = 0; index < 100_000; index++) {
      limiter.record(`+86130${index}`, start + index * 1000);
    }
    expect(limiter.size).toBeLessThanOrEqual(day / 1000);
    // The newest numbers are still limited; the first ones were forgotten and may receive again.
    const end = start + 99_999 * 1000;
    expect(limiter.check('+8613099999', end)).toBe('LimitExceeded.PhoneNumberThirtySecondLimit');
    expect(limiter.check('+861300', end)).toBeUndefined();
  });

  it('tracks at most maxNumbers numbers, forgetting the one idle longest', () => {
    const limiter = new FrequencyLimiter(defaultLimits, 1000);
    const now = Date.UTC(2025, 0, 1);
    limiter.record('+8613000000000', now);
    for (let index = 1; index <= 100_000; index++) {
      // Keep one number busy throughout: it must never be the one forgotten.
      if (index % 500 === 0) {
        limiter.record('+8613000000000', now + index);
      }
      limiter.record(`+86131${index}`, now + index);
    }
    expect(limiter.size).toBe(1000);
    expect(limiter.check('+8613000000000', now + 100_000)).toBe('LimitExceeded.PhoneNumberThirtySecondLimit');
  });

  it('still enforces every window after pruning a number’s history', () => {
    const limiter = new FrequencyLimiter({ perThirtySeconds: 0, perHour: 2, perDay: 3 });
    const start = Date.UTC(2025, 0, 1);
    limiter.record('+8613012345678', start);
    limiter.record('+8613012345678', start + 1000);
    expect(limiter.check('+8613012345678', start + 2000)).toBe('LimitExceeded.PhoneNumberOneHourLimit');
    limiter.record('+8613012345678', start + 3_600_000);
    expect(limiter.check('+8613012345678', start + 2 * 3_600_000)).toBe('LimitExceeded.PhoneNumberDailyLimit');
    expect(limiter.check('+8613012345678', start + day + 1000)).toBeUndefined();
  });

  it('keeps no history at all when every limit is off', () => {
    const limiter = new FrequencyLimiter({ perThirtySeconds: 0, perHour: 0, perDay: 0 });
    for (let index = 0; index < 10_000; index++) {
      limiter.record('+8613012345678', index);
    }
    expect(limiter.size).toBe(0);
    expect(limiter.check('+8613012345678', 10_000)).toBeUndefined();
  });
});

describe('an emulator flooded over HTTP', () => {
  let emulator: Emulator;
  const maxMessages = 1000;

  beforeAll(async () => {
    emulator = await startEmulator({ maxMessages });
  });
  afterAll(async () => emulator.close());

  it('answers 100,000 messages in 200-number requests and keeps the store and inbox page small', async () => {
    const batch = 200;
    let accepted = 0;
    for (let start = 0; start < 100_000; start += batch) {
      const numbers = Array.from({ length: batch }, (_, offset) => `+86132${String(start + offset).padStart(8, '0')}`);
      const { response } = await postSigned(emulator, { body: { ...mainlandBody(), PhoneNumberSet: numbers } });
      accepted += statusCodes(response).filter((code) => code === 'Ok').length;
    }
    expect(accepted).toBe(100_000);
    expect(emulator.store.size).toBe(maxMessages);

    const messages = (await (await fetch(`${emulator.url}/messages`)).json()) as StoredMessage[];
    expect(messages).toHaveLength(maxMessages);
    expect(messages[0]?.phoneNumber).toBe('+8613200099999');

    const page = await (await fetch(`${emulator.url}/`)).text();
    expect(page.match(/<li class="message"/g)).toHaveLength(inboxPageSize);
    expect(page).toContain('Keeping the newest 1000 of 100000 accepted');
    expect(page).toContain('Page 1 of 20');
    expect(page).toContain('href="/?page=2"');
    // Fifty messages of this size make a page of a few tens of kilobytes, not megabytes.
    expect(page.length).toBeLessThan(64 * 1024);
  }, 180_000);

  it('pages through the kept messages, oldest last', async () => {
    const second = await (await fetch(`${emulator.url}/?page=2`)).text();
    expect(second).toContain('+8613200099949'); // the 51st newest
    expect(second).toContain('href="/?page=1"');
    const last = await (await fetch(`${emulator.url}/?page=20`)).text();
    expect(last).toContain('+8613200099000');
    expect(last).not.toContain('href="/?page=21"');
    const beyond = await (await fetch(`${emulator.url}/?page=99`)).text();
    expect(beyond).toContain('No messages on this page.');
    for (const query of ['?page=0', '?page=-1', '?page=abc', '?page=1e3']) {
      const page = await (await fetch(`${emulator.url}/${query}`)).text();
      expect(page).toContain('Page 1 of 20');
    }
  });

  it('starts over on DELETE /messages', async () => {
    await fetch(`${emulator.url}/messages`, { method: 'DELETE' });
    const page = await (await fetch(`${emulator.url}/`)).text();
    expect(page).toContain('No messages yet.');
    expect(page).not.toContain('Keeping the newest');
  });
});
