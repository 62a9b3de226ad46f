/**
 * The operator's guide stays in step with the Console form: Logto shows README.md inside the
 * Console, and README.zh-CN.md is the same guide in Chinese. Every form field must have a row in
 * both field tables, keyed by the label the Console shows with the JSON key beside it.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { defaultMetadata } from '../src/constant.js';

import { repoRoot } from './helpers/logto-install.js';

const guides = {
  'README.md': await readFile(path.join(repoRoot, 'README.md'), 'utf8'),
  'README.zh-CN.md': await readFile(path.join(repoRoot, 'README.zh-CN.md'), 'utf8'),
};

/** The first two cells of every table row: [label, key] as written. */
const tableRows = (text: string) =>
  text
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) => line.split('|').map((cell) => cell.trim()).slice(1, 3));

describe.each(Object.entries(guides))('%s', (name, text) => {
  it('has a field-table row for every Console form field: its label, then its JSON key', () => {
    const rows = tableRows(text).map(([label, key]) => `${label} ${key}`);
    const missing = (defaultMetadata.formItems ?? [])
      .map(({ label, key }) => `${label} \`${key}\``)
      .filter((row) => !rows.includes(row));
    expect(missing).toEqual([]);
  });

  it('links the other language in its first lines', () => {
    const other = name === 'README.md' ? 'README.zh-CN.md' : 'README.md';
    expect(text.split('\n').slice(0, 4).join('\n')).toContain(`](${other})`);
  });

  it('states the minimum Logto version and what an older one does', () => {
    expect(text).toContain('1.38.0');
    expect(text).toContain('Connector requires @logto/connector-kit to be ^5');
  });
});
