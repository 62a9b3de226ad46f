/** Step 1 of TC3-HMAC-SHA256 (see ./SPEC.md §1). */

export type CanonicalRequestInput = {
  /** Header name → value, every one of them signed. Names are matched case-insensitively. */
  readonly headers: Readonly<Record<string, string>>;
  /** Lower-case hex SHA-256 of the exact body bytes. */
  readonly hashedPayload: string;
};

export type CanonicalRequest = {
  readonly canonicalRequest: string;
  /** `content-type;host`: what goes after `SignedHeaders=` in the Authorization header. */
  readonly signedHeaders: string;
};

/**
 * Builds the canonical request for a `POST /` with an empty query, the only shape Tencent's JSON
 * API uses. Header names are lower-cased and sorted; values are trimmed, and `host` is lower-cased
 * because Tencent compares it that way. The content-type value is kept byte for byte so that the
 * signed value equals the sent one.
 */
export const buildCanonicalRequest = ({
  headers,
  hashedPayload,
}: CanonicalRequestInput): CanonicalRequest => {
  const entries = Object.entries(headers)
    .map(([name, value]) => {
      const lowerName = name.toLowerCase();
      const trimmed = value.trim();
      return [lowerName, lowerName === 'host' ? trimmed.toLowerCase() : trimmed] as const;
    })
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

  const canonicalHeaders = entries.map(([name, value]) => `${name}:${value}\n`).join('');
  const signedHeaders = entries.map(([name]) => name).join(';');

  return {
    canonicalRequest: ['POST', '/', '', canonicalHeaders, signedHeaders, hashedPayload].join('\n'),
    signedHeaders,
  };
};
