import { ConnectorErrorCodes } from '@logto/connector-kit';

export type TencentCodeRule = {
  /** Exact codes, or patterns where `*` matches any run of characters. */
  readonly codes: readonly string[];
  readonly errorCode: ConnectorErrorCodes;
  /**
   * The cause and the fix, in one sentence an admin reads in the seconds a toast stays: it stands
   * in for Tencent's message (kept apart as `tencentMessage`), so the cause is said once.
   */
  readonly hint: string;
  /** Extra condition on Tencent's message, for codes Tencent reuses for several causes. */
  readonly messageMatches?: RegExp;
};

const regionHint =
  'The region is not valid for SMS: set the region the SMS application was created in (e.g. ap-guangzhou).';

/** Where Tencent keeps an SMS application's list of allowed destinations and their daily caps. */
const destinationListPlace = 'SMS console → 应用管理 → 基础配置 → 国际港澳台短信发送限制';

/**
 * Tencent error codes (top-level `Response.Error.Code` or per-number `SendStatusSet[].Code`) and
 * how each reaches Logto: SendSms's own list (API 2021-01-11) and the common API codes it can
 * answer with. Order matters: the first matching rule wins, so the per-number limits stand before
 * the account-wide `LimitExceeded.*DailyLimit` caps, and the listed `UnauthorizedOperation.*`
 * codes before the bare `UnauthorizedOperation` that covers the rest. Two spellings are Tencent's
 * own (`SerivceSuspendDueToArrears`, `UnsuportedRegion`): its SDKs list them so, next to the
 * spelling of its documentation.
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
    hint: 'Too many codes for this number or account: try again later, or raise the frequency limits in the SMS console.',
  },
  {
    codes: [
      'InvalidParameterValue.IncorrectPhoneNumber',
      'FailedOperation.PhoneNumberInBlacklist',
      'UnsupportedOperation.UnsupportedRegion',
      'UnsupportedOperation.UnsuportedRegion',
    ],
    errorCode: ConnectorErrorCodes.InvalidRequestParameters,
    hint: 'This number cannot receive SMS from Tencent (wrong format, blocked, or a country not served): check it.',
  },
  {
    codes: ['FailedOperation.PhoneNumberParseFail'],
    errorCode: ConnectorErrorCodes.InvalidRequestParameters,
    hint: 'Tencent could not read the phone number as an E.164 number (+ country code and number): check the number entered.',
  },
  {
    codes: ['LimitExceeded.AppCountryOrRegionInBlacklist'],
    errorCode: ConnectorErrorCodes.General,
    hint: `The number's country or region is not on the SMS application's list of allowed destinations: add it under ${destinationListPlace}.`,
  },
  {
    codes: ['LimitExceeded.AppCountryOrRegionDailyLimit'],
    errorCode: ConnectorErrorCodes.General,
    hint: `The SMS application's daily cap for the number's country or region is reached: raise it under ${destinationListPlace}, or wait a day.`,
  },
  {
    codes: [
      'AuthFailure.SecretIdNotFound',
      'AuthFailure.InvalidSecretId',
      'AuthFailure.SignatureFailure',
      'AuthFailure.InvalidAuthorization',
    ],
    errorCode: ConnectorErrorCodes.General,
    hint: 'SecretId or SecretKey is wrong: copy both again from CAM → API Keys (访问管理 → API 密钥).',
  },
  {
    codes: ['AuthFailure.SignatureExpire', 'InternalError.RequestTimeException'],
    errorCode: ConnectorErrorCodes.General,
    hint: "The Logto server's clock is off by minutes: sync it with NTP.",
  },
  {
    codes: ['AuthFailure.TokenFailure'],
    errorCode: ConnectorErrorCodes.General,
    hint: 'The temporary credentials (Session token) have expired or do not match the SecretId: issue new ones.',
  },
  {
    codes: ['AuthFailure.MFAFailure'],
    errorCode: ConnectorErrorCodes.General,
    hint: "The API key's CAM user must pass MFA, which an API call cannot: use a sub-user whose SMS permission needs no MFA.",
  },
  {
    codes: ['FailedOperation.SignatureIncorrectOrUnapproved'],
    errorCode: ConnectorErrorCodes.General,
    hint: 'The signature (signName or internationalSignName) is misspelled or not approved yet: copy it from the SMS console.',
  },
  {
    codes: [
      'FailedOperation.TemplateIncorrectOrUnapproved',
      'FailedOperation.TemplateUnapprovedOrNotExist',
    ],
    errorCode: ConnectorErrorCodes.General,
    hint: 'The templateCode is not approved, or belongs to another SMS application: check its ID and status in the SMS console.',
  },
  {
    codes: ['InvalidParameterValue.TemplateParameterFormatError'],
    errorCode: ConnectorErrorCodes.General,
    hint: 'A value does not fit its template variable: a verification-code variable takes digits only, at most 6, so give it {{code}}; check the other params too.',
  },
  {
    codes: ['InvalidParameterValue.TemplateParameterLengthLimit'],
    errorCode: ConnectorErrorCodes.General,
    hint: "A value is longer than its template variable allows (a code at most 6 digits, other variables often 6 or 12 characters): shorten the template's params.",
  },
  {
    codes: ['FailedOperation.TemplateParamSetNotMatchApprovedTemplate'],
    errorCode: ConnectorErrorCodes.General,
    hint: "The template's placeholders do not match what is sent: give the template's params one value per placeholder ({1}, {2}, …).",
  },
  {
    codes: ['InvalidParameterValue.ContentLengthLimit'],
    errorCode: ConnectorErrorCodes.General,
    hint: "The message is longer than Tencent allows: shorten the template's text or the values in its params (the signature counts too).",
  },
  {
    codes: ['InvalidParameterValue.ProhibitedUseUrlInTemplateParameter'],
    errorCode: ConnectorErrorCodes.General,
    hint: "A value in the template's params looks like a link, which Tencent refuses in variables: remove it from params (a fixed link belongs in the template text).",
  },
  {
    codes: [
      'FailedOperation.ContainSensitiveWord',
      'InvalidParameter.DirtyWordFound',
      'InvalidParameterValue.TemplateWithDirtyWords',
    ],
    errorCode: ConnectorErrorCodes.General,
    hint: "Tencent's filter found a word it does not allow: change the fixed values in the template's params or the signature (Tencent SMS support can tell which).",
  },
  {
    codes: [
      'UnsupportedOperation.ChineseMainlandTemplateToGlobalPhone',
      'UnsupportedOperation.GlobalTemplateToChineseMainlandPhone',
      'UnsupportedOperation.ContainDomesticAndInternationalPhoneNumber',
    ],
    errorCode: ConnectorErrorCodes.General,
    hint: 'Mainland China and international templates are separate: add a template with the right destination ("mainland" for +86, "international" otherwise).',
  },
  {
    codes: [
      'FailedOperation.MarketingSendTimeConstraint',
      'UnauthorizedOperation.IndividualUserMarketingSmsPermissionDeny',
    ],
    errorCode: ConnectorErrorCodes.General,
    hint: 'The templateCode is a marketing template: use a verification-code template for sign-in messages.',
  },
  {
    codes: [
      'InvalidParameterValue.SdkAppIdNotExist',
      'UnauthorizedOperation.SmsSdkAppIdVerifyFail',
      'UnauthorizedOperation.SdkAppIdIsDisabled',
      'InvalidParameter.AppidAndBizId',
    ],
    errorCode: ConnectorErrorCodes.General,
    hint: 'The sdkAppId is wrong, disabled, or not of this account or region: copy it from SMS console → 应用管理 → 应用列表.',
  },
  {
    codes: [
      'FailedOperation.InsufficientBalanceInSmsPackage',
      'UnauthorizedOperation.ServiceSuspendDueToArrears',
      'UnauthorizedOperation.SerivceSuspendDueToArrears',
    ],
    errorCode: ConnectorErrorCodes.General,
    hint: 'The SMS package is used up or the account is in arrears: buy a package or top up the account.',
  },
  {
    codes: ['LimitExceeded.App*DailyLimit', 'LimitExceeded.DailyLimit'],
    errorCode: ConnectorErrorCodes.General,
    hint: 'A daily cap of the SMS application or account is reached: raise it in the SMS console (应用管理 → 基础配置), or wait a day.',
  },
  {
    codes: [
      'UnauthorizedOperation.RequestIpNotInWhitelist',
      'IpNotInWhitelist',
      'IpInBlacklist',
    ],
    errorCode: ConnectorErrorCodes.General,
    hint: "Tencent accepts this account's calls only from listed IP addresses, and the Logto server's outgoing address is not one of them: have Tencent SMS support add it.",
  },
  {
    codes: [
      'AuthFailure.UnauthorizedOperation',
      'UnauthorizedOperation.RequestPermissionDeny',
      'UnauthorizedOperation',
    ],
    errorCode: ConnectorErrorCodes.General,
    hint: 'The CAM user of this API key may not call sms:SendSms: grant it in CAM (the sub-user → Permissions, a policy allowing sms:SendSms).',
  },
  {
    codes: ['InternalError.Timeout', 'InternalError.SendAndRecvFail'],
    errorCode: ConnectorErrorCodes.General,
    hint: "Tencent timed out passing the message on: the code may already have been delivered; check the SMS console's delivery records before sending another.",
  },
  {
    codes: [
      'FailedOperation.FailResolvePacket',
      'FailedOperation.JsonParseFail',
      'InternalError.JsonParseFail',
      'MissingParameter*',
      'UnknownParameter*',
      'LimitExceeded.PhoneNumberCountLimit',
    ],
    errorCode: ConnectorErrorCodes.General,
    hint: 'Tencent could not read the request the connector sent: check that no proxy in between alters the body, or report it with the RequestId.',
  },
  {
    codes: ['InvalidAction', 'ActionOffline', 'NoSuchVersion', 'NoSuchProduct', 'UnsupportedProtocol'],
    errorCode: ConnectorErrorCodes.General,
    hint: "The endpoint does not offer SendSms (version 2021-01-11): check the endpoint setting, or leave it empty for Tencent's default.",
  },
  {
    codes: ['UnsupportedRegion'],
    errorCode: ConnectorErrorCodes.General,
    hint: regionHint,
  },
  {
    codes: ['InvalidParameter*', 'InvalidRegion*'],
    // Tencent writes its messages in the configured `language`: English or Chinese.
    messageMatches: /region|地域|区域/i,
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
  // `s`: with `.` unable to cross a line break, a code from a broken or hostile answer (a long
  // run of dots and a newline) made the engine backtrack for hours on a 1 MiB body.
  new RegExp(`^${pattern.split('*').map(escapeRegExp).join('.*')}(?:\\..*)?$`, 's').test(code);

/** The rule for a Tencent error, or undefined for codes with no advice of their own. */
export const findTencentCodeRule = (code: string, message = ''): TencentCodeRule | undefined =>
  tencentCodeRules.find(
    (rule) =>
      rule.codes.some((pattern) => matchesCode(pattern, code)) &&
      (rule.messageMatches?.test(message) ?? true)
  );
