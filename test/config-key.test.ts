import { describe, expect, it } from 'vitest';

import { configKey } from '../src/config-key.js';

import { legacyConfig } from './helpers/config.js';
import { makeConnector } from './helpers/connector.js';
import { mockSendSms } from './helpers/tencent-mock.js';

describe('configKey', () => {
  it('gives equal keys to equal plain configs and different keys to different ones', () => {
    expect(configKey(legacyConfig())).toBe(configKey(JSON.parse(JSON.stringify(legacyConfig()))));
    expect(configKey({ ...legacyConfig(), region: 'ap-beijing' })).not.toBe(configKey(legacyConfig()));
  });

  it.each([
    ['a function', { language: () => 'en-US' }],
    ['undefined', { timeout: undefined }],
    ['NaN', { timeout: Number.NaN }],
    ['a Date', { signName: new Date(0) }],
    ['a Map', { templates: new Map([['usageType', 'Generic']]) }],
  ])('has no key for a config holding %s, which JSON would not represent', (_name, change) => {
    expect(configKey({ ...legacyConfig(), ...change })).toBeUndefined();
  });

  it('has no key for inherited fields', () => {
    expect(configKey(Object.create(legacyConfig()))).toBeUndefined();
  });
});

describe('a config that JSON would mistake for the last valid one', () => {
  it('is still validated: a function where a string belongs is invalid_config after a good send', async () => {
    const { scope } = mockSendSms();
    const connector = await makeConnector();
    const data = { to: '8613012345678', type: 'SignIn' as never, payload: { code: '123456' } };
    await connector.sendMessage(data, legacyConfig());
    scope.done();
    await expect(connector.sendMessage(data, { ...legacyConfig(), signName: () => '腾讯云' })).rejects.toMatchObject({
      code: 'invalid_config',
    });
    await expect(connector.sendMessage(data, { ...legacyConfig(), language: new Date(0) })).rejects.toMatchObject({
      code: 'invalid_config',
    });
  });
});
