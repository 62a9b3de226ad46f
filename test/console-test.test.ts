import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import { createServer, type AddressInfo } from 'node:net';
import fc from 'fast-check';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { budgetExceededError } from '../src/abuse-guard/refusals.js';
import { consoleTestError, logtoDisplay, numberReading } from '../src/console-test/index.js';
import { tencentError } from '../src/errors/connector-errors.js';
import { defaultMetadata } from '../src/constant.js';
import { distinctIssues } from '../src/errors/config-error.js';
import { tencentCodeRules } from '../src/errors/tencent-codes.js';

import { legacyConfig, secretKey, sessionToken } from './helpers/config.js';
import { consoleSend, send } from './helpers/connector.js';
import { shownWhen } from './helpers/logto-display.js';
import { mockSendSms, offlineNock } from './helpers/tencent-mock.js';

offlineNock();

const config = () => ({ ...legacyConfig(), sessionToken });
/** Mainland templates only: an international number has no template. */
const mainlandOnly = () => ({
  ...config(),
  templates: [{ usageType: 'Generic', templateCode: '1000', destination: 'mainland' }],
});

const general = 'Error occurred in connector: ';

/** A loopback port nothing listens on: taken, then released. */
const closedPort = async () => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
};

/** A Tencent error for one number, as SendSms reports it inside SendStatusSet. */
const perNumber = (code: string, phoneNumber: string, requestId: string) => ({
  Response: {
    SendStatusSet: [{ SerialNo: '', PhoneNumber: phoneNumber, Fee: 0, Code: code, Message: 'Tencent says so', IsoCode: '' }],
    RequestId: requestId,
  },
});

describe("Logto's display rule, as the connector models it", () => {
  // Logto's English phrases and statuses, written out here (SPEC.md §6) rather than taken from
  // the model under test, so the model cannot drift from Logto unnoticed.
  it.each([
    [ConnectorErrorCodes.InvalidRequestParameters, 400, 'The request is with wrong input parameter(s).'],
    [ConnectorErrorCodes.InvalidConfig, 400, "The connector's config is invalid."],
    [ConnectorErrorCodes.InvalidResponse, 400, "The connector's response is invalid."],
    [ConnectorErrorCodes.TemplateNotFound, 400, 'Unable to find correct template in connector config.'],
    [ConnectorErrorCodes.RateLimitExceeded, 429, 'Trigger rate limit. Please try again later.'],
    [ConnectorErrorCodes.General, 400, `${general}the connector's own words`],
  ])('%s shows %i "%s"', (code, status, text) => {
    const shown = logtoDisplay(new ConnectorError(code, { errorDescription: "the connector's own words" }));
    expect(shown).toEqual({ status, message: text, details: [] });
  });

  it('lists each zod issue below the phrase, worded as Logto words it', () => {
    const result = z
      .object({ accessKeySecret: z.string(), region: z.string().min(3, 'is too short') })
      .safeParse({ region: 'x' });
    const shown = logtoDisplay(new ConnectorError(ConnectorErrorCodes.InvalidConfig, result.error));
    expect(shown.details).toEqual([
      'Error in key path "accessKeySecret": (invalid_type) Expected string but received undefined.',
      'Error in key path "region": (too_small) is too short',
    ]);
  });

  it('shows anything that is not a ConnectorError as a bare 500', () => {
    expect(logtoDisplay(new TypeError('x'))).toEqual({ status: 500, message: 'Internal server error.', details: [] });
  });
});

