/**
 * What `npm ci` prints in a checkout, read from package.json and the lockfile: npm 11 lists every
 * dependency whose install script `allowScripts` does not cover (and npm 12 skips those scripts),
 * and warns `EBADENGINE` for a package whose `engines` leave out the running Node. The one such
 * package is explained where the guides list the commands; a new one must be too.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { repoRoot } from './helpers/logto-install.js';

type LockEntry = { dev?: boolean; hasInstallScript?: boolean; engines?: { node?: string } };

const manifest = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as {
  allowScripts?: Record<string, boolean>;
};
const lock = JSON.parse(await readFile(path.join(repoRoot, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, LockEntry>;
};

/** `node_modules/a/node_modules/@b/c` → `@b/c`. */
const packageName = (location: string) => location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length);

describe('npm ci in a checkout', () => {
  it('has every dependency with an install script approved or denied in allowScripts', () => {
    const withScripts = Object.entries(lock.packages)
      .filter(([location, entry]) => location !== '' && entry.hasInstallScript)
      .map(([location]) => packageName(location));
    expect(withScripts.length).toBeGreaterThan(0);
    const covered = Object.keys(manifest.allowScripts ?? {}).map((key) => key.replace(/(?<=.)@[^@]*$/, ''));
    expect(withScripts.filter((name) => !covered.includes(name))).toEqual([]);
  });

  it('warns EBADENGINE only for the development-only package the guides explain', async () => {
    // An engines range that names Node 20 and nothing later leaves out the Node 22 this needs.
    const nodeTwentyOnly = Object.entries(lock.packages)
      .filter(([, entry]) => /^\^?20(?:\.\d+)*$/.test(entry.engines?.node?.trim() ?? ''))
      .map(([location, entry]) => ({ name: packageName(location), dev: entry.dev === true }));
    expect(nodeTwentyOnly).toEqual([{ name: '@silverhand/slonik', dev: true }]);
    for (const guide of ['README.md', 'README.zh-CN.md']) {
      const text = await readFile(path.join(repoRoot, guide), 'utf8');
      const paragraph = text.split(/\n\s*\n/).find((candidate) => candidate.includes('EBADENGINE'));
      expect({ guide, explained: paragraph?.includes('@silverhand/slonik') }).toEqual({ guide, explained: true });
    }
  });
});
