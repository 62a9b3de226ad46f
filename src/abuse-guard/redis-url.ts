const redisProtocols = new Set(['redis:', 'rediss:']);

const parse = (value: string): URL | undefined => {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
};

/**
 * Why node-redis could not use the text as its URL, or undefined when it can. node-redis 4 reads
 * the path as a database number (anything else throws when the client is made) and hands a
 * bracketed IPv6 host to DNS as it stands (never found): a config that passed with either would
 * leave every send uncounted, with only a log line to say so. The reasons never quote the value.
 */
export const redisUrlProblem = (value: string): string | undefined => {
  const url = parse(value);
  if (url === undefined || !redisProtocols.has(url.protocol) || url.hostname === '') {
    return 'must be a redis:// or rediss:// URL, e.g. redis://:password@redis.internal:6379/0';
  }
  if (url.hostname.startsWith('[')) {
    return 'must name the Redis host by a host name or an IPv4 address: node-redis cannot connect to an IPv6 address written in a URL';
  }
  if (!/^\/?\d*$/.test(url.pathname)) {
    return 'may only have a database number as its path, e.g. /0';
  }
  return undefined;
};

const decoded = (value: string): string => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};

/**
 * Every spelling of the secret parts of a Redis URL, for redaction: the URL itself and its
 * password as written and percent-decoded (node-redis decodes it before sending AUTH).
 */
export const redisUrlSecrets = (value: unknown): string[] => {
  if (typeof value !== 'string') {
    return [];
  }
  const url = parse(value.trim());
  const password = url?.password ?? '';
  return [value, value.trim(), password, decoded(password)].filter((form) => form !== '');
};

/** Where a Redis URL points, without user or password: what a log line may show. */
export const redisLocation = (value: string): string => {
  const url = parse(value);
  return url ? `${url.protocol}//${url.host}` : 'redis (unreadable URL)';
};
