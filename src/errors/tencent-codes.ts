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
  'The region does not offer SMS: enter the SMS app\'s region, e.g. ap-guangzhou.';

/** Where Tencent keeps an SMS application's list of allowed destinations and their daily caps. */
const destinationListPlace = '应用管理 → 基础配置 → 国际港澳台短信发送限制';

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
    hint: "Too many codes for this number or account: try later, or raise the SMS console's frequency limits.",
  },
  {
    codes: [
      'InvalidParameterValue.IncorrectPhoneNumber',
      'FailedOperation.PhoneNumberInBlacklist',
      'UnsupportedOperation.UnsupportedRegion',
      'UnsupportedOperation.UnsuportedRegion',
    ],
    errorCode: ConnectorErrorCodes.InvalidRequestParameters,
    hint: 'Tencent cannot text this number (wrong format, blocked, or a country not served): check it.',
  },
  {
    codes: ['FailedOperation.PhoneNumberParseFail'],
    errorCode: ConnectorErrorCodes.InvalidRequestParameters,
    hint: 'Tencent could not read the number as E.164 (+, country code, number): check it.',
  },
  {
    codes: ['LimitExceeded.AppCountryOrRegionInBlacklist'],
    errorCode: ConnectorErrorCodes.General,
    hint: `The SMS app blocks this country or region: allow it in ${destinationListPlace}.`,
  },
  {
    codes: ['LimitExceeded.AppCountryOrRegionDailyLimit'],
    errorCode: ConnectorErrorCodes.General,
    hint: `This country's daily cap in the SMS app is reached: wait a day, or raise it in ${destinationListPlace}.`,
  },
  {
    codes: [
      'AuthFailure.SecretIdNotFound',
      'AuthFailure.InvalidSecretId',
      'AuthFailure.SignatureFailure',
      'AuthFailure.InvalidAuthorization',
    ],
    errorCode: ConnectorErrorCodes.General,
    hint: 'SecretId or SecretKey is wrong: copy both again from CAM → API 密钥 (API Keys).',
  },
  {
    codes: ['AuthFailure.SignatureExpire', 'InternalError.RequestTimeException'],
    errorCode: ConnectorErrorCodes.General,
    hint: "The Logto server's clock is off by minutes: sync it with NTP.",
  },
  {
    codes: ['AuthFailure.TokenFailure'],
    errorCode: ConnectorErrorCodes.General,
    hint: 'The Session token has expired or does not match the SecretId: issue new temporary credentials.',
  },
  {
    codes: ['AuthFailure.MFAFailure'],
    errorCode: ConnectorErrorCodes.General,
    hint: "The key's CAM user must pass MFA, which an API call cannot: use a sub-user whose SMS permission needs no MFA.",
  },
  {
    codes: ['FailedOperation.SignatureIncorrectOrUnapproved'],
    errorCode: ConnectorErrorCodes.General,
    hint: "The signature is misspelled or not approved yet: copy it from the SMS console's 签名管理.",
  },
  {
    codes: [
      'FailedOperation.TemplateIncorrectOrUnapproved',
      'FailedOperation.TemplateUnapprovedOrNotExist',
    ],
    errorCode: ConnectorErrorCodes.General,
    hint: 'The template is not approved or not of this SMS app: check its ID and status in 正文模板管理.',
  },
  {
    codes: ['InvalidParameterValue.TemplateParameterFormatError'],
    errorCode: ConnectorErrorCodes.General,
    hint: 'A param does not fit its variable: a code variable takes up to 6 digits, so give it {{code}}.',
  },
  {
    codes: ['InvalidParameterValue.TemplateParameterLengthLimit'],
    errorCode: ConnectorErrorCodes.General,
    hint: 'A param is longer than its variable allows (a code 6 digits, others often 6 or 12): shorten it.',
  },
  {
    codes: ['FailedOperation.TemplateParamSetNotMatchApprovedTemplate'],
    errorCode: ConnectorErrorCodes.General,
    hint: "The params do not match the template's placeholders ({1}, {2}…): give one value for each.",
  },
  {
    codes: ['InvalidParameterValue.ContentLengthLimit'],
    errorCode: ConnectorErrorCodes.General,
    hint: 'The message is too long for Tencent: shorten the template text or its params (the signature counts too).',
  },
  {
    codes: ['InvalidParameterValue.ProhibitedUseUrlInTemplateParameter'],
    errorCode: ConnectorErrorCodes.General,
    hint: 'A param looks like a link, which Tencent refuses: put fixed links in the template text.',
  },
  {
    codes: [
      'FailedOperation.ContainSensitiveWord',
      'InvalidParameter.DirtyWordFound',
      'InvalidParameterValue.TemplateWithDirtyWords',
    ],
    errorCode: ConnectorErrorCodes.General,
    hint: "Tencent's content filter refused a word: change the fixed params or the signature (support can say which).",
  },
  {
    codes: [
      'UnsupportedOperation.ChineseMainlandTemplateToGlobalPhone',
      'UnsupportedOperation.GlobalTemplateToChineseMainlandPhone',
      'UnsupportedOperation.ContainDomesticAndInternationalPhoneNumber',
    ],
    errorCode: ConnectorErrorCodes.General,
    hint: "Mainland and international templates do not mix: set each template's destination.",
  },
  {
    codes: [
      'FailedOperation.MarketingSendTimeConstraint',
      'UnauthorizedOperation.IndividualUserMarketingSmsPermissionDeny',
    ],
    errorCode: ConnectorErrorCodes.General,
    hint: 'The template is a marketing one: use a verification-code template for sign-in messages.',
  },
  {
    codes: [
      'InvalidParameterValue.SdkAppIdNotExist',
      'UnauthorizedOperation.SmsSdkAppIdVerifyFail',
      'UnauthorizedOperation.SdkAppIdIsDisabled',
      'InvalidParameter.AppidAndBizId',
    ],
    errorCode: ConnectorErrorCodes.General,
    hint: 'The SDK App ID is wrong, disabled, or of another region or account: check it and its region in 应用管理 → 应用列表.',
  },
  {
    codes: [
      'FailedOperation.InsufficientBalanceInSmsPackage',
      'UnauthorizedOperation.ServiceSuspendDueToArrears',
      'UnauthorizedOperation.SerivceSuspendDueToArrears',
    ],
    errorCode: ConnectorErrorCodes.General,
    hint: 'The SMS package is used up or the account is in arrears: buy a package or top up.',
  },
  {
    codes: ['LimitExceeded.App*DailyLimit', 'LimitExceeded.DailyLimit'],
    errorCode: ConnectorErrorCodes.General,
    hint: 'A daily cap of the SMS app or account is reached: raise it in 应用管理 → 基础配置, or wait a day.',
  },
  {
    codes: [
      'UnauthorizedOperation.RequestIpNotInWhitelist',
      'IpNotInWhitelist',
      'IpInBlacklist',
    ],
    errorCode: ConnectorErrorCodes.General,
    hint: "Logto's outgoing IP is not on this account's IP allowlist: ask Tencent SMS support to add it.",
  },
  {
    codes: [
      'AuthFailure.UnauthorizedOperation',
      'UnauthorizedOperation.RequestPermissionDeny',
      'UnauthorizedOperation',
    ],
    errorCode: ConnectorErrorCodes.General,
    hint: "This key's CAM user may not call sms:SendSms: grant it in CAM (the sub-user → Permissions).",
  },
  {
    codes: ['InternalError.Timeout', 'InternalError.SendAndRecvFail'],
    errorCode: ConnectorErrorCodes.General,
    hint: "Tencent timed out passing the message on, which may yet arrive: check the SMS console's delivery records first.",
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
    hint: 'Tencent could not read the request: check that no proxy alters it, or report it with the RequestId.',
  },
  {
    codes: ['InvalidAction', 'ActionOffline', 'NoSuchVersion', 'NoSuchProduct', 'UnsupportedProtocol'],
    errorCode: ConnectorErrorCodes.General,
    hint: "The endpoint does not offer SendSms 2021-01-11: correct the Endpoint, or leave it empty for Tencent's.",
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
