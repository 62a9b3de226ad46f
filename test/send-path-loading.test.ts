/**
 * The send path is loaded on the first send. A load that fails once (a file replaced during an
 * upgrade, a full file table) must not leave the connector failing every send until a restart.
 */
import { ConnectorError, type SmsConnector } from '@logto/connector-kit';
import nock from 'nock';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';

import { legacyConfig } from './helpers/config.js';
import { mockSendSms } from './helpers/tencent-mock.js';

beforeAll(() => {
  nock.disableNetConnect();
});
afterAll(() => {
  nock.cleanAll();
  nock.enableNetConnect();
  vi.doUnmock('../src/send.js');
});

it('loads the send path again on the next send after a failed load', async () => {
  vi.resetModules();
  vi.doMock('../src/send.js', () => {
    throw new Error('send path unavailable');
  });
  const { default: createConnector } = await import('../src/index.js');
  const connector = (await createConnector({ getConfig: async () => legacyConfig() })) as SmsConnector;
  const message = { to: '8613012345678', type: 'SignIn', payload: { code: '123456' } };
  const sendMessage = async () =>
    connector.sendMessage(message as unknown as Parameters<SmsConnector['sendMessage']>[0]);

  const failed: unknown = await sendMessage().catch((error: unknown) => error);
  expect(failed).toBeInstanceOf(ConnectorError);

  vi.doUnmock('../src/send.js');
  mockSendSms();
  await expect(sendMessage()).resolves.toBeDefined();
});
