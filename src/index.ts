import {
  ConnectorType,
  type CreateConnector,
  type SendMessageData,
  type SmsConnector,
} from '@logto/connector-kit';

import { defaultMetadata, defaultTimeoutMs } from './constant.js';
import { invalidRequestError, templateNotFoundError } from './errors/connector-errors.js';
import { redact } from './errors/redact.js';
import { redactedError } from './errors/redacted-error.js';
import { postOnce } from './http/post.js';
import { destinationOf, toE164 } from './phone.js';
import { interpretResponse } from './response.js';
import { buildSmsRequest } from './sms-request.js';
import { chooseTemplate } from './template-choice.js';
import { renderParams } from './template-params.js';
import { tencentSmsConfigGuard, type SendSmsResult, type TencentSmsConfig } from './types.js';
import { nowInSeconds, readConfig, readPayload } from './utils.js';

/** One verification code to one number: validate, choose, sign, send once, interpret. */
const sendOne = async (config: TencentSmsConfig, data: SendMessageData): Promise<SendSmsResult> => {
  const phoneNumber = toE164(data?.to);
  if (!phoneNumber) {
    throw invalidRequestError(
      'The phone number is not valid: expected the country code and number, e.g. 8613012345678 or +14155552671.'
    );
  }
  const destination = destinationOf(phoneNumber);
  const { code, locale } = readPayload(data?.payload);

  const template = chooseTemplate(config.templates, { destination, type: data.type, locale });
  if (!template) {
    throw templateNotFoundError(destination, data.type);
  }
  if (!code) {
    throw invalidRequestError('The message has no verification code to send.');
  }

  const request = buildSmsRequest({
    config,
    phoneNumber,
    destination,
    templateId: template.templateCode,
    params: renderParams(template.params, code),
    timestamp: nowInSeconds(),
  });
  const response = await postOnce(request, config.timeout ?? defaultTimeoutMs);
  // Clean the answer before any excerpt is cut from it: a cut secret escapes later redaction.
  const text = redact(response.text, [config.accessKeySecret, config.sessionToken]);
  return interpretResponse({ ...response, text }, 1);
};

/** Logto's factory: cheap and free of I/O, since core rebuilds connectors on many requests. */
const createTencentSmsConnector: CreateConnector<SmsConnector> = async ({ getConfig }) => ({
  metadata: defaultMetadata,
  type: ConnectorType.Sms,
  configGuard: tencentSmsConfigGuard,
  sendMessage: async (data, inputConfig) => {
    const config = await readConfig(inputConfig, getConfig);
    try {
      return await sendOne(config, data);
    } catch (error) {
      throw redactedError(error, [config.accessKeySecret, config.sessionToken]);
    }
  },
});

export default createTencentSmsConnector;
