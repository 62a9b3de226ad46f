import type * as Redis from 'redis';

import { readRedisUrl, redisLocation, redisUrlSecrets, type RedisTarget } from '../redis-url.js';
import { warn, warnOncePerMinute } from '../warning.js';

import { redact } from '../../errors/redact.js';

import { afterLoopFreeTime, freeMsSince, loopMark, type LoopMark } from './loop-free-timer.js';
import { createRedisHandle, type RedisCommandClient, type RedisHandle } from './redis-client.js';
import { causeOf, RedisConfigError, redisFailureLabels, RedisTimeoutError } from './redis-failure.js';

export type { RedisCommandClient } from './redis-client.js';

/**
 * The longest a send waits for Redis (connecting included) before its budgets are counted in
 * this process instead. It is measured in time the event loop was free (see `afterLoopFreeTime`):
 * a burst of sends keeping our own loop busy is not Redis being slow.
 */
export const redisCallTimeoutMs = 500;
/** The wall-clock limit on that wait, for a loop that is never free while Redis does not answer. */
export const redisCallCapMs = 5000;
/**
 * The longest a connection attempt may take, across the sends that wait for it. A send stops
 * waiting after `redisCallTimeoutMs`, but the attempt goes on, so a Redis that is merely slow to
 * accept on a busy host is still reached; one that never completes the handshake is given up.
 */
export const redisConnectDeadlineMs = 3000;
/** After a failure, Redis is left alone this long: sends meanwhile count in this process at once. */
export const redisRetryDelayMs = 1000;

type RedisModule = typeof Redis;

type Connection = {
  /** What the URL names, read once. */
  target: RedisTarget | { problem: string };
  handle?: RedisHandle;
  connecting?: Promise<RedisHandle>;
  /** When the attempt in `connecting` started. */
  connectingSince: LoopMark;
  /** Until this time (ms) Redis is not asked. */
  retryAt: number;
  /**
   * The client's last error not yet told: a cluster's node error while connecting (why no root
   * node answered), or the fault that made us close a connected client.
   */
  lastError?: unknown;
  /** A warning said Redis is unavailable, and no line has said it is back since. */
  reportedDown: boolean;
};

/** One client per URL per process, created on the first send that needs it. */
const connections = new Map<string, Connection>();

const textOf = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

/** Why Redis is unavailable, for the operator: host and port kept, only the password removed. */
const reasonOf = (error: unknown, url: string, connection?: Connection): string => {
  const last = connection?.lastError;
  const text = last !== undefined && last !== error ? `${textOf(error)} (last: ${textOf(last)})` : textOf(error);
  return redact(text.replace(/\s+/g, ' '), redisUrlSecrets(url)).slice(0, 240);
};

/**
 * Tells the operator Redis is unavailable and why: one line per cause per minute, so a second,
 * different problem (a wrong password after a frozen server) is told too, and an outage that goes
 * on writes no more than one line a minute per cause.
 */
const warnUnavailable = (url: string, connection: Connection, error: unknown) => {
  const location = redisLocation(url);
  const cause = causeOf(error, connection.lastError);
  const written = warnOncePerMinute(
    `${location} ${cause}`,
    `connector-tencent-sms: Redis at ${location} is unavailable (${redisFailureLabels[cause]}: ${reasonOf(error, url, connection)}); SMS budgets are counted in this process until it answers again.`
  );
  connection.reportedDown ||= written;
};

/** After a warning that Redis was unavailable, the one line that says it answers again. */
const reportBack = (url: string, connection: Connection) => {
  if (connection.reportedDown) {
    connection.reportedDown = false;
    warn(`connector-tencent-sms: Redis at ${redisLocation(url)} answers again; SMS budgets are counted in Redis again.`);
  }
};

/** Forgets the client, backs off, and tells the operator (once a minute per cause at most). */
const markDown = (url: string, connection: Connection, error: unknown) => {
  const { handle } = connection;
  connection.handle = undefined;
  connection.connecting = undefined;
  connection.retryAt = Date.now() + redisRetryDelayMs;
  handle?.discard();
  warnUnavailable(url, connection, error);
  connection.lastError = undefined;
};

let redisModule: Promise<RedisModule> | undefined;
/**
 * node-redis, loaded on the first send that needs it (Logto core provides it). Loading is local
 * work that can take a while on a busy host, so it is not charged to the time bound of a call.
 */
const loadRedis = (): Promise<RedisModule> => (redisModule ??= import('redis'));

