import { defaultAccountInput } from './default-account.js';

/**
 * A connector config that works against an emulator serving the default account: what the
 * demo sends with and what docs/development.md, "The emulator" tells people to paste into a local Logto. Kept here
 * so docs, demo and tests cannot drift from the account they target.
 */
export const connectorConfigFor = (endpoint: string) => ({
  accessKeyId: defaultAccountInput.secretId,
  accessKeySecret: defaultAccountInput.secretKey,
  signName: 'Logto演示',
  region: 'ap-guangzhou',
  sdkAppId: '1400000001',
  endpoint,
  // The demo sends to a US number too: the switch on, as a form that sends abroad saves it.
  international: true,
  templates: [
    { usageType: 'Generic', templateCode: '1000001', destination: 'mainland', params: ['{{code}}', '10'] },
    { usageType: 'Generic', templateCode: '1000002', destination: 'international', params: ['{{code}}', '10'] },
  ],
});
