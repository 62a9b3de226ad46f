import { hmacSha256 } from './hash.js';

/**
 * Step 3 of TC3: the key derived from the secret, the UTC date and the service. Each HMAC feeds
 * the raw bytes of the previous one into the next.
 */
export const deriveSigningKey = (secretKey: string, date: string, service: string): Buffer => {
  const kDate = hmacSha256(`TC3${secretKey}`, date);
  const kService = hmacSha256(kDate, service);
  return hmacSha256(kService, 'tc3_request');
};
