import { ConnectorErrorCodes, type ConnectorError } from '@logto/connector-kit';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import nock from 'nock';
import { describe, expect, it } from 'vitest';

import { legacyConfig, secretKey, sessionToken } from './helpers/config.js';
import { descriptionOf, sendError } from './helpers/connector.js';
import { mockSendSms, offlineNock } from './helpers/tencent-mock.js';

offlineNock();

// These tests send to one number many times; the abuse guard has suites of its own.
const config = () => ({ ...legacyConfig(), sessionToken, pumpingProtection: false });

/** Every row of SPEC.md §5 with the ConnectorErrorCodes and a word of the hint it must carry. */
const rows: Array<[string, ConnectorErrorCodes, RegExp]> = [
  ['LimitExceeded.PhoneNumberThirtySecondLimit', ConnectorErrorCodes.RateLimitExceeded, /try later/],
  ['LimitExceeded.PhoneNumberOneHourLimit', ConnectorErrorCodes.RateLimitExceeded, /try later/],
  ['LimitExceeded.PhoneNumberDailyLimit', ConnectorErrorCodes.RateLimitExceeded, /try later/],
  ['LimitExceeded.PhoneNumberSameContentDailyLimit', ConnectorErrorCodes.RateLimitExceeded, /try later/],
  ['LimitExceeded.DeliveryFrequencyLimit', ConnectorErrorCodes.RateLimitExceeded, /try later/],
  ['LimitExceeded.GlobalSmsSendingRateLimit', ConnectorErrorCodes.RateLimitExceeded, /try later/],
  ['RequestLimitExceeded', ConnectorErrorCodes.RateLimitExceeded, /try later/],
  ['RequestLimitExceeded.UinLimitExceeded', ConnectorErrorCodes.RateLimitExceeded, /try later/],
  ['InvalidParameterValue.IncorrectPhoneNumber', ConnectorErrorCodes.InvalidRequestParameters, /cannot text this number/],
  ['FailedOperation.PhoneNumberInBlacklist', ConnectorErrorCodes.InvalidRequestParameters, /cannot text this number/],
  ['UnsupportedOperation.UnsupportedRegion', ConnectorErrorCodes.InvalidRequestParameters, /cannot text this number/],
  ['AuthFailure.SecretIdNotFound', ConnectorErrorCodes.General, /SecretId or SecretKey is wrong/],
  ['AuthFailure.InvalidSecretId', ConnectorErrorCodes.General, /SecretId or SecretKey is wrong/],
  ['AuthFailure.SignatureFailure', ConnectorErrorCodes.General, /SecretId or SecretKey is wrong/],
  ['AuthFailure.SignatureExpire', ConnectorErrorCodes.General, /clock/],
  ['InternalError.RequestTimeException', ConnectorErrorCodes.General, /clock/],
  ['AuthFailure.TokenFailure', ConnectorErrorCodes.General, /temporary credentials/],
  ['FailedOperation.SignatureIncorrectOrUnapproved', ConnectorErrorCodes.General, /signature is misspelled or not approved/],
  ['FailedOperation.TemplateIncorrectOrUnapproved', ConnectorErrorCodes.General, /template is not approved/],
  ['FailedOperation.TemplateUnapprovedOrNotExist', ConnectorErrorCodes.General, /template is not approved/],
  ['FailedOperation.TemplateParamSetNotMatchApprovedTemplate', ConnectorErrorCodes.General, /placeholders/],
  ['InvalidParameterValue.TemplateParameterFormatError', ConnectorErrorCodes.General, /^A param does not fit its variable: a code variable takes up to 6 digits/],
  ['InvalidParameterValue.TemplateParameterLengthLimit', ConnectorErrorCodes.General, /longer than its variable allows/],
  ['UnsupportedOperation.ChineseMainlandTemplateToGlobalPhone', ConnectorErrorCodes.General, /destination/],
  ['UnsupportedOperation.GlobalTemplateToChineseMainlandPhone', ConnectorErrorCodes.General, /destination/],
  ['InvalidParameterValue.SdkAppIdNotExist', ConnectorErrorCodes.General, /SDK App ID is wrong/],
  ['UnauthorizedOperation.SmsSdkAppIdVerifyFail', ConnectorErrorCodes.General, /SDK App ID is wrong/],
  ['UnauthorizedOperation.SdkAppIdIsDisabled', ConnectorErrorCodes.General, /SDK App ID is wrong/],
  ['FailedOperation.InsufficientBalanceInSmsPackage', ConnectorErrorCodes.General, /package is used up/],
  ['UnauthorizedOperation.ServiceSuspendDueToArrears', ConnectorErrorCodes.General, /arrears/],
  ['LimitExceeded.AppCountryOrRegionDailyLimit', ConnectorErrorCodes.General, /daily cap/],
  ['LimitExceeded.AppDailyLimit', ConnectorErrorCodes.General, /daily cap/],
  ['LimitExceeded.DailyLimit', ConnectorErrorCodes.General, /daily cap/],
  ['UnsupportedRegion', ConnectorErrorCodes.General, /region does not offer SMS/],
  ['SomethingNew.NeverSeenBefore', ConnectorErrorCodes.General, /^Tencent answered SomethingNew\.NeverSeenBefore: Tencent says so\./],
  ['LimitExceeded.AppCountryOrRegionInBlacklist', ConnectorErrorCodes.General, /SMS app blocks this country or region/],
];

