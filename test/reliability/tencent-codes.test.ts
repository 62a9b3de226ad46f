import { ConnectorErrorCodes, type ConnectorError } from '@logto/connector-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { parseAccount, startEmulator, type Emulator } from '../../src/emulator/index.js';
import {
  connector,
  descriptionOf,
  expectConnectorError,
  message,
  replyJson,
  secretId,
  secretKey,
  sessionToken,
  startFaultServer,
  validConfig,
  type FaultServer,
} from '../helpers/reliability.js';

/**
 * Every Tencent error code of SPEC §5, answered top-level (`Response.Error`) and per number
 * (`SendStatusSet[].Code`), must reach Logto with the right ConnectorErrorCodes and a description
 * leading with the advice of the table, then Tencent's code and the RequestId. Tencent's message
 * is kept in the data; the description quotes it only where there is no advice of ours.
 */

type Row = {
  readonly code: string;
  readonly expected: ConnectorErrorCodes;
  /** Words of the advice the admin must see (case-insensitive). */
  readonly advice: RegExp;
  readonly message?: string;
};

const rate = (code: string): Row => ({
  code,
  expected: ConnectorErrorCodes.RateLimitExceeded,
  advice: /try later/i,
});
const general = (advice: RegExp, ...codes: string[]): Row[] =>
  codes.map((code) => ({ code, expected: ConnectorErrorCodes.General, advice }));

