/** Languages Tencent answers in, chosen by the `X-TC-Language` header. */
export type Language = 'en-US' | 'zh-CN';

type Phrase = { readonly en: string; readonly zh: string };

/**
 * Every code the emulator can answer with. Codes are Tencent's own; the wording is the emulator's
 * paraphrase of Tencent's meaning, so a connector's error mapping is exercised on real codes.
 */
const catalog = {
  'AuthFailure.InvalidAuthorization': {
    en: 'The Authorization header is missing or not in the TC3-HMAC-SHA256 format.',
    zh: '请求头部的 Authorization 缺失或不符合 TC3-HMAC-SHA256 格式。',
  },
  'AuthFailure.SecretIdNotFound': {
    en: 'The SecretId does not exist. Check that the key is correct and not deleted or disabled.',
    zh: '密钥不存在，请检查密钥是否填写正确，是否已被删除或禁用。',
  },
  'AuthFailure.SignatureExpire': {
    en: 'The signature has expired: the request timestamp differs from server time by more than five minutes.',
    zh: '签名过期，请求时间戳与服务器时间相差超过五分钟。',
  },
  'AuthFailure.SignatureFailure': {
    en: 'The request signature could not be verified. Check the secret key and the signing process.',
    zh: '签名校验失败，请检查密钥与签名计算过程。',
  },
  'AuthFailure.TokenFailure': {
    en: 'The token is invalid or does not belong to these temporary credentials.',
    zh: 'token 错误，或与临时密钥不匹配。',
  },
  InvalidAction: {
    en: 'The action does not exist for this service and version.',
    zh: '接口不存在。',
  },
  NoSuchVersion: {
    en: 'The requested API version does not exist for this service.',
    zh: '接口版本不存在。',
  },
  MissingParameter: {
    en: 'A required parameter is missing.',
    zh: '缺少必填参数。',
  },
  InvalidParameter: {
    en: 'A parameter is malformed or has the wrong type.',
    zh: '参数错误（格式或类型不正确）。',
  },
  UnsupportedRegion: {
    en: 'The action is not available in the requested region.',
    zh: '接口不支持所传地域。',
  },
  'UnsupportedOperation.ContainDomesticAndInternationalPhoneNumber': {
    en: 'A single request cannot mix Chinese mainland and international numbers.',
    zh: '单次请求不能同时包含境内与境外手机号。',
  },
  'LimitExceeded.PhoneNumberCountLimit': {
    en: 'Too many phone numbers in one request (at most 200).',
    zh: '单次请求的手机号数量超过上限（200）。',
  },
  'InvalidParameterValue.SdkAppIdNotExist': {
    en: 'The SdkAppId does not exist in this region.',
    zh: 'SdkAppId 不存在（或不在该地域）。',
  },
  'FailedOperation.SignatureIncorrectOrUnapproved': {
    en: 'The signature is missing, malformed or not approved.',
    zh: '签名缺失、格式错误或未审批通过。',
  },
  'FailedOperation.TemplateIncorrectOrUnapproved': {
    en: 'The template does not exist or is not approved.',
    zh: '模板不存在或未审批通过。',
  },
  'UnsupportedOperation.ChineseMainlandTemplateToGlobalPhone': {
    en: 'A Chinese mainland template cannot be sent to an international number.',
    zh: '国内短信模板不支持发送境外手机号。',
  },
  'UnsupportedOperation.GlobalTemplateToChineseMainlandPhone': {
    en: 'An international template cannot be sent to a Chinese mainland number.',
    zh: '国际/港澳台短信模板不支持发送境内手机号。',
  },
  'FailedOperation.TemplateParamSetNotMatchApprovedTemplate': {
    en: 'The number of template parameters does not match the approved template.',
    zh: '模板参数个数与审批通过的模板不一致。',
  },
  'InvalidParameterValue.TemplateParameterFormatError': {
    en: 'Verification-code template parameters must be 0 to 6 digits.',
    zh: '验证码模板参数只能是 0-6 位纯数字。',
  },
  'InvalidParameterValue.TemplateParameterLengthLimit': {
    en: 'A template parameter is longer than the template allows.',
    zh: '单个模板变量长度超过限制。',
  },
  'InvalidParameterValue.IncorrectPhoneNumber': {
    en: 'The phone number is not in E.164 format.',
    zh: '手机号格式错误。',
  },
  'AuthFailure.UnauthorizedOperation': {
    en: 'The request is not authorized: the key may not perform this action (see CAM).',
    zh: '请求未授权，该密钥无权执行此操作，请检查 CAM 授权。',
  },
  'FailedOperation.ContainSensitiveWord': {
    en: 'The message contains a sensitive word.',
    zh: '短信内容中含有敏感词。',
  },
  'FailedOperation.PhoneNumberParseFail': {
    en: 'The phone number could not be parsed; write it in E.164 form.',
    zh: '手机号解析失败，请使用 E.164 格式。',
  },
  'InvalidParameterValue.ProhibitedUseUrlInTemplateParameter': {
    en: 'Template parameters must not contain a URL.',
    zh: '模板变量中不允许包含 URL。',
  },
  'InvalidParameterValue.ContentLengthLimit': {
    en: 'The message is too long.',
    zh: '短信内容过长。',
  },
  'LimitExceeded.AppCountryOrRegionInBlacklist': {
    en: 'This app may not send to the country or region of this number; see the international SMS limits in the app settings.',
    zh: '该号码所属国家/地区不在应用的国际/港澳台短信发送范围内，请查看应用基础配置中的发送限制。',
  },
  'LimitExceeded.AppCountryOrRegionDailyLimit': {
    en: 'This app reached its daily limit for the country or region of this number.',
    zh: '应用发往该号码所属国家/地区的短信已达当日上限。',
  },
  'LimitExceeded.PhoneNumberThirtySecondLimit': {
    en: 'This number reached its 30-second sending limit.',
    zh: '单个手机号 30 秒内下发短信条数超过上限。',
  },
  'LimitExceeded.PhoneNumberOneHourLimit': {
    en: 'This number reached its one-hour sending limit.',
    zh: '单个手机号 1 小时内下发短信条数超过上限。',
  },
  'LimitExceeded.PhoneNumberDailyLimit': {
    en: 'This number reached its daily sending limit.',
    zh: '单个手机号日下发短信条数超过上限。',
  },
  Ok: { en: 'send success', zh: 'send success' },
} as const satisfies Record<string, Phrase>;

export type TencentCode = keyof typeof catalog;

/** The message Tencent would attach to `code`, in the language the caller asked for. */
export const messageFor = (code: TencentCode, language: Language): string =>
  language === 'zh-CN' ? catalog[code].zh : catalog[code].en;

/** `X-TC-Language` values Tencent accepts; anything else falls back to English. */
export const pickLanguage = (header: string | undefined): Language =>
  header === 'zh-CN' ? 'zh-CN' : 'en-US';
