import { benchMessage, connectorConfig, notImplemented } from './config.js';
import type { Candidate } from './types.js';

type Factory = (context: { getConfig: typeof notImplemented }) => Promise<{
  sendMessage: (data: typeof benchMessage, config: Record<string, unknown>) => Promise<unknown>;
}>;

// The official connector insists on these four usage types.
const config = connectorConfig(
  ['SignIn', 'Register', 'ForgotPassword', 'Generic'].map((usageType) => ({ usageType }))
);

// A variable keeps TypeScript from looking for declarations the package does not ship.
const packageName = '@logto/connector-tencent-sms';

/** The connector shipped in Logto's images (got on Node's global agent). */
export const official: Candidate = {
  id: 'official',
  label: 'official @logto/connector-tencent-sms',
  importModule: async () => import(packageName) as Promise<unknown>,
  setup: async (module) => {
    const createConnector = (module as { default: Factory }).default;
    const connector = await createConnector({ getConfig: notImplemented });
    return {
      send: async () => {
        await connector.sendMessage(benchMessage, config);
      },
      factory: async () => createConnector({ getConfig: notImplemented }),
    };
  },
};
