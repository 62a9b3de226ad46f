/** What one HTTP request consists of, read once from fetch's `(input, init)` arguments. */
export type RequestParts = {
  readonly url: URL;
  readonly method: string;
  /** Header name (lower-case) → value, exactly as they will be sent. */
  readonly headers: Record<string, string>;
  readonly body: Buffer | undefined;
  readonly signal: AbortSignal | undefined;
  /** `performance.now()` by which the whole exchange must be over, from `init.timeoutMs`. */
  readonly deadline: number | undefined;
};

/**
 * fetch's init plus two fields a caller can hand through ky (which passes every option it does
 * not know on to its `fetch`):
 * - `timeoutMs`: one deadline for connect, request and the whole body, kept with a plain timer.
 *   Same effect as `signal: AbortSignal.timeout(ms)` at a fraction of the CPU (a timeout signal
 *   and its listener cost more than the rest of the transport's own work).
 * - `bodyBytes`: the body, as the exact bytes to send, beside a Request that has none. ky wraps a
 *   `body` option in a stream and then tees it (to clone the Request for retries); building,
 *   teeing, reading and cancelling those streams cost more CPU than the HTTP exchange itself.
 *   Refused together with a body in the Request or in `init.body`: one body, never a choice.
 */
export type TransportInit = RequestInit & {
  readonly timeoutMs?: number;
  readonly bodyBytes?: Uint8Array;
};

type BodyLike = NonNullable<RequestInit['body']>;

/** Bytes of the body kinds a caller of this transport can pass in `init.body`. */
const bodyBytes = async (body: BodyLike): Promise<Buffer> => {
  if (typeof body === 'string') {
    return Buffer.from(body, 'utf8');
  }
  if (body instanceof ArrayBuffer) {
    return Buffer.from(body);
  }
  if (ArrayBuffer.isView(body)) {
    return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  }
  // Anything else (URLSearchParams, Blob, streams…) goes through the platform's own encoding.
  return Buffer.from(await new Response(body).arrayBuffer());
};

/**
 * Reads a request body stream to the end and releases it. Unlike `request.arrayBuffer()`, this
 * leaves the stream closed and unlocked, so ky's clean-up `body.cancel()` resolves instead of
 * building and throwing a "stream is locked" error on every send.
 */
const drain = async (stream: ReadableStream<Uint8Array>): Promise<Buffer> => {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        break;
      }
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  return chunks.length === 1
    ? Buffer.from(chunks[0]!.buffer, chunks[0]!.byteOffset, chunks[0]!.byteLength)
    : Buffer.concat(chunks);
};

const headerRecord = (headers: Headers): Record<string, string> => {
  const record: Record<string, string> = {};
  // Headers iterates lower-case names and joins repeated values, which is what goes on the wire.
  for (const [name, value] of headers) {
    record[name] = value;
  }
  return record;
};

const isPlainRecord = (headers: HeadersInit): headers is Record<string, string> =>
  !(headers instanceof Headers) && !Array.isArray(headers);

/**
 * A plain header object as it goes on the wire, without building a `Headers` first (a measurable
 * share of a send's CPU). node:http validates names and values itself when it writes them.
 */
const lowerCaseRecord = (headers: Record<string, string>): Record<string, string> => {
  const record: Record<string, string> = {};
  for (const name of Object.keys(headers)) {
    const lower = name.toLowerCase();
    const value = String(headers[name]).trim();
    record[lower] = lower in record ? `${record[lower]}, ${value}` : value;
  }
  return record;
};

/**
 * Reads method, URL, headers, body bytes and signal from fetch-style arguments. ky always passes
 * a `Request` (plus an init without request fields), so that path avoids building another
 * `Request`; `init` fields still win, as in fetch.
 */
export const readRequestParts = async (
  input: RequestInfo | URL,
  init?: TransportInit
): Promise<RequestParts> => {
  const deadline = init?.timeoutMs === undefined ? undefined : performance.now() + init.timeoutMs;
  const request = input instanceof Request ? input : undefined;
  const url = new URL(request ? request.url : input instanceof URL ? input.href : String(input));
  const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
  const headers = init?.headers
    ? isPlainRecord(init.headers)
      ? lowerCaseRecord(init.headers)
      : headerRecord(new Headers(init.headers))
    : request
      ? headerRecord(request.headers)
      : {};
  const signal = init?.signal ?? request?.signal ?? undefined;

  let body: Buffer | undefined;
  if (init?.bodyBytes !== undefined) {
    if ((init.body !== undefined && init.body !== null) || request?.body) {
      throw new TypeError('bodyBytes is the body of a request that has none of its own');
    }
    const bytes = init.bodyBytes;
    body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  } else if (init?.body !== undefined && init.body !== null) {
    body = await bodyBytes(init.body);
  } else if (request?.body) {
    body = await drain(request.body);
  }

  return { url, method, headers, body, signal, deadline };
};
