/**
 * What `emulator` prints on start, as text: the settings a newcomer copies into Logto's Console
 * (field by field, under the form's labels) or into a config file (JSON), each usable as printed,
 * in lines a terminal shows whole. The spawned command is covered in cli.test.ts.
 */
import { ConnectorConfigFormItemType } from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';

import { emulatorBanner, isWildcardHost, localUrlFor } from '../src/cli/emulator-banner.js';
import { formatConsoleFields } from '../src/cli/console-fields.js';
import { formatJson, maxPrintedLine } from '../src/cli/format-config.js';
import { defaultMetadata } from '../src/constant.js';
import { connectorConfigFor } from '../src/emulator/connector-config.js';
import { defaultAccountInput } from '../src/emulator/default-account.js';
import { tencentSmsConfigGuard } from '../src/types.js';

import { printedConfig, printedConsoleFields } from './helpers/emulator-banner.js';

const cjk = /[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]/g;
/** Terminal columns: CJK characters take two. */
const columns = (line: string) => [...line].length + (line.match(cjk)?.length ?? 0);

const formItems = defaultMetadata.formItems ?? [];

describe('formatJson', () => {
  const config = connectorConfigFor('http://127.0.0.1:4567');

  it('gives back the same value when parsed', () => {
    for (const width of [20, 60, 100, 400]) {
      expect(JSON.parse(formatJson(config, '', width))).toEqual(config);
      expect(JSON.parse(formatJson(config, '    ', width))).toEqual(config);
    }
  });

  it('keeps what fits on one line and breaks the rest, within the width', () => {
    expect(formatJson({ a: [1, 2], b: 'x' })).toBe('{"a":[1,2],"b":"x"}');
    for (const width of [60, 100]) {
      const text = formatJson(config, '  ', width);
      expect(text.split('\n').length).toBeGreaterThan(1);
      expect(text.split('\n').filter((line) => columns(line) > width)).toEqual([]);
      expect(text.split('\n').every((line) => line.startsWith('  '))).toBe(true);
    }
  });
});

describe('formatConsoleFields', () => {
  it('names each value by its form label, switches as on/off, JSON fields on the lines below', () => {
    const text = formatConsoleFields({ accessKeyId: 'AKIDx', advanced: true, international: false, templates: [] });
    expect(text).toMatch(/^ {2}SecretId {2,}AKIDx$/m);
    expect(text).toMatch(/^ {2}Advanced settings {2,}on$/m);
    expect(text).toMatch(/^ {2}International numbers {2,}off$/m);
    expect(text).toMatch(/^ {2}Templates {2,}.+\n {4}\[\]$/m);
    // In the form's order, and nothing the config does not hold.
    expect(text.indexOf('SecretId')).toBeLessThan(text.indexOf('Templates'));
    expect(text).not.toContain('SecretKey');
  });
});

describe('localUrlFor', () => {
  it('is the address itself on loopback, and 127.0.0.1 for an emulator on every interface', () => {
    expect(localUrlFor('127.0.0.1', 4567)).toBe('http://127.0.0.1:4567');
    expect(localUrlFor('localhost', 80)).toBe('http://localhost:80');
    expect(localUrlFor('::1', 4567)).toBe('http://[::1]:4567');
    expect(localUrlFor('0.0.0.0', 4567)).toBe('http://127.0.0.1:4567');
    expect(localUrlFor('::', 4567)).toBe('http://127.0.0.1:4567');
    expect([isWildcardHost('0.0.0.0'), isWildcardHost('::'), isWildcardHost('127.0.0.1')]).toEqual([true, true, false]);
  });
});

describe.each([
  ['127.0.0.1', 4567],
  ['0.0.0.0', 4567],
  ['::', 14567],
])('the banner of an emulator on %s, port %i, with the built-in account', (host, port) => {
  const banner = emulatorBanner({ host, port });
  const endpoint = `http://127.0.0.1:${port}`;

  it('prints a JSON config that the connector accepts as printed, pointing at the emulator', () => {
    const config = printedConfig(banner);
    expect(tencentSmsConfigGuard.safeParse(config).error?.issues).toBeUndefined();
    expect(config).toEqual(connectorConfigFor(endpoint));
    expect(config).toMatchObject({ advanced: true, endpoint, accessKeySecret: defaultAccountInput.secretKey });
  });

  it('prints the same values field by field, under every label they go in', () => {
    const fields = printedConsoleFields(banner);
    const config = printedConfig(banner);
    const labels = Object.keys(config).map((key) => formItems.find((item) => item.key === key)?.label);
    expect(labels).not.toContain(undefined);
    expect(Object.keys(fields).sort()).toEqual([...labels].sort());

    const byLabel = new Map(formItems.map((item) => [item.label, item]));
    const typed = Object.fromEntries(
      Object.entries(fields).map(([label, value]) => {
        const item = byLabel.get(label)!;
        const read =
          item.type === ConnectorConfigFormItemType.Switch
            ? value === 'on'
            : item.type === ConnectorConfigFormItemType.Json
              ? (JSON.parse(value) as unknown)
              : value;
        return [item.key, read];
      })
    );
    expect(typed).toEqual(config);
  });

  it('says the demo keys are public, in lines of at most 100 columns, naming no file outside the package', () => {
    expect(banner).toMatch(/keys are public/);
    expect(banner.split('\n').filter((line) => columns(line) > maxPrintedLine)).toEqual([]);
    expect(banner).not.toMatch(/docs\/|\.md\b|README/);
  });

  it('warns only when it listens on every interface', () => {
    expect(banner.includes('Whoever reaches that port can read the codes')).toBe(isWildcardHost(host));
    expect(banner).toContain(`Inbox:    ${endpoint}/`);
  });
});

describe('the banner with an --account file', () => {
  it('names the file and the SecretId and prints no config (its secret key stays unprinted)', () => {
    const banner = emulatorBanner({ host: '127.0.0.1', port: 4567, account: { file: 'mine.json', secretId: 'AKIDmine' } });
    expect(banner).toContain('mine.json (SecretId AKIDmine)');
    expect(banner).toContain('Endpoint to http://127.0.0.1:4567');
    expect(banner).not.toContain(defaultAccountInput.secretKey);
    expect(banner).not.toMatch(/^\{$/m);
  });
});
