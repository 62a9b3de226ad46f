import { execFile, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

import { endRedisServer, freePort, launchRedisServer } from './redis-server.js';

/**
 * A throwaway three-master Redis Cluster on loopback: Debian `redis-server`s in cluster mode on
 * free ports (bus ports picked as well), joined by `redis-cli --cluster create`, without
 * persistence, all with one password, optionally with replicas that take over a master that
 * fails. Stopped by their PIDs only.
 */
export type RedisCluster = {
  /** The masters it started with. */
  ports: number[];
  password: string;
  /** Logto's spelling: the first master as host, the others as host= parameters. */
  url: string;
  /** Clients connected to the nodes (the asking one not counted; replication links are not clients). */
  connectedClients: () => Promise<number>;
  /** How many keys each master it started with holds. */
  keysPerNode: () => Promise<number[]>;
  /** The running nodes that are masters now. */
  masters: () => Promise<number[]>;
  /** How many keys the masters hold now, together. */
  keyCount: () => Promise<number>;
  /** Kills the node on `port` (SIGKILL, as a crash would) and waits until it is gone. */
  kill: (port: number) => Promise<void>;
  /** Whether every running node reports the cluster ready. */
  isReady: () => Promise<boolean>;
  stop: () => Promise<void>;
};

export type RedisClusterOptions = {
  password?: string;
  /** Replicas per master (0: three masters only). */
  replicas?: number;
  /** `cluster-node-timeout`: how long a node may be silent before it is taken for failed. */
  nodeTimeoutMs?: number;
};

const run = promisify(execFile);

const launch = async (port: number, busPort: number, password: string, dir: string, nodeTimeoutMs: number): Promise<ChildProcess> =>
  launchRedisServer([
    '--port', String(port),
    '--cluster-port', String(busPort),
    '--bind', '127.0.0.1',
    '--cluster-enabled', 'yes',
    '--cluster-config-file', path.join(dir, `nodes-${port}.conf`),
    '--cluster-node-timeout', String(nodeTimeoutMs),
    '--dir', dir,
    '--save', '',
    '--appendonly', 'no',
    '--requirepass', password,
    '--masterauth', password,
  ]);

const cli = async (password: string, port: number, ...args: string[]) =>
  (await run('redis-cli', ['--no-auth-warning', '-a', password, '-h', '127.0.0.1', '-p', String(port), ...args])).stdout;

/** Starts the cluster and waits until every node reports it ready; call `stop` in afterAll. */
export const startRedisCluster = async ({
  password = 'cluster-PASS-9f3e-do-not-leak',
  replicas = 0,
  nodeTimeoutMs = 15_000,
}: RedisClusterOptions = {}): Promise<RedisCluster> => {
  const dir = await mkdtemp(path.join(tmpdir(), 'redis-cluster-'));
  const nodes = 3 * (1 + replicas);
  const ports: number[] = [];
  const children = new Map<number, ChildProcess>();
  const stop = async () => {
    await Promise.all([...children.values()].map(endRedisServer));
    await rm(dir, { recursive: true, force: true });
  };
  const running = () => [...children.entries()].filter(([, child]) => child.exitCode === null && child.signalCode === null).map(([port]) => port);
  const isReady = async () => {
    const states = await Promise.all(running().map(async (port) => cli(password, port, 'cluster', 'info')));
    return states.every((info) => info.includes('cluster_state:ok'));
  };
  const masters = async () => {
    const roles = await Promise.all(running().map(async (port) => ({ port, info: await cli(password, port, 'info', 'replication') })));
    return roles.filter(({ info }) => info.includes('role:master')).map(({ port }) => port);
  };
  try {
    while (ports.length < 2 * nodes) {
      const port = await freePort();
      if (!ports.includes(port)) {
        ports.push(port);
      }
    }
    const nodePorts = ports.slice(0, nodes);
    const started = await Promise.allSettled(
      nodePorts.map(async (port, index) => children.set(port, await launch(port, ports[nodes + index]!, password, dir, nodeTimeoutMs)))
    );
    const failed = started.find((result) => result.status === 'rejected');
    if (failed) {
      throw failed.reason;
    }
    // redis-cli makes masters of the first nodes listed when they share one address.
    await run('redis-cli', [
      '--no-auth-warning', '-a', password, '--cluster', 'create',
      ...nodePorts.map((port) => `127.0.0.1:${port}`),
      '--cluster-replicas', String(replicas), '--cluster-yes',
    ]);
    // Ready, and every replica in sync: a replica that never synced cannot take over.
    const replicasOnline = async () => {
      const infos = await Promise.all(running().map(async (port) => cli(password, port, 'info', 'replication')));
      const online = infos.map((info) => info.match(/^slave\d+:.*state=online/gm)?.length ?? 0);
      return online.reduce((sum, count) => sum + count, 0) === 3 * replicas;
    };
    for (let attempt = 0; !(await isReady()) || !(await replicasOnline()); attempt += 1) {
      if (attempt > 200) {
        throw new Error('the cluster did not become ready');
      }
      await sleep(100);
    }
    const masterPorts = nodePorts.slice(0, 3);
    const [first, ...others] = masterPorts;
    return {
      ports: masterPorts,
      password,
      url: `redis://:${password}@127.0.0.1:${first}?cluster=1${others.map((port) => `&host=127.0.0.1:${port}`).join('')}`,
      connectedClients: async () => {
        const counts = await Promise.all(
          running().map(async (port) => Number(/connected_clients:(\d+)/.exec(await cli(password, port, 'info', 'clients'))?.[1] ?? 0) - 1)
        );
        return counts.reduce((sum, value) => sum + value, 0);
      },
      keysPerNode: async () => Promise.all(masterPorts.map(async (port) => Number((await cli(password, port, 'dbsize')).trim()))),
      masters,
      keyCount: async () => {
        const counts = await Promise.all((await masters()).map(async (port) => Number((await cli(password, port, 'dbsize')).trim())));
        return counts.reduce((sum, value) => sum + value, 0);
      },
      kill: async (port: number) => {
        const child = children.get(port);
        if (child) {
          await endRedisServer(child);
        }
      },
      isReady,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
};
