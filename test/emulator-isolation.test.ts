import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { repoRoot } from './helpers/emulator-build.js';

const importPattern = /(?:from\s+|import\s*\(\s*|import\s+)['"](\.{1,2}\/[^'"]+)['"]/g;

/** Every source file reachable from `entry` through relative imports (static or dynamic). */
const reachableFrom = (entry: string): Set<string> => {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) {
      return;
    }
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const [, specifier = ''] of text.matchAll(importPattern)) {
      visit(path.resolve(path.dirname(file), specifier).replace(/\.js$/, '.ts'));
    }
  };
  visit(entry);
  return seen;
};

describe('emulator isolation', () => {
  it('is never loaded by the connector entry point Logto imports', () => {
    const files = [...reachableFrom(path.join(repoRoot, 'src', 'index.ts'))].map((file) =>
      path.relative(repoRoot, file)
    );
    expect(files).toContain(path.join('src', 'index.ts'));
    expect(files.length).toBeGreaterThan(3);
    expect(files.filter((file) => /^src[/\\](emulator|cli)[/\\]/.test(file))).toEqual([]);
  });
});