/** SPEC §5, row by row. Prefix rows are covered by several concrete codes. */
const specRows: readonly Row[] = [
  ...[
    'LimitExceeded.PhoneNumberThirtySecondLimit',
    'LimitExceeded.PhoneNumberOneHourLimit',
    'LimitExceeded.PhoneNumberDailyLimit',
    'LimitExceeded.PhoneNumberSameContentDailyLimit',
    'LimitExceeded.DeliveryFrequencyLimit',
    'LimitExceeded.GlobalSmsSendingRateLimit',
    'RequestLimitExceeded',
    'RequestLimitExceeded.UinLimitExceeded',
    'RequestLimitExceeded.IPLimitExceeded',
    'RequestLimitExceeded.GlobalRegionUinLimitExceeded',
  ].map(rate),
  ...[
    'InvalidParameterValue.IncorrectPhoneNumber',
    'FailedOperation.PhoneNumberInBlacklist',
    'UnsupportedOperation.UnsupportedRegion',
    'UnsupportedOperation.UnsuportedRegion',
  ].map((code) => ({
    code,
    expected: ConnectorErrorCodes.InvalidRequestParameters,
    advice: /cannot text this number/i,
  })),
  {
    code: 'FailedOperation.PhoneNumberParseFail',
    expected: ConnectorErrorCodes.InvalidRequestParameters,
    advice: /could not read the number as E\.164/i,
  },
  ...general(
    /SMS app blocks this country or region.*应用管理.*基础配置.*国际港澳台短信发送限制/,
    'LimitExceeded.AppCountryOrRegionInBlacklist'
  ),
  ...general(
    /country's daily cap in the SMS app is reached.*应用管理.*基础配置.*国际港澳台短信发送限制/,
    'LimitExceeded.AppCountryOrRegionDailyLimit'
  ),
  ...general(
    /SecretId or SecretKey is wrong/,
    'AuthFailure.SecretIdNotFound',
    'AuthFailure.InvalidSecretId',
    'AuthFailure.SignatureFailure',
    'AuthFailure.InvalidAuthorization'
  ),
  ...general(/clock/i, 'AuthFailure.SignatureExpire', 'InternalError.RequestTimeException'),
  ...general(/Session token|temporary credentials/i, 'AuthFailure.TokenFailure'),
  ...general(/MFA/, 'AuthFailure.MFAFailure'),
  ...general(/signature is misspelled or not approved/i, 'FailedOperation.SignatureIncorrectOrUnapproved'),
  ...general(
    /template is not approved/i,
    'FailedOperation.TemplateIncorrectOrUnapproved',
    'FailedOperation.TemplateUnapprovedOrNotExist'
  ),
  ...general(/placeholders/i, 'FailedOperation.TemplateParamSetNotMatchApprovedTemplate'),
  // Its usual cause is a value, not the count: the rule for values comes first.
  ...general(
    /^A param does not fit its variable: a code variable takes up to 6 digits/,
    'InvalidParameterValue.TemplateParameterFormatError'
  ),
  ...general(/longer than its variable allows/, 'InvalidParameterValue.TemplateParameterLengthLimit'),
  ...general(/too long for Tencent.*shorten/i, 'InvalidParameterValue.ContentLengthLimit'),
  ...general(/looks like a link.*put fixed links in the template text/i, 'InvalidParameterValue.ProhibitedUseUrlInTemplateParameter'),
  ...general(
    /content filter refused a word/i,
    'FailedOperation.ContainSensitiveWord',
    'InvalidParameter.DirtyWordFound',
    'InvalidParameterValue.TemplateWithDirtyWords'
  ),
  ...general(
    /international/i,
    'UnsupportedOperation.ChineseMainlandTemplateToGlobalPhone',
    'UnsupportedOperation.GlobalTemplateToChineseMainlandPhone',
    'UnsupportedOperation.ContainDomesticAndInternationalPhoneNumber'
  ),
  ...general(
    /marketing one/i,
    'FailedOperation.MarketingSendTimeConstraint',
    'UnauthorizedOperation.IndividualUserMarketingSmsPermissionDeny'
  ),
  ...general(
    /SDK App ID is wrong/i,
    'InvalidParameterValue.SdkAppIdNotExist',
    'UnauthorizedOperation.SmsSdkAppIdVerifyFail',
    'UnauthorizedOperation.SdkAppIdIsDisabled',
    'InvalidParameter.AppidAndBizId'
  ),
  ...general(
    /package is used up or the account is in arrears/i,
    'FailedOperation.InsufficientBalanceInSmsPackage',
    'UnauthorizedOperation.ServiceSuspendDueToArrears',
    'UnauthorizedOperation.SerivceSuspendDueToArrears'
  ),
  ...general(
    /daily cap/i,
    'LimitExceeded.AppDailyLimit',
    'LimitExceeded.AppGlobalDailyLimit',
    'LimitExceeded.AppMainlandChinaDailyLimit',
    'LimitExceeded.DailyLimit'
  ),
  ...general(
    /outgoing IP is not on this account's IP allowlist/i,
    'UnauthorizedOperation.RequestIpNotInWhitelist',
    'IpNotInWhitelist',
    'IpInBlacklist'
  ),
  ...general(
    /key's CAM user may not call sms:SendSms/,
    'AuthFailure.UnauthorizedOperation',
    'UnauthorizedOperation.RequestPermissionDeny',
    'UnauthorizedOperation',
    'UnauthorizedOperation.SomethingNew'
  ),
  ...general(
    /which may yet arrive/i,
    'InternalError.Timeout',
    'InternalError.SendAndRecvFail'
  ),
  ...general(
    /could not read the request/i,
    'FailedOperation.FailResolvePacket',
    'FailedOperation.JsonParseFail',
    'InternalError.JsonParseFail',
    'MissingParameter',
    'MissingParameter.EmptyPhoneNumberSet',
    'UnknownParameter',
    'LimitExceeded.PhoneNumberCountLimit'
  ),
  ...general(
    /endpoint does not offer SendSms/i,
    'InvalidAction',
    'ActionOffline',
    'NoSuchVersion',
    'NoSuchProduct',
    'UnsupportedProtocol'
  ),
  ...general(/region/i, 'UnsupportedRegion'),
  {
    code: 'InvalidParameterValue',
    message: 'The value of Region ap-moon-1 is not supported.',
    expected: ConnectorErrorCodes.General,
    advice: /region does not offer SMS/i,
  },
  {
    code: 'InvalidParameter',
    message: 'Invalid region: xx.',
    expected: ConnectorErrorCodes.General,
    advice: /region does not offer SMS/i,
  },
  // The same in Chinese, as Tencent answers with `language: zh-CN`.
  {
    code: 'InvalidParameterValue',
    message: '参数取值错误：不支持的地域 ap-moon-1。',
    expected: ConnectorErrorCodes.General,
    advice: /region does not offer SMS/i,
  },
  {
    code: 'InvalidParameter',
    message: '无效的区域：xx。',
    expected: ConnectorErrorCodes.General,
    advice: /region does not offer SMS/i,
  },
  // Anything else: Tencent's own words after its code, and the RequestId for Tencent support.
  ...general(
    /^Tencent answered /,
    'InternalError',
    'InternalError.OtherError',
    'InternalError.UnknownError',
    'FailedOperation',
    'SomethingTencentInventsNextYear'
  ),
];

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(async () => {
  await server.close();
});

const tencentMessage = (row: Row) => row.message ?? `Tencent says ${row.code} happened.`;

