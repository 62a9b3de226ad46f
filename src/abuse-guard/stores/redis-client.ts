import { readFile } from 'node:fs/promises';

import type * as Redis from 'redis';
import type { RedisClientType, RedisClusterType } from 'redis';

import type { RedisTarget, RedisTls } from '../redis-url.js';

import { RedisConfigError } from './redis-failure.js';

/** A script call: its keys (all in one hash slot on a cluster) and its other arguments. */
export type ScriptCall = { keys: string[]; arguments: string[] };

/** What a command is given, whether Redis is one server or a cluster. */
export type RedisCommandClient = {
  evalSha: (sha: string, call: ScriptCall) => Promise<unknown>;
  eval: (script: string, call: ScriptCall) => Promise<unknown>;
  ping: () => Promise<unknown>;
};

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
      throw new RedisConfigError(`cannot read the file the ${name} parameter names (${code})`);
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
    client: {
      evalSha: async (sha, call) => client.evalSha(sha, call),
      eval: async (script, call) => client.eval(script, call),
      ping: async () => client.ping(),
    },
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
  // node-redis 4 routes EVAL and EVALSHA by a first key it fails to find (it reads the key list
  // from the script argument), so any node would get them and answer MOVED. The key is given here.
  const script = async (command: 'EVAL' | 'EVALSHA', body: string, { keys, arguments: args }: ScriptCall) =>
    client.sendCommand(keys[0], false, [command, body, String(keys.length), ...keys, ...args]);
  return {
    client: {
      evalSha: async (sha, call) => script('EVALSHA', sha, call),
      eval: async (body, call) => script('EVAL', body, call),
      ping: async () => client.sendCommand(undefined, true, ['PING']),
    },
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
