import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { defaultAccountInput, parseAccount, startEmulator, type Emulator } from '../src/emulator/index.js';

import { errorCode, mainlandBody, postSigned, statusCodes, startUnlimitedEmulator } from './helpers/emulator-client.js';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('emulator SendSms checks', () => {
  let emulator: Emulator;

  beforeAll(async () => {
    // Limits off here: these tests are about request checks, not frequency.
    emulator = await startUnlimitedEmulator();
  });
  afterAll(async () => emulator.close());
  beforeEach(async () => {
    await fetch(`${emulator.url}/messages`, { method: 'DELETE' });
  });

  it('accepts a correctly signed request with Tencent’s success shape', async () => {
    const { status, response } = await postSigned(emulator);
    expect(status).toBe(200);
    expect(response.RequestId).toMatch(uuid);
    expect(response.Error).toBeUndefined();
    expect(response.SendStatusSet).toEqual([
      {
        SerialNo: expect.stringMatching(/^\d{4}:\d{28}$/),
        PhoneNumber: '+8613012345678',
        Fee: 1,
        SessionContext: '',
        Code: 'Ok',
        Message: 'send success',
        IsoCode: 'CN',
      },
    ]);
  });

  it('answers errors with HTTP 200, Response.Error and a RequestId', async () => {
    const { status, response } = await postSigned(emulator, { secretKey: 'wrong' });
    expect(status).toBe(200);
    expect(Object.keys(response).sort()).toEqual(['Error', 'RequestId']);
    expect(response.Error).toEqual({ Code: 'AuthFailure.SignatureFailure', Message: expect.any(String) });
    expect(response.RequestId).toMatch(uuid);
  });

  it.each([
    ['wrong secret key', { secretKey: 'not-the-key' }, 'AuthFailure.SignatureFailure'],
    ['unknown secret id', { secretId: 'AKIDunknown' }, 'AuthFailure.SecretIdNotFound'],
    ['clock 6 minutes behind', { timestamp: Math.floor(Date.now() / 1000) - 360 }, 'AuthFailure.SignatureExpire'],
    ['token with permanent keys', { token: 'some-token' }, 'AuthFailure.TokenFailure'],
    ['other action', { action: 'SendStatusStatistics' }, 'InvalidAction'],
    ['old version', { version: '2019-07-11' }, 'NoSuchVersion'],
    ['unknown region', { region: 'eu-moon' }, 'UnsupportedRegion'],
    ['missing region', { afterSigning: (h: Record<string, string>) => delete h['x-tc-region'] }, 'MissingParameter'],
    ['not TC3', { afterSigning: (h: Record<string, string>) => (h.authorization = 'Basic abc') }, 'AuthFailure.InvalidAuthorization'],
    ['broken JSON', { rawBody: '{"PhoneNumberSet":' }, 'InvalidParameter'],
    ['a signed text/plain body', { contentType: 'text/plain;charset=UTF-8' }, 'InvalidParameter'],
    ['a signed form body', { contentType: 'application/x-www-form-urlencoded' }, 'InvalidParameter'],
    [
      'a signed header name that only Object.prototype has',
      {
        afterSigning: (h: Record<string, string>) =>
          (h.authorization = h.authorization!.replace('SignedHeaders=', 'SignedHeaders=constructor;')),
      },
      'AuthFailure.SignatureFailure',
    ],
    ['missing template id', { body: { ...mainlandBody(), TemplateId: undefined } }, 'MissingParameter'],
    ['unknown app', { body: { ...mainlandBody(), SmsSdkAppId: '1400999999' } }, 'InvalidParameterValue.SdkAppIdNotExist'],
    ['app from another region', { region: 'ap-beijing' }, 'InvalidParameterValue.SdkAppIdNotExist'],
    ['unapproved signature', { body: { ...mainlandBody(), SignName: '别的签名' } }, 'FailedOperation.SignatureIncorrectOrUnapproved'],
    ['mainland without signature', { body: { ...mainlandBody(), SignName: undefined } }, 'FailedOperation.SignatureIncorrectOrUnapproved'],
    ['template under review', { body: { ...mainlandBody(), TemplateId: '1000009', TemplateParamSet: ['1'] } }, 'FailedOperation.TemplateIncorrectOrUnapproved'],
    ['unknown template', { body: { ...mainlandBody(), TemplateId: '42' } }, 'FailedOperation.TemplateIncorrectOrUnapproved'],
    ['mainland template to +1', { body: { ...mainlandBody('+14155552671') } }, 'UnsupportedOperation.ChineseMainlandTemplateToGlobalPhone'],
    [
      'international template to +86',
      { body: { ...mainlandBody(), TemplateId: '1000002' } },
      'UnsupportedOperation.GlobalTemplateToChineseMainlandPhone',
    ],
    ['one parameter too few', { body: { ...mainlandBody(), TemplateParamSet: ['123456'] } }, 'FailedOperation.TemplateParamSetNotMatchApprovedTemplate'],
    ['code with letters', { body: { ...mainlandBody(), TemplateParamSet: ['12ab56', '10'] } }, 'InvalidParameterValue.TemplateParameterFormatError'],
    ['seven-digit code', { body: { ...mainlandBody(), TemplateParamSet: ['1234567', '10'] } }, 'InvalidParameterValue.TemplateParameterFormatError'],
    [
      'mixed mainland and international numbers',
      { body: { ...mainlandBody(), PhoneNumberSet: ['+8613012345678', '+14155552671'] } },
      'UnsupportedOperation.ContainDomesticAndInternationalPhoneNumber',
    ],
  ])('rejects %s', async (_name, options, code) => {
    const { response } = await postSigned(emulator, options);
    expect(errorCode(response)).toBe(code);
    const messages = await (await fetch(`${emulator.url}/messages`)).json();
    expect(messages).toEqual([]);
  });

  it('answers in Chinese when X-TC-Language is zh-CN', async () => {
    const { response } = await postSigned(emulator, { secretKey: 'wrong', language: 'zh-CN' });
    expect((response.Error as { Message: string }).Message).toMatch(/签名/);
  });

  it('reports a malformed number per number, not as a request error', async () => {
    const { response } = await postSigned(emulator, {
      body: { ...mainlandBody(), PhoneNumberSet: ['+8613012345678', '+86123'] },
    });
    expect(errorCode(response)).toBeUndefined();
    expect(statusCodes(response)).toEqual(['Ok', 'InvalidParameterValue.IncorrectPhoneNumber']);
  });

  it('treats a number without + as mainland, as Tencent does', async () => {
    const { response } = await postSigned(emulator, {
      body: { ...mainlandBody('13012345678') },
    });
    expect(response.SendStatusSet).toEqual([
      expect.objectContaining({ PhoneNumber: '+8613012345678', Code: 'Ok', IsoCode: 'CN' }),
    ]);
  });

  it('sends international templates unsigned to non-mainland numbers, Hong Kong included', async () => {
    const { response } = await postSigned(emulator, {
      body: {
        PhoneNumberSet: ['+85251234567'],
        SmsSdkAppId: '1400000001',
        TemplateId: '1000002',
        TemplateParamSet: ['654321', '5'],
      },
    });
    expect(response.SendStatusSet).toEqual([
      expect.objectContaining({ Code: 'Ok', IsoCode: 'HK', Fee: 1 }),
    ]);
    const [message] = await (await fetch(`${emulator.url}/messages`)).json();
    expect(message.text).toBe('Your Logto verification code is 654321. It expires in 5 minutes.');
  });

  it('echoes SessionContext', async () => {
    const { response } = await postSigned(emulator, {
      body: { ...mainlandBody(), SessionContext: 'login-42' },
    });
    expect(response.SendStatusSet).toEqual([expect.objectContaining({ SessionContext: 'login-42' })]);
  });
});

