import { ConnectorErrorCodes } from '@logto/connector-kit';

/** A class of failure as an admin reads it, for an error that carries no words of its own. */
export type FailureClass = {
  readonly name: string;
};

/**
 * Names for the codes whose text Logto hides outside `general`. A code missing here (one added
 * later, or another engineer's) is still named: by the code itself, see `failureClassOf`.
 */
const failureClasses: Readonly<Record<string, FailureClass>> = {
  [ConnectorErrorCodes.InvalidRequestParameters]: { name: 'Request refused' },
  [ConnectorErrorCodes.InsufficientRequestParameters]: { name: 'Missing input' },
  [ConnectorErrorCodes.TemplateNotFound]: { name: 'No matching template' },
  [ConnectorErrorCodes.RateLimitExceeded]: { name: 'Rate limit' },
  [ConnectorErrorCodes.UsageLimitExceeded]: { name: 'Usage limit' },
  [ConnectorErrorCodes.InvalidResponse]: { name: 'Unreadable answer' },
  [ConnectorErrorCodes.InvalidConfig]: { name: 'Invalid config' },
};

/** The class of failure for a ConnectorError code; never undefined, whatever the code. */
export const failureClassOf = (code: string): FailureClass =>
  failureClasses[code] ?? { name: `Connector error "${code}"` };
