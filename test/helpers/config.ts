import type { TencentSmsConfigInput } from '../../src/types.js';

export const secretKey = 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE';
export const sessionToken = 'tok3nV4lue-should-never-leak_0123456789';

/** A minimal config of the shape the official connector accepts. */
export const legacyConfig = (): TencentSmsConfigInput => ({
  accessKeyId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
  accessKeySecret: secretKey,
  signName: '腾讯云',
  region: 'ap-guangzhou',
  sdkAppId: '1400006666',
  templates: [
    { usageType: 'SignIn' as never, templateCode: '1001' },
    { usageType: 'Register' as never, templateCode: '1002' },
    { usageType: 'ForgotPassword' as never, templateCode: '1003' },
    { usageType: 'Generic' as never, templateCode: '1000' },
  ],
});

/** Mainland and international templates side by side, as issue 3 describes. */
export const worldConfig = (): TencentSmsConfigInput => ({
  ...legacyConfig(),
  internationalSignName: 'Acme',
  senderId: 'ACME',
  templates: [
    { usageType: 'Generic' as never, templateCode: '1000', destination: 'mainland' },
    { usageType: 'SignIn' as never, templateCode: '1001', destination: 'mainland' },
    { usageType: 'Generic' as never, templateCode: '2000', destination: 'international' },
    { usageType: 'Generic' as never, templateCode: '2001', destination: 'international', locale: 'ja' },
  ],
});