describe('emulator session tokens', () => {
  it('requires the configured X-TC-Token and rejects a different one', async () => {
    const emulator = await startEmulator({
      account: parseAccount({ ...defaultAccountInput, sessionToken: 'sts-token-1' }),
    });
    try {
      expect(errorCode((await postSigned(emulator)).response)).toBe('AuthFailure.TokenFailure');
      expect(errorCode((await postSigned(emulator, { token: 'sts-token-2' })).response)).toBe('AuthFailure.TokenFailure');
      expect(statusCodes((await postSigned(emulator, { token: 'sts-token-1' })).response)).toEqual(['Ok']);
    } finally {
      await emulator.close();
    }
  });
});

describe('emulator frequency limits', () => {
  it('limits one number to 1 per 30 s, 5 per hour and 10 per day by default, per number', async () => {
    let now = Date.UTC(2025, 0, 1, 8);
    const emulator = await startEmulator({ clock: () => now });
    const send = async (phone = '+8613012345678') =>
      statusCodes((await postSigned(emulator, { body: mainlandBody(phone), timestamp: Math.floor(now / 1000) })).response)[0];
    try {
      expect(await send()).toBe('Ok');
      expect(await send()).toBe('LimitExceeded.PhoneNumberThirtySecondLimit');
      expect(await send('+8613099998888')).toBe('Ok');
      for (let index = 0; index < 4; index += 1) {
        now += 31_000;
        expect(await send()).toBe('Ok');
      }
      now += 31_000;
      expect(await send()).toBe('LimitExceeded.PhoneNumberOneHourLimit');
      for (let index = 0; index < 5; index += 1) {
        now += 3_601_000;
        expect(await send()).toBe('Ok');
      }
      now += 3_601_000;
      expect(await send()).toBe('LimitExceeded.PhoneNumberDailyLimit');
      const messages = await (await fetch(`${emulator.url}/messages?phone=%2B8613012345678`)).json();
      expect(messages).toHaveLength(10);
    } finally {
      await emulator.close();
    }
  });

  it('forgets the limits when the inbox is emptied, so a developer can start over', async () => {
    const emulator = await startEmulator();
    try {
      expect(statusCodes((await postSigned(emulator)).response)).toEqual(['Ok']);
      expect(statusCodes((await postSigned(emulator)).response)).toEqual(['LimitExceeded.PhoneNumberThirtySecondLimit']);
      await fetch(`${emulator.url}/messages`, { method: 'DELETE' });
      expect(statusCodes((await postSigned(emulator)).response)).toEqual(['Ok']);
    } finally {
      await emulator.close();
    }
  });

  it('reports a limited number in SendStatusSet with HTTP 200 and no fee', async () => {
    const emulator = await startEmulator();
    try {
      await postSigned(emulator);
      const { status, response } = await postSigned(emulator);
      expect(status).toBe(200);
      expect(response.Error).toBeUndefined();
      expect(response.SendStatusSet).toEqual([
        expect.objectContaining({ Code: 'LimitExceeded.PhoneNumberThirtySecondLimit', Fee: 0, SerialNo: '' }),
      ]);
    } finally {
      await emulator.close();
    }
  });
});
