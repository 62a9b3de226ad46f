import { describe, expect, it } from 'vitest';

import { signTc3 } from '../src/signing/index.js';
import { buildCanonicalRequest } from '../src/signing/canonical-request.js';
import { sha256Hex } from '../src/signing/hash.js';
import { deriveSigningKey, signingKeyFor } from '../src/signing/signing-key.js';
import { utcDate } from '../src/signing/credential-scope.js';

import { loadTc3Vectors, type Tc3Vector } from './helpers/vectors.js';

const signVector = (vector: Tc3Vector, body: string | Uint8Array = vector.body) =>
  signTc3({
    secretId: vector.secretId,
    secretKey: vector.secretKey,
    service: vector.service,
    timestamp: vector.timestamp,
    headers: { 'content-type': vector.contentType, host: vector.host },
    body,
  });

describe('TC3-HMAC-SHA256 known answers', () => {
  const vectors = loadTc3Vectors();

  it('has the three published vectors', () => {
    expect(vectors.map((vector) => vector.name)).toEqual(['doc-v3-older', 'sdk-unit', 'sms-sendsms']);
  });

  it.each(vectors)('reproduces $name', (vector) => {
    const signed = signVector(vector);
    expect(signed.signature).toBe(vector.signature);
    expect(utcDate(vector.timestamp)).toBe(vector.date);
    if (vector.hashedPayload) {
      expect(signed.hashedPayload).toBe(vector.hashedPayload);
    }
    if (vector.hashedCanonicalRequest) {
      expect(sha256Hex(signed.canonicalRequest)).toBe(vector.hashedCanonicalRequest);
    }
    expect(signed.authorization).toBe(
      `TC3-HMAC-SHA256 Credential=${vector.secretId}/${vector.date}/${vector.service}/tc3_request, SignedHeaders=content-type;host, Signature=${vector.signature}`
    );
  });

  it.each(vectors)('changes the signature of $name when one body byte changes', (vector) => {
    const bytes = new TextEncoder().encode(vector.body);
    const index = Math.floor(bytes.length / 2);
    bytes[index] = (bytes[index] ?? 0) ^ 0x01;
    expect(signVector(vector, bytes).signature).not.toBe(vector.signature);
  });

  it('hashes a string body as UTF-8, the same as its encoded bytes', () => {
    const vector = vectors.find((item) => item.name === 'sms-sendsms')!;
    expect(signVector(vector, new TextEncoder().encode(vector.body)).signature).toBe(vector.signature);
  });
});

describe('canonical request', () => {
  it('sorts header names and lower-cases and trims names and values, as Tencent rebuilds them', () => {
    const { canonicalRequest, signedHeaders } = buildCanonicalRequest({
      headers: { Host: ' SMS.TencentCloudAPI.com ', 'Content-Type': 'application/json', 'X-TC-Action': 'SendSms' },
      hashedPayload: 'abc',
    });
    expect(signedHeaders).toBe('content-type;host;x-tc-action');
    expect(canonicalRequest).toBe(
      'POST\n/\n\ncontent-type:application/json\nhost:sms.tencentcloudapi.com\nx-tc-action:sendsms\n\ncontent-type;host;x-tc-action\nabc'
    );
  });

  it('keeps the content-type byte for byte, so a charset the client adds is a different signature', () => {
    const base = { secretId: 'id', secretKey: 'key', service: 'sms', timestamp: 1551113065, body: '{}' };
    const plain = signTc3({ ...base, headers: { 'content-type': 'application/json', host: 'h' } });
    const charset = signTc3({ ...base, headers: { 'content-type': 'application/json; charset=utf-8', host: 'h' } });
    expect(plain.signature).not.toBe(charset.signature);
  });
});

describe('credential scope date', () => {
  it('uses the UTC date at 23:59:59 UTC and the next one a second later', () => {
    const lastSecond = Date.UTC(2024, 1, 29, 23, 59, 59) / 1000;
    expect(utcDate(lastSecond)).toBe('2024-02-29');
    expect(utcDate(lastSecond + 1)).toBe('2024-03-01');
  });

  it('puts the UTC date and the service in the scope, whatever the host', () => {
    const signed = signTc3({
      secretId: 'id',
      secretKey: 'key',
      service: 'sms',
      timestamp: Date.UTC(2025, 11, 31, 23, 59, 59) / 1000,
      headers: { 'content-type': 'application/json', host: '127.0.0.1:8080' },
      body: '{}',
    });
    expect(signed.scope).toBe('2025-12-31/sms/tc3_request');
  });
});

describe('signing key reuse', () => {
  const vectors = loadTc3Vectors();

  it('signs every vector right whatever was signed just before (no key carried over)', () => {
    // Each pair differs in secret, date or service; a remembered key from the first must not
    // sign the second.
    for (const before of vectors) {
      for (const vector of vectors) {
        signVector(before);
        expect(signVector(vector).signature).toBe(vector.signature);
      }
    }
  });

  it('derives a new key when only the date, only the secret or only the service changes', () => {
    const vector = vectors.find((item) => item.name === 'sms-sendsms')!;
    const expected = signVector(vector).signature;
    const variants = [
      { ...vector, timestamp: vector.timestamp + 86_400 },
      { ...vector, secretKey: `${vector.secretKey}x` },
      { ...vector, service: 'cvm' },
    ];
    for (const variant of variants) {
      expect(signVector(variant).signature).not.toBe(expected);
      expect(signVector(vector).signature).toBe(expected);
    }
    // And the same key material again after a change gives the fresh derivation's answer.
    expect(deriveSigningKey(vector.secretKey, vector.date, vector.service)).toEqual(
      signingKeyFor(vector.secretKey, vector.date, vector.service)
    );
  });
});
