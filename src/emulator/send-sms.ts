import { randomInt } from 'node:crypto';

import type { Account, Destination, Template } from './account.js';
import { ApiError } from './api-error.js';
import { messageFor, type Language, type TencentCode } from './error-catalog.js';
import type { FrequencyLimiter } from './frequency-limiter.js';
import { internationalLimitCode } from './international-limits.js';
import type { MessageStore } from './message-store.js';
import { parsePhoneNumber, phoneNumberProblem, type ParsedNumber } from './phone.js';
import type { RegionDailyCounter } from './region-daily-counter.js';
import { countFee, placeholderCount, renderMessage } from './render.js';
import type { SendSmsRequest } from './send-request.js';

/** One `Response.SendStatusSet[]` item, field for field as Tencent returns it. */
export type SendStatus = {
  SerialNo: string;
  PhoneNumber: string;
  Fee: number;
  SessionContext: string;
  Code: TencentCode;
  Message: string;
  IsoCode: string;
};

export type SendContext = {
  readonly account: Account;
  readonly region: string;
  readonly requestId: string;
  readonly language: Language;
  /** Server time in milliseconds. */
  readonly now: number;
  readonly limiter: FrequencyLimiter;
  readonly regionCounter: RegionDailyCounter;
  readonly store: MessageStore;
};

const serialNumber = (): string =>
  `${randomInt(1000, 9999)}:${Array.from({ length: 28 }, () => randomInt(10)).join('')}`;

const destinationOf = (numbers: ReadonlyArray<ParsedNumber | undefined>): Destination | undefined => {
  const kinds = new Set(numbers.flatMap((number) => (number ? [number.destination] : [])));
  if (kinds.size > 1) {
    throw new ApiError('UnsupportedOperation.ContainDomesticAndInternationalPhoneNumber');
  }
  return [...kinds][0];
};

const checkSignature = (account: Account, destination: Destination, signName?: string) => {
  // International messages may go unsigned; mainland carriers require an approved signature.
  if (!signName && destination === 'international') {
    return;
  }
  if (!signName || !account.signatures.includes(signName)) {
    throw new ApiError(
      'FailedOperation.SignatureIncorrectOrUnapproved',
      signName ? `SignName ${signName}.` : 'SignName is required for Chinese mainland numbers.'
    );
  }
};

/**
 * What Tencent treats as a link in a template parameter: a scheme, `www.`, or a host name under a
 * common top-level domain. Links must be part of the reviewed template text, never a variable.
 */
const urlLike =
  /[a-z][a-z0-9+.-]*:\/\/|\bwww\.|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|cn|net|org|io|co|me|cc|xyz|top|info|app|link|ly)\b/i;

const checkTemplate = (template: Template, destination: Destination, params: readonly string[]) => {
  if (template.destination === 'mainland' && destination === 'international') {
    throw new ApiError('UnsupportedOperation.ChineseMainlandTemplateToGlobalPhone');
  }
  if (template.destination === 'international' && destination === 'mainland') {
    throw new ApiError('UnsupportedOperation.GlobalTemplateToChineseMainlandPhone');
  }
  const expected = placeholderCount(template.text);
  if (params.length !== expected) {
    throw new ApiError(
      'FailedOperation.TemplateParamSetNotMatchApprovedTemplate',
      `Template ${template.id} takes ${expected} parameter(s), got ${params.length}.`
    );
  }
  for (const param of params) {
    if (urlLike.test(param)) {
      throw new ApiError('InvalidParameterValue.ProhibitedUseUrlInTemplateParameter');
    }
    if (template.verificationCode && !/^\d{0,6}$/.test(param)) {
      throw new ApiError('InvalidParameterValue.TemplateParameterFormatError');
    }
    if (Array.from(param).length > template.maxParamLength) {
      throw new ApiError(
        'InvalidParameterValue.TemplateParameterLengthLimit',
        `At most ${template.maxParamLength} characters.`
      );
    }
  }
};

/**
 * SendSms itself, after authentication: request-level checks throw ApiError (answered as
 * `Response.Error`), while problems with single numbers — format, frequency limits — come back
 * per number in the status list with HTTP 200, exactly where a connector must look for them.
 */
export const sendSms = (request: SendSmsRequest, context: SendContext): SendStatus[] => {
  const { account } = context;
  const app = account.apps.find((candidate) => candidate.sdkAppId === request.sdkAppId);
  if (!app || app.region !== context.region) {
    throw new ApiError('InvalidParameterValue.SdkAppIdNotExist', `SdkAppId ${request.sdkAppId} in ${context.region}.`);
  }
  const numbers = request.phoneNumbers.map((raw) => parsePhoneNumber(raw));
  const template = account.templates.find((candidate) => candidate.id === request.templateId);
  if (!template?.approved) {
    throw new ApiError('FailedOperation.TemplateIncorrectOrUnapproved', `TemplateId ${request.templateId}.`);
  }
  const destination = destinationOf(numbers) ?? template.destination;
  checkSignature(account, destination, request.signName);
  checkTemplate(template, destination, request.params);

  const text = renderMessage(template.text, request.params, destination, request.signName);
  if (Array.from(text).length > account.maxContentLength) {
    throw new ApiError(
      'InvalidParameterValue.ContentLengthLimit',
      `At most ${account.maxContentLength} characters, signature included.`
    );
  }
  const lowerText = text.toLowerCase();
  if (account.sensitiveWords.some((word) => lowerText.includes(word.toLowerCase()))) {
    throw new ApiError('FailedOperation.ContainSensitiveWord');
  }
  const status = (raw: string, code: TencentCode, extra: Partial<SendStatus> = {}): SendStatus => ({
    SerialNo: '',
    PhoneNumber: raw,
    Fee: 0,
    SessionContext: request.sessionContext,
    Code: code,
    Message: messageFor(code, context.language),
    IsoCode: '',
    ...extra,
  });

  return request.phoneNumbers.map((raw, index) => {
    const number = numbers[index];
    if (!number) {
      return status(raw, phoneNumberProblem(raw));
    }
    const limited =
      (number.destination === 'international'
        ? internationalLimitCode(app, number.isoCode, context.regionCounter, context.now)
        : undefined) ?? context.limiter.check(number.e164, context.now);
    if (limited) {
      return status(number.e164, limited, { IsoCode: number.isoCode });
    }
    context.limiter.record(number.e164, context.now);
    if (number.destination === 'international') {
      context.regionCounter.record(app.sdkAppId, number.isoCode, context.now);
    }
    const serialNo = serialNumber();
    const fee = countFee(text);
    context.store.add({
      serialNo,
      requestId: context.requestId,
      phoneNumber: number.e164,
      isoCode: number.isoCode,
      sdkAppId: app.sdkAppId,
      templateId: template.id,
      signName: request.signName ?? null,
      params: request.params,
      text,
      fee,
      receivedAt: new Date(context.now).toISOString(),
    });
    return status(number.e164, 'Ok', { SerialNo: serialNo, Fee: fee, IsoCode: number.isoCode });
  });
};
