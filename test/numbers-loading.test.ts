/**
 * The number metadata (about 200 kB of code and data) is loaded with the send path: Logto imports
 * every connector at start-up and reads its metadata and config guard, which must not pay for it.
 */
import type { SmsConnector } from '@logto/connector-kit';
import { afterAll, expect, it, vi } from 'vitest';

import { legacyConfig } from './helpers/config.js';
import { mockSendSms, offlineNock } from './helpers/tencent-mock.js';

offlineNock();

afterAll(() => {
  vi.doUnmock('../src/numbers/library.js');
});

it('loads the metadata on the first send, not when the connector is imported, built or its config checked', async () => {
  vi.resetModules();
  let loaded = false;
  vi.doMock('../src/numbers/library.js', async (importOriginal) => {
    loaded = true;
    return importOriginal();
  });

  const { default: createConnector } = await import('../src/index.js');
  await import('../src/constant.js');
  const { tencentSmsConfigGuard } = await import('../src/types.js');
  const config = { ...legacyConfig(), abuseProtection: { allowedRegions: ['CN', 'GG'] } };
  expect(tencentSmsConfigGuard.safeParse(config).success).toBe(true);
  const connector = (await createConnector({ getConfig: async () => config })) as SmsConnector;
  expect(loaded).toBe(false);

  mockSendSms();
  const message = { to: '8613012345678', type: 'SignIn', payload: { code: '123456' } };
  await connector.sendMessage(message as unknown as Parameters<SmsConnector['sendMessage']>[0]);
  expect(loaded).toBe(true);
});
