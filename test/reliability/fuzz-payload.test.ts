import { ConnectorError, ConnectorErrorCodes, TemplateType } from '@logto/connector-kit';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { readNumber } from '../../src/numbers/index.js';
import {
  connector,
  everythingShown,
  expectConnectorError,
  expectSignedSendSms,
  secretId,
  secretKey,
  sessionToken,
  startFaultServer,
  validConfig,
  type Data,
  type FaultServer,
} from '../helpers/reliability.js';
import { defineOwn, fuzzSeed } from '../helpers/reliability-fuzz.js';

/**
 * Message fuzzing: what Logto (or a caller through the Console test) hands to `sendMessage` —
 * `to`, `type`, `payload.code`, `payload.locale`, extra payload keys. Each send either goes out
 * well-formed and signed, with exactly the configured parameters and the number Logto meant, or
 * ends with `invalid_request_parameters` / `template_not_found` before any request.
 */

export const payloadRuns = 2500;

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(async () => {
  await server.close();
});

/** Mainland has a SignIn-specific template and localised Generic ones; abroad only Generic. */
const config = () =>
  validConfig(server.url, {
    templates: [
      { usageType: 'Generic', templateCode: '1000001', destination: 'mainland', params: ['{{code}}', '5'] },
      { usageType: 'SignIn', templateCode: '1000011', destination: 'mainland' },
      { usageType: 'Generic', templateCode: '1000021', destination: 'mainland', locale: 'en' },
      { usageType: 'Generic', templateCode: '1000002', destination: 'international', params: ['Code: {{code}}'] },
    ],
  });
const templateParams: Record<string, (code: string) => string[]> = {
  '1000001': (code) => [code, '5'],
  '1000011': (code) => [code],
  '1000021': (code) => [code],
  '1000002': (code) => [`Code: ${code}`],
};

const digitsText = (min: number, max: number) =>
  fc.array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max }).map((chars) => chars.join(''));

/** A calling code, or none, and the digits after it: any count, or one its numbers have. */
const countryAndDigits = fc.oneof(
  fc.tuple(fc.constantFrom('86', '1', '44', '852', '886', '81', '7', '0', ''), digitsText(4, 14)),
  // Most counts are refused before Tencent: the fuzz must still send often.
  fc
    .constantFrom<[string, number]>(['86', 11], ['1', 10], ['44', 10], ['852', 8], ['886', 9], ['81', 10], ['7', 10])
    .chain(([country, length]) => fc.tuple(fc.constant(country), digitsText(length, length)))
);

/** Plausible numbers, with the separators and prefixes people and forms add. */
const plausibleNumber = fc
  .tuple(
    countryAndDigits,
    fc.constantFrom('', '+', '00', ' +', '0'),
    fc.constantFrom('', ' ', '-', '(', ')', '.', '\t', '\u00a0', '/')
  )
  .map(([[country, rest], prefix, separator]) => {
    const digits = country + rest;
    const cut = Math.floor(digits.length / 2);
    return `${prefix}${digits.slice(0, cut)}${separator}${digits.slice(cut)}`;
  });

const toArb: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: plausibleNumber, weight: 6 },
  { arbitrary: fc.string({ maxLength: 30 }), weight: 1 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }), weight: 1 },
  {
    arbitrary: fc.constantFrom(
      '',
      '+',
      '8613012345678\r\nX-Evil: 1',
      '８６１３０１２３４５６７８',
      '٨٦١٣٠١٢٣٤٥٦٧٨',
      '86130123456789012345',
      '1'.repeat(100_000),
      '+0013012345678',
      '013012345678',
      '86 130 1234 5678',
      'tel:+8613012345678',
      '__proto__'
    ),
    weight: 1,
  },
  { arbitrary: fc.oneof(fc.integer(), fc.constant(null), fc.constant(undefined), fc.array(fc.string()), fc.object()), weight: 1 }
);

const codeArb: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: digitsText(4, 6), weight: 6 },
  { arbitrary: fc.string({ maxLength: 12 }), weight: 1 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }), weight: 1 },
  { arbitrary: fc.constantFrom('', '$&', '$1$$', '{{code}}', '000000', 'a'.repeat(10_000), '12\r\n34'), weight: 1 },
  { arbitrary: fc.oneof(fc.integer(), fc.constant(null), fc.constant(undefined), fc.boolean(), fc.object()), weight: 1 }
);

const localeArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(undefined, 'en', 'EN-us', 'zh-CN', 'ja', ' en ', '', 'x'.repeat(5000), '__proto__', 'constructor'),
  fc.string({ maxLength: 12 }),
  fc.oneof(fc.integer(), fc.constant(null), fc.boolean(), fc.array(fc.string()), fc.object())
);

const typeArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('Generic', 'SignIn', 'Register', 'ForgotPassword', 'MfaVerification', 'BindMfa', 'Unknown', ''),
  fc.constantFrom('__proto__', 'constructor', 'toString'),
  fc.oneof(fc.integer(), fc.constant(null), fc.constant(undefined))
);

const extraKeysArb = fc.dictionary(
  fc.oneof(fc.constantFrom('uiLocales', '__proto__', 'constructor', 'params', 'TemplateParamSet', 'to'), fc.string({ maxLength: 8 })),
  fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.constant(null), fc.object({ maxDepth: 1 })),
  { maxKeys: 4 }
);

