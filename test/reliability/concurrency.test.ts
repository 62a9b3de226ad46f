import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { defaultAccountInput, startEmulator, type Emulator } from '../../src/emulator/index.js';
import {
  connector,
  expectSignedSendSms,
  message,
  okResponseFor,
  replyJson,
  startFaultServer,
  validConfig,
  type FaultServer,
} from '../helpers/reliability.js';

/**
 * 1,000 concurrent sends through ONE connector instance: each with its own number and code, all
 * in flight at once. Every request must be signed correctly, every code must reach its own number,
 * and nothing may leak from one call into another.
 */

export const concurrentSends = 1000;

const mainlandNumber = (index: number) => `861390${String(index).padStart(7, '0')}`;
const codeFor = (index: number) => String((index * 7919 + 1234) % 1_000_000).padStart(6, '0');

describe('1,000 concurrent sends against the emulator', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('every send is accepted (so signed right) and every code lands on its own number', async () => {
    const { sendMessage } = await connector();
    const config = {
      accessKeyId: defaultAccountInput.secretId,
      accessKeySecret: defaultAccountInput.secretKey,
      signName: 'Logto演示',
      region: 'ap-guangzhou',
      sdkAppId: '1400000001',
      templates: [{ usageType: 'Generic', templateCode: '1000001', params: ['{{code}}', '5'] }],
      endpoint: emulator.url,
      timeout: 19_000,
      // A thousand numbers in sequence is what the number-block rule stops; it is tested elsewhere.
      pumpingProtection: false,
    };

    const indexes = Array.from({ length: concurrentSends }, (_, index) => index);
    const results = await Promise.allSettled(
      indexes.map((index) => sendMessage(message(mainlandNumber(index), codeFor(index)), config))
    );

    const rejected = results.filter((result) => result.status === 'rejected');
    expect(rejected.map((result) => String(result.reason)).slice(0, 3)).toEqual([]);
    expect(emulator.store.list()).toHaveLength(concurrentSends);

    const requestIds = new Set<string>();
    for (const [index, result] of results.entries()) {
      const value = (result as PromiseFulfilledResult<unknown>).value as {
        requestId: string;
        messages: Array<{ phoneNumber: string }>;
      };
      // Each call resolves with its own answer: its own number, a RequestId no one else got.
      expect(value.messages.map((item) => item.phoneNumber)).toEqual([`+${mainlandNumber(index)}`]);
      requestIds.add(value.requestId);
      const inbox = emulator.store.list(mainlandNumber(index));
      expect(inbox).toHaveLength(1);
      expect(inbox[0]!.params).toEqual([codeFor(index), '5']);
      expect(inbox[0]!.requestId).toBe(value.requestId);
    }
    expect(requestIds.size).toBe(concurrentSends);
  });
});

describe('1,000 concurrent sends with four different configs through one instance', () => {
  let server: FaultServer;
  beforeAll(async () => {
    server = await startFaultServer((_request, response, body) => {
      // Answer in a scrambled order, so replies cross each other in flight.
      const delay = (body.length * 31) % 17;
      setTimeout(() => replyJson(response, okResponseFor(body, `rq-${body.toString('base64')}`)), delay);
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it('each request carries and is signed with its own config, and resolves with its own answer', async () => {
    const { sendMessage } = await connector();
    const configs = [0, 1, 2, 3].map((tenant) =>
      validConfig(server.url, {
        accessKeyId: `AKIDTENANT${tenant}`,
        accessKeySecret: `tenant-${tenant}-secret-do-not-leak`,
        sessionToken: tenant % 2 === 0 ? `tenant-${tenant}-token` : undefined,
        region: ['ap-guangzhou', 'ap-beijing', 'ap-nanjing', 'ap-singapore'][tenant],
        signName: `Tenant${tenant}`,
        sdkAppId: `140000000${tenant}`,
        timeout: 19_000,
      })
    );
    const tenantOf = (index: number) => index % configs.length;

    const results = (await Promise.all(
      Array.from({ length: concurrentSends }, (_, index) =>
        sendMessage(message(mainlandNumber(index), codeFor(index)), configs[tenantOf(index)])
      )
    )) as unknown as Array<{ requestId: string }>;

    expect(server.requests).toHaveLength(concurrentSends);
    const seen = new Set<string>();
    for (const recorded of server.requests) {
      const sent = JSON.parse(recorded.body.toString('utf8')) as {
        PhoneNumberSet: string[];
        TemplateParamSet: string[];
        SignName: string;
        SmsSdkAppId: string;
      };
      const number = sent.PhoneNumberSet[0]!;
      const index = Number(number.slice('+861390'.length));
      const tenant = tenantOf(index);
      const config = configs[tenant]!;
      expectSignedSendSms(recorded, {
        secretId: config.accessKeyId as string,
        secretKey: config.accessKeySecret as string,
        region: config.region as string,
        sessionToken: config.sessionToken as string | undefined,
      });
      expect(sent).toMatchObject({
        PhoneNumberSet: [`+${mainlandNumber(index)}`],
        TemplateParamSet: [codeFor(index), '5'],
        SignName: `Tenant${tenant}`,
        SmsSdkAppId: `140000000${tenant}`,
      });
      seen.add(number);
    }
    expect(seen.size).toBe(concurrentSends);

    for (const [index, result] of results.entries()) {
      expect(result).toMatchObject({ messages: [{ phoneNumber: `+${mainlandNumber(index)}` }] });
      // The RequestId the server derived from this very request's body, not a neighbour's.
      const answeredFor = Buffer.from(result.requestId.slice('rq-'.length), 'base64').toString('utf8');
      expect(answeredFor).toContain(`"+${mainlandNumber(index)}"`);
      expect(answeredFor).toContain(`"${codeFor(index)}"`);
    }
  });
});
