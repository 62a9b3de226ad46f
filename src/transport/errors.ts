/** Errors the transport raises itself; the core maps them (and any other) to a ConnectorError. */

/**
 * The response body (or its announced length) went past the cap. Raised instead of buffering
 * without bound, because a misconfigured endpoint or proxy could otherwise fill memory.
 */
export class ResponseTooLargeError extends Error {
  readonly code = 'ERR_RESPONSE_TOO_LARGE';

  constructor(readonly limit: number) {
    super(`response body exceeds ${limit} bytes`);
    this.name = 'ResponseTooLargeError';
  }
}

/**
 * A pooled socket turned out to be closed by the server before any byte of the request went
 * out. The only failure that is safe to send again: the server cannot have seen the request.
 */
export class StaleSocketError extends Error {
  readonly code = 'ERR_STALE_SOCKET';

  constructor(options?: { cause?: unknown }) {
    super('pooled connection was closed by the server before the request was written', options);
    this.name = 'StaleSocketError';
  }
}

/**
 * The connection failed after the whole request was handed to it (or after the answer began), so
 * the server may have acted on it. Never retried, and reported apart from a connection that could
 * not be made: for SendSms it means a code may have been delivered. The original error is `cause`.
 */
export class RequestSentError extends Error {
  readonly code = 'ERR_REQUEST_SENT';

  constructor(options: { cause: unknown }) {
    super('the connection failed after the request was sent', options);
    this.name = 'RequestSentError';
  }
}

/**
 * An answer that arrived but cannot be read as HTTP gives it: a status HTTP does not define (fetch
 * cannot represent 999), or a body in a content-encoding that is unknown or does not decode.
 * Reported as an unreadable answer, not as a broken connection. `reason` names what was wrong.
 */
export class UnreadableResponseError extends Error {
  readonly code = 'ERR_UNREADABLE_RESPONSE';

  constructor(readonly reason: string) {
    super(`unreadable response: ${reason}`);
    this.name = 'UnreadableResponseError';
  }
}
