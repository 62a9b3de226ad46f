import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import type * as GuardExports from '../src/abuse-guard/index.js';
import type * as RedisConnectionExports from '../src/abuse-guard/stores/redis-connection.js';

import { globalCountries, MobileNumbers } from './pumping-clock.js';
import { seededRandom } from './pumping-numbers.js';
import { median, percentile } from './stats.js';

/**
 * What the abuse guard adds to one send: `guardSend` alone (no HTTP), called the way a send
 * calls it, with protection off, with the region list only, with the default rules (number types
 * and number blocks; mainland numbers, which the country rule leaves alone), with the defaults
 * and both source budgets counted in the process and in a Redis on loopback (Debian's
 * redis-server, started here on a free port), and with the defaults sending abroad, where the
 * country rule counts as well, in the process and in that Redis. Sequential calls give the latency and CPU of one call; for Redis, calls
 * with 32 in flight give the throughput one process gets.
 *
 * Run alone: `npm run bench:guard [-- --quick] [-- --out FILE]`; `npm run bench` runs it last.
 */

type GuardModule = typeof GuardExports;
type GuardConfig = Parameters<GuardModule['guardSend']>[0];

type Row = {
  name: string;
  medianUs: number;
  p99Us: number;
  cpuUs: number;
  perSecond?: number;
  note?: string;
};

const sources = 500;
const budget = { max: 10_000, windowSeconds: 3600 };
const protection = {
  allowedRegions: ['CN', 'HK', 'MO', 'TW', 'SG', 'US'],
  perSource: budget,
  distinctNumbersPerSource: budget,
};

/**
 * The n-th send: one of `sources` addresses (half IPv4, half IPv6) and a mobile number of a block
 * of its own (up to 50,000 blocks), so the number-block rule counts but never refuses.
 */
const sendNumber = (n: number) => ({
  to: `86130${String(n % 50_000).padStart(5, '0')}${String(n % 10_000).padStart(4, '0')}`,
  ip: n % 2 === 0 ? `198.18.${(n % sources) >> 8}.${n % 256}` : `2001:db8:${(n % sources).toString(16)}::1`,
  countBudgets: true,
});

/**
 * Mobile numbers of the 80 countries of the per-country runs, drawn once: sends abroad, where the
 * country rule counts (a mainland number it leaves alone). Each country is raised by `allow` far
 * above the run, so the rule counts every send and refuses none.
 */
const abroad = (() => {
  const random = seededRandom(80);
  const sources = globalCountries.map((region) => new MobileNumbers(region, random));
  // At most two numbers of a block: each is sent a few times, and the block rule must not refuse.
  const perBlock = new Map<string, number>();
  const numbers: string[] = [];
  for (let attempt = 0; numbers.length < 8000 && attempt < 100_000; attempt += 1) {
    const number = sources[attempt % sources.length]!.next().slice(1);
    const block = number.slice(0, -4);
    if ((perBlock.get(block) ?? 0) < 2 && !numbers.includes(number)) {
      perBlock.set(block, (perBlock.get(block) ?? 0) + 1);
      numbers.push(number);
    }
  }
  return { numbers, allow: Object.fromEntries(globalCountries.map((region) => [region, 1_000_000])) };
})();

/** The n-th send abroad: as `sendNumber`, to a number of one of 80 countries. */
const sendAbroad = (n: number) => ({ ...sendNumber(n), to: abroad.numbers[n % abroad.numbers.length]! });

const freePort = async (): Promise<number> =>
  new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });

const startRedis = async (): Promise<{ url: string; child: ChildProcess } | { missing: string }> => {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return new Promise((done) => {
    let output = '';
    child.once('error', (error) => done({ missing: error.message }));
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        child.stdout?.resume();
        done({ url: `redis://127.0.0.1:${port}`, child });
      }
    });
  });
};

/**
 * How many script calls (EVALSHA, EVAL) Redis has run: the guard calls that really reached it. A
 * call that outlasts the bound goes ahead uncounted in a few µs, so an overloaded run would
 * otherwise report Redis faster than it is.
 */
const scriptCalls = async (url: string): Promise<number> => {
  const { createClient } = await import('redis');
  const client = createClient({ url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const info = await client.info('commandstats');
    // An EVALSHA answered NOSCRIPT (then sent again as EVAL) is a failed call, not a reached one.
    return [...info.matchAll(/cmdstat_eval(?:sha)?:calls=(\d+)(?:.*?failed_calls=(\d+))?/g)].reduce(
      (sum, [, calls, failed]) => sum + Number(calls) - Number(failed ?? 0),
      0
    );
  } finally {
    await client.disconnect();
  }
};

const measure = async (
  name: string,
  guard: GuardModule,
  config: GuardConfig,
  { warmup, count }: { warmup: number; count: number },
  send = sendNumber
): Promise<Row> => {
  for (let n = 0; n < warmup; n += 1) {
    await guard.guardSend(config, send(n));
  }
  const durations: number[] = [];
  const cpuBefore = process.cpuUsage();
  for (let n = 0; n < count; n += 1) {
    const start = performance.now();
    await guard.guardSend(config, send(warmup + n));
    durations.push((performance.now() - start) * 1000);
  }
  const cpu = process.cpuUsage(cpuBefore);
  return {
    name,
    medianUs: median(durations),
    p99Us: percentile(durations, 0.99),
    cpuUs: (cpu.user + cpu.system) / count,
  };
};

/** Calls per second with `inFlight` guard calls outstanding at any time. */
const throughput = async (guard: GuardModule, config: GuardConfig, count: number, inFlight: number) => {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < count) {
        next += 1;
        await guard.guardSend(config, sendNumber(next));
      }
    })
  );
  return count / ((performance.now() - start) / 1000);
};

