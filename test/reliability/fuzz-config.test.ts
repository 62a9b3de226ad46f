import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  connector,
  everythingShown,
  expectConnectorError,
  expectSignedSendSms,
  message,
  startFaultServer,
  validConfig,
  type FaultServer,
} from '../helpers/reliability.js';
import { damagedConfig, defineOwn, fuzzSeed, headerKeys } from '../helpers/reliability-fuzz.js';

/**
 * Config fuzzing: thousands of configs damaged from a valid one. Each send either goes out as a
 * well-formed SendSms whose TC3 signature verifies server-side, or throws `invalid_config`
 * before any byte leaves — never a TypeError, a hang, or a secret in the error.
 */

export const configRuns = 2500;

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(async () => {
  await server.close();
});

const trimmed = (value: unknown) => (typeof value === 'string' ? value.trim() : value);

/** The credentials of a damaged config worth hunting for: still recognisably ours. */
const hiddenOf = (config: Record<string, unknown>): string[] =>
  [config.accessKeySecret, config.sessionToken].filter(
    (value): value is string => typeof value === 'string' && value.includes('do-not-leak')
  );

const servesMainland = (templates: unknown) =>
  Array.isArray(templates) &&
  templates.some(
    (template: { destination?: unknown }) =>
      template.destination === undefined || template.destination === 'mainland'
  );

describe('config fuzzing', () => {
  it(`${configRuns} damaged configs: a signed request or invalid_config, nothing else`, async () => {
    const { sendMessage } = await connector();
    const tally = { sent: 0, invalidConfig: 0, templateNotFound: 0 };
    const valid = validConfig(server.url) as Record<string, unknown>;

    await fc.assert(
      fc.asyncProperty(damagedConfig(valid), async ({ config }) => {
        server.requests.length = 0;
        const outcome = await sendMessage(message('8613012345678', '246810'), config).then(
          (value) => ({ ok: true as const, value }),
          (error: unknown) => ({ ok: false as const, error })
        );

        if (outcome.ok) {
          tally.sent += 1;
          expect(server.requests).toHaveLength(1);
          const body = expectSignedSendSms(server.requests[0]!, {
            secretId: trimmed(config.accessKeyId) as string,
            secretKey: trimmed(config.accessKeySecret) as string,
            region: trimmed(config.region) as string,
            sessionToken: trimmed(config.sessionToken) as string | undefined,
          });
          // Header-bound values arrive exactly as configured (trimmed), with nothing injected.
          for (const key of headerKeys) {
            const value = config[key];
            if (typeof value === 'string') {
              expect(value.trim()).toMatch(/^[\x21-\x7e]+$/);
            }
          }
          expect(body).toMatchObject({
            PhoneNumberSet: ['+8613012345678'],
            SmsSdkAppId: trimmed(config.sdkAppId),
            SignName: trimmed(config.signName),
          });
          // The code is in one of the values (a template may wrap it in its own text).
          expect(
            (body.TemplateParamSet as unknown[]).some(
              (value) => typeof value === 'string' && value.includes('246810')
            )
          ).toBe(true);
          return;
        }

        expect(outcome.error).toBeInstanceOf(ConnectorError);
        const error = await expectConnectorError(
          Promise.reject(outcome.error),
          undefined,
          hiddenOf(config)
        );
        expect(server.requests, 'nothing may be sent with a refused config').toHaveLength(0);
        if (error.code === ConnectorErrorCodes.TemplateNotFound) {
          // Valid, but no template serves a mainland number: still nothing sent.
          tally.templateNotFound += 1;
          expect(servesMainland(config.templates)).toBe(false);
          return;
        }
        tally.invalidConfig += 1;
        expect(error.code, everythingShown(error).slice(0, 400)).toBe(ConnectorErrorCodes.InvalidConfig);
      }),
      { seed: fuzzSeed, numRuns: configRuns, endOnFailure: true }
    );

    // The generator must exercise both outcomes in earnest, or the property proves little.
    expect(tally.sent).toBeGreaterThan(configRuns / 10);
    expect(tally.invalidConfig).toBeGreaterThan(configRuns / 3);
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    console.log(`config fuzz: ${configRuns} runs`, tally);
  }, 120_000); // 2,500 sends: on a loaded 2-CPU machine this outlasts the default 30 s.

  it('a config whose own __proto__ carries settings is not read through it', async () => {
    const { sendMessage } = await connector();
    const config = validConfig(server.url) as Record<string, unknown>;
    delete config.accessKeySecret;
    defineOwn(config, '__proto__', { accessKeySecret: 'from-proto-do-not-leak' });
    server.requests.length = 0;
    await expectConnectorError(
      sendMessage(message('8613012345678'), config),
      ConnectorErrorCodes.InvalidConfig,
      ['from-proto-do-not-leak']
    );
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    ['region', 'ap-guangzhou\r\nX-Evil: 1'],
    ['region', 'ap-guang\nzhou'],
    ['region', 'ap-guangzhou\u0085'],
    ['accessKeyId', 'AKID\r\nX-Evil: 1'],
    ['accessKeyId', 'AKID\u0000'],
    ['sessionToken', 'token\r\nX-Evil: 1'],
    ['sessionToken', 'tok en'],
    ['language', 'en-US\r\n'],
    // Longer than an HTTP server accepts in headers (Node: 16 KiB; the request would get 431).
    ['sessionToken', 't'.repeat(20_000)],
    ['region', `ap-${'a'.repeat(20_000)}`],
    ['accessKeyId', 'A'.repeat(20_000)],
  ])('CR/LF, control characters or a huge value in %s are refused before any request', async (key, value) => {
    const { sendMessage } = await connector();
    server.requests.length = 0;
    await expectConnectorError(
      sendMessage(message('8613012345678'), validConfig(server.url, { [key]: value })),
      ConnectorErrorCodes.InvalidConfig
    );
    expect(server.requests).toHaveLength(0);
  });
});
