import { connectorConfigFor } from '../emulator/connector-config.js';

import { formatConsoleFields } from './console-fields.js';
import { formatJson } from './format-config.js';

/** Addresses that listen on every interface, as inside a container that others must reach. */
export const isWildcardHost = (host: string): boolean => host === '0.0.0.0' || host === '::';

/**
 * Where a Logto beside the emulator reaches it. For an emulator on every interface that is
 * 127.0.0.1: the connector accepts plain http:// only on loopback, so the Logto has to share the
 * machine or the container's network with it.
 */
export const localUrlFor = (host: string, port: number): string => {
  if (isWildcardHost(host)) {
    return `http://127.0.0.1:${port}`;
  }
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
};

export type BannerInput = {
  host: string;
  port: number;
  /** An `--account` file, when one replaced the built-in account. */
  account?: { file: string; secretId: string };
};

/**
 * What `emulator` prints once it listens: its addresses and, for the built-in account, the
 * settings that reach it, both as the Console form names them and as a JSON config, each usable
 * as printed. The built-in keys are printed on purpose: they are public and only this emulator
 * takes them. A custom account's secret key is never printed.
 */
export const emulatorBanner = ({ host, port, account }: BannerInput): string => {
  const url = localUrlFor(host, port);
  const lines = isWildcardHost(host)
    ? [
        `Tencent SMS emulator listening on port ${port} of every interface (--host ${host})`,
        '  Whoever reaches that port can read the codes: keep it inside a container or private network.',
      ]
    : [`Tencent SMS emulator listening on ${url}`];
  lines.push(`  Inbox:    ${url}/ (the messages sent, newest first)`, `  Messages: ${url}/messages`, '');

  if (account) {
    lines.push(
      `Account: ${account.file} (SecretId ${account.secretId}).`,
      `In Logto's Console, use its keys, app, signature and templates; turn on Advanced settings`,
      `and set Endpoint to ${url}`
    );
  } else {
    const config = connectorConfigFor(url);
    lines.push(
      'Built-in demo account: its keys are public, and only this emulator accepts them.',
      '',
      "In Logto's Console (Connectors → Email and SMS connectors → Tencent Cloud SMS), enter:",
      formatConsoleFields(config),
      'Then test with a +86 number (template 1000001) or another one (1000002), and read the code',
      'in the inbox.',
      '',
      "The same settings as a connector config (JSON), e.g. for the `send` command's --config file:",
      formatJson(config)
    );
  }
  lines.push('', 'Press Ctrl+C to stop.');
  return lines.join('\n');
};
