import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { inspect } from 'node:util';

import { ConnectorError, TemplateType, type SendMessageFunction } from '@logto/connector-kit';
import { expect } from 'vitest';

import createConnector from '../../src/index.js';
import { signTc3 } from '../../src/signing/sign.js';

import { okBodyFor } from './sendsms-bodies.js';

/**
 * Shared pieces of the reliability suites: distinctive credentials to hunt for in errors, a
 * loopback server that records what reaches it and checks TC3 signatures, and assertions.
 */

export const secretId = 'AKIDRELIABILITY0000000000000000000000';
/** Long and odd enough that finding it anywhere cannot be a coincidence. */
export const secretKey = 'rel-SECRET-key-7f3a9c1e-do-not-leak-0b5d';
export const sessionToken = 'rel-TOKEN-sts-4e8b2a6d-do-not-leak-91c7f0';
export const secrets = [secretKey, sessionToken] as const;

export type Data = Parameters<SendMessageFunction>[0];
export type SendMessage = SendMessageFunction;

export const notImplemented = async (): Promise<never> => {
  throw new Error('not implemented');
};

/** One connector instance, built the way Logto builds it, for a Console test. */
export const consoleConnector = async () => createConnector({ getConfig: notImplemented });

/**
 * One connector instance, built the way Logto builds it, whose `sendMessage(data, config)` sends
 * as a sign-in flow does: the config through `getConfig`, no second argument, so errors keep the
 * codes of real flows (a Console test turns them all into `general`).
 */
export const connector = async () => {
  const built = await consoleConnector();
  const sendMessage: SendMessageFunction = async (data, config) =>
    (await createConnector({ getConfig: async () => config })).sendMessage(data);
  return { ...built, sendMessage };
};

/** A valid config with both credentials set and a short timeout, aimed at `endpoint`. */
export const validConfig = (endpoint: string, extra: Record<string, unknown> = {}) => ({
  accessKeyId: secretId,
  accessKeySecret: secretKey,
  sessionToken,
  signName: 'Logto演示',
  internationalSignName: 'Logto',
  region: 'ap-guangzhou',
  sdkAppId: '1400000001',
  templates: [
    { usageType: 'Generic', templateCode: '1000001', destination: 'mainland', params: ['{{code}}', '5'] },
    {
      usageType: 'Generic',
      templateCode: '1000002',
      destination: 'international',
      params: ['{{code}}', '5'],
    },
  ],
  endpoint,
  timeout: 2000,
  // These suites send to one number hundreds of times; the abuse guard has suites of its own.
  pumpingProtection: false,
  ...extra,
});

export const message = (to: string, code = '123456', extra: Partial<Data> = {}): Data => ({
  to,
  type: TemplateType.Generic,
  payload: { code },
  ...extra,
});

/** Everything a thrown value can show: message, data, JSON, stack, inspect output, cause. */
export const everythingShown = (error: unknown): string => {
  const parts: string[] = [String(error), inspect(error, { depth: 10 })];
  if (error instanceof Error) {
    parts.push(error.message, error.stack ?? '', JSON.stringify(error));
    if (error.cause !== undefined) {
      parts.push(everythingShown(error.cause));
    }
  }
  if (error instanceof ConnectorError) {
    parts.push(JSON.stringify(error.data ?? null), inspect(error.data, { depth: 10 }));
  }
  return parts.join('\n');
};

/** Asserts that no secret (nor its JSON-escaped form) shows anywhere in the thrown value. */
export const expectNoSecrets = (
  error: unknown,
  hidden: ReadonlyArray<string> = secrets
): void => {
  const shown = everythingShown(error);
  for (const secret of hidden) {
    if (secret.length < 4) {
      continue;
    }
    expect(shown.includes(secret), `secret leaked in ${shown.slice(0, 300)}`).toBe(false);
    expect(shown.includes(JSON.stringify(secret).slice(1, -1))).toBe(false);
  }
};

/** The description an admin reads in Logto's Console. */
export const descriptionOf = (error: ConnectorError): string => {
  const data = error.data as { errorDescription?: unknown } | undefined;
  return typeof data?.errorDescription === 'string' ? data.errorDescription : '';
};

