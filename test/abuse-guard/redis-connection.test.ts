import { createServer, type Server, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { closeRedisConnections, withRedis } from '../../src/abuse-guard/stores/redis-connection.js';

/**
 * A Redis stand-in that speaks just enough RESP for node-redis: it answers the handshake after
 * `handshakeDelayMs` and each PING after the delay `pingDelays` gives for it (0 once exhausted).
 * It lets a test place a slow connection and a slow first command on either side of the bound.
 */
const slowRedis = async ({ handshakeDelayMs, pingDelays }: { handshakeDelayMs: number; pingDelays: number[] }) => {
  const sockets = new Set<Socket>();
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
        buffered = lines.slice(1 + 2 * count).join('\r\n');
        const name = words[0]!.toUpperCase();
        const [reply, delay] = name === 'PING' ? ['+PONG\r\n', pingDelays.shift() ?? 0] : ['+OK\r\n', handshakeDelayMs];
        setTimeout(() => socket.writable && socket.write(reply), delay);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `redis://127.0.0.1:${port}`,
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
});
