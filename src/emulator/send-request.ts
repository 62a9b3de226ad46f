import { ApiError } from './api-error.js';

/** The SendSms body fields the emulator reads, after type checks. */
export type SendSmsRequest = {
  readonly phoneNumbers: readonly string[];
  readonly sdkAppId: string;
  readonly templateId: string;
  readonly params: readonly string[];
  readonly signName?: string;
  readonly senderId?: string;
  readonly sessionContext: string;
};

const optionalString = (body: Record<string, unknown>, key: string): string | undefined => {
  const value = body[key];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'string') {
    throw new ApiError('InvalidParameter', `${key} must be a string.`);
  }
  return value;
};

const requiredString = (body: Record<string, unknown>, key: string): string => {
  const value = optionalString(body, key);
  if (!value) {
    throw new ApiError('MissingParameter', `The request is missing the ${key} parameter.`);
  }
  return value;
};

const stringArray = (body: Record<string, unknown>, key: string): string[] | undefined => {
  const value = body[key];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new ApiError('InvalidParameter', `${key} must be an array of strings.`);
  }
  return value;
};

/**
 * Parses and type-checks a SendSms JSON body. Malformed JSON and wrong types are
 * `InvalidParameter`, absent required fields `MissingParameter`, as on Tencent's gateway.
 */
export const parseSendRequest = (raw: Uint8Array): SendSmsRequest => {
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(raw).toString('utf8'));
  } catch {
    throw new ApiError('InvalidParameter', 'The request body is not valid JSON.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiError('InvalidParameter', 'The request body must be a JSON object.');
  }
  const fields = body as Record<string, unknown>;
  const phoneNumbers = stringArray(fields, 'PhoneNumberSet');
  if (!phoneNumbers || phoneNumbers.length === 0) {
    throw new ApiError('MissingParameter', 'The request is missing the PhoneNumberSet parameter.');
  }
  if (phoneNumbers.length > 200) {
    throw new ApiError('LimitExceeded.PhoneNumberCountLimit');
  }
  const sessionContext = optionalString(fields, 'SessionContext') ?? '';
  if (Buffer.byteLength(sessionContext) >= 512) {
    throw new ApiError('InvalidParameter', 'SessionContext must be shorter than 512 bytes.');
  }
  return {
    phoneNumbers,
    sdkAppId: requiredString(fields, 'SmsSdkAppId'),
    templateId: requiredString(fields, 'TemplateId'),
    params: stringArray(fields, 'TemplateParamSet') ?? [],
    signName: optionalString(fields, 'SignName') || undefined,
    senderId: optionalString(fields, 'SenderId') || undefined,
    sessionContext,
  };
};