/**
 * Awaits a send that must fail: returns the ConnectorError after checking it is one, that it
 * leaks no secret, and that `code` matches when given.
 */
export const expectConnectorError = async (
  promise: Promise<unknown>,
  code?: string,
  hidden: ReadonlyArray<string> = secrets
): Promise<ConnectorError> => {
  let thrown: unknown;
  try {
    await promise;
  } catch (error) {
    thrown = error;
  }
  expect(thrown, 'the send was expected to fail').toBeInstanceOf(ConnectorError);
  const error = thrown as ConnectorError;
  if (code !== undefined) {
    expect(error.code, everythingShown(error).slice(0, 500)).toBe(code);
  }
  expectNoSecrets(error, hidden);
  return error;
};

export type Recorded = {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
};

/**
 * Checks that a recorded request is a well-formed, correctly signed SendSms: recomputes the TC3
 * signature with the shared signer from what arrived on the wire and compares it byte for byte.
 * Returns the parsed body.
 */
export const expectSignedSendSms = (
  recorded: Recorded,
  expected: { secretId: string; secretKey: string; region?: string; sessionToken?: string }
): Record<string, unknown> => {
  const { headers, body } = recorded;
  expect(recorded.method).toBe('POST');
  expect(recorded.url).toBe('/');
  expect(headers['content-type']).toBe('application/json');
  expect(headers['x-tc-action']).toBe('SendSms');
  expect(headers['x-tc-version']).toBe('2021-01-11');
  if (expected.region !== undefined) {
    expect(headers['x-tc-region']).toBe(expected.region);
  }
  expect(headers['x-tc-token']).toBe(expected.sessionToken);
  const timestamp = Number(headers['x-tc-timestamp']);
  expect(Number.isInteger(timestamp) && timestamp > 0).toBe(true);
  const { authorization } = signTc3({
    secretId: expected.secretId,
    secretKey: expected.secretKey,
    service: 'sms',
    timestamp,
    headers: { 'content-type': headers['content-type'] ?? '', host: headers.host ?? '' },
    body,
  });
  expect(headers.authorization).toBe(authorization);
  const parsed: unknown = JSON.parse(body.toString('utf8'));
  expect(parsed).toBeTypeOf('object');
  return parsed as Record<string, unknown>;
};

export type FaultHandler = (
  request: IncomingMessage,
  response: ServerResponse,
  body: Buffer
) => void | Promise<void>;

export type FaultServer = {
  readonly url: string;
  readonly port: number;
  readonly requests: Recorded[];
  handle: FaultHandler;
  close(): Promise<void>;
};

/** A SendSms success for the numbers in the request body. */
export const okResponseFor = (body: Buffer, requestId = 'req-ok'): unknown => {
  const { PhoneNumberSet: numbers } = JSON.parse(body.toString('utf8')) as {
    PhoneNumberSet: string[];
  };
  return okBodyFor(numbers, requestId);
};

export const replyJson = (response: ServerResponse, value: unknown, status = 200) => {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(value));
};

/**
 * A loopback HTTP server whose behaviour each test sets through `handle`. Records every request
 * that arrived whole. `close` also destroys open connections, including ones a handler left
 * hanging on purpose.
 */
export const startFaultServer = async (
  handle: FaultHandler = (_request, response, body) => replyJson(response, okResponseFor(body))
): Promise<FaultServer> => {
  const requests: Recorded[] = [];
  const sockets = new Set<Socket>();
  const state = { handle };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) {
        headers[name] = Array.isArray(value) ? value.join(', ') : (value ?? '');
      }
      requests.push({ method: request.method ?? '', url: request.url ?? '', headers, body });
      Promise.resolve(state.handle(request, response, body)).catch(() => response.destroy());
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    get handle() {
      return state.handle;
    },
    set handle(next: FaultHandler) {
      state.handle = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) {
          socket.destroy();
        }
        server.close(() => resolve());
      }),
  };
};

/** A port on 127.0.0.1 that nothing listens on: bound once, then released. */
export const closedPort = async (): Promise<number> => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
};

/** Milliseconds a promise took to settle, and how it settled. */
export const timed = async <T>(promise: Promise<T>) => {
  const started = performance.now();
  const settled = await promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error })
  );
  return { ...settled, ms: performance.now() - started };
};
