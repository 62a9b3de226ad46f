import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

import { TemplateType, type SmsConnector } from '@logto/connector-kit';

import { redact } from '../errors/redact.js';
import type { SendSmsResult } from '../types.js';

import { readFailure } from './connector-failure.js';
import { UsageError } from './usage-error.js';

const secretEnv = 'TENCENT_SMS_SECRET_KEY';

type SendOptions = { configPath: string; to: string; type: TemplateType; code: string; locale?: string };

const readOptions = (args: string[]): SendOptions => {
  const { values } = parseArgs({
    args,
    options: {
      config: { type: 'string' },
      to: { type: 'string' },
      type: { type: 'string', default: 'SignIn' },
      code: { type: 'string', default: '123456' },
      locale: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (!values.config || !values.to) {
    throw new UsageError('send needs --config <file.json> and --to <number>.');
  }
  const type = Object.values(TemplateType).find((candidate) => candidate === values.type);
  if (!type) {
    throw new UsageError(`--type must be one of ${Object.values(TemplateType).join(', ')}.`);
  }
  return { configPath: values.config, to: values.to, type, code: values.code, locale: values.locale };
};

/**
 * Reads the config file without ever echoing its content: JSON.parse errors quote the text
 * around the fault, which may be the secret.
 */
const readConfigFile = async (path: string): Promise<Record<string, unknown>> => {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new UsageError(`Cannot read the config file ${path}.`);
  }
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch {
    throw new UsageError(`The config file ${path} is not valid JSON.`);
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new UsageError(`The config file ${path} must hold a JSON object.`);
  }
  const fromEnv = process.env[secretEnv];
  return fromEnv ? { ...config, accessKeySecret: fromEnv } : (config as Record<string, unknown>);
};

/** The digits Logto passes as `to`: real flows send the country code and number without `+`. */
const asLogtoSends = (to: string): string => (to.trim().startsWith('+') ? to.replace(/\D/g, '') : to);

/**
 * `send`: one `sendMessage` through the built connector with the given config, reported in a
 * few lines. Returns the exit status; never prints the secret or a stack trace.
 */
export const runSend = async (args: string[]): Promise<number> => {
  const options = readOptions(args);
  const config = await readConfigFile(options.configPath);
  const secrets = [config.accessKeySecret, config.sessionToken].map((value) =>
    typeof value === 'string' ? value : undefined
  );
  const print = (line: string) => console.log(redact(line, secrets));

  const { default: createConnector } = await import('../index.js');
  const connector = (await createConnector({
    getConfig: async () => config,
  })) as SmsConnector;
  const to = asLogtoSends(options.to);
  print(`Sending a ${options.type} code to ${to} via ${typeof config.endpoint === 'string' ? config.endpoint : 'sms.tencentcloudapi.com'} ...`);
  try {
    const result = (await connector.sendMessage(
      {
        to,
        type: options.type,
        payload: { code: options.code, ...(options.locale ? { locale: options.locale } : {}) },
      },
      config
    )) as SendSmsResult;
    const [message] = result.messages ?? [];
    print('Sent.');
    print(`  RequestId  ${result.requestId ?? '-'}`);
    print(`  SerialNo   ${message?.serialNo ?? '-'}`);
    print(`  Fee        ${message?.fee ?? '-'}`);
    print(`  Country    ${message?.isoCode ?? '-'}`);
    return 0;
  } catch (error) {
    const failure = readFailure(error);
    print(`Failed: ${failure.code}${failure.tencentCode ? ` (Tencent code ${failure.tencentCode})` : ''}`);
    if (failure.requestId) {
      print(`  RequestId  ${failure.requestId}`);
    }
    print(`  Logto would show: ${failure.logtoText}`);
    return 1;
  }
};
