import { ConnectorError, TemplateType } from '@logto/connector-kit';
import nock from 'nock';
import { expect } from 'vitest';

import { worldConfig } from './config.js';
import { makeConnector } from './connector.js';
import { okBodyFor } from './sendsms-bodies.js';

/**
 * Sends through the connector as Logto makes them, for the abuse guard's suites: Tencent mocked
 * by nock, budgets counted in this process. Each config gets its own SDK app ID (budgets are
 * scoped to the app), so no test sees another's counters.
 */

const origin = 'https://sms.tencentcloudapi.com';
let appIds = 1_400_100_000;

/** Answers every SendSms with `reply` (default: Ok) and records the numbers that reached Tencent. */
export const tencent = (reply?: (numbers: string[]) => unknown): string[] => {
  const sent: string[] = [];
  nock(origin)
    .persist()
    .post('/')
    .reply((_uri, body) => {
      const numbers = (typeof body === 'string' ? JSON.parse(body) : body).PhoneNumberSet as string[];
      sent.push(...numbers);
      return [200, JSON.stringify(reply ? reply(numbers) : okBodyFor(numbers))];
    });
  return sent;
};

/** A config of an SDK app of its own, with `abuseProtection` as given (undefined: left out). */
export const configWith = (abuseProtection: unknown, extra: Record<string, unknown> = {}) => ({
  ...worldConfig(),
  sdkAppId: String((appIds += 1)),
  ...(abuseProtection === undefined ? {} : { abuseProtection }),
  ...extra,
});

/** A connector reading its saved config the way real sign-in flows do (not the Console test). */
export const savedConnector = async (config: unknown) => makeConnector(async () => config);

/** A sign-in code to `to`, from `ip` when given. */
export const data = (to: string, ip?: string) => ({
  to,
  type: TemplateType.SignIn,
  payload: { code: '123456' },
  ...(ip === undefined ? {} : { ip }),
});

/** The outcome of each send, in order: 'ok' or the ConnectorError code. */
export const outcomes = async (sends: Array<Promise<unknown>>) =>
  Promise.all(
    sends.map(async (send) =>
      send.then(
        () => 'ok',
        (error: unknown) => (error instanceof ConnectorError ? error.code : `not a ConnectorError: ${String(error)}`)
      )
    )
  );

/** Runs a send that must fail and returns its ConnectorError. */
export const failure = async (send: Promise<unknown>): Promise<ConnectorError> => {
  const error: unknown = await send.then(
    () => undefined,
    (caught: unknown) => caught
  );
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
};
