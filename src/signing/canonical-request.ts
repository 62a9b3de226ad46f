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
 * API uses. Header names and values are lower-cased and trimmed, names sorted, as Tencent rebuilds
 * them on its side: a client signing `x-tc-action:SendSms` verbatim would not match. The sender
 * must therefore send a content-type whose lower-cased form is what it signed (ours is already
 * lower-case), and nothing the client adds on its own.
 */
export const buildCanonicalRequest = ({
  headers,
  hashedPayload,
}: CanonicalRequestInput): CanonicalRequest => {
  const entries = Object.entries(headers)
    .map(([name, value]) => {
      return [name.toLowerCase(), value.trim().toLowerCase()] as const;
    })
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

  const canonicalHeaders = entries.map(([name, value]) => `${name}:${value}\n`).join('');
  const signedHeaders = entries.map(([name]) => name).join(';');

  return {
    canonicalRequest: ['POST', '/', '', canonicalHeaders, signedHeaders, hashedPayload].join('\n'),
    signedHeaders,
  };
};
