import { ConnectorError } from '@logto/connector-kit';

import { displayLines, logtoDisplay, type LogtoDisplay } from '../console-test/index.js';

export type Failure = {
  /** ConnectorErrorCodes value, or `unexpected` for something that is not a ConnectorError. */
  readonly code: string;
  readonly tencentCode?: string;
  readonly tencentMessage?: string;
  readonly requestId?: string;
  /** What Logto answers for this error, by its display rule. */
  readonly display: LogtoDisplay;
  /** The same as one line: the phrase and any details after it. */
  readonly logtoText: string;
};

const textField = (data: unknown, key: string): string | undefined => {
  const value = typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' ? value : undefined;
};

/**
 * Reads an error thrown by `sendMessage` the way Logto does (see `logtoDisplay`): for `general`
 * "Error occurred in connector: <errorDescription>", for an invalid config the phrase and each zod
 * issue, for the other codes Logto's fixed phrase.
 */
export const readFailure = (error: unknown): Failure => {
  const display = logtoDisplay(error);
  const data = error instanceof ConnectorError ? error.data : undefined;
  return {
    code: error instanceof ConnectorError ? error.code : 'unexpected',
    tencentCode: textField(data, 'tencentCode'),
    tencentMessage: textField(data, 'tencentMessage'),
    requestId: textField(data, 'requestId'),
    display,
    logtoText: displayLines(display).join(' '),
  };
};
