import { accessSync, constants, statSync } from 'node:fs';

/**
 * `redisUrl` in the grammar of Logto's own `REDIS_URL`, so an operator can paste the value Logto
 * uses: `redis://` or `rediss://` (TLS), user and password percent-encoded, a database number as
 * the path; `cluster` set to a yes (`1`, `true`, `y`, `yes`, any case) makes it a Redis Cluster
 * whose root nodes are the URL's host and every `host=` parameter; `cert`, `key` and `certroot`
 * name PEM files for TLS. A bare yes is the default local server. Unknown parameters are ignored,
 * as Logto ignores them.
 *
 * Two differences, on purpose. Certificates are verified unless `reject_unauthorized` is a no:
 * Logto checks them only when it is a yes, which lets anyone on the path read the budgets' keys
 * and answer in Redis' place. And a userinfo without a colon (`redis://secret@host`) is the
 * password, as redis-cli reads it (`AUTH secret`): node-redis, and so Logto, takes it for a user
 * name and sends `AUTH secret ""`, which Redis refuses unless such a user exists without password.
 */

/** One Redis server: a single node, or a root node of a cluster. */
export type RedisNode = { host: string; port: number };

/** The TLS settings of a `rediss:` URL; the files are named, read when connecting. */
export type RedisTls = {
  rejectUnauthorized: boolean;
  certFile?: string;
  keyFile?: string;
  caFile?: string;
};

/** What a Redis URL asks for, ready to make a node-redis client or cluster from. */
export type RedisTarget = {
  cluster: boolean;
  /** The server, or a cluster's root nodes (at least one). */
  nodes: RedisNode[];
  database: number;
  username?: string;
  password?: string;
  tls?: RedisTls;
};

const redisProtocols = new Set(['redis:', 'rediss:']);
const defaultPort = 6379;
/** Redis' default `databases` setting: indexes 0–15. */
const maxDatabase = 15;

const yesWords = new Set(['1', 'true', 'y', 'yes', 'yep', 'yeah']);
const noWords = new Set(['0', 'false', 'n', 'no', 'nope']);

/** Whether a setting is a yes, as Logto's `yes()` reads it (any case). */
export const isYes = (value: string | null | undefined): boolean =>
  typeof value === 'string' && yesWords.has(value.toLowerCase());

const isNo = (value: string) => noWords.has(value.toLowerCase());

const parse = (value: string): URL | undefined => {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
};

/**
 * The userinfo as written, before the URL parser encodes it, or undefined without one. As the
 * parser reads it: the authority ends at the first `/`, `?` or `#`, its userinfo at its last `@`.
 */
