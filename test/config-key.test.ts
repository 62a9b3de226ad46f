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

  it('uses the data the key stands for, whether or not the last valid config had that key', async () => {
    const good = legacyConfig();
    // An array whose own toJSON hides invalid items: JSON (and so the key) sees the good ones.
    const disguised = Object.assign([{ usageType: 'Generic', templateCode: 'NOT-DIGITS' }], {
      toJSON: () => good.templates,
    });
    const { scope } = mockSendSms();
    const connector = await makeConnector();
    const data = { to: '8613012345678', type: 'SignIn' as never, payload: { code: '123456' } };
    // A different valid config first, so the disguised one is validated rather than matched.
    await connector.sendMessage(data, { ...good, region: 'ap-beijing' });
    scope.done();
    const { scope: second, captured } = mockSendSms();
    await connector.sendMessage(data, { ...good, templates: disguised });
    second.done();
    expect(captured[0]?.body.TemplateId).toBe(good.templates[0]!.templateCode);
  });
});
