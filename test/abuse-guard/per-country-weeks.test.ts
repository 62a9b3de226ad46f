import path from 'node:path';

import { beforeAll, expect, it, vi } from 'vitest';

import { countryRunContext } from '../../bench/pumping-country.js';
import { countryRuns, type CountryRunContext } from '../../bench/pumping-country-runs.js';
import { loadProject } from '../../bench/pumping-play.js';
import { repoRoot } from '../helpers/emulator-build.js';

/**
 * The per-country bounds over weeks, on a simulated clock with budgets in this process: a patient
 * run cannot ratchet a country's allowance up, while the app's own traffic, steady or growing 10 %
 * a day, is not refused once it has been learned.
 */

let context: CountryRunContext;
beforeAll(async () => {
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  context = countryRunContext(await loadProject(path.join(repoRoot, 'src'), 'ts'));
});

it.each(countryRuns.filter((run) => ['country-app', 'country-growth'].includes(run.id)).map((run) => [run.id, run] as const))(
  '%s meets its bound',
  async (_id, run) => {
    const result = await run.play(context);
    expect(result.met, `${run.bound}: ${result.measured}`).toBe(true);
  },
  180_000
);

it('country-patient meets its bound: the new-country allowance each day, no more', async () => {
  const run = countryRuns.find((item) => item.id === 'country-patient')!;
  const result = await run.play(context);
  expect(result.met, `${run.bound}: ${result.measured}`).toBe(true);
  expect(result.measured).toContain('(by day: 20, 20, 20, 20, 20, 20, 20)');
}, 180_000);
