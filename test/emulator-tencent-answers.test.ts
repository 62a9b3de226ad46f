import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { defaultAccountInput, parseAccount, startEmulator, type Emulator, type StoredMessage } from '../src/emulator/index.js';

import { errorCode, mainlandBody, postSigned } from './helpers/emulator-client.js';

/** An international-template SendSms body for some numbers. */
const internationalBody = (...phones: string[]) => ({
  PhoneNumberSet: phones,
  SmsSdkAppId: '1400000001',
  TemplateId: '1000002',
  TemplateParamSet: ['654321', '5'],
});

type Status = { PhoneNumber: string; Code: string; Message: string; IsoCode: string; Fee: number };

const limitsOff = { perThirtySeconds: 0, perHour: 0, perDay: 0 };

describe('the SMS app’s international limits', () => {
  let emulator: Emulator;
  let now = Date.UTC(2025, 5, 1, 3); // 11:00 in Beijing

  beforeAll(async () => {
    emulator = await startEmulator({
      clock: () => now,
      account: parseAccount({
        ...defaultAccountInput,
        limits: limitsOff,
        apps: [
          {
            sdkAppId: '1400000001',
            region: 'ap-guangzhou',
            internationalLimits: {
              allowedRegions: ['US', 'CA', 'HK', 'SG', 'JM'],
              blockedRegions: ['JM'],
              regionDailyLimits: { US: 2, '*': 1 },
            },
          },
        ],
      }),
    });
  });
  afterAll(async () => emulator.close());
  beforeEach(async () => {
    await fetch(`${emulator.url}/messages`, { method: 'DELETE' });
  });

  const send = async (body: unknown, language?: string) => {
    const { response } = await postSigned(emulator, {
      body,
      timestamp: Math.floor(now / 1000),
      ...(language ? { language } : {}),
    });
    expect(errorCode(response)).toBeUndefined();
    return response.SendStatusSet as Status[];
  };
  const kept = async () => (await (await fetch(`${emulator.url}/messages`)).json()) as StoredMessage[];

  it('refuses, per number, a region outside the app’s list or in its blocked ones', async () => {
    const statuses = await send(
      internationalBody('+447400123456', '+12025550123', '+18765550123', '+77011234567')
    );
    expect(statuses.map(({ PhoneNumber, Code, IsoCode, Fee }) => ({ PhoneNumber, Code, IsoCode, Fee }))).toEqual([
      { PhoneNumber: '+447400123456', Code: 'LimitExceeded.AppCountryOrRegionInBlacklist', IsoCode: 'GB', Fee: 0 },
      { PhoneNumber: '+12025550123', Code: 'Ok', IsoCode: 'US', Fee: 1 },
      { PhoneNumber: '+18765550123', Code: 'LimitExceeded.AppCountryOrRegionInBlacklist', IsoCode: 'JM', Fee: 0 },
      { PhoneNumber: '+77011234567', Code: 'LimitExceeded.AppCountryOrRegionInBlacklist', IsoCode: 'KZ', Fee: 0 },
    ]);
    expect((await kept()).map((message) => message.phoneNumber)).toEqual(['+12025550123']);
  });

  it('reads a shared calling code by region: Canada passes the list, Kazakhstan does not pass as Russia', async () => {
    const statuses = await send(internationalBody('+14165550123'));
    expect(statuses[0]).toEqual(expect.objectContaining({ Code: 'Ok', IsoCode: 'CA' }));
  });

  it('caps each region per day, a listed cap before the `*` one, and only delivered messages count', async () => {
    const first = await send(internationalBody('+12025550101', '+12025550102', '+12025550103', '+85251234567', '+85251234568'));
    expect(first.map((status) => status.Code)).toEqual([
      'Ok',
      'Ok',
      'LimitExceeded.AppCountryOrRegionDailyLimit',
      'Ok',
      'LimitExceeded.AppCountryOrRegionDailyLimit',
    ]);
    // Singapore has its own count under the `*` cap; refused regions consumed nothing.
    expect((await send(internationalBody('+6591234567')))[0]?.Code).toBe('Ok');
    expect((await send(internationalBody('+6591234568')))[0]?.Code).toBe('LimitExceeded.AppCountryOrRegionDailyLimit');
  });

  it('starts a new day at midnight Beijing time', async () => {
    now = Date.UTC(2025, 5, 1, 15, 59); // 23:59 in Beijing
    await send(internationalBody('+6591234567'));
    expect((await send(internationalBody('+6591234568')))[0]?.Code).toBe('LimitExceeded.AppCountryOrRegionDailyLimit');
    now = Date.UTC(2025, 5, 1, 16, 0); // 00:00 the next day
    expect((await send(internationalBody('+6591234568')))[0]?.Code).toBe('Ok');
  });

  it('resets the daily counts on DELETE /messages', async () => {
    await send(internationalBody('+6591234567'));
    await fetch(`${emulator.url}/messages`, { method: 'DELETE' });
    expect((await send(internationalBody('+6591234568')))[0]?.Code).toBe('Ok');
  });

  it('leaves Chinese mainland numbers alone: the limits are for international SMS', async () => {
    const statuses = await send(mainlandBody('+8613012345678'));
    expect(statuses[0]).toEqual(expect.objectContaining({ Code: 'Ok', IsoCode: 'CN' }));
  });

  it('explains the refusal in the caller’s language', async () => {
    const [english] = await send(internationalBody('+447400123456'));
    expect(english?.Message).toMatch(/country or region/);
    const [chinese] = await send(internationalBody('+447400123456'), 'zh-CN');
    expect(chinese?.Message).toMatch(/国家\/地区/);
  });
});

