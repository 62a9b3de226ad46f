import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';

import { cutText } from './redaction/cut.js';
import { findTencentCodeRule } from './tencent-codes.js';

/** The readable part Logto's Console shows as "Error occurred in connector: …". */
export type ErrorData = {
  errorDescription: string;
  /** Tencent's own code, when Tencent answered with one. */
  tencentCode?: string;
  requestId?: string;
};

const fallbackHint =
  "See Tencent Cloud's SendSms error code list; the RequestId lets Tencent support find this call.";

/**
 * Tencent's messages are a sentence; anything longer is not worth a Console toast or a log line.
 * The cut leaves its marker, so redaction can tell a secret's prefix from ordinary text.
 */
const maxMessageLength = 300;
const shorten = (text: string) => cutText(text, maxMessageLength);

/** One line an admin can act on: Tencent's code and message, our hint, and the RequestId. */
export const describeTencentError = (
  code: string,
  message: string,
  requestId: string | undefined,
  phoneNumber?: string
): string =>
  [
    `Tencent Cloud SMS returned ${shorten(code)}${phoneNumber ? ` for ${shorten(phoneNumber)}` : ''}: ${shorten(message) || '(no message)'}`,
    findTencentCodeRule(code, message)?.hint ?? fallbackHint,
    `RequestId: ${requestId === undefined ? 'none' : shorten(requestId)}`,
  ].join(' — ');

/** A Tencent error code (top-level or per number) as the ConnectorError Logto should show. */
export const tencentError = (
  code: string,
  message: string,
  requestId: string | undefined,
  phoneNumber?: string
): ConnectorError =>
  new ConnectorError(findTencentCodeRule(code, message)?.errorCode ?? ConnectorErrorCodes.General, {
    errorDescription: describeTencentError(code, message, requestId, phoneNumber),
    // Cut like the description: a broken answer's "code" or RequestId can fill the 1 MiB body,
    // and these fields reach logs and the Console as they are.
    tencentCode: shorten(code),
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

/** No configured template can serve this number and message type; nothing was sent. */
export const templateNotFoundError = (destination: string, type: string): ConnectorError =>
  new ConnectorError(ConnectorErrorCodes.TemplateNotFound, {
    errorDescription: `No template for ${destination} numbers (message type ${type}): add one with usageType "Generic" and destination "${destination}".`,
  } satisfies ErrorData);