describe('a Console test shows the cause and fix first, in a toast one can read', () => {
  it('invalid phone number: the cause, the fix and what was typed', async () => {
    const shown = await shownWhen(consoleSend(config(), { to: '12345' }));
    expect(shown.status).toBe(400);
    expect(shown.text).toMatch(/^Error occurred in connector: The phone number is not valid/);
    expect(shown.text).toContain('The number "12345" could not be read as an international number');
    expect(shown.text).toContain('+86 130 1234 5678');
    expect((shown.error as ConnectorError).data).toMatchObject({ signInCode: ConnectorErrorCodes.InvalidRequestParameters });
  });

  it('template_not_found: which destination lacks a template, how to add one, how the number was read', async () => {
    const shown = await shownWhen(consoleSend(mainlandOnly(), { to: '13012345678' }));
    expect(shown.status).toBe(400);
    // The Console's field turns 13012345678 into a US number; the admin meant a mainland one.
    expect(shown.text).toBe(
      `${general}No template for international numbers (message type SignIn): add one with usageType "Generic" and destination "international". ` +
        'The number was read as +1 301 234 5678, United States — for a mainland China number type +86 first (+86 13012345678).'
    );
  });

  it('a wrong secret: cause and fix once, Tencent code and RequestId, no number read-back for a plain mainland number', async () => {
    const { scope } = mockSendSms({
      Response: {
        Error: { Code: 'AuthFailure.SignatureFailure', Message: 'The provided credentials could not be validated. Please check your signature is correct.' },
        RequestId: '5208ad9d-3c65-43f7-8b82-7108e04fd863',
      },
    });
    const shown = await shownWhen(consoleSend(config()));
    scope.done();
    expect(shown.text).toBe(
      `${general}SecretId or SecretKey is wrong: copy both again from CAM → API Keys (访问管理 → API 密钥). ` +
        'Tencent: AuthFailure.SignatureFailure, RequestId: 5208ad9d-3c65-43f7-8b82-7108e04fd863.'
    );
    expect(shown.text.length).toBeLessThanOrEqual(300);
    expect((shown.error as ConnectorError).data).toMatchObject({
      signInCode: ConnectorErrorCodes.General,
      tencentMessage: 'The provided credentials could not be validated. Please check your signature is correct.',
    });
  });

  it("Tencent's rate limit on a mainland number: the advice, code and RequestId; the precise code in the data", async () => {
    const { scope } = mockSendSms(perNumber('LimitExceeded.PhoneNumberThirtySecondLimit', '+8613012345678', 'req-rate-1'));
    const shown = await shownWhen(consoleSend(config()));
    scope.done();
    expect(shown.status).toBe(400);
    expect(shown.text).toBe(
      `${general}Too many codes for this number or account: try again later, or raise the frequency limits in the SMS console. ` +
        'Tencent: LimitExceeded.PhoneNumberThirtySecondLimit, RequestId: req-rate-1.'
    );
    expect((shown.error as ConnectorError).data).toMatchObject({
      signInCode: ConnectorErrorCodes.RateLimitExceeded,
      tencentCode: 'LimitExceeded.PhoneNumberThirtySecondLimit',
      requestId: 'req-rate-1',
    });
  });

  it('a number Tencent refuses: the advice, code, RequestId and how the number was read', async () => {
    const { scope } = mockSendSms({
      Response: { Error: { Code: 'InvalidParameterValue.IncorrectPhoneNumber', Message: 'bad number' }, RequestId: 'req-bad-2' },
    });
    const shown = await shownWhen(consoleSend(config(), { to: '8613012345678' }));
    scope.done();
    expect(shown.text).toBe(
      `${general}This number cannot receive SMS from Tencent (wrong format, blocked, or a country not served): check it. ` +
        'Tencent: InvalidParameterValue.IncorrectPhoneNumber, RequestId: req-bad-2. The number was read as +86 130 1234 5678, Chinese mainland.'
    );
  });

  it('a number read outside mainland China is read back whatever failed', async () => {
    const { scope } = mockSendSms({ Response: { Error: { Code: 'AuthFailure.SignatureFailure', Message: 'x' }, RequestId: 'r' } });
    const shown = await shownWhen(consoleSend(config(), { to: '14155552671' }));
    scope.done();
    expect(shown.text).toMatch(/^Error occurred in connector: SecretId or SecretKey is wrong/);
    expect(shown.text).toContain('The number was read as +1 415 555 2671, United States — for a mainland China number type +86 first (+86 14155552671).');
  });

  it('a proxy page where Tencent belongs: what came back and where to look', async () => {
    nock('https://sms.tencentcloudapi.com').post('/').reply(200, '<html>login portal</html>');
    const shown = await shownWhen(consoleSend(config()));
    expect(shown.text).toContain(`${general}A gateway or proxy answered instead of Tencent Cloud SMS (HTTP 200, HTML page: login portal)`);
    expect(shown.text).toContain('Check the endpoint');
    expect((shown.error as ConnectorError).data).toMatchObject({ signInCode: ConnectorErrorCodes.InvalidResponse });
  });

  it('a network fault: nothing was sent and what to check', async () => {
    nock.enableNetConnect('127.0.0.1');
    const port = await closedPort();
    const shown = await shownWhen(consoleSend({ ...config(), endpoint: `http://127.0.0.1:${port}` }));
    nock.disableNetConnect();
    expect(shown.text).toMatch(/^Error occurred in connector: Could not reach Tencent Cloud SMS at 127\.0\.0\.1:\d+: .*ECONNREFUSED/);
    // The fix, not only the system's code: the admin learns nothing went out and what to check.
    expect(shown.text).toMatch(/Nothing was sent; nothing accepts connections at 127\.0\.0\.1:\d+: check the endpoint/);
    expect(shown.text).not.toContain('The number was read');
  });

  it('a timeout says the code may have gone out', async () => {
    nock('https://sms.tencentcloudapi.com').post('/').delay(5000).reply(200, '{}');
    const shown = await shownWhen(consoleSend({ ...config(), timeout: 1000 }));
    expect(shown.text).toContain(`${general}Tencent Cloud SMS (sms.tencentcloudapi.com) did not answer within 1000 ms`);
    expect(shown.text).toContain('may or may not have been sent');
  });

  it('an invalid config keeps invalid_config and its zod lines, which Logto lists', async () => {
    const { accessKeySecret: _omitted, ...withoutSecret } = config();
    const shown = await shownWhen(consoleSend(withoutSecret));
    expect((shown.error as ConnectorError).code).toBe(ConnectorErrorCodes.InvalidConfig);
    expect(shown.text).toBe(
      `The connector's config is invalid.\nError in key path "accessKeySecret": (invalid_type) Expected string but received undefined.`
    );
  });

  it("the abuse guard's region refusal: the rule, how to allow the region, the number as read", async () => {
    const shown = await shownWhen(
      consoleSend({ ...config(), abuseProtection: { allowedRegions: ['CN'] } }, { to: '13012345678' })
    );
    expect(shown.status).toBe(400);
    expect(shown.text).toMatch(/^Error occurred in connector: SMS to region US is not enabled: add it to abuseProtection\.allowedRegions/);
    expect(shown.text).toMatch(
      /The number was read as \+1 301 234 5678, United States — for a mainland China number type \+86 first \(\+86 13012345678\)\.$/
    );
  });

  it("the abuse guard's budget refusal (sign-in flows only) would read as the rule", () => {
    const refusal = budgetExceededError('perSource', { max: 5, windowSeconds: 3600 });
    const shown = logtoDisplay(consoleTestError(refusal, '8613012345678', []));
    expect(shown.message).toMatch(/^Error occurred in connector: .*5 per hour \(abuseProtection\.perSource\)/);
    expect(shown.message).not.toContain('The number was read');
  });

  it('never repeats a secret, even one typed as the number', async () => {
    for (const to of [secretKey, `86${sessionToken}`]) {
      const shown = await shownWhen(consoleSend(config(), { to }));
      const everything = `${shown.text} ${JSON.stringify((shown.error as ConnectorError).data)} ${String((shown.error as Error).message)}`;
      expect(everything).not.toContain(secretKey);
      expect(everything).not.toContain(sessionToken);
    }
    const { scope } = mockSendSms({ Response: { Error: { Code: 'LimitExceeded.DeliveryFrequencyLimit', Message: `echo ${secretKey}` }, RequestId: 'r' } });
    const shown = await shownWhen(consoleSend(config()));
    scope.done();
    const data = JSON.stringify((shown.error as ConnectorError).data);
    expect(data).toContain('echo [redacted]');
    expect(`${shown.text} ${data}`).not.toContain(secretKey);
  });
});

