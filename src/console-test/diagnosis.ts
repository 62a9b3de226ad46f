import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import { ZodError } from 'zod';

import { redactedError } from '../errors/redacted-error.js';

import { failureClassOf } from './failure-classes.js';
import { errorDescriptionOf, logtoDisplay } from './logto-display.js';
import { numberReading } from './number-reading.js';

/** `data` of the error a Console test throws: the diagnosis, and what a sign-in flow would get. */
export type ConsoleTestErrorData = {
  errorDescription: string;
  /** The code the same failure has in a sign-in flow. */
  signInCode: string;
  tencentCode?: string;
  requestId?: string;
};

const textField = (data: unknown, key: string): string | undefined => {
  const value = typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/** Ends a text with a full stop, so the sentence after it reads as one. */
const asSentence = (text: string): string => {
  const trimmed = text.trimEnd();
  return /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
};

/** Data without a description is shown as JSON, up to what a toast can hold. */
const maxJsonLength = 500;
const jsonOf = (data: unknown): string => {
  let json: string;
  try {
    json = JSON.stringify(data) ?? String(data);
  } catch {
    // A BigInt or a cycle: the conversion must still produce a ConnectorError.
    return '(details that cannot be shown as JSON)';
  }
  return json.length > maxJsonLength ? `${json.slice(0, maxJsonLength)}…` : json;
};

/** The connector's explanation, with Tencent's code and the RequestId added if it lacks them. */
const explanationOf = (error: ConnectorError): string => {
  const text =
    errorDescriptionOf(error.data) ??
    (error.data === undefined ? logtoDisplay(error).message : jsonOf(error.data));
  const tencentCode = textField(error.data, 'tencentCode');
  const requestId = textField(error.data, 'requestId');
  return [
    asSentence(text),
    tencentCode && !text.includes(tencentCode) ? `Tencent code: ${tencentCode}.` : undefined,
    requestId && !text.includes(requestId) ? `RequestId: ${requestId}.` : undefined,
  ]
    .filter(Boolean)
    .join(' ');
};

/**
 * The error a Console test ("Send" with the unsaved form) throws. Logto shows a connector's own
 * words only for `general`, so every other code would reach the admin as a bare fixed phrase
 * ("Trigger rate limit. Please try again later.") with the cause, Tencent's code and the RequestId
 * hidden. Here every failure becomes `general`: its class (and what a sign-in flow shows for it),
 * the connector's explanation and fix, and how the number was read. An `invalid_config` with its
 * zod issues stays: Logto lists them. Real flows never pass a config and keep the precise codes.
 * `secrets` are removed from the result, as from every error the connector throws.
 */
export const consoleTestError = (
  error: ConnectorError,
  to: unknown,
  secrets: readonly unknown[]
): ConnectorError => {
  if (error.code === ConnectorErrorCodes.InvalidConfig && error.data instanceof ZodError) {
    return error;
  }
  const explanation = explanationOf(error);
  const reading = numberReading(to);
  let errorDescription: string;
  if (error.code === ConnectorErrorCodes.General) {
    errorDescription = `${explanation} ${reading}`;
  } else {
    const { name, fix } = failureClassOf(error.code);
    const signIn = logtoDisplay(error);
    errorDescription = [
      `${name} (in sign-in flows Logto answers ${signIn.status} "${signIn.message}"): ${explanation}`,
      fix,
      reading,
    ]
      .filter(Boolean)
      .join(' ');
  }
  const data: ConsoleTestErrorData = {
    errorDescription,
    signInCode: error.code,
    tencentCode: textField(error.data, 'tencentCode'),
    requestId: textField(error.data, 'requestId'),
  };
  // Cleaned again: the diagnosis is new text, and it repeats what the caller passed.
  return redactedError(new ConnectorError(ConnectorErrorCodes.General, data), secrets);
};
