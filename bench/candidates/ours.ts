import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import { connectorConfig } from './config.js';
import { logtoCandidate } from './logto-candidate.js';

/** This package as Logto loads it: the built `lib/index.js`, default export = factory. */
export const ours = logtoCandidate(
  'ours',
  'this connector (lib/index.js)',
  async () => import(pathToFileURL(resolve('lib/index.js')).href) as Promise<unknown>,
  connectorConfig([{ usageType: 'Generic' }])
);
