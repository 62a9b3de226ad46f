import type { Account } from './account.js';
import { ApiError } from './api-error.js';
import { parseAuthorization } from './authorization.js';
import { verifyTc3Signature } from './verify-signature.js';

/** The only action and version this emulator implements. */
export const action = 'SendSms';
export const version = '2021-01-11';

/** Regions where the SMS API answers; an account's own app regions are accepted too. */
const smsRegions = ['ap-beijing', 'ap-guangzhou', 'ap-nanjing', 'ap-singapore'];

/** Five minutes, Tencent's tolerance for clock skew between client and server. */
const maxSkewSeconds = 300;

export type RequestHead = {
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: Uint8Array;
  /** Server time in Unix seconds. */
  readonly now: number;
};

const required = (headers: RequestHead['headers'], name: string): string => {
  const value = headers[name.toLowerCase()]?.trim();
  if (!value) {
    throw new ApiError('MissingParameter', `The request is missing the ${name} header.`);
  }
  return value;
};

/**
 * The checks Tencent's API gateway makes before SendSms sees the body: common headers, the TC3
 * signature, the clock, the session token, then action, version and region. Throws ApiError with
 * the code Tencent would answer; returns the region on success.
 */
export const authenticate = (account: Account, request: RequestHead): { region: string } => {
  const { headers } = request;
  const actionName = required(headers, 'X-TC-Action');
  const versionName = required(headers, 'X-TC-Version');
  const timestampText = required(headers, 'X-TC-Timestamp');
  if (!/^\d+$/.test(timestampText)) {
    throw new ApiError('InvalidParameter', 'X-TC-Timestamp must be Unix seconds.');
  }
  const timestamp = Number(timestampText);

  // TC3-signed POSTs carry JSON (multipart only for file uploads, which SendSms has none of).
  const mediaType = headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    throw new ApiError(
      'InvalidParameter',
      `Content-Type must be application/json, not ${mediaType ? `"${mediaType}"` : 'missing'}.`
    );
  }

  const authorization = parseAuthorization(headers.authorization);
  if (!authorization) {
    throw new ApiError('AuthFailure.InvalidAuthorization');
  }
  if (Math.abs(request.now - timestamp) > maxSkewSeconds) {
    throw new ApiError(
      'AuthFailure.SignatureExpire',
      `Request timestamp ${timestamp}, server time ${request.now}.`
    );
  }
  if (authorization.secretId !== account.secretId) {
    throw new ApiError('AuthFailure.SecretIdNotFound');
  }
  const valid = verifyTc3Signature({
    authorization,
    secretKey: account.secretKey,
    service: 'sms',
    timestamp,
    headers,
    body: request.body,
  });
  if (!valid) {
    throw new ApiError('AuthFailure.SignatureFailure');
  }
  // An empty header is how some clients say "no token"; treat it like an absent one.
  if ((headers['x-tc-token'] || undefined) !== account.sessionToken) {
    throw new ApiError('AuthFailure.TokenFailure');
  }

  if (actionName !== action) {
    throw new ApiError('InvalidAction', `Action ${actionName} is not provided by sms ${version}.`);
  }
  if (versionName !== version) {
    throw new ApiError('NoSuchVersion', `Version ${versionName} of sms does not exist.`);
  }
  const region = required(headers, 'X-TC-Region');
  const known = smsRegions.includes(region) || account.apps.some((app) => app.region === region);
  if (!known) {
    throw new ApiError('UnsupportedRegion', `Region ${region}.`);
  }
  // CAM decides after the gateway knows which action the key asks for.
  if (!account.allowSendSms) {
    throw new ApiError('AuthFailure.UnauthorizedOperation', `The key may not call sms:${action}.`);
  }
  return { region };
};