const connect = async (url: string, target: RedisTarget, connection: Connection, redis: RedisModule): Promise<RedisHandle> => {
  let connected = false;
  // node-redis emits 'error' for socket faults; without a listener that would crash Logto. A
  // failed attempt backs off and tells the operator. A fault once connected mostly comes while
  // the client is idle (Redis' `timeout`, a proxy's or NAT's idle limit, a restart): no send was
  // left uncounted, so the client is only forgotten and the next send reconnects; a send whose
  // command the fault breaks reports it itself (see `withRedis`). A cluster that has not
  // connected yet goes on to its other root nodes: its attempt fails, or not, by itself.
  const onError = (error: unknown) => {
    // Events come only once the client exists, so `handle` is set by then.
    if (connection.handle !== handle) {
      return;
    }
    if (connected) {
      connection.handle = undefined;
      // Closing the client fails its commands in flight with a bare "Disconnects client": the
      // warning a send then writes names this fault as the last error.
      connection.lastError = error;
      handle.discard();
    } else if (target.cluster) {
      connection.lastError = error;
    } else {
      markDown(url, connection, error);
    }
  };
  const handle = await createRedisHandle(redis, target, { connectTimeoutMs: redisConnectDeadlineMs, onError });
  connection.handle = handle;
  // A handshake that never completes (a frozen server) is given up.
  const cancel = afterLoopFreeTime(
    { freeMs: redisConnectDeadlineMs, capMs: 2 * redisConnectDeadlineMs, keepAlive: false },
    () => {
      if (connection.handle === handle && !handle.isReady()) {
        markDown(url, connection, new RedisTimeoutError(`not connected within ${redisConnectDeadlineMs} ms`));
      }
    }
  );
  try {
    await handle.connect();
    connected = true;
  } finally {
    cancel();
  }
  // Given up on while it was connecting: close it rather than leave it open.
  if (connection.handle !== handle) {
    handle.discard();
    throw new RedisTimeoutError('connection given up');
  }
  connection.lastError = undefined;
  return handle;
};

const readyHandle = (url: string, target: RedisTarget, connection: Connection, redis: RedisModule): Promise<RedisHandle> => {
  if (connection.handle?.isReady()) {
    return Promise.resolve(connection.handle);
  }
  if (!connection.connecting) {
    const attempt: Promise<RedisHandle> = connect(url, target, connection, redis).finally(() => {
      if (connection.connecting === attempt) {
        connection.connecting = undefined;
      }
    });
    // Whoever stops waiting first, a failed attempt must not become an unhandled rejection.
    attempt.catch(() => undefined);
    connection.connecting = attempt;
    connection.connectingSince = loopMark();
  }
  return connection.connecting;
};

/** `work`, or a RedisTimeoutError once the loop has been free `redisCallTimeoutMs` without it. */
const withinBound = async <T>(work: Promise<T>): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const cancel = afterLoopFreeTime({ freeMs: redisCallTimeoutMs, capMs: redisCallCapMs, keepAlive: true }, () =>
      reject(new RedisTimeoutError(`no answer within ${redisCallTimeoutMs} ms`))
    );
    work.then(
      (value) => {
        cancel();
        resolve(value);
      },
      (error: unknown) => {
        cancel();
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    );
  });

/**
 * Runs `command` on the Redis at `url` (one server or a cluster), connecting first if needed,
 * all within `redisCallTimeoutMs` of Redis' time. Undefined when Redis is unavailable: refused,
 * failing, or not answering; the caller then counts in this process. Never throws and never
 * leaves a rejection unhandled.
 */
export const withRedis = async <T>(
  url: string,
  command: (client: RedisCommandClient) => Promise<T>
): Promise<T | undefined> => {
  let connection = connections.get(url);
  if (!connection) {
    connection = { target: readRedisUrl(url), retryAt: 0, connectingSince: loopMark(), reportedDown: false };
    connections.set(url, connection);
  }
  if (Date.now() < connection.retryAt) {
    return undefined;
  }
  const { target } = connection;
  if ('problem' in target) {
    // The config guard refuses such a URL first; this only keeps a send from failing on it.
    warnUnavailable(url, connection, new RedisConfigError(`the Redis URL ${target.problem}`));
    return undefined;
  }
  // An attempt that has already outlasted one send's wait is not waited for again.
  if (connection.connecting && freeMsSince(connection.connectingSince) >= redisCallTimeoutMs) {
    warnUnavailable(url, connection, new RedisTimeoutError(`still connecting after ${redisCallTimeoutMs} ms`));
    return undefined;
  }
  // A call that had to connect spends part of its bound on the handshake: if its command then runs
  // out of time, the connection is sound (it just answered the handshake) and is kept. Discarding
  // it would make a Redis a few round trips away reconnect on every send and never count.
  const wasReady = connection.handle?.isReady() === true;
  try {
    const redis = await loadRedis();
    const result = await withinBound(
      readyHandle(url, target, connection, redis).then(async (handle) => {
        try {
          return await command(handle.client);
        } finally {
          // A cluster may have opened a connection to another node on the way.
          handle.unref();
        }
      })
    );
    reportBack(url, connection);
    return result;
  } catch (error) {
    if (error instanceof RedisTimeoutError && (connection.connecting || !wasReady)) {
      // Still connecting, or only just connected: this send goes ahead, the connection stays.
      warnUnavailable(url, connection, error);
    } else {
      markDown(url, connection, error);
    }
    return undefined;
  }
};

/** Closes every client (tests, and a process that wants to exit at once). */
export const closeRedisConnections = async (): Promise<void> => {
  const handles = [...connections.values()].map((connection) => connection.handle);
  connections.clear();
  for (const handle of handles) {
    handle?.discard();
  }
};
