import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import fc from 'fast-check';
import { createClient } from 'redis';
import { describe, expect, it } from 'vitest';

import { MemoryBudgetStore } from '../../src/abuse-guard/stores/memory-store.js';
import { RedisBudgetStore } from '../../src/abuse-guard/stores/redis-store.js';
import type { Claim, Limit } from '../../src/abuse-guard/stores/types.js';
import { freePort, redisRequired, redisServerAvailable } from '../helpers/redis-server.js';
import type { SenderProcess, Send } from '../helpers/redis-sender.js';
import { countOf, redisAndRigForSuite } from '../helpers/sender-rig.js';

/**
 * Budgets shared through a real Redis by several Node processes, each loading the built connector
 * the way Logto does, and what happens when that Redis hangs, dies and comes back.
 */

const available = redisServerAvailable();
if (!available && !redisRequired()) {
  console.warn('Redis suites skipped: redis-server is not installed here (apt-get install redis-server).');
}

describe('redis-server', () => {
  it.runIf(redisRequired())('is installed where the Redis suites must run (CI)', () => {
    expect(available, 'redis-server is missing: install it (apt-get install -y redis-server)').toBe(true);
  });
});

describe.runIf(available)('budgets in a shared Redis', () => {
  const suite = redisAndRigForSuite();

  const configWith = (abuseProtection: unknown, redisUrl = suite.redis.url) => suite.rig.configWith(abuseProtection, redisUrl);
  const sentFor = (config: { sdkAppId: string }) => suite.rig.sentFor(config);
  const count = countOf;

  /** Runs `command` with a client of the test's own. */
  const withClient = async <T>(command: (client: ReturnType<typeof createClient>) => Promise<T>): Promise<T> => {
    const client = createClient({ url: suite.redis.url });
    client.on('error', () => undefined);
    await client.connect();
    try {
      return await command(client);
    } finally {
      await client.disconnect();
    }
  };

  /** Clients connected to the test's Redis, asked with a client of the test's own. */
  const connectedClients = async (): Promise<number> =>
    withClient(async (client) => {
      const info = await client.info('clients');
      // The asking client itself is one of them.
      return Number(/connected_clients:(\d+)/.exec(info)?.[1] ?? 0) - 1;
    });

  const startSenders = async (number: number, config: unknown, { waitForRedis = true } = {}) =>
    suite.rig.startSenders(number, config, waitForRedis ? connectedClients : undefined);
  const expectCleanExit = async (processes: SenderProcess[]) => suite.rig.expectCleanExit(processes, suite.redis.password);

  it('three processes sending at once from one address get exactly perSource.max codes through', async () => {
    const config = configWith({ perSource: { max: 7, windowSeconds: 3600 } });
    const processes = await startSenders(3, config);
    const batch = (index: number): Send[] =>
      Array.from({ length: 10 }, (_, send) => ({ to: `86130${index}${String(send).padStart(6, '0')}`, ip: '203.0.113.50' }));
    const outcomes = (await Promise.all(processes.map(async (sender, index) => sender.run(batch(index))))).flat();
    expect(count(outcomes, 'ok')).toBe(7);
    expect(count(outcomes, 'rate_limit_exceeded')).toBe(23);
    // Three warm-up sends and the seven.
    expect(sentFor(config)).toBe(3 + 7);
    await expectCleanExit(processes);
  });

  it('three processes sending to many numbers at once get exactly distinctNumbersPerSource.max numbers through', async () => {
    const config = configWith({ distinctNumbersPerSource: { max: 4, windowSeconds: 86_400 } });
    const processes = await startSenders(3, config);
    const batch = (index: number): Send[] =>
      Array.from({ length: 8 }, (_, send) => ({ to: `1415${index}${String(send).padStart(6, '0')}`, ip: '2001:db8:77::1' }));
    const outcomes = (await Promise.all(processes.map(async (sender, index) => sender.run(batch(index))))).flat();
    expect(count(outcomes, 'ok')).toBe(4);
    expect(count(outcomes, 'rate_limit_exceeded')).toBe(20);
    // The same /64, another address, one of the accepted numbers: still allowed.
    const accepted = processes.flatMap((_, index) => batch(index)).filter((_, index) => outcomes[index] === 'ok');
    expect(await processes[0]!.run([{ to: accepted[0]!.to, ip: '2001:db8:77::2' }])).toEqual(['ok']);
    await expectCleanExit(processes);
  });

  it('with the defaults, two processes pumping one block from 60 addresses get exactly 20 codes through; every key shares one hash tag', async () => {
    await withClient(async (client) => client.flushAll());
    const config = configWith({ perSource: { max: 5, windowSeconds: 3600 }, distinctNumbersPerSource: { max: 5, windowSeconds: 3600 } });
    const processes = await startSenders(2, config);
    const batch = (index: number): Send[] =>
      Array.from({ length: 30 }, (_, send) => ({
        to: `44740010${index}${String(send).padStart(3, '0')}`,
        ip: send % 2 === 0 ? `198.18.${index}.${send}` : `2001:db8:${index}:${send}::1`,
      }));
    const outcomes = (await Promise.all(processes.map(async (sender, index) => sender.run(batch(index))))).flat();
    expect(count(outcomes, 'ok')).toBe(20);
    expect(count(outcomes, 'rate_limit_exceeded')).toBe(40);
    expect(sentFor(config)).toBe(2 + 20);
    // Block, country, pool, /64, /48 and numbers keys alike carry one tag: one cluster slot for the script.
    const keys = await withClient(async (client) => client.keys('*'));
    const tags = new Set(keys.map((key) => /^connector-tencent-sms:abuse:\{([^}]+)\}:/.exec(key)?.[1]));
    expect([...tags]).toHaveLength(1);
    expect([...tags][0]).toBeDefined();
    const rules = new Set(keys.map((key) => key.split('}:')[1]?.split(':')[0]));
    expect([...rules].sort()).toEqual([
      'distinctNumbersPerSource',
      'perCountry',
      'perCountryPool',
      'perPrefix',
      'perSite',
      'perSource',
    ]);
    expect(keys.join('\n')).not.toMatch(/198\.18|2001|4474|8613/);
    await expectCleanExit(processes);
  });

  it('five processes × 250 concurrent sends from one address get exactly perSource.max through, run after run', async () => {
    const config = configWith({ perSource: { max: 37, windowSeconds: 3600 } });
    const processes = await startSenders(5, config);
    for (let run = 1; run <= 3; run += 1) {
      const before = sentFor(config);
      const batch = (index: number): Send[] =>
        Array.from({ length: 250 }, (_, send) => ({ to: `86139${index}${run}${String(send).padStart(5, '0')}`, ip: `203.0.113.${100 + run}` }));
      const outcomes = (await Promise.all(processes.map(async (sender, index) => sender.run(batch(index))))).flat();
      expect({ run, ok: count(outcomes, 'ok'), refused: count(outcomes, 'rate_limit_exceeded') }).toEqual({ run, ok: 37, refused: 1213 });
      expect(sentFor(config) - before).toBe(37);
    }
    for (const sender of processes) {
      expect(sender.stderr).not.toContain('Redis at');
    }
    await expectCleanExit(processes);
  });

  it('a process whose event loop is busy for 800 ms while Redis answers still counts in Redis', async () => {
    // A plain 500 ms timer fires before the answers waiting in the socket are read, and so took
    // a busy process for a dead Redis: every send of the batch went ahead uncounted.
    const config = configWith({ perSource: { max: 5, windowSeconds: 3600 } });
    const processes = await startSenders(2, config);
    const batch = (index: number): Send[] =>
      Array.from({ length: 40 }, (_, send) => ({ to: `86137${index}${String(send).padStart(6, '0')}`, ip: '198.51.100.77' }));
    const outcomes = (await Promise.all(processes.map(async (sender, index) => sender.run(batch(index), { stallMs: 800 })))).flat();
    expect(count(outcomes, 'ok')).toBe(5);
    for (const sender of processes) {
      expect(sender.stderr).not.toContain('Redis at');
    }
    await expectCleanExit(processes);
  });

  it('Redis killed, then frozen: budgets are counted in the process; one line when it is lost, naming host, port and cause, one when it is back', async () => {
    const config = configWith({ perSource: { max: 4, windowSeconds: 3600 } });
    const [sender] = await startSenders(1, config);
    const from = (ip: string, n: number): Send[] => Array.from({ length: n }, (_, index) => ({ to: `8613${String(index).padStart(9, '0')}`, ip }));
    const okAndRefused = (outcomes: string[]) => [count(outcomes, 'ok'), count(outcomes, 'rate_limit_exceeded')];
    /**
     * Sends one code from `ip` every 100 ms until one is accepted; how many it took. With `ip`'s
     * budget spent in the process, an accepted code means Redis counts again.
     */
    const firstAcceptedFrom = async (ip: string) => {
      for (let attempt = 1; attempt <= 50; attempt += 1) {
        const [outcome] = await sender!.run(from(ip, 1));
        if (outcome === 'ok') {
          return attempt;
        }
        await sleep(100);
      }
      return 0;
    };

    // Counted in Redis.
    expect(await sender!.run(from('198.51.100.60', 3))).toEqual(['ok', 'ok', 'ok']);

    // Killed: the process counts on its own, from zero, and never lets more than the budget through.
    await suite.redis.kill();
    expect(okAndRefused(await sender!.run(from('198.51.100.61', 6)))).toEqual([4, 2]);
    expect(okAndRefused(await sender!.run(from('198.51.100.60', 6)))).toEqual([4, 2]);

    // Back (a fresh, empty Redis): once the back-off has passed, the budget spent in the process
    // no longer applies, because Redis counts again.
    await suite.redis.restart();
    expect(await firstAcceptedFrom('198.51.100.61'), 'counting in Redis never resumed').toBeGreaterThan(0);
    expect(okAndRefused(await sender!.run(from('198.51.100.61', 5)))).toEqual([3, 2]);

    // Frozen under a connected client (answers nothing): counted in the process again.
    suite.redis.freeze();
    expect(okAndRefused(await sender!.run(from('198.51.100.62', 6)))).toEqual([4, 2]);
    await suite.redis.restart();
    expect(await firstAcceptedFrom('198.51.100.62'), 'counting in Redis never resumed').toBeGreaterThan(0);

    const location = `Redis at redis://127.0.0.1:${suite.redis.port}`;
    const back = `connector-tencent-sms: ${location} answers again; SMS budgets are counted in Redis again.`;
    const lines = sender!.stderr.split('\n').filter((line) => line.includes('Redis at'));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toContain(`${location} is unavailable (unreachable: `);
    expect(lines[0]).toContain('counted in this process');
    expect(lines[1]).toBe(back);
    expect(lines[2]).toContain(`${location} is unavailable (no answer in time: `);
    expect(lines[3]).toBe(back);
    await expectCleanExit([sender!]);
  });

  it('a Redis that refuses connections: counted in the process, the warning keeps host and port and drops the password', async () => {
    const port = await freePort();
    const config = configWith({ perSource: { max: 1, windowSeconds: 3600 } }, `redis://:${suite.redis.password}@127.0.0.1:${port}`);
    const [sender] = await startSenders(1, config, { waitForRedis: false });
    expect(await sender!.run([{ to: '8613012345678', ip: '192.0.2.7' }, { to: '8613012345678', ip: '192.0.2.7' }])).toEqual([
      'ok',
      'rate_limit_exceeded',
    ]);
    // Only the password is a secret: the address stays readable, in the location and the reason.
    expect(sender!.stderr).toContain(`Redis at redis://127.0.0.1:${port} is unavailable (unreachable: Error: connect ECONNREFUSED 127.0.0.1:${port})`);
    await expectCleanExit([sender!]);
  });

  it('a wrong password: budgets are counted in the process, and neither password shows in the warning', async () => {
    const wrongPassword = 'wrong-PASS-7c1d-do-not-leak';
    const config = configWith(
      { perSource: { max: 1, windowSeconds: 3600 } },
      `redis://default:${wrongPassword}@127.0.0.1:${suite.redis.port}`
    );
    const [sender] = await startSenders(1, config, { waitForRedis: false });
    expect(await sender!.run([{ to: '8613012345678', ip: '192.0.2.8' }, { to: '8613012345678', ip: '192.0.2.8' }])).toEqual([
      'ok',
      'rate_limit_exceeded',
    ]);
    expect(sender!.stderr).toMatch(/Redis at redis:\/\/127\.0\.0\.1:\d+ is unavailable \(credentials refused: .*WRONGPASS/);
    expect(sender!.stderr).not.toContain(wrongPassword);
    await expectCleanExit([sender!]);
  });

  it('a database index beyond 15 is invalid_config, and an index within it keeps its budgets apart', async () => {
    const outOfRange = configWith({ perSource: { max: 1, windowSeconds: 3600 } }, `${suite.redis.url}/99`);
    const [refused] = await startSenders(1, outOfRange, { waitForRedis: false });
    expect(await refused!.run([{ to: '8613012345678', ip: '192.0.2.9' }])).toEqual(['invalid_config']);
    await expectCleanExit([refused!]);

    const inDatabase15 = configWith({ perSource: { max: 1, windowSeconds: 3600 } }, `${suite.redis.url}/15`);
    const [sender] = await startSenders(1, inDatabase15);
    expect(await sender!.run([{ to: '8613012345678', ip: '192.0.2.10' }, { to: '8613012345678', ip: '192.0.2.10' }])).toEqual([
      'ok',
      'rate_limit_exceeded',
    ]);
    const client = createClient({ url: `${suite.redis.url}/15` });
    client.on('error', () => undefined);
    await client.connect();
    try {
      expect(await client.dbSize()).toBeGreaterThan(0);
    } finally {
      await client.disconnect();
    }
    await expectCleanExit([sender!]);
  });

  it('counts exactly as the in-process store does, for any limits and any sequence of sends', async () => {
    const limit = fc.record({
      kind: fc.constantFrom('codes' as const, 'distinct' as const),
      max: fc.integer({ min: 1, max: 4 }),
      windowSeconds: fc.integer({ min: 1, max: 30 }),
    });
    const step = fc.record({ advanceMs: fc.integer({ min: 0, max: 12_000 }), number: fc.constantFrom('a', 'b', 'c', 'd', 'e') });
    await fc.assert(
      fc.asyncProperty(fc.array(limit, { minLength: 1, maxLength: 4 }), fc.array(step, { maxLength: 25 }), async (shapes, steps) => {
        const memory = new MemoryBudgetStore();
        const shared = new RedisBudgetStore(suite.redis.url);
        const tag = randomUUID();
        const limits: Limit[] = shapes.map((shape, index) => ({ ...shape, key: `${tag}:${index}` }));
        let now = 1_700_000_000_000;
        for (const { advanceMs, number } of steps) {
          now += advanceMs;
          const claim: Claim = { tag, limits, member: number, now };
          expect(await shared.claim(claim)).toEqual(memory.claimNow(claim));
        }
      }),
      { numRuns: 60 }
    );
  });

  it('learns daily allowances exactly as the in-process store does, over weeks of random days and sends', async () => {
    const shape = fc.record({
      floor: fc.integer({ min: 1, max: 4 }),
      pool: fc.integer({ min: 0, max: 6 }),
      dwarf: fc.integer({ min: 1, max: 3 }),
    });
    const step = fc.record({
      advanceMs: fc.oneof(fc.integer({ min: 0, max: 3_600_000 }), fc.integer({ min: 0, max: 3 * 86_400_000 }), fc.constant(-60_000)),
      country: fc.integer({ min: 0, max: 2 }),
      window: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(shape, { minLength: 3, maxLength: 3 }), fc.array(step, { maxLength: 60 }), async (shapes, steps) => {
        const memory = new MemoryBudgetStore();
        const shared = new RedisBudgetStore(suite.redis.url);
        const tag = randomUUID();
        let now = Date.UTC(2026, 2, 2, 22);
        for (const { advanceMs, country, window } of steps) {
          now += advanceMs;
          const learned: Limit = { key: `${tag}:c${country}`, kind: 'learned', poolKey: `${tag}:pool`, growth: 2, ...shapes[country]! };
          const limits: Limit[] = window ? [{ key: `${tag}:w`, kind: 'codes', max: 3, windowSeconds: 7200 }, learned] : [learned];
          const claim: Claim = { tag, limits, member: 'n', now };
          expect(await shared.claim(claim)).toEqual(memory.claimNow(claim));
        }
      }),
      {
        numRuns: 40,
        // Clocks that disagree across midnight: the pool written on the later day, then claims
        // from a clock still on the day before, then the later day again.
        examples: [
          [
            [
              { floor: 1, pool: 2, dwarf: 1 },
              { floor: 1, pool: 2, dwarf: 1 },
              { floor: 1, pool: 2, dwarf: 1 },
            ],
            [
              { advanceMs: 7_210_000, country: 0, window: false },
              { advanceMs: -60_000, country: 1, window: false },
              { advanceMs: 0, country: 1, window: false },
              { advanceMs: 120_000, country: 2, window: false },
              { advanceMs: 0, country: 2, window: false },
              { advanceMs: 0, country: 1, window: false },
            ],
          ],
        ],
      }
    );
  });

  it('keeps a country in one hash of a fixed number of fields, every key with a TTL', async () => {
    const shared = new RedisBudgetStore(suite.redis.url);
    const tag = randomUUID();
    const limit: Limit = { key: `${tag}:c`, kind: 'learned', poolKey: `${tag}:pool`, floor: 5, pool: 10, growth: 2, dwarf: 50 };
    let now = Date.UTC(2026, 2, 2);
    for (let send = 0; send < 400; send += 1) {
      now += 3_600_000;
      await shared.claim({ tag, limits: [limit], member: 'n', now });
    }
    await withClient(async (client) => {
      const keys = await client.keys(`*${tag}*`);
      expect(keys).toHaveLength(2);
      for (const key of keys) {
        expect(await client.pTTL(key)).toBeGreaterThan(0);
      }
      const country = keys.find((key) => key.endsWith(':c'))!;
      expect(await client.hLen(country)).toBe(4 + 14);
    });
  });
});