/**
 * The description names Tencent's code and the RequestId; Tencent's message is in the data, and in
 * the description only when the connector has no advice of its own (it would say the cause twice).
 */
const expectReadable = (error: ConnectorError, code: string, requestId: string) => {
  const description = descriptionOf(error);
  expect(description).toContain(code);
  expect(description).toContain(`RequestId: ${requestId}`);
  expect(description.includes('Tencent says so')).toBe(description.startsWith('Tencent answered'));
  expect(error.data).toMatchObject({ tencentCode: code, tencentMessage: 'Tencent says so', requestId });
};

describe('Tencent errors reach Logto as SPEC.md §5 says', () => {
  it.each(rows)('top-level %s → %s', async (code, expected, hint) => {
    const { scope } = mockSendSms({ Response: { Error: { Code: code, Message: 'Tencent says so' }, RequestId: 'req-top' } });
    const error = await sendError(config());
    scope.done();
    expect(error.code).toBe(expected);
    expectReadable(error, code, 'req-top');
    expect(descriptionOf(error)).toMatch(hint);
  });

  it.each(rows)('per number %s → %s', async (code, expected, hint) => {
    const { scope } = mockSendSms({
      Response: {
        SendStatusSet: [
          { SerialNo: '', PhoneNumber: '+8613012345678', Fee: 0, SessionContext: '', Code: code, Message: 'Tencent says so', IsoCode: 'CN' },
        ],
        RequestId: 'req-item',
      },
    });
    const error = await sendError(config());
    scope.done();
    expect(error.code).toBe(expected);
    expectReadable(error, code, 'req-item');
    expect(error.data).toMatchObject({ phoneNumber: '+8613012345678' });
    expect(descriptionOf(error)).toMatch(hint);
  });

  it('maps an InvalidParameter about the region to the region hint', async () => {
    const { scope } = mockSendSms({
      Response: { Error: { Code: 'InvalidParameterValue', Message: 'The value of region is invalid' }, RequestId: 'r' },
    });
    const error = await sendError(config());
    scope.done();
    expect(descriptionOf(error)).toMatch(/region does not offer SMS/);
  });
});

