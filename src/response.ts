import { generalError, invalidResponseError, tencentError } from './errors/connector-errors.js';
import { describeForeignAnswer, excerpt } from './errors/foreign-answer.js';
import { cutText } from './errors/redaction/cut.js';
import type { RawResponse } from './http/post.js';
import {
  sendSmsSuccessBodyGuard,
  tencentErrorBodyGuard,
  type SendSmsResult,
} from './types.js';

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/**
 * Turns Tencent's answer to a one-number SendSms into the result, or into the ConnectorError an
 * admin can act on. Tencent answers failures with HTTP 200 in two ways — a top-level
 * `Response.Error`, or a per-number `Code` other than `Ok` — so success needs every item checked.
 */
export const interpretResponse = (
  { status, text }: RawResponse,
  expectedNumbers: number
): SendSmsResult => {
  const json = parseJson(text);
  // Only an answer that has `Response.Error` is checked for one: a failing safeParse builds a
  // ZodError, which on every successful send would cost more than the rest of the parsing.
  const hasError = (json as { Response?: { Error?: unknown } } | undefined)?.Response?.Error;
  const tencentFailure = hasError === undefined ? undefined : tencentErrorBodyGuard.safeParse(json);
  if (tencentFailure?.success) {
    const { Error: error, RequestId } = tencentFailure.data.Response;
    throw tencentError(error.Code, error.Message, RequestId);
  }
  if (status !== 200) {
    throw generalError(describeForeignAnswer(status, text));
  }
  if (json === undefined) {
    // A page where JSON belongs: a gateway, a proxy's login page, a wrong endpoint.
    throw invalidResponseError(
      /^\s*</.test(text)
        ? describeForeignAnswer(status, text)
        : `Tencent Cloud SMS answered with a body that is not JSON (${excerpt(text, 80)}): check the endpoint and any proxy in between; the code may or may not have been sent.`
    );
  }
  const success = sendSmsSuccessBodyGuard.safeParse(json);
  if (!success.success) {
    throw invalidResponseError(
      `Tencent Cloud SMS answered with JSON that is not a SendSms response (${excerpt(text, 80)}): check that the endpoint is Tencent Cloud SMS or the emulator; the code may or may not have been sent.`
    );
  }

  const { SendStatusSet: statuses, RequestId: requestId } = success.data.Response;
  if (statuses.length !== expectedNumbers) {
    throw invalidResponseError(
      `Tencent Cloud SMS reported ${statuses.length} send results for ${expectedNumbers} number(s): check the SMS console's delivery records before sending again. RequestId: ${cutText(requestId, 300)}`
    );
  }
  const failed = statuses.find((item) => item.Code !== 'Ok');
  if (failed) {
    throw tencentError(failed.Code, failed.Message ?? '', requestId, failed.PhoneNumber);
  }

  return {
    requestId,
    messages: statuses.map((item) => ({
      phoneNumber: item.PhoneNumber,
      serialNo: item.SerialNo,
      fee: item.Fee,
      isoCode: item.IsoCode,
    })),
  };
};

