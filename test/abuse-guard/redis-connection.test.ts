import { createServer, type Server, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { closeRedisConnections, withRedis } from '../../src/abuse-guard/stores/redis-connection.js';
import { freePort } from '../helpers/redis-server.js';

type SlowRedisOptions = {
  handshakeDelayMs: number;
  pingDelays: number[];
  /** The error AUTH gets (e.g. `WRONGPASS …`); without it, AUTH is accepted. */
  authError?: string;
  /** Where to listen; a free port by default. */
  port?: number;
};

/**
 * A Redis stand-in that speaks just enough RESP for node-redis: it answers the handshake after
 * `handshakeDelayMs` and each PING after the delay `pingDelays` gives for it (0 once exhausted).
 * It lets a test place a slow connection and a slow first command on either side of the bound.
 * It records every command it receives.
 */
const slowRedis = async ({ handshakeDelayMs, pingDelays, authError, port: wanted = 0 }: SlowRedisOptions) => {
  const sockets = new Set<Socket>();
  const commands: string[][] = [];
  let connections = 0;
  const server: Server = createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffered = '';
    socket.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('latin1');
      // Whole commands only: `*<n>` then n `$<len>` bulk strings.
      for (;;) {
        const lines = buffered.split('\r\n');
        const count = Number(lines[0]?.slice(1));
        if (!lines[0]?.startsWith('*') || lines.length < 1 + 2 * count + 1) {
          return;
        }
        const words = Array.from({ length: count }, (_, index) => lines[2 + 2 * index]!);
        commands.push(words);
        buffered = lines.slice(1 + 2 * count).join('\r\n');
        const name = words[0]!.toUpperCase();
        const [reply, delay] =
          name === 'PING'
            ? ['+PONG\r\n', pingDelays.shift() ?? 0]
            : name === 'AUTH' && authError !== undefined
              ? [`-${authError}\r\n`, 0]
              : ['+OK\r\n', handshakeDelayMs];
        setTimeout(() => socket.writable && socket.write(reply), delay);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(wanted, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    commands,
    connections: () => connections,
    /** Closes every connection from the server's side, as Redis' `timeout` does to idle clients. */
    dropConnections: () => {
      for (const socket of sockets) {
        socket.end();
      }
    },
    close: async () => {
      for (const socket of sockets) {
        socket.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};

describe('withRedis', () => {
  beforeAll(async () => {
    // node-redis is imported on the first call; loaded here so the first call meets Redis at once.
    await import('redis');
  });
  afterAll(async () => {
    await closeRedisConnections();
  });

  it('reconnects quietly after Redis closed an idle connection: the next send is counted, no warning', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const redis = await slowRedis({ handshakeDelayMs: 0, pingDelays: [] });
    try {
      const ping = async () => withRedis(redis.url, async (client) => client.ping());
      expect(await ping()).toBe('PONG');
      // Idle clients closed by the server (Redis `timeout`, a proxy's or NAT's idle limit).
      redis.dropConnections();
      await sleep(200);
      expect(await ping()).toBe('PONG');
      expect(redis.connections()).toBe(2);
      expect(stderr.mock.calls.map(([line]) => String(line)).filter((line) => line.includes('unavailable'))).toEqual([]);
    } finally {
      stderr.mockRestore();
      await closeRedisConnections();
      await redis.close();
    }
  });

  it('backs off after a connection attempt fails, even once no send waits for it any more', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    // The handshake is never answered; the server gives up on the connection after the first
    // send has stopped waiting (500 ms).
    const redis = await slowRedis({ handshakeDelayMs: 60_000, pingDelays: [] });
    try {
      const ping = async () => withRedis(redis.url, async (client) => client.ping());
      expect(await ping()).toBeUndefined();
      redis.dropConnections();
      await sleep(100);
      // Within the back-off: the send goes ahead at once, and Redis is not dialled again.
      expect(await ping()).toBeUndefined();
      expect(redis.connections()).toBe(1);
    } finally {
      stderr.mockRestore();
      await closeRedisConnections();
      await redis.close();
    }
  });

  it('keeps a client that came up slowly even if the first command then ran out of time, so counting starts', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    // Connecting takes 200 ms and the first command 600 ms more: the first call gives up at
    // 500 ms, while the connection it made is sound and answers the next call at once.
    const redis = await slowRedis({ handshakeDelayMs: 200, pingDelays: [600] });
    try {
      const ping = async () => withRedis(redis.url, async (client) => client.ping());
      expect(await ping()).toBeUndefined();
      // The late answer to the first command arrives meanwhile.
      await sleep(700);
      expect(await ping()).toBe('PONG');
      expect(redis.connections()).toBe(1);
    } finally {
      stderr.mockRestore();
      await closeRedisConnections();
      await redis.close();
    }
  });
  it('writes one line per cause per minute, and one line when Redis answers again (simulated clock)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = Date.UTC(2026, 5, 1);
    const at = (seconds: number) => vi.setSystemTime(start + seconds * 1000);
    at(0);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const port = await freePort();
    const url = `redis://:pw-9c1e-not-shown@127.0.0.1:${port}`;
    const ping = async () => withRedis(url, async (client) => client.ping());
    let redis: Awaited<ReturnType<typeof slowRedis>> | undefined;
    try {
      // Nothing listens: unreachable.
      expect(await ping()).toBeUndefined();
      // 30 s later (past the back-off, within the minute) a server refuses the password: a
      // second cause, a second line.
      at(30);
      redis = await slowRedis({ handshakeDelayMs: 0, pingDelays: [], authError: 'WRONGPASS invalid username-password pair or user is disabled.', port });
      expect(await ping()).toBeUndefined();
      // Each cause again within its minute: no line.
      at(32);
      expect(await ping()).toBeUndefined();
      await redis.close();
      at(34);
      expect(await ping()).toBeUndefined();
      // A minute after the first line: unreachable is told again.
      at(61);
      expect(await ping()).toBeUndefined();
      // A server that accepts: counted in Redis again, and one line says so.
      redis = await slowRedis({ handshakeDelayMs: 0, pingDelays: [], port });
      at(63);
      expect(await ping()).toBe('PONG');
      expect(await ping()).toBe('PONG');
      const lines = stderr.mock.calls.map(([line]) => String(line as unknown));
      expect(lines).toHaveLength(4);
      expect(lines[0]).toContain(`Redis at redis://127.0.0.1:${port} is unavailable (unreachable: Error: connect ECONNREFUSED 127.0.0.1:${port})`);
      expect(lines[1]).toContain(`Redis at redis://127.0.0.1:${port} is unavailable (credentials refused: Error: WRONGPASS`);
      expect(lines[2]).toContain(`Redis at redis://127.0.0.1:${port} is unavailable (unreachable: `);
      expect(lines[3]).toBe(`connector-tencent-sms: Redis at redis://127.0.0.1:${port} answers again; SMS budgets are counted in Redis again.\n`);
      expect(lines.join('')).not.toContain('pw-9c1e-not-shown');
    } finally {
      stderr.mockRestore();
      vi.useRealTimers();
      await closeRedisConnections();
      await redis?.close();
    }
  });

  it('says nothing is back when no line said it was unavailable', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const redis = await slowRedis({ handshakeDelayMs: 0, pingDelays: [] });
    try {
      expect(await withRedis(redis.url, async (client) => client.ping())).toBe('PONG');
      expect(stderr).not.toHaveBeenCalled();
    } finally {
      stderr.mockRestore();
      await closeRedisConnections();
      await redis.close();
    }
  });
});
