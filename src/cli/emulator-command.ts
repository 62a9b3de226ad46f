import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

import type { ApiOutcome } from '../emulator/api-handler.js';
import { parseAccount, type Account } from '../emulator/account.js';
import { startEmulator } from '../emulator/server.js';

import { emulatorBanner, isWildcardHost } from './emulator-banner.js';
import { UsageError } from './usage-error.js';

/** Where `npm run emulator` listens, and so the Endpoint the guides give. */
export const defaultPort = 4567;
/** Loopback unless asked: the emulator takes public dummy keys and shows every code it gets. */
const defaultHost = '127.0.0.1';
const loopbackHost = /^(?:localhost|127(?:\.\d{1,3}){3}|::1)$/;

/**
 * Loopback, or every interface for a container whose Logto shares its network: any other address
 * would be plain http across a network, which the connector refuses, so it is refused here first.
 */
const readHost = (value: string | undefined): string => {
  if (value === undefined) {
    return defaultHost;
  }
  if (!loopbackHost.test(value) && !isWildcardHost(value)) {
    throw new UsageError(
      '--host must be a loopback address (127.0.0.1, ::1, localhost) or 0.0.0.0 / :: (every interface, ' +
        'e.g. in a container): the connector accepts plain http:// only on loopback.'
    );
  }
  return value;
};

const readPort = (value: string | undefined): number => {
  if (value === undefined) {
    return defaultPort;
  }
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535) {
    throw new UsageError('--port must be a number from 0 to 65535.');
  }
  return port;
};

const readMaxMessages = (value: string | undefined): number | undefined => {
  if (value === undefined) {
    return undefined;
  }
  const count = Number(value);
  if (!/^\d+$/.test(value) || count < 1 || count > 1_000_000) {
    throw new UsageError('--max-messages must be a number from 1 to 1000000.');
  }
  return count;
};

const readAccount = async (path: string | undefined): Promise<Account | undefined> => {
  if (path === undefined) {
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch {
    // The parser's message quotes the file around the fault, and the file holds a secret key.
    throw new UsageError(`Cannot read ${path} as JSON.`);
  }
  try {
    return parseAccount(json);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
};

/** One log line per API call: enough to follow a local sign-in, nothing secret. */
const logLine = (outcome: ApiOutcome): string => {
  const time = new Date().toISOString().slice(11, 19);
  const numbers = outcome.statuses.map((status) => `${status.PhoneNumber} ${status.Code}`).join(', ');
  return `${time} SendSms ${outcome.code === 'Ok' ? numbers : outcome.code} (RequestId ${outcome.requestId})`;
};

/**
 * `emulator`: serves the emulator until SIGINT/SIGTERM. Prints where it listens and, for the
 * built-in account, the connector settings that reach it (see `emulatorBanner`).
 */
export const runEmulator = async (args: string[]): Promise<number> => {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      account: { type: 'string' },
      'max-messages': { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const port = readPort(values.port);
  const host = readHost(values.host);
  const maxMessages = readMaxMessages(values['max-messages']);
  const account = await readAccount(values.account);
  const emulator = await startEmulator({
    port,
    host,
    account,
    maxMessages,
    onApiCall: (outcome) => console.log(logLine(outcome)),
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') {
      throw new UsageError(`Port ${port} is already in use; choose another with --port.`);
    }
    throw error.code === 'EADDRNOTAVAIL' ? new UsageError(`--host ${host} is not an address of this machine.`) : error;
  });

  console.log(
    emulatorBanner({
      host,
      port: emulator.port,
      account: account && values.account ? { file: values.account, secretId: emulator.account.secretId } : undefined,
    })
  );

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await emulator.close();
  return 0;
};
