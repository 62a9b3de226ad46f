import { validateConfig, type GetConnectorConfig } from '@logto/connector-kit';

import { defaultMetadata } from './constant.js';
import { redactedError } from './errors/redacted-error.js';
import { tencentSmsConfigGuard, type TencentSmsConfig } from './types.js';

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
    const { accessKeySecret, sessionToken } = (config ?? {}) as Record<string, unknown>;
    throw redactedError(error, [accessKeySecret, sessionToken]);
  }
  // Parse again for the normalised output (trimmed strings); validateConfig only asserts.
  return tencentSmsConfigGuard.parse(config);
};

/** Unix seconds now. The only clock read of a send; everything after it is pure. */
export const nowInSeconds = (): number => Math.floor(Date.now() / 1000);
