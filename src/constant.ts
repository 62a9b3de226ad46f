import {
  ConnectorConfigFormItemType,
  TemplateType,
  type ConnectorMetadata,
} from '@logto/connector-kit';

import { defaultAbuseProtection } from './abuse-guard/defaults.js';

/** Fixed facts of Tencent Cloud's SendSms API (version 2021-01-11). */
export const tencentApi = Object.freeze({
  service: 'sms',
  action: 'SendSms',
  version: '2021-01-11',
  defaultHost: 'sms.tencentcloudapi.com',
  /** Signed and sent byte for byte; never let a client append a charset to it. */
  contentType: 'application/json',
});

/** Below the Console's own 20 s limit, so the admin sees our error rather than a bare timeout. */
export const defaultTimeoutMs = 10_000;
export const minTimeoutMs = 1000;
export const maxTimeoutMs = 19_000;

/** The most of a response body the transport reads; a SendSms answer for one number is under 1 KiB. */
export const maxResponseBytes = 1024 * 1024;

/**
 * The "Error message language" choice that sends no X-TC-Language header, so Tencent answers in
 * its own default. A Select cannot be emptied once picked, so this is a value of its own.
 */
export const tencentDefaultLanguage = 'default';

/**
 * What a first setup needs: one Generic template for mainland China and one for the rest of the
 * world, since Generic serves every message type that has no entry of its own. The placeholder
 * codes fail validation on purpose, so a form saved without real template IDs is caught at once;
 * an entry left at its placeholder is skipped once another holds a real ID.
 */
const templatesExample = [
  { usageType: TemplateType.Generic, templateCode: '<template-code>', destination: 'mainland' },
  { usageType: TemplateType.Generic, templateCode: '<template-code>', destination: 'international' },
];

const showWhen = (targetKey: string) => [{ targetKey, expectValue: true }];

