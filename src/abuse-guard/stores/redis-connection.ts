import type * as Redis from 'redis';
import type { RedisClientType } from 'redis';

import { redisLocation, redisUrlSecrets } from '../redis-url.js';
import { warnAtMostOncePerMinute } from '../warning.js';

import { redact } from '../../errors/redact.js';

/** The longest a send waits for Redis (connecting included) before it goes ahead uncounted. */
export const redisCallTimeoutMs = 500;
/**
 * The longest a connection attempt may take, across the sends that wait for it. A send stops
 * waiting after `redisCallTimeoutMs`, but the attempt goes on, so a Redis that is merely slow to
 * accept on a busy host is still reached; one that never completes the handshake is given up.
 */
export const redisConnectDeadlineMs = 3000;
/** After a failure, Redis is left alone this long: sends meanwhile go ahead at once, uncounted. */
export const redisRetryDelayMs = 1000;

type Client = RedisClientType;
type RedisModule = typeof Redis;

type Connection = {
  client?: Client;
  connecting?: Promise<Client>;
  /** When the attempt in `connecting` started (ms). */
  connectingSince: number;
  /** Until this time (ms) Redis is not asked. */
  retryAt: number;
};

/** One client per URL per process, created on the first send that needs it. */
const connections = new Map<string, Connection>();

class RedisTimeoutError extends Error {
  override name = 'RedisTimeoutError';
}

const reasonOf = (error: unknown, url: string): string => {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return redact(text.replace(/\s+/g, ' '), redisUrlSecrets(url)).slice(0, 200);
};

const warnUncounted = (url: string, error: unknown) =>
  warnAtMostOncePerMinute(
    `connector-tencent-sms: Redis at ${redisLocation(url)} is unavailable (${reasonOf(error, url)}); codes are sent without source budgets until it answers again.`
  );

/** Closes a client we no longer use, whatever state it is in. */
const discard = (client: Client | undefined) => {
  if (client?.isOpen) {
    client.disconnect().catch(() => undefined);
  }
};

/** Forgets the client, backs off, and tells the operator (once a minute at most). */
const markDown = (url: string, connection: Connection, error: unknown) => {
  const { client } = connection;
  connection.client = undefined;
  connection.connecting = undefined;
  connection.retryAt = Date.now() + redisRetryDelayMs;
  discard(client);
  warnUncounted(url, error);
};

let redisModule: Promise<RedisModule> | undefined;
/**
 * node-redis, loaded on the first send that needs it (Logto core provides it). Loading is local
 * work that can take a while on a busy host, so it is not charged to the time bound of a call.
 */
const loadRedis = (): Promise<RedisModule> => (redisModule ??= import('redis'));

const connect = async (url: string, connection: Connection, { createClient }: RedisModule): Promise<Client> => {
  const client: Client = createClient({
    url,
    // Fail fast instead of queueing: a send never waits for a reconnect.
    disableOfflineQueue: true,
    // Reconnecting is ours to do (on a later send), so no timer of the client's keeps running.
    socket: { connectTimeout: redisConnectDeadlineMs, reconnectStrategy: false },
  });
  let connected = false;
  // node-redis emits 'error' for socket faults; without a listener that would crash Logto. A
  // failed attempt backs off and tells the operator. A fault once connected mostly comes while
  // the client is idle (Redis' `timeout`, a proxy's or NAT's idle limit, a restart): no send was
  // left uncounted, so the client is only forgotten and the next send reconnects; a send whose
  // command the fault breaks reports it itself (see `withRedis`).
  client.on('error', (error: unknown) => {
    if (connection.client !== client) {
      return;
    }
    if (connected) {
      connection.client = undefined;
      discard(client);
    } else {
      markDown(url, connection, error);
    }
  });
  // An idle connection must not keep a process alive (a CLI, a test, a Logto shutting down).
  client.unref();
  connection.client = client;
  // A handshake that never completes (a frozen server) is given up; unref'd like the socket.
  const deadline = setTimeout(() => {
    if (connection.client === client && !client.isReady) {
      markDown(url, connection, new RedisTimeoutError(`not connected within ${redisConnectDeadlineMs} ms`));
    }
  }, redisConnectDeadlineMs);
  deadline.unref();
  try {
    await client.connect();
    connected = true;
  } finally {
    clearTimeout(deadline);
  }
  // Given up on while it was connecting: close it rather than leave it open.
  if (connection.client !== client) {
    discard(client);
    throw new RedisTimeoutError('connection given up');
  }
  return client;
};

const readyClient = (url: string, connection: Connection, redis: RedisModule): Promise<Client> => {
  if (connection.client?.isReady) {
    return Promise.resolve(connection.client);
  }
  if (!connection.connecting) {
    const attempt: Promise<Client> = connect(url, connection, redis).finally(() => {
      if (connection.connecting === attempt) {
        connection.connecting = undefined;
      }
    });
    // Whoever stops waiting first, a failed attempt must not become an unhandled rejection.
    attempt.catch(() => undefined);
    connection.connecting = attempt;
    connection.connectingSince = Date.now();
  }
  return connection.connecting;
};

const withinBound = async <T>(work: Promise<T>): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new RedisTimeoutError(`no answer within ${redisCallTimeoutMs} ms`)), redisCallTimeoutMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
};

/**
 * Runs `command` on the Redis at `url`, connecting first if needed, all within
 * `redisCallTimeoutMs`. Undefined when Redis is down, slow or failing: the caller goes ahead
 * (fail open, as Logto's own rate limits do). Never throws and never leaves a rejection unhandled.
 */
export const withRedis = async <T>(
  url: string,
  command: (client: Client) => Promise<T>
): Promise<T | undefined> => {
  let connection = connections.get(url);
  if (!connection) {
    connection = { retryAt: 0, connectingSince: 0 };
    connections.set(url, connection);
  }
  const now = Date.now();
  if (now < connection.retryAt) {
    return undefined;
  }
  // An attempt that has already outlasted one send's wait is not waited for again.
  if (connection.connecting && now - connection.connectingSince >= redisCallTimeoutMs) {
    warnUncounted(url, new RedisTimeoutError(`still connecting after ${redisCallTimeoutMs} ms`));
    return undefined;
  }
  // A call that had to connect spends part of its bound on the handshake: if its command then runs
  // out of time, the connection is sound (it just answered the handshake) and is kept. Discarding
  // it would make a Redis a few round trips away reconnect on every send and never count.
  const wasReady = connection.client?.isReady === true;
  try {
    const redis = await loadRedis();
    return await withinBound(readyClient(url, connection, redis).then(command));
  } catch (error) {
    if (error instanceof RedisTimeoutError && (connection.connecting || !wasReady)) {
      // Still connecting, or only just connected: this send goes ahead, the connection stays.
      warnUncounted(url, error);
    } else {
      markDown(url, connection, error);
    }
    return undefined;
  }
};

/** Closes every client (tests, and a process that wants to exit at once). */
export const closeRedisConnections = async (): Promise<void> => {
  const clients = [...connections.values()].map((connection) => connection.client);
  connections.clear();
  await Promise.all(
    clients.map(async (client) => (client?.isOpen ? client.disconnect().catch(() => undefined) : undefined))
  );
};
