import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { repoRoot } from './helpers/logto-install.js';

/**
 * With TRUST_PROXY_HEADER set, Logto (koa) takes the client's address from the leftmost
 * X-Forwarded-For entry, which the client writes unless a proxy in front overwrites it. On a port
 * published directly, every forged header would count as a new source with a fresh SMS budget.
 */
describe('docker/compose.yaml and the proxy header', () => {
  it('does not trust X-Forwarded-For on a service that publishes its ports directly', async () => {
    const compose = await readFile(path.join(repoRoot, 'docker', 'compose.yaml'), 'utf8');
    // Each service: its name at two spaces, its body indented deeper.
    const services = [...compose.matchAll(/^ {2}(\w[\w-]*):\n((?: {4,}.*\n|\s*\n)*)/gm)].map(([, name, body]) => ({ name, body: body ?? '' }));
    const logto = services.find(({ name }) => name === 'logto');
    expect(logto?.body).toMatch(/^\s+ports:/m);
    for (const { name, body } of services) {
      const publishes = /^\s+ports:/m.test(body);
      const trusts = /^\s+-?\s*TRUST_PROXY_HEADER[=:]\s*["']?(1|true|y|yes)\b/im.test(body);
      expect({ name, publishesAndTrusts: publishes && trusts }).toEqual({ name, publishesAndTrusts: false });
    }
  });
});
