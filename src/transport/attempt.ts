import type { Agent, ClientRequest } from 'node:http';
import type { Socket } from 'node:net';

import { RequestSentError, ResponseTooLargeError, StaleSocketError, UnreadableResponseError } from './errors.js';
import { endIdle, isPastIdleBound, noteKeepAliveHint } from './idle-policy.js';
import type { RequestParts } from './request-parts.js';
import { collectResponse } from './response.js';
import { startRequest } from './start-request.js';

/** Errors by which a connection that the server already closed shows itself. */
const closedSocketCodes = new Set(['ECONNRESET', 'EPIPE']);

const errorCode = (error: unknown): string | undefined =>
  (error as NodeJS.ErrnoException | undefined)?.code;

/** Is the socket still usable for writing, as far as Node has seen? */
const isOpen = (socket: Socket): boolean =>
  !socket.destroyed && socket.writable && !socket.readableEnded;

/**
 * Runs `callback` after the event loop has polled for I/O at least once. An immediate queued
 * from the check phase runs in the next iteration, after its poll, so a close that the server
 * sent before this point has been read by then.
 */
const afterNextPoll = (callback: () => void): void => {
  setImmediate(() => setImmediate(callback));
};

const abortReason = (signal: AbortSignal): unknown =>
  signal.reason ?? new DOMException('This operation was aborted', 'AbortError');

/** The reason `AbortSignal.timeout` gives, so callers handle both deadlines alike. */
const timeoutReason = (): DOMException =>
  new DOMException('The operation was aborted due to timeout', 'TimeoutError');

/** The headers as they go out: the caller's, with the framing length of the body. */
const headersOf = (parts: RequestParts): Record<string, string> =>
  parts.body ? { ...parts.headers, 'content-length': String(parts.body.length) } : parts.headers;

/** A request opened ahead of time gets the send's headers; it has written nothing yet. */
const completeOpened = (request: ClientRequest, headers: Record<string, string>): ClientRequest => {
  for (const [name, value] of Object.entries(headers)) {
    request.setHeader(name, value);
  }
  return request;
};

/**
 * Sends one request over the agent and resolves with the buffered response. Rejects with
 * `StaleSocketError` only when a reused socket was found closed before any request byte was
 * handed to it, the one case the caller may retry. The write to a reused socket waits until the
 * event loop has polled once, so that a close the server already sent is seen first; that costs
 * microseconds and spares a send that would hit a dead connection. A reused socket idle past its
 * bound is refused the same way, before the server's own idle timeout can close it under the
 * request. `opened` is a request opened ahead for this method and URL, used instead of a new one.
 */
export const attemptRequest = (
  parts: RequestParts,
  agent: Agent,
  maxResponseBytes: number,
  opened?: ClientRequest
): Promise<Response> =>
  new Promise((resolve, reject) => {
    const { signal, body, deadline } = parts;
    if (signal?.aborted) {
      opened?.destroy();
      reject(abortReason(signal));
      return;
    }
    if (deadline !== undefined && deadline <= performance.now()) {
      opened?.destroy();
      reject(timeoutReason());
      return;
    }

    let settled = false;
    let written = false;
    // The whole request reached the socket ('finish'), or an answer began: the server may act on it.
    let sent = false;
    let reused = false;
    const headers = headersOf(parts);
    const request = opened
      ? completeOpened(opened, headers)
      : startRequest({ url: parts.url, method: parts.method, headers, agent });

    const finish = (outcome: () => void) => {
      if (settled) {
        return;
      }
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      clearTimeout(timer);
      outcome();
    };
    const fail = (error: unknown) => {
      if (
        error instanceof StaleSocketError ||
        error instanceof ResponseTooLargeError ||
        error instanceof UnreadableResponseError
      ) {
        finish(() => reject(error));
        return;
      }
      // Only a reused socket that died before we handed it a byte: the server saw nothing.
      const stale = reused && !written && closedSocketCodes.has(errorCode(error) ?? '');
      // A reused socket is connected, so what was handed to it may be on its way even before
      // Node reports the write done; a new one only carries bytes once connected and flushed.
      const maybeSent = sent || (reused && written);
      finish(() =>
        reject(
          stale ? new StaleSocketError({ cause: error }) : maybeSent ? new RequestSentError({ cause: error }) : error
        )
      );
    };
    const onAbort = () => {
      const reason = abortReason(signal!);
      // Destroying the request destroys its socket: a half-sent request must never be pooled.
      request.destroy();
      finish(() => reject(reason));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const onDeadline = () => {
      request.destroy();
      finish(() => reject(timeoutReason()));
    };
    const timer = deadline === undefined ? undefined : setTimeout(onDeadline, deadline - performance.now());

    const write = () => {
      written = true;
      request.end(body);
    };

    request.on('error', fail);
    request.once('finish', () => {
      sent = true;
    });
    const onSocket = (socket: Socket) => {
      reused = request.reusedSocket === true;
      if (!reused) {
        write();
        return;
      }
      if (isPastIdleBound(socket)) {
        request.destroy();
        fail(new StaleSocketError());
        return;
      }
      endIdle(socket);
      afterNextPoll(() => {
        if (settled) {
          return;
        }
        if (!isOpen(socket)) {
          request.destroy();
          fail(new StaleSocketError());
          return;
        }
        write();
      });
    };
    // An opened request may have its socket already.
    if (request.socket) {
      onSocket(request.socket as Socket);
    } else {
      request.once('socket', onSocket);
    }
    // Resolve only once the request has closed, i.e. its socket is back in the pool: a caller
    // that sends again right away then reuses it instead of opening another connection.
    let closed = false;
    let received: Response | undefined;
    request.once('close', () => {
      closed = true;
      if (received) {
        finish(() => resolve(received!));
      }
    });
    request.once('response', (message) => {
      sent = true;
      noteKeepAliveHint(message.socket, String(message.headers['keep-alive'] ?? '') || undefined);
      collectResponse(message, maxResponseBytes, parts.url).then(
        (response) => {
          received = response;
          if (closed) {
            finish(() => resolve(response));
          }
        },
        fail
      );
    });
  });
