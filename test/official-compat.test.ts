import officialFactory from '@logto/connector-tencent-sms';
import { TemplateType } from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';
import type { ZodTypeAny } from 'zod';

import { tencentSmsConfigGuard } from '../src/types.js';

const official = async () =>
  (await officialFactory({ getConfig: async () => ({}) })) as unknown as { configGuard: ZodTypeAny };

const requiredByOfficial = ['SignIn', 'Register', 'ForgotPassword', 'Generic'];

/** Configs an operator may have saved for the official connector and used for real. */
const savedConfigs = [
  {
    accessKeyId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
    accessKeySecret: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
    signName: '腾讯云',
    sdkAppId: '1400006666',
    region: 'ap-guangzhou',
    templates: requiredByOfficial.map((usageType, index) => ({ usageType, templateCode: String(1_000_000 + index) })),
  },
  {
    accessKeyId: 'AKID_a-b',
    accessKeySecret: 'secret with spaces inside',
    signName: 'Acme Inc.',
    sdkAppId: '2400006666',
    region: 'ap-singapore',
    templates: Object.values(TemplateType).map((usageType) => ({ usageType, templateCode: '1234567' })),
  },
  {
    accessKeyId: 'AKID1',
    accessKeySecret: 'shortButRealEnough',
    signName: 'x',
    sdkAppId: '1',
    region: 'ap-beijing',
    templates: [...requiredByOfficial, 'Generic'].map((usageType) => ({ usageType, templateCode: '42' })),
  },
];

describe('configs saved for the official connector', () => {
  it.each(savedConfigs)('are valid here too (%#)', async (config) => {
    const { configGuard } = await official();
    expect(configGuard.safeParse(config).success).toBe(true);
    expect(tencentSmsConfigGuard.safeParse(config).success).toBe(true);
  });

  it('a config from the official form with only the required codes filled is valid here too', async () => {
    const { configGuard, metadata } = (await officialFactory({ getConfig: async () => ({}) })) as unknown as {
      configGuard: ZodTypeAny;
      metadata: { formItems: Array<{ key: string; defaultValue?: unknown }> };
    };
    const formDefault = metadata.formItems.find((item) => item.key === 'templates')?.defaultValue as Array<{
      usageType: string;
      templateCode: string;
    }>;
    // The official form lists every type with a placeholder; an admin fills the four it needs.
    const templates = formDefault.map((entry, index) =>
      requiredByOfficial.includes(entry.usageType) ? { ...entry, templateCode: String(2_000_000 + index) } : entry
    );
    const config = { ...savedConfigs[0], templates };
    expect(configGuard.safeParse(config).success).toBe(true);
    const parsed = tencentSmsConfigGuard.parse(config);
    // The placeholder entries are left out; those types fall back to Generic.
    expect(parsed.templates.map((entry) => entry.usageType).sort()).toEqual([...requiredByOfficial].sort());
  });

  it('the official connector’s own unedited form default is caught here, not sent to Tencent', async () => {
    const { configGuard } = await official();
    const unedited = { ...savedConfigs[0], templates: requiredByOfficial.map((usageType) => ({ usageType, templateCode: '<template-code>' })) };
    expect(configGuard.safeParse(unedited).success).toBe(true);
    expect(tencentSmsConfigGuard.safeParse(unedited).success).toBe(false);
  });
});