describe('account files with international limits', () => {
  it.each([
    ['a region that is not an ISO code', { allowedRegions: ['USA'] }, 'allowedRegions'],
    ['a lower-case region', { blockedRegions: ['ng'] }, 'blockedRegions'],
    ['a cap of zero', { regionDailyLimits: { US: 0 } }, 'regionDailyLimits'],
    ['an unknown key', { allowedRegion: ['US'] }, 'internationalLimits'],
  ])('refuses %s, naming the key', (_case, internationalLimits, key) => {
    expect(() =>
      parseAccount({ ...defaultAccountInput, apps: [{ sdkAppId: '1400000001', region: 'ap-guangzhou', internationalLimits }] })
    ).toThrow(key);
  });

  it('without them lets every region through, as before', async () => {
    const emulator = await startEmulator({ account: parseAccount({ ...defaultAccountInput, limits: limitsOff }) });
    try {
      const { response } = await postSigned(emulator, {
        body: internationalBody('+447400123456', '+2348031234567', '+18765550123'),
      });
      expect((response.SendStatusSet as Status[]).map((status) => status.Code)).toEqual(['Ok', 'Ok', 'Ok']);
    } finally {
      await emulator.close();
    }
  });
});

describe('request checks with Tencent’s codes', () => {
  let emulator: Emulator;

  beforeAll(async () => {
    emulator = await startEmulator({
      account: parseAccount({
        ...defaultAccountInput,
        limits: limitsOff,
        maxContentLength: 60,
        templates: [
          ...defaultAccountInput.templates,
          { id: '2000001', text: 'Hello {1}, your order {2} has shipped.', destination: 'international', maxParamLength: 40 },
        ],
      }),
    });
  });
  afterAll(async () => emulator.close());

  const notice = (...params: string[]) => ({
    PhoneNumberSet: ['+6591234567'],
    SmsSdkAppId: '1400000001',
    TemplateId: '2000001',
    TemplateParamSet: params,
  });

  it.each([
    'https://evil.example',
    'see http://x.cn now',
    'www.example',
    'pay at evil.com',
    'bit.ly/abc',
    'HTTP://SHOUTING.IO',
  ])('refuses a link in a template parameter (%s)', async (param) => {
    const { response } = await postSigned(emulator, { body: notice('Ann', param) });
    expect(errorCode(response)).toBe('InvalidParameterValue.ProhibitedUseUrlInTemplateParameter');
    expect(emulator.store.list()).toEqual([]);
  });

  it.each(['Ann', 'A-1024', 'No. 5', 'J.R.R. Tolkien', '3.14'])('accepts a parameter that is no link (%s)', async (param) => {
    const { response } = await postSigned(emulator, { body: notice(param, '42') });
    expect(errorCode(response)).toBeUndefined();
  });

  it('refuses a message longer than the account allows (here 60 characters), accepting one at the limit', async () => {
    const { response } = await postSigned(emulator, { body: notice('x'.repeat(27), '42') });
    expect(errorCode(response)).toBe('InvalidParameterValue.ContentLengthLimit');
    const fits = await postSigned(emulator, { body: notice('x'.repeat(26), '42') });
    expect(errorCode(fits.response)).toBeUndefined();
  });

  it('answers PhoneNumberParseFail for text that is no number, IncorrectPhoneNumber for digits that are none', async () => {
    const { response } = await postSigned(emulator, {
      body: { ...mainlandBody(), PhoneNumberSet: ['+8613012345678', 'call me', '', '+86 130', '+86123'] },
    });
    expect(errorCode(response)).toBeUndefined();
    expect((response.SendStatusSet as Status[]).map(({ PhoneNumber, Code }) => [PhoneNumber, Code])).toEqual([
      ['+8613012345678', 'Ok'],
      ['call me', 'FailedOperation.PhoneNumberParseFail'],
      ['', 'FailedOperation.PhoneNumberParseFail'],
      ['+86 130', 'FailedOperation.PhoneNumberParseFail'],
      ['+86123', 'InvalidParameterValue.IncorrectPhoneNumber'],
    ]);
  });
});

describe('content review and CAM permissions', () => {
  it('refuses a message holding a sensitive word, in any case, and sends nothing', async () => {
    const emulator = await startEmulator({
      account: parseAccount({ ...defaultAccountInput, limits: limitsOff, sensitiveWords: ['EXPIRES'] }),
    });
    try {
      const { response } = await postSigned(emulator, { body: internationalBody('+6591234567') });
      expect(errorCode(response)).toBe('FailedOperation.ContainSensitiveWord');
      expect(emulator.store.list()).toEqual([]);
      // The mainland template has no such word and goes through.
      expect(errorCode((await postSigned(emulator, { body: mainlandBody() })).response)).toBeUndefined();
    } finally {
      await emulator.close();
    }
  });

  it('refuses a correctly signed request whose key may not call SendSms', async () => {
    const emulator = await startEmulator({
      account: parseAccount({ ...defaultAccountInput, allowSendSms: false }),
    });
    try {
      const { response } = await postSigned(emulator, { body: mainlandBody() });
      expect(errorCode(response)).toBe('AuthFailure.UnauthorizedOperation');
      expect(emulator.store.list()).toEqual([]);
      // A wrong signature is still reported first: permission is checked for a known caller only.
      const forged = await postSigned(emulator, { body: mainlandBody(), secretKey: 'wrong' });
      expect(errorCode(forged.response)).toBe('AuthFailure.SignatureFailure');
    } finally {
      await emulator.close();
    }
  });
});
