import { ConnectorType, type CreateConnector, type SmsConnector } from '@logto/connector-kit';

import { redisUrlSecrets } from './abuse-guard/redis-url.js';
import { defaultMetadata } from './constant.js';
import { redactedError } from './errors/redacted-error.js';
import { preconnect } from './http/fetch.js';
import type * as SendModule from './send.js';
import { tencentSmsConfigGuard, type TencentSmsConfig } from './types.js';
import { readConfig } from './utils.js';

/**
 * The send path (request building, signing, HTTP) is loaded on the first send: Logto imports
 * every connector at start-up and rebuilds them often, but only reads metadata and configGuard.
 */
let sendModule: Promise<typeof SendModule> | undefined;
// The first send starts its connection first, and loads the rest while the handshake runs. A
// failed load is not kept: the next send tries again instead of failing until a restart.
const loadSendModule = ({ endpoint }: TencentSmsConfig) =>
  (sendModule ??= preconnect(endpoint.url)
    .then(async () => import('./send.js'))
    .catch((error: unknown) => {
      sendModule = undefined;
      throw error;
    }));

/** Logto's factory: cheap and free of I/O, since core rebuilds connectors on many requests. */
const createTencentSmsConnector: CreateConnector<SmsConnector> = async ({ getConfig }) => ({
  metadata: defaultMetadata,
  type: ConnectorType.Sms,
  configGuard: tencentSmsConfigGuard,
  sendMessage: async (data, inputConfig) => {
    // The config first: an invalid one fails before anything else is loaded or sent.
    const config = await readConfig(inputConfig, getConfig);
    // The Console's test send is the only call that passes a config.
    const consoleTest = inputConfig !== undefined && inputConfig !== null;
    try {
      const { sendOne } = await loadSendModule(config);
      return await sendOne(config, data, { consoleTest });
    } catch (error) {
      // Secrets out of every error, and anything unexpected turned into a ConnectorError.
      const secrets = [
        config.accessKeySecret,
        config.sessionToken,
        ...redisUrlSecrets(config.redisUrl),
      ];
      const cleaned = redactedError(error, secrets);
      // A Console test shows only `general` text: it gets the whole diagnosis as that text
      // (the module loads only then).
      throw consoleTest
        ? (await import('./console-test/index.js')).consoleTestError(cleaned, data?.to, secrets)
        : cleaned;
    }
  },
});

export default createTencentSmsConnector;
