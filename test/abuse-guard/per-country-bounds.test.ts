import path from 'node:path';

import { beforeAll, describe, expect, it, vi } from 'vitest';

import { countryRunContext } from '../../bench/pumping-country.js';
import { countryRuns, type CountryRunContext } from '../../bench/pumping-country-runs.js';
import { loadProject } from '../../bench/pumping-play.js';
import { repoRoot } from '../helpers/emulator-build.js';

/**
 * The per-country bounds of `npm run bench:pumping`, each run played on a simulated clock through
 * the guard with budgets in this process: the same runs, the same bounds. The hourly log lines
 * the runs cause are kept off the test output.
 */

let context: CountryRunContext;
beforeAll(async () => {
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  context = countryRunContext(await loadProject(path.join(repoRoot, 'src'), 'ts'));
});

const runsOf = (ids: string[]) => countryRuns.filter((run) => ids.includes(run.id));

describe('attacks after two weeks of a global app', () => {
  it.each(runsOf(['country-new', 'country-small', 'country-served']).map((run) => [run.id, run] as const))(
    '%s meets its bound',
    async (_id, run) => {
      const result = await run.play(context);
      expect(result.met, `${run.bound}: ${result.measured}`).toBe(true);
      // The country rule does the work: a day's allowance spent, the blocks never fill.
      expect(result.attackRefusedBy?.perCountry ?? 0).toBeGreaterThan(20_000);
    },
    120_000
  );
});

describe('legitimate traffic', () => {
  it.each(runsOf(['country-listed', 'country-mainland']).map((run) => [run.id, run] as const))(
    '%s meets its bound',
    async (_id, run) => {
      const result = await run.play(context);
      expect(result.met, `${run.bound}: ${result.measured}`).toBe(true);
    },
    120_000
  );
});
