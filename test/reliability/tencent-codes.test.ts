import { ConnectorErrorCodes } from '@logto/connector-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  connector,
  descriptionOf,
  expectConnectorError,
  message,
  replyJson,
  startFaultServer,
  validConfig,
  type FaultServer,
} from '../helpers/reliability.js';

/**
 * Every Tencent error code of SPEC §5, answered top-level (`Response.Error`) and per number
 * (`SendStatusSet[].Code`), must reach Logto with the right ConnectorErrorCodes and a description
 * naming Tencent's code, its message, the RequestId and the advice of the table.
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
  advice: /try again later/i,
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
  ].map((code) => ({
    code,
    expected: ConnectorErrorCodes.InvalidRequestParameters,
    advice: /cannot receive SMS/i,
  })),
  ...general(
    /accessKeyId.*accessKeySecret/i,
    'AuthFailure.SecretIdNotFound',
    'AuthFailure.InvalidSecretId',
    'AuthFailure.SignatureFailure'
  ),
  ...general(/clock/i, 'AuthFailure.SignatureExpire', 'InternalError.RequestTimeException'),
  ...general(/temporary credentials|sessionToken/i, 'AuthFailure.TokenFailure'),
  ...general(/signName/i, 'FailedOperation.SignatureIncorrectOrUnapproved'),
  ...general(
    /templateCode/i,
    'FailedOperation.TemplateIncorrectOrUnapproved',
    'FailedOperation.TemplateUnapprovedOrNotExist'
  ),
  ...general(
    /placeholders/i,
    'FailedOperation.TemplateParamSetNotMatchApprovedTemplate',
    'InvalidParameterValue.TemplateParameterFormatError',
    'InvalidParameterValue.TemplateParameterLengthLimit'
  ),
  ...general(
    /international/i,
    'UnsupportedOperation.ChineseMainlandTemplateToGlobalPhone',
    'UnsupportedOperation.GlobalTemplateToChineseMainlandPhone'
  ),
  ...general(
    /sdkAppId/i,
    'InvalidParameterValue.SdkAppIdNotExist',
    'UnauthorizedOperation.SmsSdkAppIdVerifyFail',
    'UnauthorizedOperation.SdkAppIdIsDisabled'
  ),
  ...general(
    /package is used up|arrears|daily cap/i,
    'FailedOperation.InsufficientBalanceInSmsPackage',
    'UnauthorizedOperation.ServiceSuspendDueToArrears',
    'LimitExceeded.AppDailyLimit',
    'LimitExceeded.AppCountryOrRegionDailyLimit',
    'LimitExceeded.AppGlobalDailyLimit',
    'LimitExceeded.AppMainlandChinaDailyLimit',
    'LimitExceeded.DailyLimit'
  ),
  ...general(/region/i, 'UnsupportedRegion'),
  {
    code: 'InvalidParameterValue',
    message: 'The value of Region ap-moon-1 is not supported.',
    expected: ConnectorErrorCodes.General,
    advice: /region is not valid for SMS/i,
  },
  {
    code: 'InvalidParameter',
    message: 'Invalid region: xx.',
    expected: ConnectorErrorCodes.General,
    advice: /region is not valid for SMS/i,
  },
  // Anything else: Tencent's own words, and the RequestId for Tencent support.
  ...general(
    /RequestId lets Tencent support/i,
    'InternalError',
    'InternalError.Timeout',
    'FailedOperation.ContainSensitiveWord',
    'InvalidParameterValue.ContentLengthLimit',
    'MissingParameter.EmptyPhoneNumberSet',
    'InvalidAction',
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
    const description = descriptionOf(error);
    expect(description).toContain(row.code);
    expect(description).toContain(tencentMessage(row));
    expect(description).toContain(requestId);
    expect(description).toMatch(row.advice);
    expect(error.data).toMatchObject({ tencentCode: row.code, requestId });
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
    const description = descriptionOf(error);
    expect(description).toContain(row.code);
    expect(description).toContain(tencentMessage(row));
    expect(description).toContain(requestId);
    expect(description).toContain('+8613012345678');
    expect(description).toMatch(row.advice);
    expect(error.data).toMatchObject({ tencentCode: row.code, requestId });
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
    ['InvalidParameterValue.IncorrectPhoneNumber', 'region of the number is wrong', ConnectorErrorCodes.InvalidRequestParameters, /cannot receive SMS/],
    ['LimitExceeded.PhoneNumberDailyLimitX', 'x', ConnectorErrorCodes.General, /RequestId lets/],
    ['limitexceeded.phonenumberthirtysecondlimit', 'x', ConnectorErrorCodes.General, /RequestId lets/],
    ['InvalidParameterValue.TemplateParameterLengthLimit', 'region', ConnectorErrorCodes.General, /placeholders/],
    ['FailedOperation.ContainSensitiveWord', 'region', ConnectorErrorCodes.General, /RequestId lets/],
    // A further level under a listed code keeps its advice (SPEC §5: prefix match).
    ['FailedOperation.SignatureIncorrectOrUnapproved.International', 'x', ConnectorErrorCodes.General, /signName or internationalSignName/],
    ['LimitExceeded.PhoneNumberDailyLimit.Extra', 'x', ConnectorErrorCodes.RateLimitExceeded, /try again later/],
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
