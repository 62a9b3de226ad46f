import type { signTc3 } from '../../src/signing/sign.js';
import { tencentHost } from '../host.js';

import { benchAccount } from './config.js';

/**
 * The signed SendSms headers for `body` and the bench account, as the connector sends them. The
 * signer is passed in so the floor can load it inside its own measured import.
 */
export const signedSendSmsHeaders = (sign: typeof signTc3, body: string): Record<string, string> => {
  const timestamp = Math.floor(Date.now() / 1000);
  const signed = { 'content-type': 'application/json', host: tencentHost };
  const { authorization } = sign({
    secretId: benchAccount.accessKeyId,
    secretKey: benchAccount.accessKeySecret,
    service: 'sms',
    timestamp,
    headers: signed,
    body,
  });
  return {
    ...signed,
    authorization,
    'x-tc-action': 'SendSms',
    'x-tc-timestamp': String(timestamp),
    'x-tc-version': '2021-01-11',
    'x-tc-region': benchAccount.region,
  };
};