describe('a form saved untouched', () => {
  /** What the Console saves for a new connector: every item's default, the required texts typed in. */
  const untouchedForm = () => ({
    ...Object.fromEntries(
      (defaultMetadata.formItems ?? []).filter((item) => item.defaultValue !== undefined).map((item) => [item.key, item.defaultValue])
    ),
    accessKeyId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
    accessKeySecret: secretKey,
    sdkAppId: '1400006666',
    region: 'ap-guangzhou',
  });

  it('shows one line per distinct problem, the placeholder complaint once', async () => {
    const shown = await shownWhen(consoleSend(untouchedForm()));
    const lines = shown.text.split('\n');
    expect(lines[0]).toBe("The connector's config is invalid.");
    expect(new Set(lines).size).toBe(lines.length);
    expect(shown.text.match(/still holds the form placeholder/g)).toHaveLength(1);
    expect(shown.text).toContain('Error in key path "templates": (custom) templateCode (entries 0, 1): still holds the form placeholder');
    expect(lines.length).toBeLessThanOrEqual(3);
  });

  it('folds the same problem in many entries into one line, naming them, and keeps different problems apart', () => {
    const issues = distinctIssues([
      ...[0, 1, 2].map((index) => ({ code: 'custom' as const, path: ['templates', index, 'templateCode'], message: 'still holds the form placeholder' })),
      { code: 'custom' as const, path: ['templates', 3, 'templateCode'], message: 'must be digits only, e.g. 1234567' },
      { code: 'custom' as const, path: ['signName'], message: 'signName is required' },
    ]);
    expect(issues).toEqual([
      { code: 'custom', path: ['templates'], message: 'templateCode (entries 0, 1, 2): still holds the form placeholder' },
      { code: 'custom', path: ['templates', 3, 'templateCode'], message: 'must be digits only, e.g. 1234567' },
      { code: 'custom', path: ['signName'], message: 'signName is required' },
    ]);
  });
});