const messageArb = fc.record({ to: toArb, type: typeArb, code: codeArb, locale: localeArb, extra: extraKeysArb }).map(
  ({ to, type, code, locale, extra }) => {
    const payload: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(extra)) {
      defineOwn(payload, key, value);
    }
    defineOwn(payload, 'code', code);
    if (locale !== undefined) {
      defineOwn(payload, 'locale', locale);
    }
    return { to, type, payload } as unknown as Data;
  }
);

/** ASCII digits of the input, the only ones a phone number may be read from. */
const asciiDigits = (value: string) => value.replace(/[^0-9]/g, '');

describe('message fuzzing', () => {
  it(`${payloadRuns} generated messages: a correct signed request, or a request-side error`, async () => {
    const { sendMessage } = await connector();
    const tally = { sent: 0, invalidRequest: 0, templateNotFound: 0 };
    const base = config();

    await fc.assert(
      fc.asyncProperty(messageArb, async (data) => {
        server.requests.length = 0;
        const outcome = await sendMessage(data, base).then(
          (value) => ({ ok: true as const, value }),
          (error: unknown) => ({ ok: false as const, error })
        );
        if (!outcome.ok) {
          expect(outcome.error).toBeInstanceOf(ConnectorError);
          const error = await expectConnectorError(Promise.reject(outcome.error));
          expect(
            [ConnectorErrorCodes.InvalidRequestParameters, ConnectorErrorCodes.TemplateNotFound],
            everythingShown(error).slice(0, 400)
          ).toContain(error.code);
          expect(server.requests).toHaveLength(0);
          if (error.code === ConnectorErrorCodes.TemplateNotFound) {
            tally.templateNotFound += 1;
          } else {
            tally.invalidRequest += 1;
          }
          return;
        }

        tally.sent += 1;
        expect(server.requests).toHaveLength(1);
        const body = expectSignedSendSms(server.requests[0]!, {
          secretId,
          secretKey,
          region: 'ap-guangzhou',
          sessionToken,
        });
        const [number] = body.PhoneNumberSet as string[];
        // E.164, and the digits Logto gave (minus an international 00 prefix) in their canonical
        // spelling: no other country.
        expect(number).toMatch(/^\+[1-9]\d{6,14}$/);
        expect(typeof data.to).toBe('string');
        const given = asciiDigits(data.to);
        const canonical = (digits: string) => readNumber(`+${digits}`)?.e164 ?? `+${digits}`;
        expect([canonical(given), canonical(given.replace(/^00/, ''))]).toContain(number);
        // Exactly the configured values with the code in them: nothing else from the payload.
        const code = data.payload.code as string;
        const render = templateParams[body.TemplateId as string];
        expect(render, `unexpected template ${String(body.TemplateId)}`).toBeDefined();
        expect(body.TemplateParamSet).toEqual(render!(code));
        const mainland = number!.startsWith('+86');
        expect(body.SignName).toBe(mainland ? 'Logto演示' : 'Logto');
        expect(String(body.TemplateId).startsWith('10000') || mainland).toBe(true);
        expect(Object.keys(body).sort()).toEqual(
          ['PhoneNumberSet', 'SignName', 'SmsSdkAppId', 'TemplateId', 'TemplateParamSet'].sort()
        );
      }),
      { seed: fuzzSeed, numRuns: payloadRuns, endOnFailure: true }
    );

    expect(tally.sent).toBeGreaterThan(payloadRuns / 5);
    expect(tally.invalidRequest).toBeGreaterThan(payloadRuns / 20);
    console.log(`message fuzz: ${payloadRuns} runs`, tally);
  });

  it.each([
    ['8613012345678', '+8613012345678'],
    ['14155552671', '+14155552671'],
    ['+1 (415) 555-2671', '+14155552671'],
    ['0044 20 7946 0958', '+442079460958'],
    ['85291234567', '+85291234567'],
  ])('Logto-style %s goes to %s', async (to, expected) => {
    const { sendMessage } = await connector();
    server.requests.length = 0;
    await sendMessage({ to, type: TemplateType.Generic, payload: { code: '135790' } }, config());
    expect(JSON.parse(server.requests[0]!.body.toString('utf8'))).toMatchObject({
      PhoneNumberSet: [expected],
    });
  });

  it.each([[42], [null], [{ tag: 'en' }], [['en']], [true]])(
    'a locale that is not a string (%j) is ignored, not a crash',
    async (locale) => {
      const { sendMessage } = await connector();
      server.requests.length = 0;
      const payload = { code: '135790', locale } as unknown as Data['payload'];
      await sendMessage({ to: '8613012345678', type: TemplateType.SignIn, payload }, config());
      // No usable locale: the SignIn template of the mainland set, not a crash.
      expect(JSON.parse(server.requests[0]!.body.toString('utf8'))).toMatchObject({
        TemplateId: '1000011',
      });
    }
  );

  it('replacement patterns in the code arrive verbatim', async () => {
    const { sendMessage } = await connector();
    server.requests.length = 0;
    await sendMessage({ to: '14155552671', type: TemplateType.Generic, payload: { code: "$&$1$$$'" } }, config());
    expect(JSON.parse(server.requests[0]!.body.toString('utf8'))).toMatchObject({
      TemplateParamSet: ["Code: $&$1$$$'"],
    });
  });
});
