import { ConnectorError, validateConfig, type GetConnectorConfig } from '@logto/connector-kit';
import { ZodError, type ZodIssue } from 'zod';

import { defaultMetadata } from './constant.js';
import { redact } from './errors/redact.js';
import { tencentSmsConfigGuard, type TencentSmsConfig } from './types.js';

/**
 * A zod issue may quote the value it refused (an enum's `received`), and a secret pasted into the
 * wrong field would then reach the Console. Rebuild the ZodError with the raw credentials removed.
 */
const withoutConfigSecrets = (error: unknown, config: unknown): unknown => {
  if (!(error instanceof ConnectorError) || !(error.data instanceof ZodError)) {
    return error;
  }
  const { accessKeySecret, sessionToken } = (config ?? {}) as Record<string, unknown>;
  const secrets = [accessKeySecret, sessionToken]
    .filter((value): value is string => typeof value === 'string')
    .flatMap((value) => [value, value.trim()])
    .flatMap((value) => [value, JSON.stringify(value).slice(1, -1)]);
  const serialized = JSON.stringify(error.data.issues);
  const cleaned = redact(serialized, secrets);
  return cleaned === serialized
    ? error
    : new ConnectorError(error.code, new ZodError(JSON.parse(cleaned) as ZodIssue[]));
};

/**
 * The config for one send. The Console's "Send" test passes the unsaved form as the second
 * argument (and a `getConfig` that throws), so that argument wins when present. Validated on every
 * send because the stored config may predate a rule, and failures list every zod issue.
 */
export const readConfig = async (
  inputConfig: unknown,
  getConfig: GetConnectorConfig
): Promise<TencentSmsConfig> => {
  const config = inputConfig ?? (await getConfig(defaultMetadata.id));
  try {
    validateConfig(config, tencentSmsConfigGuard);
  } catch (error) {
    throw withoutConfigSecrets(error, config);
  }
  // Parse again for the normalised output (trimmed strings); validateConfig only asserts.
  return tencentSmsConfigGuard.parse(config);
};

/** Unix seconds now. The only clock read of a send; everything after it is pure. */
export const nowInSeconds = (): number => Math.floor(Date.now() / 1000);
