import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { TemplateType, type SmsConnector } from '@logto/connector-kit';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { connectorConfigFor, startEmulator, type Emulator } from '../src/emulator/index.js';
import createConnector from '../src/index.js';

/**
 * A Chromium already on the machine: `CHROMIUM_PATH`, else Debian's package (which CI installs
 * with apt-get; nothing is downloaded), else the usual names elsewhere. Without one the page test
 * is skipped on a developer's machine, but never in CI: `.ci/run` sets `REQUIRE_BROWSER=1`.
 */
const executablePath = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
].find((candidate) => candidate !== undefined && existsSync(candidate));
const runsHere = executablePath !== undefined || process.env.REQUIRE_BROWSER === '1';

describe.skipIf(!runsHere)('inbox page in a real browser', () => {
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
