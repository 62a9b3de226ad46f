import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

import { describe, expect, it } from 'vitest';

const script = path.resolve('scripts/console-check.mjs');
const run = async (args: string[]) => {
  try {
    await promisify(execFile)(process.execPath, [script, ...args], { timeout: 30_000 });
    return { code: 0, stderr: '' };
  } catch (error) {
    const { code, stderr } = error as { code: number; stderr: string };
    return { code, stderr };
  }
};

// The check itself needs a running Logto (docs/development.md, "Checking the guide in Logto's
// Console"); what runs without one is the refusal of a wrong command line, before any browser.
describe('scripts/console-check.mjs command line', () => {
  it('prints its usage and exits 2 without the four arguments', async () => {
    const { code, stderr } = await run(['http://127.0.0.1:3002/console', 'admin']);
    expect(code).toBe(2);
    expect(stderr).toContain('usage: node scripts/console-check.mjs <console-url> <user> <password> <screenshot-dir>');
  });

  it('refuses widths that are not whole numbers', async () => {
    const { code, stderr } = await run(['http://127.0.0.1:3002', 'admin', 'pw', '/tmp/x', '--widths', '1280,wide']);
    expect(code).toBe(2);
    expect(stderr).toContain('--widths');
  });
});
