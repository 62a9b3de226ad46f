import type { SendMessageData } from '@logto/connector-kit';

import { guardSend } from './abuse-guard/index.js';
import { defaultTimeoutMs } from './constant.js';
import { invalidRequestError, templateNotFoundError } from './errors/connector-errors.js';
import { redact } from './errors/redact.js';
import { postOnce, type RawResponse } from './http/post.js';
import { internationalRefusal } from './international-switch.js';
import { destinationOf } from './phone.js';
import { recipientOf } from './recipient.js';
import { interpretResponse } from './response.js';
import { buildSmsRequest, type SmsRequest } from './sms-request.js';
import { chooseTemplate } from './template-choice.js';
import { renderParams } from './template-params.js';
import type { SendSmsResult, TencentSmsConfig } from './types.js';
import { nowInSeconds, readPayload } from './utils.js';

/**
 * The signed SendSms request for one message: the number read (in its canonical spelling) and
 * permitted, the template chosen, the code filled in. Throws the ConnectorError that stops a send
 * before anything goes out.
 */
export const requestFor = (config: TencentSmsConfig, data: SendMessageData): SmsRequest => {
  const { phoneNumber, reading } = recipientOf(data?.to);
  const refusal = internationalRefusal(config, phoneNumber, reading);
  if (refusal) {
    throw refusal;
  }
  const destination = destinationOf(phoneNumber);
  const { code, locale } = readPayload(data?.payload);

  const template = chooseTemplate(config.templates, { destination, type: data.type, locale });
  if (!template) {
    throw templateNotFoundError(destination);
  }
  if (!code) {
    throw invalidRequestError('The message has no verification code to send.');
  }

  return buildSmsRequest({
    config,
    phoneNumber,
    destination,
    templateId: template.templateCode,
    params: renderParams(template.params, code),
    timestamp: nowInSeconds(),
  });
};

/** Tencent's answer to one message as the result, or as the ConnectorError an admin can act on. */
export const resultOf = (response: RawResponse, config: TencentSmsConfig): SendSmsResult => {
  try {
    // A success goes back to Logto, which neither shows nor logs it: no redaction on that path.
    return interpretResponse(response, 1);
  } catch {
    // Clean the answer before any excerpt is cut from it: a cut secret escapes later redaction.
    const text = redact(response.text, [config.accessKeySecret, config.sessionToken]);
    return interpretResponse({ ...response, text }, 1);
  }
};

/**
 * One verification code to one number: build and sign the request, let the abuse guard judge it,
 * send it once, interpret Tencent's answer. Every failure is a ConnectorError; nothing is sent
 * before the number, template and code are known to be usable and the guard has let it through.
 * The Console's test send (`consoleTest`) is held to the region list but not to the budgets.
 */
export const sendOne = async (
  config: TencentSmsConfig,
  data: SendMessageData,
  { consoleTest = false } = {}
): Promise<SendSmsResult> => {
  const request = requestFor(config, data);
  await guardSend(config, { to: data.to, ip: data.ip, countBudgets: !consoleTest });
  const response = await postOnce(request, config.timeout ?? defaultTimeoutMs);
  return resultOf(response, config);
};
