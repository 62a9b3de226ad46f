/**
 * The emulator's public surface. A separate entry point from the connector: `src/index.ts` must
 * never import anything under this folder, so Logto never loads a server it does not need.
 */
export { startEmulator, type Emulator, type EmulatorOptions } from './server.js';
export { parseAccount, type Account, type AccountInput, type Template } from './account.js';
export { defaultAccount, defaultAccountInput } from './default-account.js';
export type { StoredMessage } from './message-store.js';
export type { ApiOutcome } from './api-handler.js';
export type { SendStatus } from './send-sms.js';
export { verifyTc3Signature } from './verify-signature.js';
export { parseAuthorization } from './authorization.js';
export { connectorConfigFor } from './connector-config.js';
