import { execFile, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

import { endRedisServer, freePort, launchRedisServer } from './redis-server.js';

/**
 * A throwaway three-master Redis Cluster on loopback: three Debian `redis-server`s in cluster
 * mode on free ports (bus ports picked as well), joined by `redis-cli --cluster create`, without
 * persistence, all with one password. Stopped by their PIDs only.
 */
export type RedisCluster = {
  ports: number[];
  password: string;
  /** Logto's spelling: the first node as host, the others as host= parameters. */
  url: string;
  /** Clients connected to each node (the asking one not counted). */
  connectedClients: () => Promise<number>;
  /** How many keys each node holds. */
  keysPerNode: () => Promise<number[]>;
  stop: () => Promise<void>;
};

const run = promisify(execFile);

const launch = async (port: number, busPort: number, password: string, dir: string): Promise<ChildProcess> =>
  launchRedisServer([
    '--port', String(port),
    '--cluster-port', String(busPort),
    '--bind', '127.0.0.1',
    '--cluster-enabled', 'yes',
    '--cluster-config-file', path.join(dir, `nodes-${port}.conf`),
    '--dir', dir,
    '--save', '',
    '--appendonly', 'no',
    '--requirepass', password,
    '--masterauth', password,
  ]);

const cli = async (password: string, port: number, ...args: string[]) =>
  (await run('redis-cli', ['--no-auth-warning', '-a', password, '-h', '127.0.0.1', '-p', String(port), ...args])).stdout;

/** Starts the cluster and waits until every node reports it ready; call `stop` in afterAll. */
export const startRedisCluster = async (password = 'cluster-PASS-9f3e-do-not-leak'): Promise<RedisCluster> => {
  const dir = await mkdtemp(path.join(tmpdir(), 'redis-cluster-'));
  const ports: number[] = [];
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(children.map(endRedisServer));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    while (ports.length < 6) {
      const port = await freePort();
      if (!ports.includes(port)) {
        ports.push(port);
      }
    }
    const nodePorts = ports.slice(0, 3);
    children.push(...(await Promise.all(nodePorts.map(async (port, index) => launch(port, ports[3 + index]!, password, dir)))));
    await run('redis-cli', [
      '--no-auth-warning', '-a', password, '--cluster', 'create',
      ...nodePorts.map((port) => `127.0.0.1:${port}`),
      '--cluster-replicas', '0', '--cluster-yes',
    ]);
    for (let attempt = 0; ; attempt += 1) {
      const states = await Promise.all(nodePorts.map(async (port) => cli(password, port, 'cluster', 'info')));
      if (states.every((info) => info.includes('cluster_state:ok'))) {
        break;
      }
      if (attempt > 100) {
        throw new Error(`the cluster did not become ready:\n${states.join('\n')}`);
      }
      await sleep(100);
    }
    const [first, ...others] = nodePorts;
    return {
      ports: nodePorts,
      password,
      url: `redis://:${password}@127.0.0.1:${first}?cluster=1${others.map((port) => `&host=127.0.0.1:${port}`).join('')}`,
      connectedClients: async () => {
        const counts = await Promise.all(
          nodePorts.map(async (port) => Number(/connected_clients:(\d+)/.exec(await cli(password, port, 'info', 'clients'))?.[1] ?? 0) - 1)
        );
        return counts.reduce((sum, value) => sum + value, 0);
      },
      keysPerNode: async () => Promise.all(nodePorts.map(async (port) => Number((await cli(password, port, 'dbsize')).trim()))),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
};
