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
 * Every Logto message type for mainland China, plus the international fallback. The placeholder
 * codes fail validation on purpose, so a form saved without real template IDs is caught at once.
 */
const templatesExample = [
  ...Object.values(TemplateType).map((usageType) => ({
    usageType,
    templateCode: '<template-code>',
    destination: 'mainland',
  })),
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
    en: 'Send verification codes by SMS through Tencent Cloud, to mainland China and international numbers.',
    'zh-CN': '通过腾讯云短信发送验证码，支持中国大陆及国际/港澳台号码。',
    'zh-TW': '透過騰訊雲簡訊發送驗證碼，支援中國大陸及國際號碼。',
    'pt-BR': 'Envie códigos de verificação por SMS pela Tencent Cloud, para a China continental e números internacionais.',
    ja: 'Tencent Cloud 経由で SMS の認証コードを送信します（中国本土および海外の番号に対応）。',
    ko: 'Tencent Cloud를 통해 중국 본토 및 해외 번호로 SMS 인증 코드를 보냅니다.',
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
        'Tencent Cloud console → Access Management (CAM) → API Keys. Use a sub-user key that may only call sms:SendSms.',
    },
    {
      key: 'accessKeySecret',
      label: 'SecretKey',
      type: ConnectorConfigFormItemType.Text,
      required: true,
      isConfidential: true,
      placeholder: 'Your SecretKey',
      description: 'Shown next to the SecretId when the API key is created.',
    },
    {
      key: 'sdkAppId',
      label: 'SDK App ID',
      type: ConnectorConfigFormItemType.Text,
      required: true,
      placeholder: '1400000000',
      description: 'SMS console → Applications → Application list: the SDKAppID column (digits only).',
    },
    {
      key: 'region',
      label: 'Region',
      type: ConnectorConfigFormItemType.Text,
      required: true,
      placeholder: 'ap-guangzhou',
      description:
        'The region the SMS application was created in: ap-guangzhou, ap-beijing or ap-nanjing on the China site, ap-singapore on the international site.',
    },
    {
      key: 'signName',
      label: 'Signature (mainland China)',
      type: ConnectorConfigFormItemType.Text,
      placeholder: '腾讯云',
      description:
        'Required when a template can send to mainland China (+86) numbers, i.e. has destination "mainland" or none; leave empty if every template is "international". SMS console → Mainland China SMS → Signatures: the approved signature text, without the 【】 brackets.',
    },
    {
      key: 'templates',
      label: 'Templates',
      type: ConnectorConfigFormItemType.Json,
      required: true,
      defaultValue: templatesExample,
      description:
        'One entry per approved body template (SMS console → Body Templates → ID). usageType is a Logto message type (Generic is required as fallback); destination is "mainland" or "international" (omit to serve both); locale picks a template by the user\'s language; params lists the values for {1}, {2}… with {{code}} for the code.',
    },
    {
      key: 'international',
      label: 'International numbers',
      type: ConnectorConfigFormItemType.Switch,
      defaultValue: false,
      description: 'Show the settings that only apply to numbers outside mainland China.',
    },
    {
      key: 'internationalSignName',
      label: 'Signature (international)',
      type: ConnectorConfigFormItemType.Text,
      placeholder: 'Acme',
      showConditions: showWhen('international'),
      description:
        'Optional. Sent as SignName to numbers outside mainland China (Hong Kong, Macau and Taiwan included). Leave empty to send none.',
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
        'Optional API host or URL, e.g. sms.ap-guangzhou.tencentcloudapi.com or sms.intl.tencentcloudapi.com. http:// is accepted only for a local emulator on 127.0.0.1 or localhost.',
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
        { value: 'en-US', title: 'English' },
        { value: 'zh-CN', title: '简体中文' },
      ],
      description: 'The language Tencent writes its error messages in.',
    },
    {
      key: 'pumpingProtection',
      label: 'SMS pumping protection',
      type: ConnectorConfigFormItemType.Switch,
      defaultValue: true,
      description:
        'Show the region allow-list and the limits per requesting network that stop bots from sending paid codes to many numbers.',
    },
    {
      key: 'abuseProtection',
      label: 'Abuse protection',
      type: ConnectorConfigFormItemType.Json,
      defaultValue: defaultAbuseProtection,
      showConditions: showWhen('pumpingProtection'),
      description:
        'allowedRegions: ISO region codes that may receive codes (omit for all). perSource: codes per network (an IPv4 address, or an IPv6 /64) per window. distinctNumbersPerSource: different numbers one network may request codes for per window. ipv4Prefix (optional, e.g. 24) groups IPv4 addresses into networks. Every key is optional.',
    },
    {
      key: 'redisUrl',
      label: 'Redis URL',
      type: ConnectorConfigFormItemType.Text,
      isConfidential: true,
      placeholder: 'redis://:password@redis.internal:6379/0',
      showConditions: showWhen('pumpingProtection'),
      description:
        "Optional. With several Logto instances, the Redis of Logto's REDIS_URL, so all of them share one set of limits. Without it each instance counts on its own. If Redis is unreachable, codes are sent without the limits.",
    },
  ],
};
