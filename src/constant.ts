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
  name: {
    en: 'Tencent Cloud SMS',
    'zh-CN': '腾讯云短信',
    'zh-TW': '騰訊雲簡訊',
    'pt-BR': 'SMS da Tencent Cloud',
    ja: 'Tencent Cloud SMS',
    ko: 'Tencent Cloud SMS',
  },
  description: {
    en: 'SMS codes via Tencent Cloud, to mainland China and worldwide.',
    'zh-CN': '通过腾讯云短信发送验证码，支持中国大陆及国际/港澳台号码。',
    'zh-TW': '透過騰訊雲簡訊發送驗證碼，支援中國大陸及國際號碼。',
    'pt-BR': 'Códigos por SMS via Tencent Cloud, para a China e o mundo.',
    ja: 'Tencent Cloud で SMS 認証コードを送信（中国本土・海外）。',
    ko: 'Tencent Cloud로 SMS 인증 코드 발송(중국 본토·해외).',
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
