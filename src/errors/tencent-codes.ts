import { ConnectorErrorCodes } from '@logto/connector-kit';

export type TencentCodeRule = {
  /** Exact codes, or patterns where `*` matches any run of characters. */
  readonly codes: readonly string[];
  readonly errorCode: ConnectorErrorCodes;
  /** What the admin should do, in one sentence. */
  readonly hint: string;
  /** Extra condition on Tencent's message, for codes Tencent reuses for several causes. */
  readonly messageMatches?: RegExp;
};

const regionHint =
  'The region is not valid for SMS: use the region the SMS application was created in (e.g. ap-guangzhou).';

/**
 * Tencent error codes (top-level `Response.Error.Code` or per-number `SendStatusSet[].Code`) and
 * how each reaches Logto. Order matters: the first matching rule wins, so the per-number limits
 * stand before the account-wide `LimitExceeded.*DailyLimit` caps.
 */
export const tencentCodeRules: readonly TencentCodeRule[] = [
  {
    codes: [
      'LimitExceeded.PhoneNumberThirtySecondLimit',
      'LimitExceeded.PhoneNumberOneHourLimit',
      'LimitExceeded.PhoneNumberDailyLimit',
      'LimitExceeded.PhoneNumberSameContentDailyLimit',
      'LimitExceeded.DeliveryFrequencyLimit',
      'LimitExceeded.GlobalSmsSendingRateLimit',
      'RequestLimitExceeded*',
    ],
    errorCode: ConnectorErrorCodes.RateLimitExceeded,
    hint: 'Too many messages for this number or account; try again later, or raise the frequency limits in the SMS console.',
  },
  {
    codes: [
      'InvalidParameterValue.IncorrectPhoneNumber',
      'FailedOperation.PhoneNumberInBlacklist',
      'UnsupportedOperation.UnsupportedRegion',
    ],
    errorCode: ConnectorErrorCodes.InvalidRequestParameters,
    hint: 'This phone number cannot receive SMS from Tencent Cloud (wrong format, blocked, or a country not served).',
  },
  {
    codes: [
      'AuthFailure.SecretIdNotFound',
      'AuthFailure.InvalidSecretId',
      'AuthFailure.SignatureFailure',
    ],
    errorCode: ConnectorErrorCodes.General,
    hint: 'Check accessKeyId (SecretId) and accessKeySecret (SecretKey): copy both again from CAM → API Keys.',
  },
  {
    codes: ['AuthFailure.SignatureExpire', 'InternalError.RequestTimeException'],
    errorCode: ConnectorErrorCodes.General,
    hint: "The Logto server's clock is off by minutes; sync it with NTP.",
  },
  {
    codes: ['AuthFailure.TokenFailure'],
    errorCode: ConnectorErrorCodes.General,
    hint: 'The temporary credentials (sessionToken) have expired or do not match the SecretId; issue new ones.',
  },
  {
    codes: ['FailedOperation.SignatureIncorrectOrUnapproved'],
    errorCode: ConnectorErrorCodes.General,
    hint: 'The signature (signName or internationalSignName) is misspelled or not approved yet in the SMS console.',
  },
  {
    codes: [
      'FailedOperation.TemplateIncorrectOrUnapproved',
      'FailedOperation.TemplateUnapprovedOrNotExist',
    ],
    errorCode: ConnectorErrorCodes.General,
    hint: 'The templateCode is not approved, or belongs to another SMS application.',
  },
  {
    codes: [
      'FailedOperation.TemplateParamSetNotMatchApprovedTemplate',
      'InvalidParameterValue.TemplateParameterFormatError',
      'InvalidParameterValue.TemplateParameterLengthLimit',
    ],
    errorCode: ConnectorErrorCodes.General,
    hint: "The template's placeholders do not match what is sent: set the template's params to one value per {1}, {2}…",
  },
  {
    codes: [
      'UnsupportedOperation.ChineseMainlandTemplateToGlobalPhone',
      'UnsupportedOperation.GlobalTemplateToChineseMainlandPhone',
    ],
    errorCode: ConnectorErrorCodes.General,
    hint: 'Mainland China and international templates are separate: add a template with the right destination ("mainland" for +86, "international" otherwise).',
  },
  {
    codes: [
      'InvalidParameterValue.SdkAppIdNotExist',
      'UnauthorizedOperation.SmsSdkAppIdVerifyFail',
      'UnauthorizedOperation.SdkAppIdIsDisabled',
    ],
    errorCode: ConnectorErrorCodes.General,
    hint: 'The sdkAppId is wrong, disabled, or not owned by this account or region.',
  },
  {
    codes: [
      'FailedOperation.InsufficientBalanceInSmsPackage',
      'UnauthorizedOperation.ServiceSuspendDueToArrears',
      'LimitExceeded.App*DailyLimit',
      'LimitExceeded.DailyLimit',
    ],
    errorCode: ConnectorErrorCodes.General,
    hint: 'The SMS package is used up, the account is in arrears, or a daily cap of the application was reached.',
  },
  {
    codes: ['UnsupportedRegion'],
    errorCode: ConnectorErrorCodes.General,
    hint: regionHint,
  },
  {
    codes: ['InvalidParameter*', 'InvalidRegion*'],
    messageMatches: /region/i,
    errorCode: ConnectorErrorCodes.General,
    hint: regionHint,
  },
];

const escapeRegExp = (text: string) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

/**
 * A prefix match as SPEC §5 asks, on Tencent's dot-separated levels: a code refined with a further
 * level (`FailedOperation.X.Detail`) keeps the advice for `FailedOperation.X`, while a look-alike
 * (`…DailyLimitX`) does not get it. `*` stands for any run of characters, anywhere in the
 * pattern (`LimitExceeded.App*DailyLimit`).
 */
const matchesCode = (pattern: string, code: string) =>
  new RegExp(`^${pattern.split('*').map(escapeRegExp).join('.*')}(?:\\..*)?$`).test(code);

/** The rule for a Tencent error, or undefined for codes with no advice of their own. */
export const findTencentCodeRule = (code: string, message = ''): TencentCodeRule | undefined =>
  tencentCodeRules.find(
    (rule) =>
      rule.codes.some((pattern) => matchesCode(pattern, code)) &&
      (rule.messageMatches?.test(message) ?? true)
  );
