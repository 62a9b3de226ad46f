import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';

export type Failure = {
  /** ConnectorErrorCodes value, or `unexpected` for something that is not a ConnectorError. */
  readonly code: string;
  readonly tencentCode?: string;
  readonly requestId?: string;
  /** What Logto's Console toast would say. */
  readonly logtoText: string;
};

type ZodLike = { issues: Array<{ path: Array<string | number>; message: string }> };

const isZodLike = (value: unknown): value is ZodLike =>
  typeof value === 'object' &&
  value !== null &&
  Array.isArray((value as { issues?: unknown }).issues);

const describeData = (data: unknown): string => {
  if (typeof data === 'object' && data !== null) {
    const { errorDescription } = data as { errorDescription?: unknown };
    if (typeof errorDescription === 'string') {
      return errorDescription;
    }
    if (isZodLike(data)) {
      return data.issues
        .map((issue) => `${issue.path.join('.') || '(config)'}: ${issue.message}`)
        .join('; ');
    }
  }
  return data === undefined ? '' : JSON.stringify(data);
};

/**
 * Reads an error thrown by `sendMessage` the way Logto does: for `general` the Console shows
 * "Error occurred in connector: <errorDescription>", for an invalid config each zod issue; for
 * the other codes its own phrase, here named by the code with the connector's detail after it.
 */
export const readFailure = (error: unknown): Failure => {
  if (!(error instanceof ConnectorError)) {
    const message = error instanceof Error ? error.message : String(error);
    return { code: 'unexpected', logtoText: `Unexpected failure: ${message}` };
  }
  const data = (error.data ?? {}) as { tencentCode?: unknown; requestId?: unknown };
  const detail = describeData(error.data);
  const logtoText =
    error.code === ConnectorErrorCodes.General
      ? `Error occurred in connector: ${detail}`
      : `[${error.code}] ${detail}`;
  return {
    code: error.code,
    tencentCode: typeof data.tencentCode === 'string' ? data.tencentCode : undefined,
    requestId: typeof data.requestId === 'string' ? data.requestId : undefined,
    logtoText,
  };
};
