import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';

import { cutText } from './redaction/cut.js';
import { findTencentCodeRule } from './tencent-codes.js';

/** The readable part Logto's Console shows as "Error occurred in connector: …". */
export type ErrorData = {
  errorDescription: string;
  /** Tencent's own code, message and the number it named, when Tencent answered with a code. */
  tencentCode?: string;
  tencentMessage?: string;
  phoneNumber?: string;
  requestId?: string;
};

/**
 * Tencent's messages are a sentence; anything longer is not worth a Console toast or a log line.
 * The cut leaves its marker, so redaction can tell a secret's prefix from ordinary text.
 */
const maxMessageLength = 300;
const shorten = (text: string) => cutText(text, maxMessageLength);
/** Tencent's message where it is the only explanation: what fits a toast beside the rest. */
const maxQuotedMessageLength = 70;

/** The RequestId as the sentence that ends a description. */
export const requestIdSentence = (requestId: string | undefined): string =>
  `RequestId: ${requestId === undefined ? 'none' : shorten(requestId)}.`;

/**
 * The sentence that ends the description of a Tencent error with advice of ours: the code and
 * the RequestId to look it up by. The Console test takes it off and adds back what fits its toast.
 */
export const tencentReference = (code: string, requestId: string | undefined): string =>
  `Tencent: ${shorten(code)}, ${requestIdSentence(requestId)}`;

/**
 * One line an admin can act on in the seconds a toast stays: the cause and fix first, then
 * Tencent's code and the RequestId to look it up by. Tencent's message says the cause again in
 * other words, so it is quoted only for a code with no advice of ours (it stays in the data), and
 * then after the code, which is what there is to look up in Tencent's list of SendSms errors.
 */
export const describeTencentError = (code: string, message: string, requestId: string | undefined): string => {
  const rule = findTencentCodeRule(code, message);
  if (rule) {
    return `${rule.hint} ${tencentReference(code, requestId)}`;
  }
  const cut = cutText(message.trim(), maxQuotedMessageLength) || '(no message)';
  const quoted = /[.!?。！？…]$/.test(cut) ? cut : `${cut}.`;
  return `Tencent answered ${shorten(code)}: ${quoted} ${requestIdSentence(requestId)}`;
};

/** A Tencent error code (top-level or per number) as the ConnectorError Logto should show. */
export const tencentError = (
  code: string,
  message: string,
  requestId: string | undefined,
  phoneNumber?: string
): ConnectorError =>
  new ConnectorError(findTencentCodeRule(code, message)?.errorCode ?? ConnectorErrorCodes.General, {
    errorDescription: describeTencentError(code, message, requestId),
    // Cut like the description: a broken answer's "code" or RequestId can fill the 1 MiB body,
    // and these fields reach logs and the Console as they are.
    tencentCode: shorten(code),
    tencentMessage: shorten(message),
    phoneNumber: phoneNumber === undefined ? undefined : shorten(phoneNumber),
    requestId: requestId === undefined ? undefined : shorten(requestId),
  } satisfies ErrorData);

/** A failure with no Tencent code: network faults, timeouts, gateway pages. */
export const generalError = (errorDescription: string): ConnectorError =>
  new ConnectorError(ConnectorErrorCodes.General, { errorDescription } satisfies ErrorData);

/** A 200 answer that is not the documented SendSms JSON. */
export const invalidResponseError = (errorDescription: string): ConnectorError =>
  new ConnectorError(ConnectorErrorCodes.InvalidResponse, { errorDescription } satisfies ErrorData);

/** Bad input from Logto's side of the call (phone number, missing code). */
export const invalidRequestError = (errorDescription: string): ConnectorError =>
  new ConnectorError(ConnectorErrorCodes.InvalidRequestParameters, {
    errorDescription,
  } satisfies ErrorData);

/**
 * No configured template can serve this number; nothing was sent. The message type is not named:
 * validation asks for a Generic entry wherever an entry serves a destination, so a template is
 * missing only where no entry serves the destination at all.
 */
export const templateNotFoundError = (destination: string): ConnectorError =>
  new ConnectorError(ConnectorErrorCodes.TemplateNotFound, {
    errorDescription: `No template serves ${destination} numbers: add one with destination "${destination}".`,
  } satisfies ErrorData);