describe('answers that are not Tencent errors', () => {
  const reply = (status: number, body: string) => {
    nock('https://sms.tencentcloudapi.com').post('/').reply(status, body);
  };

  it('HTTP 502 with a gateway HTML page: general, the code may have gone out, what to check, the title once', async () => {
    reply(502, '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>');
    const error = await sendError(config());
    expect(error.code).toBe(ConnectorErrorCodes.General);
    expect(descriptionOf(error)).toBe(
      'A gateway or proxy answered, not Tencent (HTTP 502, page "502 Bad Gateway"), so the code may or may not have been sent. ' +
        "Check the endpoint, any proxy and Tencent's status."
    );
  });

  it.each([
    [503, 'text/plain', 'upstream connect error or disconnect/reset before headers', 'body: upstream connect error'],
    [500, 'text/html', '<html><body><h1>Internal Server Error</h1></body></html>', 'HTML page: Internal Server Error'],
    [504, 'text/html', '', 'body: (empty body)'],
  ])('HTTP %i (%s) without a Tencent code is in the same class, quoting the body briefly', async (status, type, body, quoted) => {
    nock('https://sms.tencentcloudapi.com').post('/').reply(status, body, { 'content-type': type });
    const error = await sendError(config());
    expect(error.code).toBe(ConnectorErrorCodes.General);
    expect(descriptionOf(error)).toContain(`(HTTP ${status}, ${quoted}`);
    expect(descriptionOf(error)).toContain('the code may or may not have been sent');
    expect(descriptionOf(error).length).toBeLessThan(300);
  });

  it('a proxy login page with HTTP 200 is invalid_response, named by its title, with what to check', async () => {
    reply(200, '<!doctype html><html><head><title>\n  Corporate proxy: sign in </title></head><body>Sign in to continue</body></html>');
    const error = await sendError(config());
    expect(error.code).toBe(ConnectorErrorCodes.InvalidResponse);
    expect(descriptionOf(error)).toContain('(HTTP 200, page "Corporate proxy: sign in")');
    expect(descriptionOf(error)).toContain('Check the endpoint, any proxy');
  });

  it('HTTP 500 carrying a Tencent error body is mapped by its code', async () => {
    reply(500, JSON.stringify({ Response: { Error: { Code: 'InternalError', Message: 'oops' }, RequestId: 'r5' } }));
    const error = await sendError(config());
    expect(error.code).toBe(ConnectorErrorCodes.General);
    expect(descriptionOf(error)).toMatch(/InternalError.*oops.*RequestId: r5/);
  });

  it.each([
    ['truncated JSON', '{"Response":{"SendStatusSet":[{"Code":"Ok"'],
    ['an empty body', ''],
    ['JSON of another shape', '{"ok":true}'],
    ['a JSON array', '[]'],
    ['a status item without Code', JSON.stringify({ Response: { SendStatusSet: [{ PhoneNumber: '+8613012345678' }], RequestId: 'r' } })],
  ])('200 with %s is invalid_response', async (_name, body) => {
    reply(200, body);
    const error = await sendError(config());
    expect(error.code).toBe(ConnectorErrorCodes.InvalidResponse);
    expect(descriptionOf(error)).toMatch(/Tencent Cloud SMS answered/);
  });

  it('a 1 MiB gateway page of "<" is summarised at once, without stalling the process', async () => {
    reply(502, '<'.repeat(1024 * 1024 - 1));
    const started = Date.now();
    const error = await sendError({ ...config(), timeout: 1000 });
    expect(Date.now() - started).toBeLessThan(2500);
    expect(error.code).toBe(ConnectorErrorCodes.General);
    expect(descriptionOf(error).length).toBeLessThan(600);
  });

  it('a 64 KiB Tencent code of dots and a line break is read at once, without stalling the process', async () => {
    // Matching codes with `.` unable to cross the line break backtracked quadratically: seconds
    // here, hours for a code that fills the 1 MiB cap.
    const code = `InvalidParameter${'.'.repeat(64 * 1024)}\n`;
    reply(200, JSON.stringify({ Response: { Error: { Code: code, Message: 'x' }, RequestId: 'r' } }));
    const started = Date.now();
    const error = await sendError(config());
    expect(Date.now() - started).toBeLessThan(2500);
    expect(error.code).toBe(ConnectorErrorCodes.General);
    expect(descriptionOf(error).length).toBeLessThan(800);
  });

  it('a code or RequestId far longer than any of Tencent is cut in the error data as in the description', async () => {
    reply(200, JSON.stringify({ Response: { Error: { Code: 'A'.repeat(100_000), Message: 'x' }, RequestId: 'R'.repeat(100_000) } }));
    const error = await sendError(config());
    expect(JSON.stringify(error.data).length).toBeLessThan(2000);
    expect(error.data).toMatchObject({ tencentCode: expect.stringMatching(/^A+…$/), requestId: expect.stringMatching(/^R+…$/) });
  });

  it('a per-number answer with a RequestId of 100,000 characters is cut', async () => {
    reply(200, JSON.stringify({ Response: { SendStatusSet: [], RequestId: 'R'.repeat(100_000) } }));
    const error = await sendError(config());
    expect(error.code).toBe(ConnectorErrorCodes.InvalidResponse);
    expect(JSON.stringify(error.data).length).toBeLessThan(2000);
  });

  it('a very long Tencent message is shortened in the description', async () => {
    reply(200, JSON.stringify({ Response: { Error: { Code: 'InternalError', Message: 'x'.repeat(100_000) }, RequestId: 'r' } }));
    const error = await sendError(config());
    expect(descriptionOf(error).length).toBeLessThan(800);
    expect(descriptionOf(error)).toMatch(/^Tencent answered InternalError: x{70}… RequestId: r\.$/);
  });

  it('an empty SendStatusSet is invalid_response, never success', async () => {
    reply(200, JSON.stringify({ Response: { SendStatusSet: [], RequestId: 'r0' } }));
    const error = await sendError(config());
    expect(error.code).toBe(ConnectorErrorCodes.InvalidResponse);
    expect(descriptionOf(error)).toMatch(/0 send results for 1 number.*r0/);
  });

  it('a connection reset after the request went out is general, names the reason and says the code may be out', async () => {
    const server = createServer((request) => {
      request.socket.resetAndDestroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    // The send goes through nock like every request; this one must reach the local server.
    nock.enableNetConnect('127.0.0.1');
    try {
      const error = await sendError({ ...config(), endpoint: `http://127.0.0.1:${port}` });
      expect(error.code).toBe(ConnectorErrorCodes.General);
      expect(descriptionOf(error)).toMatch(
        /connection to 127\.0\.0\.1:\d+ broke after the request went out \(ECONNRESET\), so the code may or may not have been sent/
      );
    } finally {
      nock.disableNetConnect();
      server.close();
    }
  });

  it('a server that does not answer ends at the configured timeout with a general error', async () => {
    nock('https://sms.tencentcloudapi.com').post('/').delay(5000).reply(200, '{}');
    const started = Date.now();
    const error = await sendError({ ...config(), timeout: 1000 });
    expect(Date.now() - started).toBeLessThan(4000);
    expect(error.code).toBe(ConnectorErrorCodes.General);
    expect(descriptionOf(error)).toMatch(/did not answer within 1000 ms/);
  });
});

describe('secrets', () => {
  it('never appear in any error, even when Tencent echoes them', async () => {
    const echoes = [
      { Response: { Error: { Code: 'AuthFailure.SignatureFailure', Message: `bad ${secretKey} and ${sessionToken}` }, RequestId: 'r' } },
      { Response: { SendStatusSet: [{ PhoneNumber: '+8613012345678', Code: 'X', Message: secretKey }], RequestId: 'r' } },
      `<html>${secretKey}</html>`,
    ];
    for (const body of echoes) {
      nock('https://sms.tencentcloudapi.com')
        .post('/')
        .reply(typeof body === 'string' ? 502 : 200, typeof body === 'string' ? body : JSON.stringify(body));
      const error = await sendError(config());
      for (const text of [error.message, JSON.stringify(error), JSON.stringify(error.data), String(error.stack)]) {
        expect(text).not.toContain(secretKey);
        expect(text).not.toContain(sessionToken);
      }
      expect(JSON.stringify(error.data)).toContain('[redacted]');
    }
  });
});
