import { ConnectorError, TemplateType, type SmsConnector } from '@logto/connector-kit';
import { expect } from 'vitest';

import { adviceOf } from '../../src/errors/refusal-error.js';
import createConnector from '../../src/index.js';

/** What Logto's Console test passes as getConfig: it must not be called when a config is given. */
export const notImplemented = async (): Promise<never> => {
  throw new Error('not implemented');
};

export const makeConnector = async (getConfig: (id: string) => Promise<unknown> = notImplemented) =>
  (await createConnector({ getConfig })) as SmsConnector;

type Message = { to?: string; type?: TemplateType; payload?: Record<string, unknown> };
const messageOf = ({ to = '8613012345678', type = TemplateType.SignIn, payload = { code: '123456' } }: Message = {}) => ({
  to,
  type,
  payload,
});

/**
 * A send as a sign-in flow makes it: the config comes from `getConfig`, and `sendMessage` gets no
 * second argument, so errors keep the codes Logto maps to its phrases and statuses.
 */
export const send = async (config: unknown, message: Message = {}) =>
  (await makeConnector(async () => config)).sendMessage(messageOf(message));

/** A send as the Console's test makes it: the unsaved form as the second argument. */
export const consoleSend = async (config: unknown, message: Message = {}) =>
  (await makeConnector()).sendMessage(messageOf(message), config);

/** Runs a send that must fail and returns the ConnectorError, checking it is one. */
export const sendError = async (...args: Parameters<typeof send>): Promise<ConnectorError> => {
  const error: unknown = await send(...args).then(
    () => undefined,
    (caught: unknown) => caught
  );
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
};

/**
 * What the operator reads of a failure: a guard refusal's advice (limits, setting), else
 * `data.errorDescription`.
 */
export const operatorTextOf = (error: ConnectorError): string => adviceOf(error) ?? descriptionOf(error);

/** `data.errorDescription`, the text Logto's Console shows for `general` errors. */
export const descriptionOf = (error: ConnectorError): string =>
  (error.data as { errorDescription?: string } | undefined)?.errorDescription ?? '';
