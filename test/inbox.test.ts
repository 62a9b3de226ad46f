import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { TemplateType, type SmsConnector } from '@logto/connector-kit';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { connectorConfigFor, startEmulator, type Emulator } from '../src/emulator/index.js';
import createConnector from '../src/index.js';

/** Debian's chromium package; CI installs it with apt-get (no browser download). */
const executablePath = '/usr/bin/chromium';

let emulator: Emulator;
let context: BrowserContext;
let profile: string;

beforeAll(async () => {
  emulator = await startEmulator();
  profile = await mkdtemp(path.join(tmpdir(), 'inbox-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}, 60_000);

afterAll(async () => {
  await context?.close();
  await emulator?.close();
  await rm(profile, { recursive: true, force: true });
});

describe('inbox page in a real browser', () => {
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
