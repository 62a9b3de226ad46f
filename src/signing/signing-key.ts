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

let last: { secretKey: string; date: string; service: string; key: Buffer } | undefined;

/**
 * `deriveSigningKey` remembering its last answer. The key changes only with the UTC date, so a
 * day of sends with one secret derives it once instead of spending three of the four HMACs of
 * every signature on it. Same inputs, same bytes: signing stays a pure function.
 */
export const signingKeyFor = (secretKey: string, date: string, service: string): Buffer => {
  if (last?.secretKey !== secretKey || last.date !== date || last.service !== service) {
    last = { secretKey, date, service, key: deriveSigningKey(secretKey, date, service) };
  }
  return last.key;
};
