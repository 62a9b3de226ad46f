import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import { benchMessage, connectorConfig, notImplemented } from './config.js';
import type { Candidate } from './types.js';

type Factory = (context: { getConfig: typeof notImplemented }) => Promise<{
  sendMessage: (data: typeof benchMessage, config: Record<string, unknown>) => Promise<unknown>;
}>;

const config = connectorConfig([{ usageType: 'Generic' }]);

/** This package as Logto loads it: the built `lib/index.js`, default export = factory. */
export const ours: Candidate = {
  id: 'ours',
  label: 'this connector (lib/index.js)',
  importModule: async () => import(pathToFileURL(resolve('lib/index.js')).href),
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