/** Advice first, then code and RequestId; Tencent's message in the data, in the text only as a fallback. */
const expectDescribed = (error: ConnectorError, row: Row, requestId: string) => {
  const description = descriptionOf(error);
  expect(description).toMatch(row.advice);
  expect(description).toContain(row.code);
  expect(description).toContain(requestId);
  const fallback = description.startsWith('Tencent answered ');
  expect(description.includes(tencentMessage(row))).toBe(fallback);
  if (!fallback) {
    expect(description).toMatch(new RegExp(`^[^]*\\. Tencent: ${row.code.replaceAll('.', '\\.')}, RequestId: ${requestId}\\.$`));
  }
  expect(error.data).toMatchObject({ tencentCode: row.code, tencentMessage: tencentMessage(row), requestId });
};

describe.each([
  ['mainland', '8613012345678'],
  ['international', '14155552671'],
])('top-level Response.Error (%s number)', (_destination, to) => {
  it.each(specRows.map((row) => [row.code, row] as const))('%s', async (_code, row) => {
    const requestId = `rq-top-${row.code}`;
    server.handle = (_request, response) =>
      replyJson(response, {
        Response: { Error: { Code: row.code, Message: tencentMessage(row) }, RequestId: requestId },
      });
    const { sendMessage } = await connector();
    const error = await expectConnectorError(
      sendMessage(message(to), validConfig(server.url)),
      row.expected
    );
    expectDescribed(error, row, requestId);
  });
});

describe('per number: SendStatusSet[].Code with no Response.Error', () => {
  it.each(specRows.map((row) => [row.code, row] as const))('%s', async (_code, row) => {
    const requestId = `rq-item-${row.code}`;
    server.handle = (_request, response, body) => {
      const { PhoneNumberSet: numbers } = JSON.parse(body.toString('utf8')) as {
        PhoneNumberSet: string[];
      };
      replyJson(response, {
        Response: {
          SendStatusSet: numbers.map((phoneNumber) => ({
            SerialNo: '',
            PhoneNumber: phoneNumber,
            Fee: 0,
            SessionContext: '',
            Code: row.code,
            Message: tencentMessage(row),
            IsoCode: 'CN',
          })),
          RequestId: requestId,
        },
      });
    };
    const { sendMessage } = await connector();
    const error = await expectConnectorError(
      sendMessage(message('8613012345678'), validConfig(server.url)),
      row.expected
    );
    expectDescribed(error, row, requestId);
    expect(error.data).toMatchObject({ phoneNumber: '+8613012345678' });
  });

  it('a per-number failure is not hidden by a RequestId that looks successful', async () => {
    server.handle = (_request, response) =>
      replyJson(response, {
        Response: {
          SendStatusSet: [{ PhoneNumber: '+8613012345678', Code: 'Ok ', Message: 'almost ok' }],
          RequestId: 'rq-almost',
        },
      });
    const { sendMessage } = await connector();
    await expectConnectorError(
      sendMessage(message('8613012345678'), validConfig(server.url)),
      ConnectorErrorCodes.General
    );
  });
});

describe('the advice matches on the code, not on look-alikes', () => {
  it.each([
    ['InvalidParameterValue.IncorrectPhoneNumber', 'region of the number is wrong', ConnectorErrorCodes.InvalidRequestParameters, /cannot text this number/],
    ['LimitExceeded.PhoneNumberDailyLimitX', 'x', ConnectorErrorCodes.General, /^Tencent answered /],
    ['limitexceeded.phonenumberthirtysecondlimit', 'x', ConnectorErrorCodes.General, /^Tencent answered /],
    ['InvalidParameterValue.TemplateParameterLengthLimit', 'region', ConnectorErrorCodes.General, /longer than its variable/],
    ['FailedOperation.ContainSensitiveWord', 'region', ConnectorErrorCodes.General, /content filter refused a word/],
    ['InvalidParameterValue.ContentLengthLimit', '地域', ConnectorErrorCodes.General, /too long for Tencent/],
    ['LimitExceeded.AppCountryOrRegionInBlacklistX', 'x', ConnectorErrorCodes.General, /^Tencent answered /],
    ['LimitExceeded.AppCountryOrRegionDailyLimitX', 'x', ConnectorErrorCodes.General, /^Tencent answered /],
    // A further level under a listed code keeps its advice (SPEC §5: prefix match).
    ['FailedOperation.SignatureIncorrectOrUnapproved.International', 'x', ConnectorErrorCodes.General, /signature is misspelled/],
    ['LimitExceeded.PhoneNumberDailyLimit.Extra', 'x', ConnectorErrorCodes.RateLimitExceeded, /try later/],
  ] as const)('%s (%s)', async (code, text, expected, advice) => {
    server.handle = (_request, response) =>
      replyJson(response, { Response: { Error: { Code: code, Message: text }, RequestId: 'rq-x' } });
    const { sendMessage } = await connector();
    const error = await expectConnectorError(
      sendMessage(message('8613012345678'), validConfig(server.url)),
      expected
    );
    expect(descriptionOf(error)).toContain(code);
    expect(descriptionOf(error)).toMatch(advice);
  });
});

