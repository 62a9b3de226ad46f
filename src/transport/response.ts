import type { IncomingMessage } from 'node:http';

import { BufferedResponse } from './buffered-response.js';
import { decodeBody } from './content-encoding.js';
import { ResponseTooLargeError, UnreadableResponseError } from './errors.js';

/** Statuses whose responses have no body; `new Response` refuses a body for them. */
const nullBodyStatuses = new Set([101, 103, 204, 205, 304]);

const toHeaders = (rawHeaders: readonly string[]): Headers => {
  const headers = new Headers();
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    // rawHeaders keeps repeated fields apart; append joins them the way fetch does.
    headers.append(rawHeaders[index]!, rawHeaders[index + 1]!);
  }
  return headers;
};

/**
 * Buffers a Node response, at most `limit` bytes, into a web `Response`. The body is read whole
 * before resolving: SendSms answers are a few hundred bytes, and a complete read is what hands the
 * socket back to the keep-alive pool right away.
 */
export const collectResponse = (
  message: IncomingMessage,
  limit: number,
  url: URL
): Promise<Response> =>
  new Promise((resolve, reject) => {
    const announced = Number(message.headers['content-length']);
    if (Number.isFinite(announced) && announced > limit) {
      reject(new ResponseTooLargeError(limit));
      message.destroy();
      return;
    }

    const chunks: Buffer[] = [];
    let size = 0;
    message.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new ResponseTooLargeError(limit));
        // Destroying the message destroys the socket too: it must not go back to the pool.
        message.destroy();
        return;
      }
      chunks.push(chunk);
    });
    message.on('error', reject);
    message.once('aborted', () => reject(new Error('response aborted by the server')));
    message.once('end', () => {
      const status = message.statusCode ?? 0;
      try {
        // Node's parser takes any three digits; fetch (and HTTP) only 200–599 for a final answer.
        if (status < 200 || status > 599) {
          throw new UnreadableResponseError(`HTTP status ${status}, which HTTP does not define`);
        }
        const init = { status, statusText: message.statusMessage ?? '' };
        const makeHeaders = () => toHeaders(message.rawHeaders);
        const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
        const response = nullBodyStatuses.has(status)
          ? new Response(null, { ...init, headers: makeHeaders() })
          : new BufferedResponse(decodeBody(body, message.headers['content-encoding'], limit), init, makeHeaders);
        // A constructed Response has an empty url; fetch reports the requested one.
        Object.defineProperty(response, 'url', { value: url.href });
        resolve(response);
      } catch (error) {
        reject(error);
      }
    });
  });