const writtenUserInfo = (text: string): string | undefined => {
  const authority = /^[a-z][\da-z+.-]*:\/\/([^/?#]*)/i.exec(text)?.[1] ?? '';
  const at = authority.lastIndexOf('@');
  return at === -1 ? undefined : authority.slice(0, at);
};

/** `redis://secret@host`: a userinfo of one part, read as the password (see the top of this file). */
const isPasswordOnly = (url: URL, text: string): boolean =>
  url.username !== '' && url.password === '' && !(writtenUserInfo(text) ?? '').includes(':');

/**
 * Percent-decoding that never throws: maximal runs of valid `%XX` sequences are decoded, a stray
 * `%` stays as it is (a password may contain one unencoded).
 */
export const safeDecode = (value: string): string =>
  value.replaceAll(/(?:%[\dA-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });

/** `host`, `host:port`, `[v6]` or `[v6]:port` → a node; undefined when it is none of those. */
const nodeOf = (text: string): RedisNode | undefined => {
  const match = /^(\[[\da-fA-F:.]+\]|[^\s/:?#@[\]]+)(?::(\d{1,5}))?$/.exec(text);
  if (!match?.[1]) {
    return undefined;
  }
  const port = match[2] === undefined ? defaultPort : Number(match[2]);
  if (port < 1 || port > 65_535) {
    return undefined;
  }
  const host = match[1].startsWith('[') ? match[1].slice(1, -1) : match[1];
  return { host, port };
};

const exampleUrl = 'e.g. redis://:password@redis.internal:6379/0';

/** Why a named file cannot be used, without quoting its contents. */
const unreadable = (file: string): string | undefined => {
  try {
    accessSync(file, constants.R_OK);
    return statSync(file).isFile() ? undefined : 'not a file';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code ?? 'unreadable';
    return code;
  }
};

const tlsOf = (url: URL): RedisTls | string => {
  const setting = url.searchParams.get('reject_unauthorized');
  if (setting !== null && !isYes(setting) && !isNo(setting)) {
    return 'reject_unauthorized must be a yes (1, true, y, yes) or a no (0, false, n, no)';
  }
  const [certFile, keyFile, caFile] = (['cert', 'key', 'certroot'] as const).map(
    (name) => url.searchParams.get(name) ?? undefined
  );
  if ((certFile === undefined) !== (keyFile === undefined)) {
    return 'cert and key name the client certificate and its private key: give both or neither';
  }
  for (const [name, file] of [
    ['cert', certFile],
    ['key', keyFile],
    ['certroot', caFile],
  ] as const) {
    const problem = file === undefined ? undefined : unreadable(file);
    if (problem !== undefined) {
      return `the file its ${name} parameter names cannot be read (${problem}): it must be a PEM file Logto can read`;
    }
  }
  return { rejectUnauthorized: setting === null || isYes(setting), certFile, keyFile, caFile };
};

/**
 * The Redis a URL names, or the reason it cannot be used (never quoting the value, which usually
 * holds the password). A named TLS file must be readable now; its contents are read on connecting.
 */
export const readRedisUrl = (value: string): RedisTarget | { problem: string } => {
  const text = value.trim();
  if (isYes(text)) {
    return { cluster: false, nodes: [{ host: 'localhost', port: defaultPort }], database: 0 };
  }
  const url = parse(text);
  if (url === undefined || !redisProtocols.has(url.protocol)) {
    return { problem: `must be a redis:// or rediss:// URL, ${exampleUrl}` };
  }
  const cluster = isYes(url.searchParams.get('cluster'));
  const named = url.host === '' ? [] : [url.host];
  const hosts = cluster ? [...named, ...url.searchParams.getAll('host')] : named;
  if (hosts.length === 0) {
    return { problem: `must name the Redis host, ${exampleUrl}` };
  }
  const nodes = hosts.map((host) => nodeOf(host));
  if (nodes.some((node) => node === undefined)) {
    return { problem: 'each host= parameter must be a host name or address with an optional port, e.g. host=redis-2.internal:6379' };
  }
  const path = /^\/?(\d*)$/.exec(url.pathname);
  if (!path) {
    return { problem: 'may only have a database number as its path, e.g. /0' };
  }
  const database = path[1] === '' || path[1] === undefined ? 0 : Number(path[1]);
  if (database > maxDatabase) {
    return { problem: `database number must be 0 to ${maxDatabase}` };
  }
  if (cluster && database !== 0) {
    return { problem: 'a Redis Cluster has only database 0: leave the path out' };
  }
  const tls = url.protocol === 'rediss:' ? tlsOf(url) : undefined;
  if (typeof tls === 'string') {
    return { problem: tls };
  }
  return {
    cluster,
    nodes: nodes.filter((node) => node !== undefined),
    database,
    ...(isPasswordOnly(url, text)
      ? { username: undefined, password: safeDecode(url.username) }
      : {
          username: url.username === '' ? undefined : safeDecode(url.username),
          password: url.password === '' ? undefined : safeDecode(url.password),
        }),
    tls,
  };
};

/** Why the text cannot be used as a Redis URL, or undefined when it can. */
export const redisUrlProblem = (value: string): string | undefined => {
  const target = readRedisUrl(value);
  return 'problem' in target ? target.problem : undefined;
};

/**
 * The secret of a Redis URL, in the spellings it may take: the password as written and
 * percent-decoded (node-redis sends the decoded one), whether after a colon or alone in the user
 * slot (`redis://secret@host`). Host and port are no secret: a warning that hides them cannot
 * say which Redis failed. Text that is no URL at all may be anything (a password pasted into the
 * field), so all of it is secret.
 */
export const redisUrlSecrets = (value: unknown): string[] => {
  if (typeof value !== 'string') {
    return [];
  }
  const text = value.trim();
  const url = parse(text);
  if (url === undefined) {
    return [value, text].filter((form) => form !== '');
  }
  // Also as written before the URL parser normalised it: an unencoded `#` or `?` in a password
  // ends the userinfo for the parser, not for the eye.
  const written = /^[a-z]+:\/\/[^:@/]*:([^/]*)@/i.exec(text)?.[1] ?? '';
  const writtenAlone = /^[a-z]+:\/\/([^:/]*)@/i.exec(text)?.[1] ?? '';
  const passwords = [url.password, written, writtenAlone, isPasswordOnly(url, text) ? url.username : ''];
  const spellings = passwords.flatMap((password) => [password, safeDecode(password)]);
  return [...new Set(spellings)].filter((form) => form !== '');
};

/** Where a Redis URL points, without user or password: what a log line may show. */
export const redisLocation = (value: string): string => {
  const target = readRedisUrl(value);
  if ('problem' in target) {
    return 'redis (unreadable URL)';
  }
  const scheme = target.tls ? 'rediss' : 'redis';
  const hosts = target.nodes.map(({ host, port }) => `${host.includes(':') ? `[${host}]` : host}:${port}`).join(',');
  return `${scheme}://${hosts}${target.cluster ? ' (cluster)' : ''}`;
};