export const defaultMetadata: ConnectorMetadata = {
  id: 'tencent-cloud-sms',
  target: 'tencent-sms',
  platform: null,
  // Beside Logto's built-in Tencent connector ("Tencent Short Message Service", "腾讯云短信服务"):
  // the name says at once that this is another one (the picker shows one line of it, about 150
  // px), the description what it does differently (the picker shows four lines of it).
  name: {
    en: 'Tencent SMS Plus',
    'zh-CN': '腾讯云短信（增强版）',
    'zh-TW': '騰訊雲簡訊（增強版）',
    'zh-HK': '騰訊雲簡訊（增強版）',
    'pt-BR': 'Tencent SMS Plus',
    ja: 'Tencent SMS Plus',
    ko: 'Tencent SMS Plus',
  },
  description: {
    en: 'Unlike the built-in: international numbers in E.164, errors with the fix, SMS pumping protection.',
    'zh-CN': '相比内置连接器：国际号码按 E.164 发送，报错附解决办法，防短信盗刷。',
    'zh-TW': '相較內建連接器：國際號碼以 E.164 發送，錯誤附解決方法，防簡訊盜刷。',
    'zh-HK': '相較內建連接器：國際號碼以 E.164 發送，錯誤附解決方法，防簡訊盜刷。',
    'pt-BR': 'Diferente do nativo: números internacionais em E.164, erros com a solução, anti-pumping.',
    ja: '組み込み版との違い：国際番号を E.164 で送信、エラーに対処法を表示、SMS ポンピング対策。',
    ko: '기본 제공 커넥터와 달리 국제 번호를 E.164로 발송하고, 오류에 해결 방법을 안내하며, SMS 펌핑을 막습니다.',
  },
  logo: './logo.svg',
  logoDark: null,
  readme: './README.md',
  formItems: [
    {
      key: 'accessKeyId',
      label: 'SecretId',
      type: ConnectorConfigFormItemType.Text,
      required: true,
      placeholder: 'AKIDxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
      description:
        'Tencent Cloud console → Access Management (访问管理) → Users (用户) → the sub-user → API Keys (API 密钥). Use a sub-user that may only call sms:SendSms.',
    },
    {
      key: 'accessKeySecret',
      label: 'SecretKey',
      type: ConnectorConfigFormItemType.Text,
      required: true,
      isConfidential: true,
      placeholder: 'Your SecretKey',
      description: 'Shown beside the SecretId only when the key is created (新建密钥): copy it then.',
    },
    {
      key: 'sdkAppId',
      label: 'SDK App ID',
      type: ConnectorConfigFormItemType.Text,
      required: true,
      placeholder: '1400000000',
      description:
        'SMS console (短信) → Application Management (应用管理) → Application List (应用列表): the SDKAppID column, digits only.',
    },
    {
      key: 'region',
      label: 'Region',
      type: ConnectorConfigFormItemType.Text,
      required: true,
      placeholder: 'ap-guangzhou',
      description:
        'The region the SMS application was created in (the region selector, 地域, at the top left of the SMS console): ap-guangzhou, ap-beijing or ap-nanjing on the China site, ap-singapore on the international site.',
    },
    {
      key: 'signName',
      label: 'Signature (mainland China)',
      type: ConnectorConfigFormItemType.Text,
      placeholder: '腾讯云',
      description:
        'The approved signature text, without 【】: SMS console → Chinese Mainland SMS (国内短信) → Signatures (签名管理). Needed when a template can send to mainland China (+86) numbers (destination "mainland" or none); leave empty if every template is "international".',
    },
    {
      key: 'templates',
      label: 'Templates',
      type: ConnectorConfigFormItemType.Json,
      required: true,
      defaultValue: templatesExample,
      description:
        'One entry per approved template: templateCode is the ID column of SMS console → Chinese Mainland SMS (国内短信) or Global SMS (国际/港澳台短信) → Body Templates (正文模板管理). usageType is a Logto message type (Generic serves the rest); destination is "mainland" or "international" (omit to serve both); locale picks by the user\'s language; params are the values for {1}, {2}…, {{code}} for the code.',
    },
    {
      key: 'international',
      label: 'International numbers',
      type: ConnectorConfigFormItemType.Switch,
      defaultValue: false,
      description:
        'Off: only mainland China (+86) numbers get codes; others are refused. On: numbers elsewhere (HK, MO, TW included) get them too. 关闭时仅向中国大陆号码发送验证码。',
    },
    {
      key: 'internationalSignName',
      label: 'Signature (international)',
      type: ConnectorConfigFormItemType.Text,
      placeholder: 'Acme',
      showConditions: showWhen('international'),
      description:
        'Optional. An approved signature from Global SMS (国际/港澳台短信) → Signatures (签名管理), sent to numbers outside mainland China (Hong Kong, Macau and Taiwan included). Leave empty to send none.',
    },
    {
      key: 'senderId',
      label: 'Sender ID',
      type: ConnectorConfigFormItemType.Text,
      placeholder: 'ACME',
      showConditions: showWhen('international'),
      description: 'Optional. Only if Tencent has granted you a sender ID; used for international numbers only.',
    },
    {
      key: 'advanced',
      label: 'Advanced settings',
      type: ConnectorConfigFormItemType.Switch,
      defaultValue: false,
      description: 'Show endpoint, temporary credentials, timeout and error language.',
    },
    {
      key: 'endpoint',
      label: 'Endpoint',
      type: ConnectorConfigFormItemType.Text,
      placeholder: 'sms.tencentcloudapi.com',
      showConditions: showWhen('advanced'),
      description:
        'Optional API host or URL, e.g. sms.ap-guangzhou.tencentcloudapi.com or sms.intl.tencentcloudapi.com. http:// is accepted only for a local emulator on 127.0.0.1 or localhost. Used only while Advanced settings is on.',
    },
    {
      key: 'sessionToken',
      label: 'Session token',
      type: ConnectorConfigFormItemType.Text,
      isConfidential: true,
      placeholder: 'Only with temporary credentials',
      showConditions: showWhen('advanced'),
      description: 'Only for temporary (STS) credentials: the Token returned with them.',
    },
    {
      key: 'timeout',
      label: 'Timeout (ms)',
      type: ConnectorConfigFormItemType.Number,
      placeholder: String(defaultTimeoutMs),
      showConditions: showWhen('advanced'),
      description: `How long to wait for Tencent, ${minTimeoutMs}–${maxTimeoutMs} ms. Default ${defaultTimeoutMs}.`,
    },
    {
      key: 'language',
      label: 'Error message language',
      type: ConnectorConfigFormItemType.Select,
      // Without a defaultValue the Select shows empty, though a new form means Tencent's default.
      defaultValue: tencentDefaultLanguage,
      placeholder: 'Tencent default',
      showConditions: showWhen('advanced'),
      selectItems: [
        { value: tencentDefaultLanguage, title: 'Tencent default' },
        { value: 'en-US', title: 'English' },
        { value: 'zh-CN', title: '简体中文' },
      ],
      description: 'The language Tencent writes its error messages in. "Tencent default" asks for none.',
    },
    {
      key: 'pumpingProtection',
      label: 'SMS pumping protection',
      type: ConnectorConfigFormItemType.Switch,
      defaultValue: true,
      description:
        'On by default: refuses premium-rate and similar numbers, caps codes per block of numbers and, abroad, codes per country a day (learned from your traffic), so bots cannot run up your SMS bill. Turned off, none of the rules below apply.',
    },
    {
      key: 'abuseProtection',
      label: 'Abuse protection',
      type: ConnectorConfigFormItemType.Json,
      defaultValue: defaultAbuseProtection,
      showConditions: showWhen('pumpingProtection'),
      description:
        'On without any key: refusedNumberTypes (premium-rate, toll-free …), perPrefix (codes per window to numbers that differ only in their last digits) and perCountry (codes a day per country abroad, learned from your traffic; "allow": { "BR": 2000 } raises a country before a launch); [] and false turn them off. Yours to size: allowedRegions (ISO codes that may receive codes; listed countries start at 500 a day), perSource and distinctNumbersPerSource (per IPv4 address or IPv6 /64), ipv4Prefix, ipv6SiteMultiplier.',
    },
    {
      key: 'redisUrl',
      label: 'Redis URL',
      type: ConnectorConfigFormItemType.Text,
      isConfidential: true,
      placeholder: 'redis://:password@redis.internal:6379/0',
      showConditions: showWhen('pumpingProtection'),
      description:
        "Optional. With several Logto instances, paste Logto's REDIS_URL (cluster and TLS forms included) so all of them share one set of limits. Without it, or while Redis is unreachable, each instance counts on its own.",
    },
  ],
};
