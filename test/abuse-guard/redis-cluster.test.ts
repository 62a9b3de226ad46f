import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { closeRedisConnections } from '../../src/abuse-guard/stores/redis-connection.js';
import { startRedisCluster, type RedisCluster } from '../helpers/redis-cluster.js';
import { freePort, redisServerAvailable } from '../helpers/redis-server.js';
import type { Send } from '../helpers/redis-sender.js';
import { countOf, startSenderRig, type SenderRig } from '../helpers/sender-rig.js';

/**
 * Budgets shared through a three-master Redis Cluster, named the way Logto's REDIS_URL names one
 * (`?cluster=1` and `host=` parameters), by several processes loading the built connector. Keys
 * spread over the masters by their hash tag; every key of one send must sit in one slot, or the
 * atomic script would be refused (CROSSSLOT) and nothing would be counted in Redis.
 */
describe.runIf(redisServerAvailable())('budgets in a Redis Cluster', () => {
  let cluster: RedisCluster;
  let rig: SenderRig;

  beforeAll(async () => {
    [cluster, rig] = await Promise.all([startRedisCluster(), startSenderRig()]);
  });
  afterAll(async () => {
    await closeRedisConnections();
    await Promise.all([cluster?.stop(), rig?.close()]);
  });

  it('three processes share every source budget exactly, with keys on every master', async () => {
    const config = rig.configWith({ perSource: { max: 3, windowSeconds: 3600 } }, cluster.url);
    const processes = await rig.startSenders(3, config, cluster.connectedClients);
    // Twelve sources: their keys land on all three masters, whatever node a process asks first.
    const sources = Array.from({ length: 12 }, (_, index) => `198.18.${index}.9`);
    const batch = (process: number): Send[] =>
      sources.flatMap((ip, source) =>
        Array.from({ length: 4 }, (_, send) => ({ to: `86135${String(process)}${String(source).padStart(2, '0')}${String(send).padStart(4, '0')}`, ip }))
      );
    const outcomes = await Promise.all(processes.map(async (sender, index) => sender.run(batch(index))));
    for (const [source, ip] of sources.entries()) {
      const ofSource = outcomes.flatMap((list) => list.slice(source * 4, source * 4 + 4));
      expect({ ip, ok: countOf(ofSource, 'ok') }).toEqual({ ip, ok: 3 });
    }
    expect(rig.sentFor(config)).toBe(3 + 12 * 3);
    expect((await cluster.keysPerNode()).every((keys) => keys > 0)).toBe(true);
    for (const sender of processes) {
      expect(sender.stderr).not.toContain('Redis at');
    }
    await rig.expectCleanExit(processes, cluster.password);
  });

  it('reaches the cluster through a host= parameter when the URL host is down', async () => {
    const down = await freePort();
    const url = cluster.url.replace(/@127\.0\.0\.1:\d+\?/, `@127.0.0.1:${down}?`);
    const config = rig.configWith({ perSource: { max: 2, windowSeconds: 3600 } }, url);
    const processes = await rig.startSenders(2, config, cluster.connectedClients);
    const batch = (process: number): Send[] =>
      Array.from({ length: 5 }, (_, send) => ({ to: `86136${process}${String(send).padStart(6, '0')}`, ip: '198.18.100.1' }));
    const outcomes = (await Promise.all(processes.map(async (sender, index) => sender.run(batch(index))))).flat();
    expect(countOf(outcomes, 'ok')).toBe(2);
    await rig.expectCleanExit(processes, cluster.password);
  });

  it('five processes × 100 concurrent sends from one address get exactly perSource.max through', async () => {
    const config = rig.configWith({ perSource: { max: 37, windowSeconds: 3600 } }, cluster.url);
    const processes = await rig.startSenders(5, config, cluster.connectedClients);
    const batch = (process: number): Send[] =>
      Array.from({ length: 100 }, (_, send) => ({ to: `86134${process}${String(send).padStart(6, '0')}`, ip: '198.18.200.1' }));
    const outcomes = (await Promise.all(processes.map(async (sender, index) => sender.run(batch(index))))).flat();
    expect([countOf(outcomes, 'ok'), countOf(outcomes, 'rate_limit_exceeded')]).toEqual([37, 463]);
    await rig.expectCleanExit(processes, cluster.password);
  });
});
