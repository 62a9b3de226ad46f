/** The parts of a `TC3-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` header. */
export type ParsedAuthorization = {
  readonly secretId: string;
  readonly date: string;
  readonly service: string;
  /** Lower-case header names, in the order the client listed them. */
  readonly signedHeaders: readonly string[];
  readonly signature: string;
};

const pattern =
  /^TC3-HMAC-SHA256\s+Credential=([^/,\s]+)\/(\d{4}-\d{2}-\d{2})\/([^/,\s]+)\/tc3_request,\s*SignedHeaders=([a-z0-9-;]+),\s*Signature=([0-9a-f]{64})$/i;

/**
 * Splits an Authorization header, or returns undefined when it is not TC3 at all — which Tencent
 * answers with `AuthFailure.InvalidAuthorization` rather than a signature failure.
 */
export const parseAuthorization = (header: string | undefined): ParsedAuthorization | undefined => {
  const match = header?.trim().match(pattern);
  if (!match) {
    return undefined;
  }
  const [, secretId = '', date = '', service = '', names = '', signature = ''] = match;
  return {
    secretId,
    date,
    service,
    signedHeaders: names.toLowerCase().split(';').filter(Boolean),
    signature: signature.toLowerCase(),
  };
};
