import { timingSafeEqual } from 'node:crypto';

import { utcDate } from '../signing/credential-scope.js';
import { signTc3 } from '../signing/sign.js';

import type { ParsedAuthorization } from './authorization.js';

export type VerifyInput = {
  readonly authorization: ParsedAuthorization;
  readonly secretKey: string;
  /** The service this endpoint stands for (`sms`), whatever host the request reached. */
  readonly service: string;
  readonly timestamp: number;
  /** Received headers by lower-case name. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: Uint8Array;
};

/**
 * Host values a client may legitimately have signed. Tencent is only reached on port 443, so
 * clients disagree about the port: the official Node SDK signs the host name alone while sending
 * `host:port`. Against an emulator on a custom port both must verify.
 */
const hostCandidates = (host: string): string[] => {
  const withoutPort = host.replace(/:\d+$/, '');
  return withoutPort === host ? [host] : [host, withoutPort];
};

/**
 * Recomputes the TC3 signature over exactly the headers the client listed in SignedHeaders and
 * compares it in constant time. Requires `content-type` and `host` to be signed, as Tencent does.
 */
export const verifyTc3Signature = (input: VerifyInput): boolean => {
  const { authorization, headers } = input;
  const names = authorization.signedHeaders;
  if (!names.includes('content-type') || !names.includes('host')) {
    return false;
  }
  if (authorization.service !== input.service || authorization.date !== utcDate(input.timestamp)) {
    return false;
  }
  const signed: Record<string, string> = {};
  for (const name of names) {
    // Own headers only: a signed name such as `constructor` must not reach Object.prototype.
    const value = Object.hasOwn(headers, name) ? headers[name] : undefined;
    if (value === undefined) {
      return false;
    }
    signed[name] = value;
  }
  const expected = Buffer.from(authorization.signature, 'hex');
  return hostCandidates(signed.host ?? '').some((host) => {
    const { signature } = signTc3({
      secretId: authorization.secretId,
      secretKey: input.secretKey,
      service: input.service,
      timestamp: input.timestamp,
      headers: { ...signed, host },
      body: input.body,
    });
    const actual = Buffer.from(signature, 'hex');
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  });
};
