import { readFile } from 'node:fs/promises';

import type * as Redis from 'redis';
import type { RedisClientType, RedisClusterType } from 'redis';

import type { RedisTarget, RedisTls } from '../redis-url.js';

/** What a command is given: one server's client, or a cluster's (both route `evalSha` alike). */
export type RedisCommandClient = RedisClientType | RedisClusterType;

/** A client of a single server or of a cluster, as the connection handles both. */
export type RedisHandle = {
  readonly client: RedisCommandClient;
  connect: () => Promise<void>;
  /** Connected, and (for one server) past the handshake. */
  isReady: () => boolean;
  /** Closes it whatever state it is in; never throws. */
  discard: () => void;
  /** Lets every socket it holds stop keeping the process alive; a cluster opens them lazily. */
  unref: () => void;
};

type RedisModule = typeof Redis;

/** The client's own timers and queues are off: waiting, giving up and reconnecting are ours. */
type CommonOptions = { connectTimeoutMs: number; onError: (error: unknown) => void };

/** The node `tls.connect` options of a `rediss:` URL, the named PEM files read now. */
const tlsOptions = async (tls: RedisTls | undefined) => {
  if (!tls) {
    return {};
  }
  const read = async (file: string | undefined, name: string) => {
    if (file === undefined) {
      return undefined;
    }
    try {
      return await readFile(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException | undefined)?.code ?? 'unreadable';
      throw new Error(`cannot read the file the ${name} parameter names (${code})`);
    }
  };
  const [cert, key, ca] = await Promise.all([
    read(tls.certFile, 'cert'),
    read(tls.keyFile, 'key'),
    read(tls.caFile, 'certroot'),
  ]);
  return { tls: true as const, rejectUnauthorized: tls.rejectUnauthorized, cert, key, ca };
};

const singleServer = (redis: RedisModule, target: RedisTarget, socket: object, onError: CommonOptions['onError']): RedisHandle => {
  const [node] = target.nodes;
  const client: RedisClientType = redis.createClient({
    socket: { ...socket, host: node?.host, port: node?.port },
    username: target.username,
    password: target.password,
    database: target.database,
    // Fail fast instead of queueing: a send never waits for a reconnect.
    disableOfflineQueue: true,
  });
  client.on('error', onError);
  // An idle connection must not keep a process alive (a CLI, a test, a Logto shutting down).
  client.unref();
  return {
    client,
    connect: async () => {
      await client.connect();
    },
    isReady: () => client.isReady,
    discard: () => {
      if (client.isOpen) {
        client.disconnect().catch(() => undefined);
      }
    },
    unref: () => undefined,
  };
};

const cluster = (redis: RedisModule, target: RedisTarget, socket: object, onError: CommonOptions['onError']): RedisHandle => {
  const client: RedisClusterType = redis.createCluster({
    rootNodes: target.nodes.map(({ host, port }) => ({ socket: { host, port } })),
    // Every command here is a script that writes, so it runs on a master: replicas would only
    // add connections.
    useReplicas: false,
    defaults: {
      socket,
      username: target.username,
      password: target.password,
      disableOfflineQueue: true,
    },
  });
  client.on('error', onError);
  const unref = () => {
    for (const node of client.nodeByAddress.values()) {
      const nodeClient = node.client;
      if (nodeClient && !(nodeClient instanceof Promise)) {
        nodeClient.unref();
      }
    }
  };
  return {
    client,
    connect: async () => {
      try {
        await client.connect();
      } finally {
        unref();
      }
    },
    isReady: () => client.isOpen,
    discard: () => {
      client.disconnect().catch(() => undefined);
      unref();
    },
    unref,
  };
};

/**
 * A client for the Redis `target` names: one server, or a cluster whose root nodes it lists (the
 * cluster finds its other nodes itself). Reads the TLS files first; a file that cannot be read
 * rejects with the reason, naming the parameter.
 */
export const createRedisHandle = async (
  redis: RedisModule,
  target: RedisTarget,
  { connectTimeoutMs, onError }: CommonOptions
): Promise<RedisHandle> => {
  const socket = {
    connectTimeout: connectTimeoutMs,
    // Reconnecting is ours to do (on a later send), so no timer of the client's keeps running.
    reconnectStrategy: false as const,
    ...(await tlsOptions(target.tls)),
  };
  return target.cluster ? cluster(redis, target, socket, onError) : singleServer(redis, target, socket, onError);
};
