import type * as FsPromises from 'node:fs/promises';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { readConfigFile } from '../src/cli/config-file.js';
import { findJsonFault } from '../src/cli/json-fault.js';

// Root reads every file whatever its mode, so a refused read is simulated for one path.
const lockedName = 'locked-by-test.json';
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof FsPromises>();
  return {
    ...actual,
    readFile: (async (file: string, ...rest: unknown[]) => {
      if (String(file).endsWith(lockedName)) {
        throw Object.assign(new Error(`EACCES: permission denied, open '${String(file)}'`), { code: 'EACCES' });
      }
      return (actual.readFile as (...args: unknown[]) => Promise<unknown>)(file, ...rest);
    }) as typeof actual.readFile,
  };
});

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'cli-config-file-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('readConfigFile', () => {
  it('says permission denied for a file it may not read', async () => {
    const file = path.join(folder, lockedName);
    await expect(readConfigFile(file)).rejects.toThrow(`The config file ${file} cannot be read: permission denied.`);
  });

  it('reads a file that starts with a byte order mark', async () => {
    const file = path.join(folder, 'bom.json');
    await writeFile(file, '\uFEFF{"region":"ap-guangzhou"}');
    await expect(readConfigFile(file)).resolves.toMatchObject({ config: { region: 'ap-guangzhou' } });
  });

  it.each([['[]'], ['"text"'], ['null']])('refuses %s: a config is a JSON object', async (text) => {
    const file = path.join(folder, 'not-object.json');
    await writeFile(file, text);
    await expect(readConfigFile(file)).rejects.toThrow('must hold a JSON object');
  });
});

describe('findJsonFault', () => {
  it.each([
    '{}',
    ' [1, -2.5e+3, "a\\u00e9\\n", true, false, null, {"k": [{}]}] ',
    '"only a string"',
    '0',
  ])('finds nothing wrong in %s', (text) => {
    expect(() => JSON.parse(text)).not.toThrow();
    expect(findJsonFault(text)).toBeUndefined();
  });

  it.each([
    ['{"a": 01}', 1, 8, 'expected "," or "}"'],
    ['{"a": "\\x"}', 1, 8, 'an invalid escape sequence'],
    ["{'a': 1}", 1, 2, 'expected a property name'],
    ['[1 2]', 1, 4, 'expected "," or "]"'],
    ['{"a" 1}', 1, 6, 'expected ":"'],
    ['{"a": tru}', 1, 7, 'expected a value'],
    ['\n\n  {"a": 1,}', 3, 11, 'expected a property name'],
    ['', 1, 1, 'the file ends before the JSON does'],
  ])('finds the fault in %j at line %i, column %i', (text, line, column, reason) => {
    expect(() => JSON.parse(text)).toThrow();
    const fault = findJsonFault(text);
    expect(fault).toMatchObject({ line, column });
    expect(fault?.reason).toContain(reason);
  });

  it('survives nesting deep enough to exhaust the stack', () => {
    expect(findJsonFault('['.repeat(1_000_000))).toMatchObject({ reason: expect.any(String) });
  });
});
