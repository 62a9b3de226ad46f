import { TemplateType, type SmsConnector } from '@logto/connector-kit';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { connectorConfigFor, startEmulator, type Emulator } from '../src/emulator/index.js';
import createConnector from '../src/index.js';

import { browserTestsRun, launchChromium } from './helpers/chromium.js';

describe.skipIf(!browserTestsRun)('inbox page in a real browser', () => {
  let emulator: Emulator;
  let context: BrowserContext;
  let closeBrowser: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    emulator = await startEmulator();
    ({ context, close: closeBrowser } = await launchChromium());
  }, 60_000);

  afterAll(async () => {
    await closeBrowser?.();
    await emulator?.close();
  });

  it('shows a code sent through the connector without the developer reloading', async () => {
    const page = await context.newPage();
    await page.goto(`${emulator.url}/`);
    await expect.poll(() => page.locator('#empty').textContent()).toBe('No messages yet.');

    const connector = (await createConnector({
      getConfig: async () => {
        throw new Error('not implemented');
      },
    })) as SmsConnector;
    await connector.sendMessage(
      { to: '8613012345678', type: TemplateType.SignIn, payload: { code: '904512', locale: 'zh-CN' } },
      connectorConfigFor(emulator.url)
    );

    // The page refreshes itself; the test only waits, as a developer would.
    const message = page.locator('li.message').first();
    await message.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await message.locator('.text').textContent()).toBe(
      '【Logto演示】您的验证码是904512，10分钟内有效，请勿泄露给他人。'
    );
    expect(await message.locator('.phone').textContent()).toBe('+8613012345678');
    expect(await page.title()).toContain('(1)');
  });
});
