import { setTimeout as sleep } from 'node:timers/promises';

import { afterAll, beforeAll, expect } from 'vitest';

import { closeRedisConnections } from '../../src/abuse-guard/stores/redis-connection.js';

import { startCaptureServer } from './capture-server.js';
import { worldConfig } from './config.js';
import { buildLib, removeBuiltLib } from './emulator-build.js';
import { SenderProcess } from './redis-sender.js';
import { startRedisServer, type RedisServer } from './redis-server.js';
import { okBodyFor } from './sendsms-bodies.js';

/**
 * What the suites on shared budgets need around a Redis: the built connector, a Tencent
 * stand-in that accepts every send, and Logto stand-in processes that load the connector.
 */
export type SenderRig = Awaited<ReturnType<typeof startSenderRig>>;

/** Starts the stand-in and builds the connector; call `close` in afterAll. */
export const startSenderRig = async () => {
  const [tencent, lib] = await Promise.all([
    startCaptureServer(({ body }) => ({
      status: 200,
      body: JSON.stringify(okBodyFor((JSON.parse(body.toString()) as { PhoneNumberSet: string[] }).PhoneNumberSet)),
    })),
    buildLib(),
  ]);
  const senders: SenderProcess[] = [];
  // Each config its own SDK app, so its own budgets, whichever suite made it.
  let appId = 1_400_500_000 + Math.floor(Math.random() * 1_000_000) * 100;

  return {
    /** A config of its own SDK app counting in the Redis at `redisUrl`. */
    configWith: (abuseProtection: unknown, redisUrl: string) => ({
      ...worldConfig(),
      sdkAppId: String((appId += 1)),
      endpoint: tencent.origin,
      timeout: 5000,
      pumpingProtection: true,
      abuseProtection,
      redisUrl,
    }),

    /** What reached the Tencent stand-in for one app. */
    sentFor: (config: { sdkAppId: string }) =>
      tencent.captures.filter((capture) => JSON.parse(capture.body.toString()).SmsSdkAppId === config.sdkAppId).length,

    /**
     * Processes ready to send, each warmed up by one send from an address of its own and, with
     * `connectedClients`, waited for until its Redis clients are connected, so that the
     * concurrent sends meet connected clients rather than a cold start on a busy machine.
     */
    startSenders: async (count: number, config: unknown, connectedClients?: () => Promise<number>) => {
      const started = await Promise.all(Array.from({ length: count }, async () => SenderProcess.start(lib, config)));
      senders.push(...started);
      const before = connectedClients ? await connectedClients() : 0;
      await Promise.all(started.map(async (sender, index) => sender.run([{ to: '8613099999999', ip: `100.64.0.${index + 1}` }])));
      for (let attempt = 0; connectedClients && attempt < 100 && (await connectedClients()) < before + count; attempt += 1) {
        await sleep(50);
      }
      return started;
    },

    /** Ends each process and checks it left by itself, cleanly, with the secret nowhere on stderr. */
    expectCleanExit: async (processes: SenderProcess[], secret: string) => {
      for (const sender of processes) {
        expect(await sender.end()).toBe(0);
        expect(sender.stderr).not.toContain('UNHANDLED');
        expect(sender.stderr).not.toContain(secret);
      }
    },

    close: async () => {
      await Promise.all(senders.map(async (sender) => sender.end(1000)));
      await Promise.all([tencent.close(), removeBuiltLib()]);
    },
  };
};

/** How many outcomes are `value`. */
export const countOf = (outcomes: string[], value: string) => outcomes.filter((outcome) => outcome === value).length;

/**
 * Waits for every start to finish, then fails with the first failure. `Promise.all` would fail at
 * once and leave a server that started meanwhile unassigned, so afterAll could not stop it.
 */
export const allStarted = async (starts: Array<Promise<unknown>>): Promise<void> => {
  const failed = (await Promise.allSettled(starts)).find((start) => start.status === 'rejected');
  if (failed) {
    throw failed.reason;
  }
};

/**
 * A redis-server and a sender rig for the suite that calls it: started together before its tests
 * (a failed start stops the other, see `allStarted`), stopped after them with this process's
 * Redis connections. Read `redis` and `rig` inside tests: they are set once the suite starts.
 */
export const redisAndRigForSuite = (): { redis: RedisServer; rig: SenderRig } => {
  const suite = {} as { redis: RedisServer; rig: SenderRig };
  beforeAll(async () => {
    await allStarted([
      startRedisServer().then((server) => (suite.redis = server)),
      startSenderRig().then((started) => (suite.rig = started)),
    ]);
  });
  afterAll(async () => {
    await closeRedisConnections();
    await Promise.all([suite.redis?.stop(), suite.rig?.close()]);
  });
  return suite;
};
