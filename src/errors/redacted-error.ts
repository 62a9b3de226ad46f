import { ConnectorError } from '@logto/connector-kit';
import { ZodError, type ZodIssue } from 'zod';

import { generalError } from './connector-errors.js';
import { redact } from './redact.js';

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
  // wrong field would reach the Console. Rebuild the ZodError so Logto still lists its issues.
  if (error.data instanceof ZodError) {
    const serialized = JSON.stringify(error.data.issues);
    const cleaned = redact(serialized, secrets);
    return cleaned === serialized
      ? error
      : new ConnectorError(error.code, new ZodError(JSON.parse(cleaned) as ZodIssue[]));
  }
  const serialized = JSON.stringify(error.data ?? null);
  const cleaned = redact(serialized, secrets);
  return cleaned === serialized ? error : new ConnectorError(error.code, JSON.parse(cleaned));
};