const format = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));

const render = (rows: Row[], quick: boolean) =>
  [
    '## The abuse guard per send',
    '',
    `\`guardSend\` alone, ${quick ? 'quick run' : 'full run'}, ${new Date().toISOString().slice(0, 16)} UTC, Node ${process.version}; ${sources} sources, budgets of ${budget.max} per ${budget.windowSeconds} s (never reached). Indicative: the machine is shared and its load varies.`,
    '',
    '| guard | median µs | p99 µs | CPU µs per call | calls/s, 32 in flight | note |',
    '| --- | ---: | ---: | ---: | ---: | --- |',
    ...rows.map(
      (row) =>
        `| ${row.name} | ${format(row.medianUs)} | ${format(row.p99Us)} | ${format(row.cpuUs)} | ${row.perSecond === undefined ? '' : format(row.perSecond)} | ${row.note ?? ''} |`
    ),
  ].join('\n');

/** The defaults with every country of `abroad` raised far above the run: counted, never refused. */
const abroadConfig = (base: GuardConfig): GuardConfig => ({
  ...base,
  sdkAppId: '1400000002',
  abuseProtection: { perCountry: { newCountry: 20, newCountries: 100, listedCountry: 500, allow: abroad.allow } },
});

/** Runs every case and returns the Markdown section. */
export const runGuardBench = async ({ quick }: { quick: boolean }): Promise<string> => {
  const guard = (await import(pathToFileURL(resolve('lib/abuse-guard/index.js')).href)) as GuardModule;
  const sizes = quick ? { warmup: 2000, count: 5000 } : { warmup: 10_000, count: 30_000 };
  const base = { sdkAppId: '1400000000' } satisfies GuardConfig;
  const rows: Row[] = [
    await measure('off (pumpingProtection: false)', guard, { ...base, pumpingProtection: false }, sizes),
    await measure(
      'allowedRegions only',
      guard,
      { ...base, abuseProtection: { allowedRegions: protection.allowedRegions, refusedNumberTypes: [], perPrefix: null } },
      sizes
    ),
    await measure('defaults (number types, number blocks), mainland numbers, in process', guard, base, sizes),
    await measure('defaults and both source budgets, in process', guard, { ...base, abuseProtection: protection }, sizes),
    await measure('defaults, numbers of 80 countries (the country rule counts too), in process', guard, abroadConfig(base), sizes, sendAbroad),
  ];
  const redis = await startRedis();
  if ('missing' in redis) {
    rows.push({ name: 'defaults and both source budgets, Redis on loopback', medianUs: Number.NaN, p99Us: Number.NaN, cpuUs: Number.NaN, note: `not run: redis-server not found (${redis.missing})` });
  } else {
    try {
      const config = { ...base, abuseProtection: protection, redisUrl: redis.url };
      const redisSizes = quick ? { warmup: 500, count: 2000 } : { warmup: 2000, count: 10_000 };
      const row = await measure('defaults and both source budgets, Redis on loopback', guard, config, redisSizes);
      row.perSecond = await throughput(guard, config, redisSizes.count, 32);
      const calls = redisSizes.warmup + 2 * redisSizes.count;
      const uncounted = calls - (await scriptCalls(redis.url));
      row.note = `one EVALSHA per call; CPU is this process only (Redis runs beside it)${
        uncounted > 0 ? `; ${uncounted} of ${calls} calls outlasted the bound and went ahead uncounted, so these figures flatter Redis` : ''
      }`;
      rows.push(row);
      const abroadRow = await measure(
        'defaults, numbers of 80 countries (the country rule counts too), Redis on loopback',
        guard,
        { ...abroadConfig(base), sdkAppId: '1400000001', redisUrl: redis.url },
        redisSizes,
        sendAbroad
      );
      abroadRow.note = 'one EVALSHA per call: the block and the country in one script';
      rows.push(abroadRow);
    } finally {
      // Closed first, so stopping Redis is not reported as an outage.
      const { closeRedisConnections } = (await import(
        pathToFileURL(resolve('lib/abuse-guard/stores/redis-connection.js')).href
      )) as typeof RedisConnectionExports;
      await closeRedisConnections();
      redis.child.kill('SIGKILL');
    }
  }
  return render(rows, quick);
};

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const quick = process.argv.includes('--quick') || process.env.BENCH_GUARD_QUICK === '1';
  const outIndex = process.argv.indexOf('--out');
  const section = await runGuardBench({ quick });
  if (process.send) {
    process.send({ section });
  } else {
    console.log(section);
    if (outIndex > 0 && process.argv[outIndex + 1]) {
      const out = resolve(process.argv[outIndex + 1]!);
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, `${section}\n`);
      console.log(`written to ${out}`);
    }
  }
  // The Redis client is unref'd; nothing else should keep the process up.
}
