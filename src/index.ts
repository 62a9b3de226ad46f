import {
  ConnectorError,
  ConnectorErrorCodes,
  ConnectorType,
  type CreateConnector,
  type SendMessageFunction,
  type SmsConnector,
} from '@logto/connector-kit';

import { defaultMetadata, defaultTimeoutMs } from './constant.js';
import { parseEndpoint } from './endpoint.js';
import { invalidRequestError, templateNotFoundError } from './errors/connector-errors.js';
import { redact } from './errors/redact.js';
import { redactedError } from './errors/redacted-error.js';
import { postOnce } from './http/post.js';
import { destinationOf, toE164 } from './phone.js';
import { interpretResponse } from './response.js';
import { buildSmsRequest } from './sms-request.js';
import { chooseTemplate } from './template-choice.js';
import { renderParams } from './template-params.js';
import { tencentSmsConfigGuard, type TencentSmsConfig } from './types.js';
import { nowInSeconds, readConfig } from './utils.js';

const sendOne = async (config: TencentSmsConfig, data: Parameters<SendMessageFunction>[0]) => {
  const phoneNumber = toE164(data.to);
  if (!phoneNumber) {
    throw invalidRequestError(
      'The phone number is not valid: expected the country code and number, e.g. 8613012345678 or +14155552671.'
    );
  }
  const destination = destinationOf(phoneNumber);

  const template = chooseTemplate(config.templates, {
    destination,
    type: data.type,
    // Typed as a string, but the payload is whatever the caller sent: ignore anything else.
    locale: typeof data.payload.locale === 'string' ? data.payload.locale : undefined,
  });
  if (!template) {
    throw templateNotFoundError(destination, data.type);
  }

  const { code } = data.payload;
  if (typeof code !== 'string' || code.length === 0) {
    throw invalidRequestError('The message has no verification code to send.');
  }

  const endpoint = parseEndpoint(config.endpoint);
  if (typeof endpoint === 'string') {
    throw new ConnectorError(ConnectorErrorCodes.InvalidConfig, { errorDescription: `endpoint ${endpoint}` });
  }

  const request = buildSmsRequest({
    config,
    endpoint,
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
