import { buildCanonicalRequest } from './canonical-request.js';
import { credentialScope, utcDate } from './credential-scope.js';
import { hmacSha256, sha256Hex } from './hash.js';
import { signingKeyFor } from './signing-key.js';
import { algorithm, buildStringToSign } from './string-to-sign.js';

export type SignInput = {
  readonly secretId: string;
  readonly secretKey: string;
  /** The service in the scope: `sms` for SendSms, whatever host the request goes to. */
  readonly service: string;
  /** Unix seconds; the same value goes into `X-TC-Timestamp`. Passed in so signing stays pure. */
  readonly timestamp: number;
  /** Signed headers; must include `content-type` and `host`, each exactly as sent. */
  readonly headers: Readonly<Record<string, string>>;
  /** The exact body bytes (a string is hashed as UTF-8). */
  readonly body: string | Uint8Array;
};

export type Signature = {
  readonly authorization: string;
  readonly signature: string;
  readonly signedHeaders: string;
  readonly scope: string;
  readonly hashedPayload: string;
  readonly canonicalRequest: string;
  readonly stringToSign: string;
};

/**
 * Signs a Tencent Cloud API 3.0 request with TC3-HMAC-SHA256. A pure function of its input:
 * no clock, no I/O, nothing about HTTP beyond the header values it is handed.
 */
export const signTc3 = (input: SignInput): Signature => {
  const hashedPayload = sha256Hex(input.body);
  const { canonicalRequest, signedHeaders } = buildCanonicalRequest({
    headers: input.headers,
    hashedPayload,
  });
  const date = utcDate(input.timestamp);
  const scope = credentialScope(date, input.service);
  const stringToSign = buildStringToSign(input.timestamp, scope, canonicalRequest);
  const key = signingKeyFor(input.secretKey, date, input.service);
  const signature = hmacSha256(key, stringToSign).toString('hex');

  return {
    authorization: `${algorithm} Credential=${input.secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
    signature,
    signedHeaders,
    scope,
    hashedPayload,
    canonicalRequest,
    stringToSign,
  };
};
