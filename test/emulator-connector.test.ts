import { ConnectorError, TemplateType, type SmsConnector } from '@logto/connector-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  connectorConfigFor,
  defaultAccountInput,
  parseAccount,
  startEmulator,
  type Emulator,
} from '../src/emulator/index.js';
import createConnector from '../src/index.js';

/** Each test gets its own numbers so the per-number limits of one do not leak into the next. */
let nextNumber = 13000000000;
const freshMainland = () => `86${(nextNumber += 1)}`;

/** A sign-in flow's send: the saved config through getConfig, so errors keep their precise codes. */
const sendCode = async (config: unknown, to: string, code = '123456') =>
  ((await createConnector({ getConfig: async () => config })) as SmsConnector).sendMessage({
    to,
    type: TemplateType.SignIn,
    payload: { code, locale: 'zh-CN' },
  });

const failureOf = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason
  );
  expect(error).toBeInstanceOf(ConnectorError);
  const { code, data } = error as ConnectorError;
  return { code, data: data as { errorDescription: string; tencentCode?: string; tencentMessage?: string; requestId?: string } };
};

describe('connector against the emulator over HTTP', () => {
  let emulator: Emulator;
  let config: ReturnType<typeof connectorConfigFor>;

  beforeAll(async () => {
    emulator = await startEmulator({
      account: parseAccount({
        ...defaultAccountInput,
        templates: [
          ...defaultAccountInput.templates,
          { id: '1000010', text: 'Hello {1}, your code is {2}.', destination: 'international', maxParamLength: 12 },
        ],
      }),
    });
    config = connectorConfigFor(emulator.url);
  });
  afterAll(async () => emulator.close());

  it('delivers a mainland code: signed, rendered and stored', async () => {
    const to = freshMainland();
    const result = await sendCode(config, to, '482913');
    expect(result).toEqual(
      expect.objectContaining({
        requestId: expect.any(String),
        messages: [expect.objectContaining({ phoneNumber: `+${to}`, fee: 1, isoCode: 'CN' })],
      })
    );
    const [stored] = await (await fetch(`${emulator.url}/messages?phone=${to}`)).json();
    expect(stored.text).toBe('【Logto演示】您的验证码是482913，10分钟内有效，请勿泄露给他人。');
  });

  it('delivers an international code with the international template and no signature', async () => {
    await sendCode(config, '14155552671', '777001');
    const [stored] = await (await fetch(`${emulator.url}/messages?phone=%2B14155552671`)).json();
    expect(stored).toEqual(
      expect.objectContaining({
        phoneNumber: '+14155552671',
        isoCode: 'US',
        templateId: '1000002',
        signName: null,
        text: 'Your Logto verification code is 777001. It expires in 10 minutes.',
      })
    );
  });

  it.each([
    ['wrong secret key', { accessKeySecret: 'not-the-secret' }, 'AuthFailure.SignatureFailure'],
    ['unknown SecretId', { accessKeyId: 'AKIDnobody' }, 'AuthFailure.SecretIdNotFound'],
    ['session token the account does not expect', { sessionToken: 'stale-token' }, 'AuthFailure.TokenFailure'],
    ['region without SMS', { region: 'eu-frankfurt' }, 'UnsupportedRegion'],
    ['app of another account', { sdkAppId: '1400123456' }, 'InvalidParameterValue.SdkAppIdNotExist'],
    ['unapproved signature', { signName: '未审核签名' }, 'FailedOperation.SignatureIncorrectOrUnapproved'],
    [
      'unapproved template',
      { templates: [{ usageType: 'Generic', templateCode: '1000009', destination: 'mainland' }] },
      'FailedOperation.TemplateIncorrectOrUnapproved',
    ],
    [
      'too few template parameters',
      { templates: [{ usageType: 'Generic', templateCode: '1000001', destination: 'mainland' }] },
      'FailedOperation.TemplateParamSetNotMatchApprovedTemplate',
    ],
    [
      'international template for a +86 number',
      { templates: [{ usageType: 'Generic', templateCode: '1000002', params: ['{{code}}', '5'] }] },
      'UnsupportedOperation.GlobalTemplateToChineseMainlandPhone',
    ],
  ])('maps %s to general with Tencent’s code and RequestId', async (_name, change, tencentCode) => {
    const { code, data } = await failureOf(sendCode({ ...config, ...change }, freshMainland()));
    expect(code).toBe('general');
    expect(data.tencentCode).toBe(tencentCode);
    expect(data.errorDescription).toContain(tencentCode);
    expect(data.errorDescription).toContain(data.requestId);
    expect(JSON.stringify(data)).not.toContain(config.accessKeySecret);
  });

  it('maps a mainland template sent to an international number', async () => {
    const { code, data } = await failureOf(
      sendCode(
        { ...config, templates: [{ usageType: 'Generic', templateCode: '1000001', params: ['{{code}}', '5'] }] },
        '447400123456'
      )
    );
    expect(code).toBe('general');
    expect(data.tencentCode).toBe('UnsupportedOperation.ChineseMainlandTemplateToGlobalPhone');
  });

  it('maps a non-numeric code for a verification template', async () => {
    const { data } = await failureOf(sendCode(config, freshMainland(), 'AB12'));
    expect(data.tencentCode).toBe('InvalidParameterValue.TemplateParameterFormatError');
  });

  it('maps a parameter over the template’s length limit', async () => {
    const { data } = await failureOf(
      sendCode(
        {
          ...config,
          templates: [
            ...config.templates,
            { usageType: 'SignIn', templateCode: '1000010', destination: 'international', params: ['a-very-long-name', '{{code}}'] },
          ],
        },
        '6591234567'
      )
    );
    expect(data.tencentCode).toBe('InvalidParameterValue.TemplateParameterLengthLimit');
  });

  it('maps the per-number 30-second limit to rate_limit_exceeded', async () => {
    const to = freshMainland();
    await sendCode(config, to);
    const { code, data } = await failureOf(sendCode(config, to));
    expect(code).toBe('rate_limit_exceeded');
    expect(data.tencentCode).toBe('LimitExceeded.PhoneNumberThirtySecondLimit');
  });

  it('maps a number Tencent cannot parse to invalid_request_parameters', async () => {
    const { code, data } = await failureOf(sendCode(config, '8612345678'));
    expect(code).toBe('invalid_request_parameters');
    expect(data.tencentCode).toBe('InvalidParameterValue.IncorrectPhoneNumber');
  });

  it('passes X-TC-Language so Tencent’s message comes back in Chinese', async () => {
    const { data } = await failureOf(sendCode({ ...config, language: 'zh-CN', signName: '错误签名' }, freshMainland()));
    expect(data.tencentMessage).toMatch(/签名缺失、格式错误或未审批通过/);
  });
});

describe('connector against an emulator whose clock is off', () => {
  it('maps a 10-minute skew to AuthFailure.SignatureExpire', async () => {
    const emulator = await startEmulator({ clock: () => Date.now() + 600_000 });
    try {
      const { code, data } = await failureOf(sendCode(connectorConfigFor(emulator.url), freshMainland()));
      expect(code).toBe('general');
      expect(data.tencentCode).toBe('AuthFailure.SignatureExpire');
    } finally {
      await emulator.close();
    }
  });
});
