import { ConnectorError, type ConnectorErrorCodes } from '@logto/connector-kit';

import type { ErrorData } from './connector-errors.js';

/**
 * A send the connector refused on purpose: a rule of the abuse guard, or the International switch.
 * What Logto returns to the browser is `data`, so `data.errorDescription` names the rule in words
 * only (`rule`): an attacker learns neither the limits nor the settings that would let it through.
 * The full advice (limits, the setting to change) is `advice`, a property of the error itself,
 * which only the Console test, the CLI and the operator's log read.
 */
export class RefusalError extends ConnectorError {
  constructor(
    code: ConnectorErrorCodes,
    /** The rule in words, as the end user's browser receives it. */
    readonly rule: string,
    /** The rule with its numbers and how to change it, for the operator. */
    readonly advice: string
  ) {
    super(code, { errorDescription: rule } satisfies ErrorData);
  }
}

/** The operator's text of a refusal, or undefined when the error is not a `RefusalError`. */
export const adviceOf = (error: unknown): string | undefined =>
  error instanceof RefusalError ? error.advice : undefined;
