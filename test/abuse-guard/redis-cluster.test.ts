import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { redisLocation } from '../../src/abuse-guard/redis-url.js';
import { closeRedisConnections } from '../../src/abuse-guard/stores/redis-connection.js';
import { startRedisCluster, type RedisCluster } from '../helpers/redis-cluster.js';
import { freePort, redisServerAvailable } from '../helpers/redis-server.js';
import type { Send } from '../helpers/redis-sender.js';
import { allStarted, countOf, startSenderRig, type SenderRig } from '../helpers/sender-rig.js';

/**
 * Budgets shared through a three-master Redis Cluster, named the way Logto's REDIS_URL names one
 * (`?cluster=1` and `host=` parameters), by several processes loading the built connector. Keys
 * spread over the masters by their hash tag; every key of one send must sit in one slot, or the
 * atomic script would be refused (CROSSSLOT) and nothing would be counted in Redis.
 */
describe.runIf(redisServerAvailable())('budgets in a Redis Cluster', () => {
  let cluster: RedisCluster;
  /** The failover test's own cluster: it stops it, and so does afterAll if the test timed out. */
  let failing: RedisCluster | undefined;
  let rig: SenderRig;

  beforeAll(async () => {
    await allStarted([startRedisCluster().then((started) => (cluster = started)), startSenderRig().then((started) => (rig = started))]);
  });
  afterAll(async () => {
    await closeRedisConnections();
    await Promise.all([cluster?.stop(), failing?.stop(), rig?.close()]);
  });

  it('three processes share every budget exactly, app after app, until every master holds keys', async () => {
    // Keys carry one hash tag per app, so apps spread over the masters: sends go on with new apps
    // until each master holds some, each app's three sources counted exactly.
    const budget = { perSource: { max: 3, windowSeconds: 3600 } };
    const processes = await rig.startSenders(3, rig.configWith(budget, cluster.url), cluster.connectedClients);
    const sources = ['198.18.0.9', '198.18.1.9', '2001:db8:cafe::9'];
    let apps = 0;
    while (apps < 40 && ((await cluster.keysPerNode()).some((keys) => keys === 0) || apps < 3)) {
      apps += 1;
      const config = rig.configWith(budget, cluster.url);
      const batch = (process: number): Send[] =>
        sources.flatMap((ip, source) =>
          Array.from({ length: 4 }, (_, send) => ({ to: `86135${process}${source}${String(apps).padStart(2, '0')}${String(send).padStart(4, '0')}`, ip }))
        );
      const outcomes = await Promise.all(processes.map(async (sender, index) => sender.run(batch(index), { config })));
      for (const [source, ip] of sources.entries()) {
        const ofSource = outcomes.flatMap((list) => list.slice(source * 4, source * 4 + 4));
        expect({ apps, ip, ok: countOf(ofSource, 'ok') }).toEqual({ apps, ip, ok: 3 });
      }
      expect(rig.sentFor(config)).toBe(sources.length * 3);
    }
    expect((await cluster.keysPerNode()).every((keys) => keys > 0), `after ${apps} apps`).toBe(true);
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

  /**
   * A master killed in the middle of a run, in a cluster whose masters each have a replica:
   * sends go on, counted in the process until the replica has taken over, and the operator reads
   * one line when the cluster is lost and one when it answers again.
   */
  it('sends go on, counted in the process until a replica takes over; one line when lost, one when back', async () => {
    // A cluster of its own, each master with a replica; a node silent for 1 s is taken for
    // failed, so its replica takes over within seconds. Started and stopped here.
    failing = await startRedisCluster({ replicas: 1, nodeTimeoutMs: 1000 });
    try {
      const config = rig.configWith({ perSource: { max: 3, windowSeconds: 3600 } }, failing.url);
      const [sender] = await rig.startSenders(1, config, failing.connectedClients);
      // Every key of the app sits on one master: the one to kill.
      const holding = (await failing.keysPerNode()).findIndex((keys) => keys > 0);
      expect(holding).toBeGreaterThanOrEqual(0);
      const victim = failing.ports[holding]!;
      // Each batch: three sends from an address of its own, to a block of its own, so every send
      // is within its budgets wherever it is counted.
      const batch = (index: number): Send[] =>
        Array.from({ length: 3 }, (_, send) => ({ to: `86138${String(index).padStart(4, '0')}${String(send).padStart(4, '0')}`, ip: `198.18.60.${index}` }));
      const back = () => sender!.stderr.includes('counted in Redis again');

      const outcomes: string[] = [];
      outcomes.push(...(await sender!.run(batch(1))));
      // Killed while a batch is in flight.
      const [during] = await Promise.all([sender!.run(batch(2)), failing.kill(victim)]);
      outcomes.push(...during);
      const deadline = performance.now() + 20_000;
      let index = 3;
      while (!back() && performance.now() < deadline && index < 250) {
        outcomes.push(...(await sender!.run(batch(index))));
        index += 1;
        await sleep(100);
      }
      expect(back(), `no line said the cluster was back:\n${sender!.stderr}`).toBe(true);
      expect(outcomes.filter((outcome) => outcome !== 'ok')).toEqual([]);
      expect(await failing.masters()).not.toContain(victim);

      // Counted in the cluster again: a send from a new address adds its keys there.
      const before = await failing.keyCount();
      expect(await sender!.run(batch(index))).toEqual(['ok', 'ok', 'ok']);
      expect(await failing.keyCount()).toBeGreaterThan(before);

      const location = `Redis at ${redisLocation(failing.url)}`;
      const lines = sender!.stderr.split('\n').filter((line) => line.includes('Redis at'));
      expect(lines).toHaveLength(2);
      expect(lines[0]).toContain(`${location} is unavailable (unreachable: `);
      expect(lines[1]).toBe(`connector-tencent-sms: ${location} answers again; SMS budgets are counted in Redis again.`);
      await rig.expectCleanExit([sender!], failing.password);
    } finally {
      await failing.stop();
    }
  }, 90_000);
});
