import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { replaceSection, sectionOf } from '../bench/doc-section.js';
import { runPumpingBench } from '../bench/pumping.js';
import { renderPumping } from '../bench/pumping-report.js';
import { outcomeKey, pumpingHeading } from '../bench/pumping-results.js';
import { repoRoot } from './helpers/emulator-build.js';

describe('npm run bench:pumping (smoke)', () => {
  it('plays runs over HTTP to the emulator and counts what reached it', async () => {
    const results = await runPumpingBench({
      quick: true,
      runs: ['block', 'office'],
      configs: ['off'],
      stores: ['memory'],
      root: path.join(repoRoot, 'src'),
      ext: 'ts',
    });
    // With protection off, every code of the block run is paid for, and no colleague is refused.
    expect(results.outcomes.get(outcomeKey('off', 'block'))).toMatchObject({ attempts: 400, paid: 400, usersRefused: 0, failures: [] });
    expect(results.outcomes.get(outcomeKey('off', 'office'))).toMatchObject({ paid: 17, usersRefused: 0, usersWithoutCode: 0 });
    const section = renderPumping(results);
    expect(section.startsWith(pumpingHeading)).toBe(true);
    expect(section).toContain('| attack: one block, sequential numbers, a new address each | 400 | **400** paid ✗ |');
  });

  it('replaces its own section of docs/benchmarks.md and keeps the others', () => {
    const doc = '# Benchmarks\n\ntable\n\n## SMS pumping runs\n\nold\n\n### sub\n\nold too\n\n## Later\n\nkept\n';
    const updated = replaceSection(doc, pumpingHeading, '## SMS pumping runs\n\nnew');
    expect(updated).toBe('# Benchmarks\n\ntable\n\n## SMS pumping runs\n\nnew\n\n## Later\n\nkept\n');
    expect(sectionOf(updated, pumpingHeading)).toBe('## SMS pumping runs\n\nnew');
    expect(replaceSection('# Benchmarks\n', pumpingHeading, '## SMS pumping runs\n\nnew')).toBe('# Benchmarks\n\n## SMS pumping runs\n\nnew\n');
  });
});
