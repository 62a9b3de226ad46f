import type { TencentCode } from './error-catalog.js';

/**
 * A request-level failure, answered as `Response.Error`. `detail` names the offending parameter
 * or value (never a secret) and is appended to the catalog message, as Tencent does.
 */
export class ApiError extends Error {
  constructor(
    readonly code: TencentCode,
    readonly detail?: string
  ) {
    super(detail ? `${code}: ${detail}` : code);
    this.name = 'ApiError';
  }
}
