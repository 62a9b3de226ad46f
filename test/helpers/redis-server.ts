import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/**
 * A throwaway Debian `redis-server` on a free loopback port, without persistence, for the suites
 * that need a real Redis. Stopped by its PID only.
 */

/** Whether `redis-server` can be run here. */
export const redisServerAvailable = (): boolean => {
  const result = spawnSync('redis-server', ['--version'], { stdio: 'ignore' });
  return result.status === 0;
};

/**
 * In CI (`CI=true`, or `REQUIRE_REDIS=1` as `.ci/run` sets) a missing redis-server fails the
 * Redis suites; on a developer's machine they are skipped with a message.
 */
export const redisRequired = (): boolean =>
  ['true', '1'].includes(process.env.CI ?? '') || process.env.REQUIRE_REDIS === '1';

/** A port nothing listens on right now (the kernel's pick, released at once). */
export const freePort = async (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

export type RedisServer = {
  port: number;
  /** redis://:<password>@127.0.0.1:<port> */
  url: string;
  password: string;
  /** Ends the server with SIGKILL, as a crash would, and waits for it to be gone. */
  kill: () => Promise<void>;
  /** Freezes the server (SIGSTOP): connections stay open but nothing answers. */
  freeze: () => void;
  thaw: () => void;
  /** A fresh server on the same port and password (the old one must be gone). */
  restart: () => Promise<void>;
  stop: () => Promise<void>;
};

/** Starts `redis-server` with these arguments and waits until it accepts connections. */
export const launchRedisServer = async (args: string[]): Promise<ChildProcess> => {
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      // Not left running: it is ours, ended by its PID.
      child.kill('SIGKILL');
      reject(new Error(`redis-server did not start:\n${output}`));
    }, 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${String(code)}:\n${output}`));
    });
  });
  return child;
};

const launch = async (port: number, password: string): Promise<ChildProcess> =>
  launchRedisServer(['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--requirepass', password]);

/** Ends a server of ours by its PID (SIGKILL) and waits until it is gone. */
export const endRedisServer = async (child: ChildProcess): Promise<void> => ended(child, 'SIGKILL');

const ended = async (child: ChildProcess, signal: NodeJS.Signals) => {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  await exited;
};

/** Starts a redis-server; call `stop` in afterAll. */
export const startRedisServer = async (password = 'redis-PASS-w0rd-do-not-leak-5e1'): Promise<RedisServer> => {
  const port = await freePort();
  let child = await launch(port, password);
  return {
    port,
    password,
    url: `redis://:${password}@127.0.0.1:${port}`,
    kill: async () => ended(child, 'SIGKILL'),
    freeze: () => void child.kill('SIGSTOP'),
    thaw: () => void child.kill('SIGCONT'),
    restart: async () => {
      await ended(child, 'SIGKILL');
      child = await launch(port, password);
    },
    stop: async () => {
      child.kill('SIGCONT');
      await ended(child, 'SIGKILL');
    },
  };
};
