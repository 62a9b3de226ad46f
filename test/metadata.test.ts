import {
  ConnectorConfigFormItemType,
  ConnectorType,
  connectorMetadataGuard,
} from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';

import { defaultMetadata } from '../src/constant.js';
import { configFieldsGuard, tencentSmsConfigGuard } from '../src/types.js';

import { legacyConfig } from './helpers/config.js';
import { makeConnector } from './helpers/connector.js';

describe('metadata', () => {
  it('passes connector-kit’s guard, with its own id and the SMS shape Logto expects', async () => {
    const connector = await makeConnector();
    expect(connectorMetadataGuard.parse(connector.metadata)).toBeTruthy();
    expect(connector.type).toBe(ConnectorType.Sms);
    expect(connector.metadata).toMatchObject({
      id: 'tencent-cloud-sms',
      target: 'tencent-sms',
      platform: null,
      logo: './logo.svg',
      logoDark: null,
      readme: './README.md',
    });
    expect(connector.metadata.id).not.toBe('tencent-short-message-service');
  });

  it('names and describes itself in en, zh-CN, zh-TW, pt-BR, ja and ko', () => {
    for (const phrases of [defaultMetadata.name, defaultMetadata.description]) {
      expect(Object.keys(phrases)).toEqual(expect.arrayContaining(['en', 'zh-CN', 'zh-TW', 'pt-BR', 'ja', 'ko']));
    }
  });

  it('has a form item for every config field, each with a description', () => {
    const keys = defaultMetadata.formItems?.map((item) => item.key);
    expect(keys?.sort()).toEqual(Object.keys(configFieldsGuard.shape).sort());
    for (const item of defaultMetadata.formItems ?? []) {
      expect(item.description ?? item.tooltip, item.key).toBeTruthy();
      if (item.type !== 'Switch' && item.type !== 'Json') {
        expect(item.placeholder, item.key).toBeTruthy();
      }
    }
  });

  it('masks the secret, the session token and the Redis URL (it holds the Redis password)', () => {
    const confidential = defaultMetadata.formItems?.filter((item) => 'isConfidential' in item && item.isConfidential);
    expect(confidential?.map((item) => item.key).sort()).toEqual(['accessKeySecret', 'redisUrl', 'sessionToken']);
  });

  it('starts with pumping protection on, showing exactly the default rules, valid as they stand', () => {
    const item = defaultMetadata.formItems?.find((formItem) => formItem.key === 'abuseProtection');
    const toggle = defaultMetadata.formItems?.find((formItem) => formItem.key === 'pumpingProtection');
    expect(toggle?.type).toBe(ConnectorConfigFormItemType.Switch);
    expect(toggle?.defaultValue).toBe(true);
    expect(item?.type).toBe(ConnectorConfigFormItemType.Json);
    expect(item?.showConditions).toEqual([{ targetKey: 'pumpingProtection', expectValue: true }]);
    const parsed = tencentSmsConfigGuard.parse({ ...legacyConfig(), pumpingProtection: true, abuseProtection: item?.defaultValue });
    // The rules a config without abuseProtection gets: the destination rules and the per-country
    // budgets; no region list and no source budgets, which only the operator can size.
    expect(parsed.abuseProtection).toEqual({
      refusedNumberTypes: ['premium-rate', 'shared-cost', 'toll-free', 'personal-number', 'uan', 'voicemail', 'pager'],
      perPrefix: { max: 20, windowSeconds: 3600, digits: 4 },
      perCountry: { newCountry: 20, newCountries: 100, listedCountry: 500 },
    });
  });

  it('offers a templates default of just what a first setup needs, which must be edited before use', () => {
    const templates = defaultMetadata.formItems?.find((item) => item.key === 'templates');
    expect(templates?.type).toBe(ConnectorConfigFormItemType.Json);
    const defaults = templates?.defaultValue as Array<{ usageType: string; destination?: string }>;
    // Generic serves every message type: one entry for mainland China, one for the rest.
    expect(defaults).toEqual([
      { usageType: 'Generic', templateCode: '<template-code>', destination: 'mainland' },
      { usageType: 'Generic', templateCode: '<template-code>', destination: 'international' },
    ]);

    const unedited = tencentSmsConfigGuard.safeParse({ ...legacyConfig(), templates: defaults });
    expect(unedited.success).toBe(false);
    expect(unedited.error?.issues[0]).toMatchObject({ path: ['templates'], message: 'replace <template-code> with your template IDs' });
    const edited = defaults.map((entry, index) => ({ ...entry, templateCode: String(1000 + index) }));
    expect(tencentSmsConfigGuard.safeParse({ ...legacyConfig(), templates: edited }).success).toBe(true);
    // A mainland-only setup fills in the first entry; the placeholder left in the other is skipped.
    const mainlandOnly = defaults.map((entry, index) => (index === 0 ? { ...entry, templateCode: '2000' } : entry));
    const parsed = tencentSmsConfigGuard.parse({ ...legacyConfig(), templates: mainlandOnly });
    expect(parsed.templates).toHaveLength(1);
  });

  it('the factory returns without calling getConfig', async () => {
    let called = false;
    await makeConnector(async () => {
      called = true;
      return {};
    });
    expect(called).toBe(false);
  });
});
