import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import fc from 'fast-check';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { MemoryBudgetStore } from '../../src/abuse-guard/stores/memory-store.js';
import { closeRedisConnections, redisRetryDelayMs } from '../../src/abuse-guard/stores/redis-connection.js';
import { RedisBudgetStore } from '../../src/abuse-guard/stores/redis-store.js';
import type { Claim, Limit } from '../../src/abuse-guard/stores/types.js';
import { startCaptureServer } from '../helpers/capture-server.js';
import { worldConfig } from '../helpers/config.js';
import { buildLib, removeBuiltLib } from '../helpers/emulator-build.js';
import { redisRequired, redisServerAvailable, startRedisServer, type RedisServer } from '../helpers/redis-server.js';
import { SenderProcess, type Send } from '../helpers/redis-sender.js';
import { okBodyFor } from '../helpers/sendsms-bodies.js';

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
  let redis: RedisServer;
  let tencent: Awaited<ReturnType<typeof startCaptureServer>>;
  let lib: string;
  const senders: SenderProcess[] = [];
  let appId = 1_400_500_000;

  beforeAll(async () => {
    [redis, tencent, lib] = await Promise.all([
      startRedisServer(),
      startCaptureServer(({ body }) => ({
        status: 200,
        body: JSON.stringify(okBodyFor((JSON.parse(body.toString()) as { PhoneNumberSet: string[] }).PhoneNumberSet)),
      })),
      buildLib(),
    ]);
  });
  afterAll(async () => {
    await Promise.all(senders.map(async (sender) => sender.end(1000)));
    await closeRedisConnections();
    await Promise.all([redis?.stop(), tencent?.close(), removeBuiltLib()]);
  });

  /** A config of its own SDK app (so its own budgets) counting in the test's Redis. */
  const configWith = (abuseProtection: unknown, redisUrl = redis.url) => ({
    ...worldConfig(),
    sdkAppId: String((appId += 1)),
    endpoint: tencent.origin,
    timeout: 5000,
    pumpingProtection: true,
    abuseProtection,
    redisUrl,
  });

  /** What reached the Tencent stand-in for one app. */
  const sentFor = (config: { sdkAppId: string }) =>
    tencent.captures.filter((capture) => JSON.parse(capture.body.toString()).SmsSdkAppId === config.sdkAppId).length;

  /** Clients connected to the test's Redis, asked with a client of the test's own. */
  const connectedClients = async (): Promise<number> => {
    const client = createClient({ url: redis.url });
    client.on('error', () => undefined);
    await client.connect();
    try {
      const info = await client.info('clients');
      // The asking client itself is one of them.
      return Number(/connected_clients:(\d+)/.exec(info)?.[1] ?? 0) - 1;
    } finally {
      await client.disconnect();
    }
  };

  /**
   * Processes ready to send, each warmed up by one send from an address of its own and waited for
   * until its Redis client is connected, so that the concurrent sends meet connected clients
   * rather than a cold start on a busy machine.
   */
  const startSenders = async (count: number, config: unknown, { waitForRedis = true } = {}) => {
    const started = await Promise.all(Array.from({ length: count }, async () => SenderProcess.start(lib, config)));
    senders.push(...started);
    const before = await connectedClients();
    await Promise.all(started.map(async (sender, index) => sender.run([{ to: '8613099999999', ip: `100.64.0.${index + 1}` }])));
    for (let attempt = 0; waitForRedis && attempt < 100 && (await connectedClients()) < before + count; attempt += 1) {
      await sleep(50);
    }
    return started;
  };

  /** Ends each process and checks it left by itself, cleanly, with nothing secret on stderr. */
  const expectCleanExit = async (processes: SenderProcess[]) => {
    for (const sender of processes) {
      expect(await sender.end()).toBe(0);
      expect(sender.stderr).not.toContain('UNHANDLED');
      expect(sender.stderr).not.toContain(redis.password);
    }
  };

  const count = (outcomes: string[], value: string) => outcomes.filter((outcome) => outcome === value).length;

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

  /** Runs `command` with a client of the test's own. */
  const withClient = async <T>(command: (client: ReturnType<typeof createClient>) => Promise<T>): Promise<T> => {
    const client = createClient({ url: redis.url });
    client.on('error', () => undefined);
    await client.connect();
    try {
      return await command(client);
    } finally {
      await client.disconnect();
    }
  };

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
    // Block, /64, /48 and numbers keys alike carry one tag: one cluster slot for the script.
    const keys = await withClient(async (client) => client.keys('*'));
    const tags = new Set(keys.map((key) => /^connector-tencent-sms:abuse:\{([^}]+)\}:/.exec(key)?.[1]));
    expect([...tags]).toHaveLength(1);
    expect([...tags][0]).toBeDefined();
    const rules = new Set(keys.map((key) => key.split('}:')[1]?.split(':')[0]));
    expect([...rules].sort()).toEqual(['distinctNumbersPerSource', 'perPrefix', 'perSite', 'perSource']);
    expect(keys.join('\n')).not.toMatch(/198\.18|2001|4474|8613/);
    await expectCleanExit(processes);
  });

  it('Redis killed mid-run, then hung: sends go ahead uncounted, one warning, no hang; back again: counting resumes; hung again: sends go ahead', async () => {
    const config = configWith({ perSource: { max: 4, windowSeconds: 3600 } });
    const [sender] = await startSenders(1, config);
    const from = (n: number): Send[] => Array.from({ length: n }, (_, index) => ({ to: `8613${String(index).padStart(9, '0')}`, ip: '198.51.100.60' }));

    expect(await sender!.run(from(2))).toEqual(['ok', 'ok']);

    // Killed while a batch is on its way: each send is counted or goes ahead, nothing else.
    const [midRun] = await Promise.all([sender!.run(from(6)), redis.kill()]);
    expect(midRun.every((outcome) => outcome === 'ok' || outcome === 'rate_limit_exceeded'), midRun.join()).toBe(true);

    // Down: every send goes ahead.
    expect(await sender!.run(from(5))).toEqual(Array(5).fill('ok'));

    // Up again but frozen (accepts connections, never answers): the 500 ms bound lets sends go.
    await redis.restart();
    redis.freeze();
    await sleep(redisRetryDelayMs + 100);
    expect(await sender!.run(from(3))).toEqual(Array(3).fill('ok'));

    // Back for real (a fresh, empty Redis): within a retry delay the budget counts again.
    await redis.restart();
    let refusedAfter = 0;
    for (let attempt = 1; attempt <= 100 && refusedAfter === 0; attempt += 1) {
      const [outcome] = await sender!.run(from(1));
      refusedAfter = outcome === 'rate_limit_exceeded' ? attempt : 0;
      await sleep(50);
    }
    expect(refusedAfter, 'counting never resumed').toBeGreaterThan(4);
    expect(await sender!.run(from(3))).toEqual(Array(3).fill('rate_limit_exceeded'));

    // Frozen under a connected client: the budget is spent, yet the sends go ahead (fail open).
    redis.freeze();
    expect(await sender!.run(from(3))).toEqual(Array(3).fill('ok'));
    await redis.restart();

    const warnings = sender!.stderr.split('\n').filter((line) => line.includes('Redis at'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`redis://127.0.0.1:${redis.port} is unavailable`);
    await expectCleanExit([sender!]);
  });

  it('a wrong password: sends go ahead, and neither password shows in the warning', async () => {
    const wrongPassword = 'wrong-PASS-7c1d-do-not-leak';
    const config = configWith(
      { perSource: { max: 1, windowSeconds: 3600 } },
      `redis://default:${wrongPassword}@127.0.0.1:${redis.port}`
    );
    const [sender] = await startSenders(1, config, { waitForRedis: false });
    expect(await sender!.run([{ to: '8613012345678', ip: '192.0.2.8' }, { to: '8613012345678', ip: '192.0.2.8' }])).toEqual([
      'ok',
      'ok',
    ]);
    expect(sender!.stderr).toMatch(/Redis at redis:\/\/127\.0\.0\.1:\d+ is unavailable \(.*WRONGPASS/);
    expect(sender!.stderr).not.toContain(wrongPassword);
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
        const shared = new RedisBudgetStore(redis.url);
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
});
