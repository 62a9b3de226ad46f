const redisProtocols = new Set(['redis:', 'rediss:']);

const parse = (value: string): URL | undefined => {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
};

/** Whether the text is a URL node-redis can connect to: redis:// or rediss:// with a host. */
export const isRedisUrl = (value: string): boolean => {
  const url = parse(value);
  return url !== undefined && redisProtocols.has(url.protocol) && url.hostname !== '';
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
