import { signTc3 } from '../../src/signing/sign.js';
import {
  defaultAccountInput,
  parseAccount,
  startEmulator,
  type Emulator,
} from '../../src/emulator/index.js';

export type HandSigned = {
  body?: unknown;
  /** Raw body text; wins over `body` so tests can send broken JSON. */
  rawBody?: string;
  secretId?: string;
  secretKey?: string;
  timestamp?: number;
  region?: string;
  action?: string;
  version?: string;
  token?: string;
  language?: string;
  /** Signed and sent as Content-Type; default `application/json`. */
  contentType?: string;
  /** Applied after signing, to tamper with what was signed. */
  afterSigning?: (headers: Record<string, string>) => void;
};

/** A SendSms body the default account accepts for a mainland number. */
export const mainlandBody = (phone = '+8613012345678') => ({
  PhoneNumberSet: [phone],
  SmsSdkAppId: '1400000001',
  TemplateId: '1000001',
  TemplateParamSet: ['123456', '10'],
  SignName: 'Logto演示',
});

/**
 * Signs a SendSms request with the project's signer, as a well-behaved client would, and posts it
 * to the emulator. Returns the parsed `Response` object.
 */
export const postSigned = async (emulator: Emulator, options: HandSigned = {}) => {
  const text = options.rawBody ?? JSON.stringify(options.body ?? mainlandBody());
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signed = { 'content-type': options.contentType ?? 'application/json', host: new URL(emulator.url).host };
  const { authorization } = signTc3({
    secretId: options.secretId ?? emulator.account.secretId,
    secretKey: options.secretKey ?? emulator.account.secretKey,
    service: 'sms',
    timestamp,
    headers: signed,
    body: text,
  });
  const headers: Record<string, string> = {
    ...signed,
    authorization,
    'x-tc-action': options.action ?? 'SendSms',
    'x-tc-version': options.version ?? '2021-01-11',
    'x-tc-region': options.region ?? 'ap-guangzhou',
    'x-tc-timestamp': String(timestamp),
    ...(options.token === undefined ? {} : { 'x-tc-token': options.token }),
    ...(options.language === undefined ? {} : { 'x-tc-language': options.language }),
  };
  options.afterSigning?.(headers);
  const response = await fetch(`${emulator.url}/`, { method: 'POST', headers, body: text });
  const json = (await response.json()) as { Response: Record<string, unknown> };
  return { status: response.status, response: json.Response };
};

/** The `Response.Error.Code` of an answer, or undefined when it succeeded. */
export const errorCode = (response: Record<string, unknown>): string | undefined =>
  (response.Error as { Code?: string } | undefined)?.Code;

/** Per-number codes of a SendStatusSet answer. */
export const statusCodes = (response: Record<string, unknown>): string[] =>
  ((response.SendStatusSet as Array<{ Code: string }> | undefined) ?? []).map((item) => item.Code);

/** An emulator with the built-in account and no frequency limits, for tests about other checks. */
export const startUnlimitedEmulator = async (): Promise<Emulator> =>
  startEmulator({
    account: parseAccount({
      ...defaultAccountInput,
      limits: { perThirtySeconds: 0, perHour: 0, perDay: 0 },
    }),
  });
