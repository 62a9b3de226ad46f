import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { chromium, type BrowserContext } from 'playwright-core';

/**
 * A Chromium already on the machine: `CHROMIUM_PATH`, else Debian's package (which CI installs
 * with apt-get; nothing is downloaded), else the usual names elsewhere.
 */
export const chromiumPath = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
].find((candidate) => candidate !== undefined && existsSync(candidate));

/** Whether browser tests run: without a Chromium they are skipped, but never in CI (`REQUIRE_BROWSER=1`). */
export const browserTestsRun = chromiumPath !== undefined || process.env.REQUIRE_BROWSER === '1';

/** A headless Chromium with a throw-away profile; `close` ends it and removes the profile. */
export const launchChromium = async (): Promise<{ context: BrowserContext; close: () => Promise<void> }> => {
  const profile = await mkdtemp(path.join(tmpdir(), 'test-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
};