describe('sign-in flows keep the precise codes', () => {
  it("Tencent's rate limit is rate_limit_exceeded: 429 and Logto's phrase", async () => {
    const { scope } = mockSendSms(perNumber('LimitExceeded.PhoneNumberThirtySecondLimit', '+8613012345678', 'req-flow'));
    const shown = await shownWhen(send(config()));
    scope.done();
    expect(shown).toMatchObject({ status: 429, text: 'Trigger rate limit. Please try again later.' });
  });

  it('a missing template is template_not_found', async () => {
    const shown = await shownWhen(send(mainlandOnly(), { to: '14155552671' }));
    expect(shown).toMatchObject({ status: 400, text: 'Unable to find correct template in connector config.' });
  });
});

describe('the conversion is generic over ConnectorError codes', () => {
  const described = (code: ConnectorErrorCodes) =>
    new ConnectorError(code, { errorDescription: `explanation for ${code}`, requestId: 'req-any' });
  const numberCodes = new Set<string>([ConnectorErrorCodes.InvalidRequestParameters, ConnectorErrorCodes.TemplateNotFound]);

  it.each(Object.values(ConnectorErrorCodes).filter((code) => code !== ConnectorErrorCodes.InvalidConfig))(
    '%s becomes general, leading with the explanation, keeping the RequestId and the sign-in code',
    (code) => {
      const converted = consoleTestError(described(code), '8613012345678', []);
      const shown = logtoDisplay(converted);
      expect(converted.code).toBe(ConnectorErrorCodes.General);
      expect(shown.status).toBe(400);
      expect(shown.message.startsWith(`${general}explanation for ${code}.`)).toBe(true);
      expect(shown.message).toContain('RequestId: req-any');
      // A mainland number is read back only when the failure is about the number.
      expect(shown.message.includes('Chinese mainland')).toBe(numberCodes.has(code));
      expect(converted.data).toMatchObject({ signInCode: code, requestId: 'req-any' });
    }
  );

  it('names a code it has never heard of by the code, and shows data without errorDescription as JSON', () => {
    const future = new ConnectorError('source_budget_exceeded' as ConnectorErrorCodes, { reason: 'too many' });
    const shown = logtoDisplay(consoleTestError(future, '14155552671', []));
    expect(shown.message).toContain('Connector error "source_budget_exceeded"');
    expect(shown.message).toContain('{"reason":"too many"}');
  });

  it('an invalid_config without zod issues is converted too (Logto would show only its phrase)', () => {
    const converted = consoleTestError(
      new ConnectorError(ConnectorErrorCodes.InvalidConfig, { errorDescription: 'redisUrl is unreachable' }),
      '8613012345678',
      []
    );
    expect(logtoDisplay(converted).message).toBe(`${general}redisUrl is unreachable.`);
    expect(converted.data).toMatchObject({ signInCode: ConnectorErrorCodes.InvalidConfig });
  });
});

