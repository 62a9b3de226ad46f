import { ConnectorErrorCodes } from '@logto/connector-kit';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import { defaultAccountInput, startEmulator, type Emulator } from '../../src/emulator/index.js';
import {
  connector,
  descriptionOf,
  expectConnectorError,
  expectSignedSendSms,
  message,
  secretId,
  secretKey,
  sessionToken,
  startFaultServer,
  validConfig,
  type FaultServer,
} from '../helpers/reliability.js';

/**
 * The TC3 credential scope is the UTC date of the timestamp, whatever the server's time zone. A
 * fake clock (only `Date` is faked, so sockets and timers stay real) puts the send at the last
 * second of a UTC day and across midnight, in time zones where the local date differs.
 */

const originalTz = process.env.TZ;
let server: FaultServer;
let emulator: Emulator;

beforeAll(async () => {
  server = await startFaultServer();
  // Read the clock on each call, so the emulator sees the faked Date too.
  emulator = await startEmulator({ clock: () => Date.now() });
});
afterAll(async () => {
  await server.close();
  await emulator.close();
});
afterEach(() => {
  vi.useRealTimers();
  process.env.TZ = originalTz;
});

const at = (iso: string) => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(iso));
};

const scopeOf = (authorization: string | undefined) =>
  /Credential=[^/]+\/(\d{4}-\d{2}-\d{2})\/sms\/tc3_request/.exec(authorization ?? '')?.[1];

const emulatorConfig = () => ({
  accessKeyId: defaultAccountInput.secretId,
  accessKeySecret: defaultAccountInput.secretKey,
  signName: 'Logto演示',
  region: 'ap-guangzhou',
  sdkAppId: '1400000001',
  templates: [{ usageType: 'Generic', templateCode: '1000001', params: ['{{code}}', '5'] }],
  endpoint: emulator.url,
  timeout: 5000,
});

describe.each(['Asia/Shanghai', 'Pacific/Kiritimati', 'America/Los_Angeles', 'UTC'])(
  'server time zone %s',
  (tz) => {
    it('at 23:59:59 UTC the scope is that UTC day, and the signature verifies', async () => {
      process.env.TZ = tz;
      at('2026-03-31T23:59:59.999Z');
      const { sendMessage } = await connector();
      server.requests.length = 0;
      await sendMessage(message('8613012345678'), validConfig(server.url));
      const [recorded] = server.requests;
      expect(recorded!.headers['x-tc-timestamp']).toBe(String(Date.UTC(2026, 2, 31, 23, 59, 59) / 1000));
      expect(scopeOf(recorded!.headers.authorization)).toBe('2026-03-31');
      expectSignedSendSms(recorded!, { secretId, secretKey, sessionToken, region: 'ap-guangzhou' });
    });

    it('across the UTC date change the scope follows the UTC date', async () => {
      process.env.TZ = tz;
      const { sendMessage } = await connector();
      server.requests.length = 0;
      at('2028-02-28T23:59:59.500Z');
      await sendMessage(message('8613012345678'), validConfig(server.url));
      at('2028-02-29T00:00:00.000Z');
      await sendMessage(message('8613012345679'), validConfig(server.url));
      at('2028-02-29T23:59:59.000Z');
      await sendMessage(message('8613012345670'), validConfig(server.url));
      at('2028-03-01T00:00:00.000Z');
      await sendMessage(message('8613012345671'), validConfig(server.url));
      expect(server.requests.map((recorded) => scopeOf(recorded.headers.authorization))).toEqual([
        '2028-02-28',
        '2028-02-29',
        '2028-02-29',
        '2028-03-01',
      ]);
      for (const recorded of server.requests) {
        expectSignedSendSms(recorded, { secretId, secretKey, sessionToken });
      }
    });

    it('the emulator, on the same fake clock, accepts a send at 23:59:59 UTC', async () => {
      process.env.TZ = tz;
      at('2026-12-31T23:59:59.000Z');
      const { sendMessage } = await connector();
      await expect(
        sendMessage(message(`86139${String(tz.length).padStart(8, '0')}`), emulatorConfig())
      ).resolves.toMatchObject({ requestId: expect.any(String) });
    });
  }
);

describe('a clock that is off', () => {
  it.each([
    ['ahead', 6 * 60_000],
    ['behind', -6 * 60_000],
  ])('a Logto clock 6 minutes %s: SignatureExpire with a hint to check the clock', async (_name, skew) => {
    // Only the connector's clock is skewed: the emulator keeps the real one.
    const realNow = Date.now();
    const skewed = await startEmulator({ clock: () => realNow });
    try {
      at(new Date(realNow + skew).toISOString());
      const { sendMessage } = await connector();
      const error = await expectConnectorError(
        sendMessage(message('8613012345678'), { ...emulatorConfig(), endpoint: skewed.url }),
        ConnectorErrorCodes.General,
        [defaultAccountInput.secretKey]
      );
      const description = descriptionOf(error);
      expect(description).toContain('AuthFailure.SignatureExpire');
      expect(description).toMatch(/clock/i);
      expect(description).toMatch(/RequestId: [\w-]{8,}/);
    } finally {
      await skewed.close();
    }
  });

  it('4 minutes of skew is still accepted (Tencent allows 5)', async () => {
    const realNow = Date.now();
    const skewed = await startEmulator({ clock: () => realNow });
    try {
      at(new Date(realNow - 4 * 60_000).toISOString());
      const { sendMessage } = await connector();
      await expect(
        sendMessage(message('8613012345678'), { ...emulatorConfig(), endpoint: skewed.url })
      ).resolves.toBeDefined();
    } finally {
      await skewed.close();
    }
  });
});