describe('with language zh-CN, advice that reads Tencent’s message still applies', () => {
  it.each([
    ['InvalidParameterValue', '参数取值错误：地域 ap-moon-1 不支持短信。'],
    ['InvalidParameter', 'Region 参数错误。'],
  ])('%s: %s', async (code, text) => {
    let language: string | undefined;
    server.handle = (request, response) => {
      language = request.headers['x-tc-language'] as string | undefined;
      replyJson(response, { Response: { Error: { Code: code, Message: text }, RequestId: 'rq-zh' } });
    };
    const { sendMessage } = await connector();
    const error = await expectConnectorError(
      sendMessage(message('8613012345678'), validConfig(server.url, { language: 'zh-CN' })),
      ConnectorErrorCodes.General
    );
    expect(language).toBe('zh-CN');
    expect(error.data).toMatchObject({ tencentMessage: text });
    expect(descriptionOf(error)).toMatch(/region does not offer SMS/);
  });
});

describe('the emulator’s answers reach the admin with the advice for them', () => {
  const account = {
    secretId,
    secretKey,
    sessionToken,
    apps: [
      {
        sdkAppId: '1400000001',
        region: 'ap-guangzhou',
        internationalLimits: { blockedRegions: ['JP'], regionDailyLimits: { US: 1 } },
      },
    ],
    signatures: ['Logto演示', 'Logto'],
    templates: [
      { id: '1000001', text: 'Code {1}, {2} minutes.', destination: 'mainland', verificationCode: true },
      { id: '1000002', text: 'Your code is {1}. {2}', destination: 'international' },
    ],
    sensitiveWords: ['forbidden'],
  } as const;
  const emulators: Emulator[] = [];
  const emulatorWith = async (change: Record<string, unknown> = {}) => {
    const emulator = await startEmulator({ account: parseAccount({ ...account, ...change }) });
    emulators.push(emulator);
    return emulator;
  };
  afterAll(async () => {
    await Promise.all(emulators.map(async (emulator) => emulator.close()));
  });

  const failure = async (url: string, to: string, change: Record<string, unknown> = {}) => {
    const { sendMessage } = await connector();
    return expectConnectorError(sendMessage(message(to), validConfig(url, change)));
  };

  it('a destination the SMS app blocks, and one over its daily cap, name where to change that', async () => {
    const { url } = await emulatorWith();
    const blocked = await failure(url, '819012345678');
    expect(blocked.data).toMatchObject({ tencentCode: 'LimitExceeded.AppCountryOrRegionInBlacklist' });
    expect(descriptionOf(blocked)).toMatch(/SMS app blocks this country or region.*国际港澳台短信发送限制/);

    const { sendMessage } = await connector();
    await sendMessage(message('14155552671'), validConfig(url));
    const overCap = await failure(url, '14155552672');
    expect(overCap.data).toMatchObject({ tencentCode: 'LimitExceeded.AppCountryOrRegionDailyLimit' });
    expect(descriptionOf(overCap)).toMatch(/country's daily cap in the SMS app is reached.*应用管理/);
  });

  it('a key without sms:SendSms, and a word content review refuses', async () => {
    const noPermission = await failure((await emulatorWith({ allowSendSms: false })).url, '8613012345678');
    expect(descriptionOf(noPermission)).toMatch(/key's CAM user may not call sms:SendSms/);

    const { url } = await emulatorWith();
    const refused = await failure(url, '14155552673', {
      templates: [
        { usageType: 'Generic', templateCode: '1000001', destination: 'mainland', params: ['{{code}}', '5'] },
        { usageType: 'Generic', templateCode: '1000002', destination: 'international', params: ['{{code}}', 'forbidden'] },
      ],
    });
    expect(descriptionOf(refused)).toMatch(/content filter refused a word/);
  });
});
