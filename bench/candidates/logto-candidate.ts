import { benchMessage, notImplemented } from './config.js';
import type { Candidate } from './types.js';

type Factory = (context: { getConfig: typeof notImplemented }) => Promise<{
  sendMessage: (data: typeof benchMessage, config: Record<string, unknown>) => Promise<unknown>;
}>;

/** A connector driven the way Logto drives it: default-export factory, config per send. */
export const logtoCandidate = (
  id: Candidate['id'],
  label: string,
  importModule: () => Promise<unknown>,
  config: Record<string, unknown>
): Candidate => ({
  id,
  label,
  importModule,
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
});
