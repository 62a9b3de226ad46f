import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * Throw-away Redis servers on loopback for the pumping bench: one plain node, and a 3-node Redis
 * Cluster made with `redis-cli --cluster create`. No persistence; every server is stopped by the
 * PID of the process started here, never by name.
 */

export type RedisSetup = {
  /** What goes into the connector's `redisUrl`. */
  url: string;
  /** The PIDs started, for the report's honesty and for stopping them. */
  pids: number[];
  stop: () => Promise<void>;
};

const run = promisify(execFile);

/** Whether a TCP port on 127.0.0.1 can be listened on right now. */
const portIsFree = async (port: number): Promise<boolean> =>
  new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
  });

/**
 * A port whose cluster bus port (port + 10000) is free as well, below the ephemeral range so the
 * kernel does not hand either out meanwhile.
 */
const freeClusterPort = async (taken: ReadonlySet<number>): Promise<number> => {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const port = 20_000 + Math.floor(Math.random() * 10_000);
    if (!taken.has(port) && (await portIsFree(port)) && (await portIsFree(port + 10_000))) {
      return port;
    }
  }
  throw new Error('no free port pair for a Redis Cluster node');
};

const launch = async (port: number, extra: readonly string[], cwd: string): Promise<ChildProcess> => {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...extra],
    { cwd, stdio: ['ignore', 'pipe', 'pipe'] }
  );
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      // Ours, so ended by its PID rather than left running.
      child.kill('SIGKILL');
      reject(new Error(`redis-server did not start:\n${output}`));
    }, 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        child.stderr?.resume();
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${String(code)}:\n${output}`));
    });
  });
  return child;
};

const stopAll = async (children: readonly ChildProcess[]) => {
  await Promise.all(
    children.map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) {
        return;
      }
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGKILL');
      await exited;
    })
  );
};

/** One redis-server on a free loopback port. */
export const startRedis = async (): Promise<RedisSetup> => {
  const folder = mkdtempSync(join(tmpdir(), 'pumping-redis-'));
  const port = await freeClusterPort(new Set());
  const child = await launch(port, [], folder);
  return {
    url: `redis://127.0.0.1:${port}`,
    pids: [child.pid!],
    stop: async () => {
      await stopAll([child]);
      rmSync(folder, { recursive: true, force: true });
    },
  };
};

/**
 * Three cluster-enabled redis-servers joined with `redis-cli --cluster create` (no replicas), ready
 * once every node reports `cluster_state:ok`. The URL is Logto's spelling of a cluster:
 * `redis://127.0.0.1:<first node>?cluster=1`.
 */
export const startRedisCluster = async (): Promise<RedisSetup> => {
  const folder = mkdtempSync(join(tmpdir(), 'pumping-cluster-'));
  const ports: number[] = [];
  const children: ChildProcess[] = [];
  try {
    for (let index = 0; index < 3; index += 1) {
      const port = await freeClusterPort(new Set(ports));
      ports.push(port);
      children.push(
        await launch(
          port,
          ['--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`, '--cluster-node-timeout', '5000'],
          folder
        )
      );
    }
    await run(
      'redis-cli',
      ['--cluster', 'create', ...ports.map((port) => `127.0.0.1:${port}`), '--cluster-replicas', '0', '--cluster-yes'],
      { timeout: 30_000 }
    );
    const deadline = Date.now() + 30_000;
    for (const port of ports) {
      for (;;) {
        const { stdout } = await run('redis-cli', ['-p', String(port), 'cluster', 'info'], { timeout: 5000 });
        if (stdout.includes('cluster_state:ok')) {
          break;
        }
        if (Date.now() > deadline) {
          throw new Error(`cluster node ${port} not ok within 30 s`);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } catch (error) {
    await stopAll(children);
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `redis://127.0.0.1:${ports[0]!}?cluster=1`,
    pids: children.map((child) => child.pid!),
    stop: async () => {
      await stopAll(children);
      rmSync(folder, { recursive: true, force: true });
    },
  };
};
