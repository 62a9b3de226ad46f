import { connectorConfig } from './config.js';
import { logtoCandidate } from './logto-candidate.js';

// A variable keeps TypeScript from looking for declarations the package does not ship.
const packageName = '@logto/connector-tencent-sms';

/** The connector shipped in Logto's images (got on Node's global agent). */
export const official = logtoCandidate(
  'official',
  'official @logto/connector-tencent-sms',
  async () => import(packageName) as Promise<unknown>,
  // The official connector insists on these four usage types.
  connectorConfig(['SignIn', 'Register', 'ForgotPassword', 'Generic'].map((usageType) => ({ usageType })))
);
