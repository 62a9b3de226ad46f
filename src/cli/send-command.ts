import { parseArgs } from 'node:util';

import { ConnectorError, TemplateType, type SmsConnector } from '@logto/connector-kit';

import { consoleTestError, displayLines, logtoDisplay, numberAsRead } from '../console-test/index.js';
import { redact } from '../errors/redact.js';
import { switchedFields, tencentSmsConfigGuard, type SendSmsResult } from '../types.js';

import { missingSecretAdvice, readConfigFile, secretEnv } from './config-file.js';
import { readFailure } from './connector-failure.js';
import { twoReadingsOf } from './two-readings.js';
import { UsageError } from './usage-error.js';

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
  const refusal = twoReadingsOf(values.to);
  if (refusal) {
    throw new UsageError(refusal);
  }
  const type = Object.values(TemplateType).find((candidate) => candidate === values.type);
  if (!type) {
    throw new UsageError(`--type must be one of ${Object.values(TemplateType).join(', ')}.`);
  }
  return { configPath: values.config, to: values.to, type, code: values.code, locale: values.locale };
};

/** The digits Logto passes as `to`: real flows send the country code and number without `+`. */
const asLogtoSends = (to: string): string => (to.trim().startsWith('+') ? to.replace(/\D/g, '') : to);

/** No SecretKey at all (absent, null, blank): the case the advice about the variable is for. */
const lacksSecret = ({ accessKeySecret }: Record<string, unknown>) =>
  accessKeySecret === undefined ||
  accessKeySecret === null ||
  (typeof accessKeySecret === 'string' && accessKeySecret.trim() === '');

/** The file's fields that a switch set to false turns off, as the Console form does. */
const unusedFields = (config: Record<string, unknown>, name: keyof typeof switchedFields): string[] =>
  config[name] === false
    ? switchedFields[name].filter((field) => config[field] !== undefined && config[field] !== null)
    : [];

const quoted = (fields: readonly string[]) => fields.map((field) => `"${field}"`).join(', ');

/**
 * Where the send really goes: the endpoint after validation and the Console switches (with
 * `advanced: false` an `endpoint` in the file is not used), or why it cannot be known; and the
 * other settings in the file that a switch set to false leaves unused, abuse protection above all.
 */
const endpointLines = (
  config: Record<string, unknown>,
  result: ReturnType<typeof tencentSmsConfigGuard.safeParse>
): string[] => {
  if (!result.success) {
    return ['Endpoint   none: the config is invalid, so nothing will be sent'];
  }
  const { endpoint, region } = result.data;
  const unusedEndpoint = unusedFields(config, 'advanced').includes('endpoint')
    ? ['           (the file\'s "endpoint" is not used: "advanced" is false, as in the Console form)']
    : [];
  const unusedProtection = unusedFields(config, 'pumpingProtection');
  const unusedInternational = unusedFields(config, 'international');
  return [
    `Endpoint   ${endpoint.url} (region ${region})`,
    ...unusedEndpoint,
    ...(unusedProtection.length > 0
      ? [
          `Protection none: "pumpingProtection" is false, so the file's ${quoted(unusedProtection)} is not used, as in the Console form`,
        ]
      : []),
    ...(unusedInternational.length > 0
      ? [`Not used   the file's ${quoted(unusedInternational)}: "international" is false, as in the Console form`]
      : []),
  ];
};

/** The failure: Logto's text for its code, and below it the diagnosis the Console's test shows. */
const failureLines = (error: unknown, to: string, config: Record<string, unknown>): string[] => {
  const failure = readFailure(error);
  const signIn = displayLines(failure.display);
  const [shown = '', ...details] = signIn;
  const inConsole =
    error instanceof ConnectorError ? displayLines(logtoDisplay(consoleTestError(error, to, []))) : signIn;
  const alike = inConsole.join('\n') === signIn.join('\n');
  // A `general` text reaches the Console whole, with the number as read added: print only that
  // addition rather than the same long line twice.
  const added =
    !alike && details.length === 0 && inConsole.length === 1 && inConsole[0]?.startsWith(shown)
      ? inConsole[0].slice(shown.length).replace(/^[.\s]+/, '')
      : undefined;
  let consoleLines: string[];
  if (alike) {
    consoleLines = [`    (HTTP ${failure.display.status}, in sign-in flows and in the Console's test alike)`];
  } else if (added) {
    consoleLines = [`    (HTTP ${failure.display.status} in sign-in flows; the Console's test shows the same, followed by: ${added})`];
  } else {
    consoleLines = [
      `    (HTTP ${failure.display.status} in sign-in flows)`,
      "  Diagnosis, as the Console's test shows it:",
      ...inConsole.map((line) => `    ${line}`),
    ];
  }
  return [
    `Failed: ${failure.code}${failure.tencentCode ? ` (Tencent code ${failure.tencentCode})` : ''}`,
    ...(failure.requestId ? [`  RequestId  ${failure.requestId}`] : []),
    // Tencent's own words, which Logto's text leaves out where the connector has advice of its own.
    ...(failure.tencentMessage ? [`  Tencent    ${failure.tencentMessage}`] : []),
    `  Logto would show: ${shown}`,
    ...details.map((line) => `    ${line}`),
    ...consoleLines,
    ...(lacksSecret(config) ? [`  ${missingSecretAdvice}`] : []),
  ];
};

/**
 * `send`: one `sendMessage` through the built connector with the given config, as a sign-in flow
 * sends it, reported in a few lines: the number as read, where the request goes, and on failure
 * what Logto shows with the full diagnosis below. Returns the exit status; never prints the secret
 * or a stack trace.
 */
export const runSend = async (args: string[]): Promise<number> => {
  const options = readOptions(args);
  const { config, secretFromEnv } = await readConfigFile(options.configPath);
  const secrets = [config.accessKeySecret, config.sessionToken].map((value) =>
    typeof value === 'string' ? value : undefined
  );
  const print = (line: string) => console.log(redact(line, secrets));

  const { default: createConnector } = await import('../index.js');
  // A sign-in flow's send: the config through getConfig, so the error keeps its precise code.
  const connector = (await createConnector({ getConfig: async () => config })) as SmsConnector;
  const to = asLogtoSends(options.to);
  print(`Config     ${options.configPath}${secretFromEnv ? ` (accessKeySecret from ${secretEnv})` : ''}`);
  // Typed with `+` or `00`, the country code is what the operator meant: no hint about +86.
  const countryCodeTyped = /^(?:\+|00)/.test(options.to.trim());
  print(`Number     ${to}, ${numberAsRead(to, { countryCodeTyped })}`);
  const validated = tencentSmsConfigGuard.safeParse(config);
  endpointLines(config, validated).forEach(print);
  if (validated.success) {
    print(`Sending a ${options.type} code ...`);
  }
  try {
    const result = (await connector.sendMessage({
      to,
      type: options.type,
      payload: { code: options.code, ...(options.locale ? { locale: options.locale } : {}) },
    })) as SendSmsResult;
    const [message] = result.messages ?? [];
    print('Sent.');
    print(`  RequestId  ${result.requestId ?? '-'}`);
    print(`  SerialNo   ${message?.serialNo ?? '-'}`);
    print(`  Fee        ${message?.fee ?? '-'}`);
    print(`  Country    ${message?.isoCode ?? '-'}`);
    return 0;
  } catch (error) {
    failureLines(error, to, config).forEach(print);
    return 1;
  }
};
