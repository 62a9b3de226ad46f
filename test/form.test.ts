/**
 * The Console form as an operator reads it: field descriptions that lead through Tencent's console
 * in the language it is usually used in, and a language select that starts on, and can go back to,
 * Tencent's default. The connector picker's tile is in picker.test.ts.
 */
import { ConnectorConfigFormItemType } from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';

import { defaultMetadata, tencentDefaultLanguage } from '../src/constant.js';
import { tencentSmsConfigGuard } from '../src/types.js';

import { legacyConfig } from './helpers/config.js';
import { consoleSend } from './helpers/connector.js';
import { mockSendSms, offlineNock } from './helpers/tencent-mock.js';

const formItem = (key: string) => {
  const item = defaultMetadata.formItems?.find((candidate) => candidate.key === key);
  if (!item) {
    throw new Error(`no form item ${key}`);
  }
  return item;
};

describe('field descriptions name Tencent console’s Chinese labels beside the English ones', () => {
  // Each Chinese label is given in parentheses after the English one, "English (中文)".
  it.each([
    ['accessKeyId', ['访问管理', '用户', 'API 密钥']],
    ['sdkAppId', ['短信', '应用管理', '应用列表']],
    ['signName', ['国内短信', '签名管理']],
    ['internationalSignName', ['国际/港澳台短信', '签名管理']],
    ['templates', ['国内短信', '国际/港澳台短信', '正文模板管理']],
  ])('%s', (key, labels) => {
    const description = formItem(key).description ?? '';
    for (const label of labels) {
      expect(description).toMatch(new RegExp(`[A-Za-z][\\w ]* \\(${label}\\)`));
    }
  });
});

describe('the "Error message language" select', () => {
  offlineNock();

  const item = formItem('language');
  const items = item.type === ConnectorConfigFormItemType.Select ? item.selectItems : [];
  const tencentDefault = items.find(({ title }) => title === 'Tencent default');

  it('offers Tencent’s default beside English and Chinese', () => {
    expect(tencentDefault).toBeDefined();
    expect(items.map(({ value }) => value)).toEqual(expect.arrayContaining(['en-US', 'zh-CN']));
  });

  it('starts on Tencent’s default: a Select without a defaultValue shows empty', () => {
    expect(item.defaultValue).toBe(tencentDefault?.value);
    expect(item.defaultValue).toBe(tencentDefaultLanguage);
  });

  it('sends no X-TC-Language header from a new form, which holds every default', async () => {
    const { scope, captured } = mockSendSms();
    const defaults = Object.fromEntries(
      (defaultMetadata.formItems ?? []).filter((formItem) => formItem.defaultValue !== undefined).map((formItem) => [formItem.key, formItem.defaultValue])
    );
    expect(defaults).toHaveProperty('language', tencentDefaultLanguage);
    await consoleSend({ ...defaults, ...legacyConfig(), advanced: true });
    scope.done();
    expect(captured[0]?.headers).not.toHaveProperty('x-tc-language');
  });

  it('accepts every choice it offers', () => {
    for (const { value } of items) {
      expect(tencentSmsConfigGuard.safeParse({ ...legacyConfig(), advanced: true, language: value }).success).toBe(
        true
      );
    }
  });

  it('sends no X-TC-Language header when Tencent default is picked', async () => {
    const { scope, captured } = mockSendSms();
    await consoleSend({ ...legacyConfig(), advanced: true, language: tencentDefault?.value });
    scope.done();
    expect(captured[0]?.headers).not.toHaveProperty('x-tc-language');
  });

  it('sends the language picked otherwise', async () => {
    const { scope, captured } = mockSendSms();
    await consoleSend({ ...legacyConfig(), advanced: true, language: 'zh-CN' });
    scope.done();
    expect(captured[0]?.headers['x-tc-language']).toBe('zh-CN');
  });
});
