import { defaultAccountInput } from './default-account.js';

/**
 * A connector config that works against an emulator serving the built-in account at `endpoint`:
 * what the demo sends with and what `emulator` prints for a local Logto. Advanced settings is on,
 * since a form that has it off does not use the endpoint. Kept here so the printout, demo and
 * tests cannot drift from the account they target.
 */
export const connectorConfigFor = (endpoint: string) => ({
  accessKeyId: defaultAccountInput.secretId,
  accessKeySecret: defaultAccountInput.secretKey,
  sdkAppId: '1400000001',
  region: 'ap-guangzhou',
  signName: 'Logto演示',
  templates: [
    { usageType: 'Generic', templateCode: '1000001', destination: 'mainland', params: ['{{code}}', '10'] },
    { usageType: 'Generic', templateCode: '1000002', destination: 'international', params: ['{{code}}', '10'] },
  ],
  // International numbers too (the demo texts a US number): the switch on, as a form saves it.
  international: true,
  advanced: true,
  endpoint,
});
