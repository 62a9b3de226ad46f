import { ConnectorError, ConnectorErrorCodes, validateConfig } from '@logto/connector-kit';
import { createServer, type AddressInfo } from 'node:net';
import fc from 'fast-check';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { budgetExceededError } from '../src/abuse-guard/refusals.js';
import { consoleTestError, displayLines, logtoDisplay, numberReading } from '../src/console-test/index.js';
import { describeTencentError, tencentError } from '../src/errors/connector-errors.js';
import { defaultMetadata } from '../src/constant.js';
import { distinctIssues } from '../src/errors/config-error.js';
import { tencentCodeRules } from '../src/errors/tencent-codes.js';

import { legacyConfig, secretKey, sessionToken } from './helpers/config.js';
import { consoleSend, makeConnector, send } from './helpers/connector.js';
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
    expect(shown.text).toContain('it needs its country code, e.g. +86 130 1234 5678.');
    expect(shown.text).toContain('Received "12345".');
    expect((shown.error as ConnectorError).data).toMatchObject({ signInCode: ConnectorErrorCodes.InvalidRequestParameters });
  });

  it('template_not_found: which destination lacks a template, how to add one, how the number was read', async () => {
    const shown = await shownWhen(consoleSend(mainlandOnly(), { to: '13012345678' }));
    expect(shown.status).toBe(400);
    // The Console's field turns 13012345678 into a US number; the admin meant a mainland one.
    expect(shown.text).toBe(
      `${general}No template serves international numbers: add one with destination "international". ` +
        'Read as +1 301 234 5678, United States. Mainland China? Type +86 13012345678.'
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
      `${general}SecretId or SecretKey is wrong: copy both again from CAM → API 密钥 (API Keys). ` +
        'Tencent: AuthFailure.SignatureFailure, RequestId: 5208ad9d-3c65-43f7-8b82-7108e04fd863.'
    );
    expect(shown.text.length).toBeLessThanOrEqual(200);
    expect((shown.error as ConnectorError).data).toMatchObject({
      signInCode: ConnectorErrorCodes.General,
      tencentMessage: 'The provided credentials could not be validated. Please check your signature is correct.',
    });
  });

  it("Tencent's rate limit on a mainland number: the advice and code (the RequestId does not fit); the precise code in the data", async () => {
    const { scope } = mockSendSms(perNumber('LimitExceeded.PhoneNumberThirtySecondLimit', '+8613012345678', 'req-rate-1'));
    const shown = await shownWhen(consoleSend(config()));
    scope.done();
    expect(shown.status).toBe(400);
    expect(shown.text).toBe(
      `${general}Too many codes for this number or account: try later, or raise the SMS console's frequency limits. ` +
        'Tencent: LimitExceeded.PhoneNumberThirtySecondLimit.'
    );
    expect((shown.error as ConnectorError).data).toMatchObject({
      signInCode: ConnectorErrorCodes.RateLimitExceeded,
      tencentCode: 'LimitExceeded.PhoneNumberThirtySecondLimit',
      requestId: 'req-rate-1',
    });
  });

  it('a number Tencent refuses: the advice, how the number was read and the code, as far as they fit', async () => {
    const { scope } = mockSendSms({
      Response: { Error: { Code: 'InvalidParameterValue.IncorrectPhoneNumber', Message: 'bad number' }, RequestId: 'req-bad-2' },
    });
    const shown = await shownWhen(consoleSend(config(), { to: '8613012345678' }));
    scope.done();
    expect(shown.text).toBe(
      `${general}Tencent cannot text this number (wrong format, blocked, or a country not served): check it. ` +
        'Read as +86 130 1234 5678. Tencent: InvalidParameterValue.IncorrectPhoneNumber.'
    );
  });

  it('a number read outside mainland China is read back whatever failed, with the +86 tip where it may be meant', async () => {
    const { scope } = mockSendSms({ Response: { Error: { Code: 'AuthFailure.SignatureFailure', Message: 'x' }, RequestId: 'r' } });
    const shown = await shownWhen(consoleSend(config(), { to: '14155552671' }));
    scope.done();
    expect(shown.text).toMatch(/^Error occurred in connector: SecretId or SecretKey is wrong/);
    expect(shown.text).toContain('Read as +1 415 555 2671, United States. Mainland China? Type +86 14155552671.');
  });

  it.each([
    ['449098790000', 'Read as +44 909 879 0000, United Kingdom.'],
    ['+44 909 879 0000', 'Read as +44 909 879 0000, United Kingdom.'],
    ['+13012345678', 'Read as +1 301 234 5678, United States.'],
    ['0013012345678', 'Read as +1 301 234 5678, United States.'],
    ['85251234567', 'Read as +852 5123 4567, Hong Kong (China).'],
  ])('no +86 tip for %s: a number typed with its country code, or not shaped like a mainland one', async (to, reading) => {
    const shown = await shownWhen(consoleSend(mainlandOnly(), { to }));
    expect(shown.text).toContain(reading);
    expect(shown.text).not.toContain('+86');
    expect(shown.text).not.toMatch(/mainland China\?/i);
  });

  it('a proxy page where Tencent belongs: what came back and where to look', async () => {
    nock('https://sms.tencentcloudapi.com').post('/').reply(200, '<html>login portal</html>');
    const shown = await shownWhen(consoleSend(config()));
    expect(shown.text).toContain(`${general}A gateway or proxy answered, not Tencent (HTTP 200, HTML page: login portal)`);
    expect(shown.text).toContain('Check the endpoint');
    expect((shown.error as ConnectorError).data).toMatchObject({ signInCode: ConnectorErrorCodes.InvalidResponse });
  });

  it('a network fault: nothing was sent and what to check', async () => {
    nock.enableNetConnect('127.0.0.1');
    const port = await closedPort();
    const shown = await shownWhen(consoleSend({ ...config(), endpoint: `http://127.0.0.1:${port}` }));
    nock.disableNetConnect();
    expect(shown.text).toMatch(/^Error occurred in connector: Could not reach 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
    // The fix, not only the system's code: the admin learns nothing went out and what to check.
    expect(shown.text).toMatch(/nothing was sent\. Nothing listens there: check the endpoint/);
    expect(shown.text).not.toContain('Read as');
  });

  it('a timeout says the code may have gone out', async () => {
    nock('https://sms.tencentcloudapi.com').post('/').delay(5000).reply(200, '{}');
    const shown = await shownWhen(consoleSend({ ...config(), timeout: 1000 }));
    expect(shown.text).toContain(`${general}sms.tencentcloudapi.com did not answer within 1000 ms`);
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
    expect(shown.text).toMatch(/^Error occurred in connector: SMS to region US is not enabled: add "US" to abuseProtection\.allowedRegions/);
    expect(shown.text).toMatch(/Read as \+1 301 234 5678, United States\. Mainland China\? Type \+86 13012345678\.$/);
  });

  it("the abuse guard's budget refusal (sign-in flows only) would read as the rule", () => {
    const refusal = budgetExceededError('perSource', { max: 5, windowSeconds: 3600 });
    const shown = logtoDisplay(consoleTestError(refusal, '8613012345678', []));
    expect(shown.message).toMatch(/^Error occurred in connector: Too many codes from this network: 5 per hour\. .*raise abuseProtection\.perSource\./);
    expect(shown.message).not.toContain('Read as');
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

  const expected = [
    "The connector's config is invalid.",
    'Error in key path "templates": (custom) replace <template-code> with your template IDs',
    'Error in key path "signName": (custom) required for +86 numbers',
  ];

  it('shows one line per distinct problem in a Console test, the placeholder complaint once', async () => {
    const shown = await shownWhen(consoleSend(untouchedForm()));
    expect(shown.text.split('\n')).toEqual(expected);
  });

  it('shows the same lines on Save, where Logto validates with the configGuard alone', async () => {
    const { configGuard } = await makeConnector();
    const saved = (() => {
      try {
        validateConfig(untouchedForm(), configGuard);
      } catch (error) {
        return error;
      }
      throw new Error('the untouched form saved');
    })();
    expect(displayLines(logtoDisplay(saved))).toEqual(expected);
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
  // Logto shows the text in a toast for about 4.7 seconds. Every Tencent code, with a real
  // RequestId, fits 200 characters Logto's prefix included: the cause and fix first, then how the
  // number was read where it matters, then Tencent's code, then the RequestId where room is left.
  const requestId = '5208ad9d-3c65-43f7-8b82-7108e04fd863';
  const message = 'The phone number is in the blacklist of the SMS application; please check and try again.';
  const codes = tencentCodeRules.flatMap((rule) => rule.codes.map((code) => code.replace('*', '')));
  /** The description a sign-in flow gets, without its closing code and RequestId. */
  const causeOf = (code: string) => describeTencentError(code, message, requestId).replace(/ (Tencent: \S+, )?RequestId: \S+\.$/, '');

  it.each(codes)('%s', (code) => {
    const error = tencentError(code, message, requestId, '+8613012345678');
    const mainland = logtoDisplay(consoleTestError(error, '8613012345678', [])).message;
    expect(mainland.startsWith(`${general}${causeOf(code)}`)).toBe(true);
    expect(mainland).toContain(code);
    expect(mainland.length).toBeLessThanOrEqual(200);
    // The RequestId is left out only where it would not fit.
    expect(mainland.includes(requestId) || mainland.length + requestId.length + 13 > 200).toBe(true);
    // Said once: Tencent's message only where the connector has no advice of its own.
    expect(mainland.includes(message.slice(0, 40))).toBe(mainland.startsWith(`${general}Tencent answered`));

    const misread = logtoDisplay(consoleTestError(error, '13012345678', [])).message;
    expect(misread.startsWith(`${general}${causeOf(code)}`)).toBe(true);
    // The +86 tip always; the US reading before it where it fits.
    expect(misread).toMatch(/ (Read as \+1 301 234 5678, United States\. )?Mainland China\? Type \+86 13012345678\./);
    expect(misread.length).toBeLessThanOrEqual(200);
  });

  it('a code with no advice of ours quotes Tencent with the code, still within 200 characters', () => {
    const error = tencentError('FailedOperation.SomethingNew', message, requestId);
    const shown = logtoDisplay(consoleTestError(error, '8613012345678', [])).message;
    expect(shown).toMatch(/^Error occurred in connector: Tencent answered FailedOperation\.SomethingNew: The phone number is in the blacklist/);
    expect(shown.length).toBeLessThanOrEqual(200);
  });

  it('any failure at all stays within 200 characters, and starts with its own words', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.values(ConnectorErrorCodes).filter((code) => code !== ConnectorErrorCodes.InvalidConfig)),
        fc.string({ minLength: 1, maxLength: 600 }),
        fc.option(fc.string({ maxLength: 400 }), { nil: undefined }),
        fc.option(fc.string({ maxLength: 400 }), { nil: undefined }),
        fc.oneof(fc.constantFrom('13012345678', '449098790000', '8613012345678', '12345'), fc.string()),
        (code, errorDescription, tencentCode, id, to) => {
          const converted = consoleTestError(new ConnectorError(code, { errorDescription, tencentCode, requestId: id }), to, []);
          const shown = logtoDisplay(converted).message;
          expect(shown.length).toBeLessThanOrEqual(200);
          expect(shown.startsWith(`${general}${errorDescription.trimEnd().slice(0, 100)}`)).toBe(true);
        }
      ),
      { numRuns: 300 }
    );
  });
});

describe('numberReading', () => {
  it.each([
    ['8613012345678', 'Read as +86 130 1234 5678, Chinese mainland.'],
    ['13012345678', 'Read as +1 301 234 5678, United States. Mainland China? Type +86 13012345678.'],
    ['+13012345678', 'Read as +1 301 234 5678, United States.'],
    ['85251234567', 'Read as +852 5123 4567, Hong Kong (China).'],
    ['449098790000', 'Read as +44 909 879 0000, United Kingdom.'],
  ])('%s → %s', (to, sentence) => {
    expect(numberReading(to)).toBe(sentence);
  });

  it('quotes back only what looks like a typed number', () => {
    expect(numberReading('0123')).toBe('Received "0123".');
    expect(numberReading('not-a-number-but-a-key-AKIDxyz')).toBe('Received no readable number.');
    expect(numberReading(undefined)).toBe('Received no readable number.');
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