describe('the diagnosis fits a toast read in about five seconds', () => {
  // Logto shows the text in a toast for about five seconds. Every Tencent code, with a real
  // RequestId, fits 300 characters Logto's prefix included; a number read outside mainland China
  // adds its reading (the one case it must be read), and still fits a short toast.
  const requestId = '5208ad9d-3c65-43f7-8b82-7108e04fd863';
  const message = 'The phone number is in the blacklist of the SMS application; please check and try again.';
  const codes = tencentCodeRules.flatMap((rule) => rule.codes.map((code) => code.replace('*', '')));

  it.each(codes)('%s', (code) => {
    const error = tencentError(code, message, requestId, '+8613012345678');
    const mainland = logtoDisplay(consoleTestError(error, '8613012345678', [])).message;
    expect(mainland).toContain(code);
    expect(mainland).toContain(requestId);
    expect(mainland.length).toBeLessThanOrEqual(300);
    // Said once: Tencent's message only where the connector has no advice of its own.
    expect(mainland.includes(message)).toBe(mainland.includes("Tencent Cloud's SendSms error codes"));

    const misread = logtoDisplay(consoleTestError(error, '13012345678', [])).message;
    expect(misread).toContain('The number was read as +1 301 234 5678, United States');
    expect(misread.length).toBeLessThanOrEqual(420);
  });

  it('a code with no advice of ours quotes Tencent, still within 300 characters', () => {
    const error = tencentError('FailedOperation.SomethingNew', message, requestId);
    const shown = logtoDisplay(consoleTestError(error, '8613012345678', [])).message;
    expect(shown).toContain(message);
    expect(shown.length).toBeLessThanOrEqual(300);
  });
});

describe('numberReading', () => {
  it.each([
    ['8613012345678', 'The number was read as +86 130 1234 5678, Chinese mainland.'],
    ['13012345678', 'The number was read as +1 301 234 5678, United States — for a mainland China number type +86 first (+86 13012345678).'],
    ['85251234567', 'The number was read as +852 5123 4567, Hong Kong (China) — for a mainland China number type +86 first.'],
  ])('%s → %s', (to, sentence) => {
    expect(numberReading(to)).toBe(sentence);
  });

  it('quotes back only what looks like a typed number', () => {
    expect(numberReading('0123')).toContain('The number "0123" could not be read');
    expect(numberReading('not-a-number-but-a-key-AKIDxyz')).toMatch(/^The number could not be read/);
    expect(numberReading(undefined)).toMatch(/^The number could not be read/);
  });
});

describe('the conversion never fails and never repeats a secret', () => {
  it('any code, any data, any `to`: a general error whose text Logto shows, without the secret', () => {
    const secret = 'fuzz-SECRET-5e1d0c7b-never-shown';
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.values(ConnectorErrorCodes), 'some_future_code'),
        fc.oneof(fc.anything(), fc.record({ errorDescription: fc.string(), requestId: fc.string() })),
        fc.oneof(fc.anything(), fc.string(), fc.constant(secret), fc.constant(`86${secret}`)),
        fc.boolean(),
        (code, data, to, echo) => {
          const withSecret = echo && typeof data === 'object' && data !== null ? { ...data, errorDescription: `echo ${secret}` } : data;
          const converted = consoleTestError(new ConnectorError(code as ConnectorErrorCodes, withSecret), to, [secret]);
          const shown = logtoDisplay(converted);
          if (code === ConnectorErrorCodes.InvalidConfig && withSecret instanceof z.ZodError) {
            return;
          }
          expect(converted.code).toBe(ConnectorErrorCodes.General);
          expect(shown.message.startsWith(general)).toBe(true);
          expect(`${shown.message} ${JSON.stringify(converted.data)}`).not.toContain(secret);
        }
      ),
      { numRuns: 500 }
    );
  });
});
