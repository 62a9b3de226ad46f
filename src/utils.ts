import type { GetConnectorConfig } from '@logto/connector-kit';

import { redisUrlSecrets } from './abuse-guard/redis-url.js';
import { configKey } from './config-key.js';
import { defaultMetadata } from './constant.js';
import { tencentSmsConfigGuard, type TencentSmsConfig } from './types.js';

/**
 * The last config that passed validation, by its key. Logto hands every send the same stored
 * config as a fresh object; comparing keys is several times cheaper than validating again, and
 * the validated result is never mutated.
 */
let lastValid: { key: string; config: TencentSmsConfig } | undefined;

/**
 * The config for one send. The Console's "Send" test passes the unsaved form as the second
 * argument (and a `getConfig` that throws), so that argument wins when present. Validated on every
 * send (or matched to the last config that passed) because the stored config may predate a rule,
 * and failures list every zod issue (in a sign-in flow, those about pumping protection only as
 * one: see `invalidConfigError`). A failing `getConfig` is Logto's own error (e.g. connector not
 * found) and passes through unchanged.
 */
export const readConfig = async (
  inputConfig: unknown,
  getConfig: GetConnectorConfig
): Promise<TencentSmsConfig> => {
  const config = inputConfig ?? (await getConfig(defaultMetadata.id));
  const key = configKey(config);
  if (key !== undefined && key === lastValid?.key) {
    return lastValid.config;
  }
  // With a key, what is validated is the key's own data, so a later config with the same key is
  // the same data by construction, whatever the object looked like (a `toJSON` on an array, say).
  const result = tencentSmsConfigGuard.safeParse(key === undefined ? config : JSON.parse(key));
  if (!result.success) {
    // The error connector-kit's validateConfig throws, one issue per problem, no secret quoted.
    const { accessKeySecret, sessionToken, redisUrl } = (config ?? {}) as Record<string, unknown>;
    const { invalidConfigError } = await import('./errors/config-error.js');
    // Without a config of its own the call is a sign-in flow, whose error reaches the browser.
    throw invalidConfigError(result.error, [accessKeySecret, sessionToken, ...redisUrlSecrets(redisUrl)], {
      signIn: inputConfig === undefined || inputConfig === null,
    });
  }
  lastValid = key === undefined ? undefined : { key, config: result.data };
  return result.data;
};

/** Unix seconds now. The only clock read of a send; everything after it is pure. */
export const nowInSeconds = (): number => Math.floor(Date.now() / 1000);

/**
 * The two payload values a send uses. The payload is typed by connector-kit but arrives as
 * whatever the caller sent; anything that is not a non-empty string counts as absent, so a
 * missing payload becomes a clear error rather than a TypeError.
 */
export const readPayload = (payload: unknown): { code?: string; locale?: string } => {
  const record = (typeof payload === 'object' && payload !== null ? payload : {}) as Record<
    string,
    unknown
  >;
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  return { code: text(record.code), locale: text(record.locale) };
};
