import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { MobileNumbers, smallDestinations } from '../../bench/pumping-clock.js';
import { countryRunContext } from '../../bench/pumping-country.js';
import { countryRuns } from '../../bench/pumping-country-runs.js';
import { seededRandom } from '../../bench/pumping-numbers.js';
import { loadProject } from '../../bench/pumping-play.js';
import { repoRoot } from '../helpers/emulator-build.js';
import { redisServerAvailable } from '../helpers/redis-server.js';
import type { Send } from '../helpers/redis-sender.js';
import { countOf, redisAndRigForSuite } from '../helpers/sender-rig.js';

/**
 * Per-country budgets shared through a real Redis: Logto stand-in processes on a simulated clock
 * meeting runs at once, and the two-instances run of `npm run bench:pumping`.
 */

const available = redisServerAvailable();

describe.runIf(available)('per-country budgets in a shared Redis', () => {
  const suite = redisAndRigForSuite();

  const noon = (day: number) => Date.UTC(2026, 2, 2 + day, 12);
  const addresses = (index: number) => `198.18.${index >> 8}.${index & 0xff}`;

  it('two processes meeting runs at the same moment: 20 codes to a country never served, 100 to 54 small destinations, in all', async () => {
    const config = suite.rig.configWith(undefined, suite.redis.url);
    const processes = await suite.rig.startSenders(2, config);
    const random = seededRandom(54);
    const latvia = new MobileNumbers('LV', random, 7);
    const toLatvia = (): Send[] => Array.from({ length: 250 }, (_, index) => ({ to: latvia.next().slice(1), ip: addresses(index) }));
    const first = (await Promise.all(processes.map(async (sender) => sender.run(toLatvia(), { now: noon(0) })))).flat();
    expect(countOf(first, 'ok')).toBe(20);
    expect(countOf(first, 'rate_limit_exceeded')).toBe(480);

    const small = smallDestinations.map((region) => new MobileNumbers(region, random));
    const toSmall = (): Send[] => Array.from({ length: 300 }, (_, index) => ({ to: small[index % small.length]!.next().slice(1), ip: addresses(index) }));
    const spread = (await Promise.all(processes.map(async (sender) => sender.run(toSmall(), { now: noon(1) })))).flat();
    // The pool of countries not served yet is one for every instance.
    expect(countOf(spread, 'ok')).toBe(100);
    await suite.rig.expectCleanExit(processes, suite.redis.password);
    expect(processes.map((sender) => sender.stderr).join('')).toMatch(/codes to Latvia \(LV\) are being refused/);
  });

  it('two instances on one Redis, each meeting a day of 1,000/h after two weeks of the app: at most 50 paid together', async () => {
    const project = await loadProject(path.join(repoRoot, 'src'), 'ts');
    const run = countryRuns.find((item) => item.id === 'country-two')!;
    const result = await run.play(countryRunContext(project, { redisUrl: suite.redis.url }));
    expect(result, result.measured).toMatchObject({ met: true });
    expect(Object.keys(result.attackRefusedBy ?? {})).toContain('perCountry');
  }, 300_000);
});
