/**
 * Why Redis could not be used, in the few kinds an operator acts on differently: the network or
 * the server (unreachable), a server too slow or frozen (timeout), the credentials, TLS, a command
 * Redis refused, the URL itself, anything else. The set is fixed, so a warning per kind per
 * minute bounds the log however Redis fails.
 */
export const redisFailureCauses = ['unreachable', 'timeout', 'auth', 'tls', 'command', 'config', 'other'] as const;

export type RedisFailureCause = (typeof redisFailureCauses)[number];

/** What a warning says of each cause, before the error's own text. */
export const redisFailureLabels: Readonly<Record<RedisFailureCause, string>> = {
  unreachable: 'unreachable',
  timeout: 'no answer in time',
  auth: 'credentials refused',
  tls: 'TLS failed',
  command: 'command refused',
  config: 'unusable URL',
  other: 'unexpected error',
};

/** Redis gave no answer (or no connection) within our bound. */
export class RedisTimeoutError extends Error {
  override name = 'RedisTimeoutError';
}

/** The URL, or a file it names, cannot be used: nothing was sent to Redis. */
export class RedisConfigError extends Error {
  override name = 'RedisConfigError';
}

/** System error codes of a host or network that cannot be reached, or a connection lost. */
const unreachableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_FAIL',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'EADDRNOTAVAIL',
]);

/**
 * node-redis 4's own errors, by class name (it names none of them): a socket or client gone, a
 * cluster none of whose root nodes answered, its connect timeout.
 */
const unreachableClasses = new Set([
  'SocketClosedUnexpectedlyError',
  'ClientClosedError',
  'ClientOfflineError',
  'DisconnectsClientError',
  'RootNodesUnavailableError',
]);

/** Node's codes for a TLS handshake or certificate check that failed. */
const isTlsCode = (code: string) =>
  /^(?:ERR_TLS_|ERR_SSL_|EPROTO$)/.test(code) || /CERT|SELF_SIGNED|UNABLE_TO_(?:GET|VERIFY|DECRYPT)/.test(code);

/** Error replies of a server that is not serving yet or any more: a node down, a load, a failover. */
const downReplies = new Set(['CLUSTERDOWN', 'TRYAGAIN', 'LOADING', 'MASTERDOWN']);
const authReplies = new Set(['WRONGPASS', 'NOAUTH', 'NOPERM']);

/** The code an error reply starts with (`WRONGPASS`, `ERR`), as Redis writes it in capitals. */
const replyCodeOf = (message: string) => /^([A-Z][A-Z_]+)(?:\s|$)/.exec(message)?.[1];

const causeOfReply = (message: string): RedisFailureCause | undefined => {
  const code = replyCodeOf(message);
  if (code === undefined) {
    return undefined;
  }
  if (authReplies.has(code) || /^ERR (?:AUTH|invalid password|Client sent AUTH)/i.test(message)) {
    return 'auth';
  }
  return downReplies.has(code) ? 'unreachable' : 'command';
};

/**
 * The cause of a failure. `last` is a cluster's last node error while connecting: when no root
 * node answered, it says why.
 */
export const causeOf = (error: unknown, last?: unknown): RedisFailureCause => {
  if (!(error instanceof Error)) {
    return 'other';
  }
  const className = error.constructor.name;
  if (className === 'RootNodesUnavailableError' && last !== undefined && last !== error) {
    return causeOf(last);
  }
  if (error instanceof RedisTimeoutError || className === 'ConnectionTimeoutError') {
    return 'timeout';
  }
  if (error instanceof RedisConfigError) {
    return 'config';
  }
  const code = (error as NodeJS.ErrnoException).code;
  if (typeof code === 'string') {
    if (code === 'ETIMEDOUT') {
      return 'timeout';
    }
    if (isTlsCode(code)) {
      return 'tls';
    }
    if (unreachableCodes.has(code)) {
      return 'unreachable';
    }
  }
  if (unreachableClasses.has(className)) {
    return 'unreachable';
  }
  return causeOfReply(error.message) ?? 'other';
};
