import { tencentApi } from './constant.js';
import { signTc3 } from './signing/index.js';
import type { Destination, TencentSmsConfig } from './types.js';

export type SmsRequest = {
  readonly url: string;
  readonly headers: Record<string, string>;
  /** The exact bytes that are hashed into the signature and sent. */
  readonly body: Uint8Array<ArrayBuffer>;
};

export type SmsRequestInput = {
  readonly config: TencentSmsConfig;
  readonly phoneNumber: string;
  readonly destination: Destination;
  readonly templateId: string;
  readonly params: readonly string[];
  /** Unix seconds; passed in so the request is a pure function of its input. */
  readonly timestamp: number;
};

/**
 * The SendSms body for one number. The signature is mainland-only by default: an international
 * request carries `SignName` only when an international signature is configured, and `SenderId`
 * never goes to the mainland, as Tencent requires.
 */
const buildBody = ({ config, phoneNumber, destination, templateId, params }: SmsRequestInput) => {
  const international = destination === 'international';
  const signName = international ? config.internationalSignName : config.signName;
  return {
    PhoneNumberSet: [phoneNumber],
    SmsSdkAppId: config.sdkAppId,
    TemplateId: templateId,
    TemplateParamSet: params,
    ...(signName === undefined ? {} : { SignName: signName }),
    ...(international && config.senderId !== undefined ? { SenderId: config.senderId } : {}),
  };
};

/** A signed, ready-to-send SendSms request: URL, headers (all of them) and body bytes. */
export const buildSmsRequest = (input: SmsRequestInput): SmsRequest => {
  const { config, timestamp } = input;
  const { endpoint } = config;
  const body = new TextEncoder().encode(JSON.stringify(buildBody(input)));
  const signedHeaders = { 'content-type': tencentApi.contentType, host: endpoint.host };
  const { authorization } = signTc3({
    secretId: config.accessKeyId,
    secretKey: config.accessKeySecret,
    service: tencentApi.service,
    timestamp,
    headers: signedHeaders,
    body,
  });

  return {
    url: endpoint.url,
    body,
    headers: {
      ...signedHeaders,
      authorization,
      'x-tc-action': tencentApi.action,
      'x-tc-version': tencentApi.version,
      'x-tc-region': config.region,
      'x-tc-timestamp': String(timestamp),
      ...(config.sessionToken === undefined ? {} : { 'x-tc-token': config.sessionToken }),
      ...(config.language === undefined ? {} : { 'x-tc-language': config.language }),
    },
  };
};
