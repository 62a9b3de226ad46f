import { ConnectorError } from '@logto/connector-kit';
import { ZodError, type ZodIssue } from 'zod';

import { generalError } from './connector-errors.js';
import { redact, redactDeep } from './redact.js';

/**
 * The error with any secret removed from its data, and anything that is not a ConnectorError
 * (a bug of ours) turned into one, so Logto never shows a bare 500 or a secret.
 */
export const redactedError = (error: unknown, secrets: readonly unknown[]): ConnectorError => {
  if (!(error instanceof ConnectorError)) {
    return generalError(
      redact(`Unexpected failure in the Tencent SMS connector: ${String(error)}`, secrets)
    );
  }
  // A zod issue may quote the value it refused (an enum's `received`): a secret pasted into the
  // wrong field would reach the Console. A ZodError is rebuilt so Logto still lists its issues.
  const plain: unknown = error.data instanceof ZodError ? error.data.issues : error.data;
  const cleaned = redactDeep(plain, secrets);
  if (JSON.stringify(cleaned) === JSON.stringify(plain)) {
    return error;
  }
  return new ConnectorError(
    error.code,
    error.data instanceof ZodError ? new ZodError(cleaned as ZodIssue[]) : cleaned
  );
};
