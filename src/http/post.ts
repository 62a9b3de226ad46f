import ky, { type Options } from 'ky';

import { maxResponseBytes } from '../constant.js';
import { cutText } from '../errors/redaction/cut.js';
import { generalError, invalidResponseError } from '../errors/connector-errors.js';
import type { SmsRequest } from '../sms-request.js';
import type { TransportInit } from '../transport/request-parts.js';

import { transportFetch } from './fetch.js';
import { innerError, unreachableAdvice } from './unreachable-advice.js';

export type RawResponse = { status: number; text: string };

/** Most of a system error's message shown where it has no code to name it by. */
const maxReasonLength = 60;

/**
 * The reason of a network failure, short: the system's code (ECONNREFUSED…), which fetch-style
 * errors keep in `cause`, or else its message. The message repeats the host and adds an address,
 * which the text around it already names.
 */
const reasonOf = (error: unknown): string => {
  const inner = innerError(error);
  const { code } = (inner ?? {}) as NodeJS.ErrnoException;
  if (typeof code === 'string' && code !== '') {
    return code;
  }
  return cutText(inner instanceof Error ? inner.message : String(inner), maxReasonLength);
};

const codeOf = (error: unknown) => (error as { code?: unknown } | undefined)?.code;

/**
 * Why an answer that arrived could not be read, or undefined for other failures: the transport's
 * own finding (a status HTTP does not define, an unknown compression), or Node's HTTP parser
 * refusing what came back (`HPE_…`), which is a broken answer rather than a broken connection.
 */
const unreadableReason = (error: unknown): string | undefined => {
  if (codeOf(error) === 'ERR_UNREADABLE_RESPONSE') {
    return String((error as { reason?: unknown }).reason);
  }
  const parserCode = String(codeOf(innerError(error)) ?? '');
  return parserCode.startsWith('HPE_') ? `it is not valid HTTP (${parserCode})` : undefined;
};

/**
 * POSTs the signed request once and returns status and body text. ky builds the request (method,
 * URL, headers, signal) and its errors; the body bytes (`bodyBytes`) and the deadline
 * (`timeoutMs`) go to the transport through ky's pass-through of options it does not know. Given
 * to ky itself, the body becomes a stream that ky tees and the transport reads back, and ky's
 * timeout adds a promise, a timer and an abort on top: together more CPU than the exchange. The
 * transport resolves only once the whole (capped) body is in, so the one deadline covers
 * connect, headers and body: a server that stalls at any point ends the send in time. No retry:
 * a repeated SendSms can deliver a second code.
 */
export const postOnce = async (request: SmsRequest, timeoutMs: number): Promise<RawResponse> => {
  const { host } = new URL(request.url);
  try {
    const options: Options & Pick<TransportInit, 'timeoutMs' | 'bodyBytes'> = {
      bodyBytes: request.body,
      headers: request.headers,
      fetch: transportFetch,
      retry: 0,
      timeout: false,
      timeoutMs,
      throwHttpErrors: false,
    };
    const response = await ky.post(request.url, options);
    return { status: response.status, text: await response.text() };
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') {
      throw generalError(
        `${host} did not answer within ${timeoutMs} ms, so the code may or may not have been sent: check Logto's network to it, or raise the timeout.`
      );
    }
    if (codeOf(error) === 'ERR_RESPONSE_TOO_LARGE') {
      throw generalError(
        `The answer from ${host} was larger than ${maxResponseBytes} bytes, which SendSms never sends: is the endpoint right, or is a proxy in the way?`
      );
    }
    const unreadable = unreadableReason(error);
    if (unreadable) {
      throw invalidResponseError(
        `The answer from ${host} could not be read: ${unreadable}. The code may or may not have been sent: check the endpoint and any proxy.`
      );
    }
    if (codeOf(error) === 'ERR_REQUEST_SENT') {
      throw generalError(
        `The connection to ${host} broke after the request went out (${reasonOf(error)}), so the code may or may not have been sent: check the SMS console's delivery records.`
      );
    }
    // No connection was made, so nothing went out: say so, and what to check.
    throw generalError(
      `Could not reach ${host} (${reasonOf(error)}); nothing was sent. ${unreachableAdvice(error)}`
    );
  }
};
