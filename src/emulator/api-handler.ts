import { randomUUID } from 'node:crypto';

import type { Account } from './account.js';
import { ApiError } from './api-error.js';
import { authenticate } from './authenticate.js';
import { messageFor, pickLanguage, type TencentCode } from './error-catalog.js';
import type { FrequencyLimiter } from './frequency-limiter.js';
import type { MessageStore } from './message-store.js';
import type { RegionDailyCounter } from './region-daily-counter.js';
import { parseSendRequest } from './send-request.js';
import { sendSms, type SendStatus } from './send-sms.js';

export type ApiState = {
  readonly account: Account;
  readonly limiter: FrequencyLimiter;
  readonly regionCounter: RegionDailyCounter;
  readonly store: MessageStore;
  /** Milliseconds, injectable so tests can replay signed vectors from the past. */
  readonly clock: () => number;
};

/** What one API call came to, for the emulator's request log. Holds no credentials. */
export type ApiOutcome = {
  readonly requestId: string;
  /** The top-level error code, or `Ok` when SendStatusSet was returned. */
  readonly code: TencentCode;
  readonly statuses: readonly SendStatus[];
};

export type ApiResult = { readonly body: unknown; readonly outcome: ApiOutcome };

/**
 * Answers one API POST the way Tencent does: always a `Response` object with a fresh RequestId,
 * either an `Error {Code, Message}` or the `SendStatusSet`. Never throws for client mistakes.
 */
export const handleApiRequest = (
  state: ApiState,
  headers: Readonly<Record<string, string | undefined>>,
  body: Uint8Array
): ApiResult => {
  const requestId = randomUUID();
  const language = pickLanguage(headers['x-tc-language']);
  const nowMs = state.clock();
  try {
    const { region } = authenticate(state.account, {
      headers,
      body,
      now: Math.floor(nowMs / 1000),
    });
    const request = parseSendRequest(body);
    const statuses = sendSms(request, {
      account: state.account,
      region,
      requestId,
      language,
      now: nowMs,
      limiter: state.limiter,
      regionCounter: state.regionCounter,
      store: state.store,
    });
    return {
      body: { Response: { SendStatusSet: statuses, RequestId: requestId } },
      outcome: { requestId, code: 'Ok', statuses },
    };
  } catch (error) {
    if (!(error instanceof ApiError)) {
      throw error;
    }
    const base = messageFor(error.code, language);
    const message = error.detail ? `${base} ${error.detail}` : base;
    return {
      body: { Response: { Error: { Code: error.code, Message: message }, RequestId: requestId } },
      outcome: { requestId, code: error.code, statuses: [] },
    };
  }
};
