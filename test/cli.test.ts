import { once } from 'node:events';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { connectorConfigFor, defaultAccountInput, startEmulator, type Emulator } from '../src/emulator/index.js';
import { tencentSmsConfigGuard } from '../src/types.js';

import { buildLib, removeBuiltLib, repoRoot } from './helpers/emulator-build.js';
import { mainlandBody, postSigned } from './helpers/emulator-client.js';
import { printedConfig } from './helpers/emulator-banner.js';
import { emulatorUrlOf, runCli, spawnCli } from './helpers/emulator-cli.js';

const secret = defaultAccountInput.secretKey;
const stackTrace = /^\s+at .+\(.*:\d+:\d+\)$/m;

let lib: string;
let folder: string;
let emulator: Emulator;
let nextNumber = 13100000000;
const freshNumber = () => `+86${(nextNumber += 1)}`;

const writeConfig = async (name: string, config: unknown) => {
  const file = path.join(folder, name);
  await writeFile(file, typeof config === 'string' ? config : JSON.stringify(config));
  return file;
};

beforeAll(async () => {
  [lib, folder, emulator] = await Promise.all([
    buildLib(),
    mkdtemp(path.join(tmpdir(), 'cli-test-')),
    startEmulator(),
  ]);
}, 120_000);

afterAll(async () => {
  await emulator.close();
  await rm(folder, { recursive: true, force: true });
  await removeBuiltLib();
});

describe('connector-tencent-sms bin', () => {
  it('is declared in package.json and compiled with a node shebang', async () => {
    const manifest = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8'));
    expect(manifest.bin).toEqual({ 'connector-tencent-sms': './lib/cli/main.js' });
    const compiled = await readFile(path.join(lib, 'cli', 'main.js'), 'utf8');
    expect(compiled.startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('documents every command and option in --help and exits 0', async () => {
    const { code, stdout } = await runCli(lib, ['--help']);
    expect(code).toBe(0);
    for (const word of ['emulator', 'send', '--port', '--host', '--account', '--max-messages', '--config', '--to', '--type', '--code', '--locale', 'TENCENT_SMS_SECRET_KEY', 'GET /messages', 'DELETE /messages']) {
      expect(stdout).toContain(word);
    }
  });

  it('exits 1 with one readable line for an unknown command or option', async () => {
    const unknown = await runCli(lib, ['launch']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Unknown command "launch"');
    const badOption = await runCli(lib, ['send', '--frobnicate']);
    expect(badOption.code).toBe(1);
    expect(badOption.stderr).toMatch(/frobnicate/);
    expect(badOption.stderr).not.toMatch(stackTrace);
  });
});

describe('send', () => {
  it('prints RequestId, SerialNo, fee and country on success, and exits 0', async () => {
    const to = freshNumber();
    const config = await writeConfig('ok.json', connectorConfigFor(emulator.url));
    const { code, stdout } = await runCli(lib, ['send', '--config', config, '--to', to, '--code', '654321']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/RequestId\s+[0-9a-f-]{36}/);
    expect(stdout).toMatch(/SerialNo\s+\d{4}:\d+/);
    expect(stdout).toMatch(/Fee\s+1/);
    expect(stdout).toMatch(/Country\s+CN/);
    expect(stdout).toContain(`Endpoint   ${emulator.url}/ (region ap-guangzhou)`);
    expect(stdout).toMatch(/Number {5}\d+, read as \+86 131 \d{4} \d{4}, Chinese mainland\n/);
    expect(stdout).not.toContain(secret);
    expect(emulator.store.list(to)[0]?.text).toContain('654321');
  });

  it('prints the number as read, with its country: digits without + are read as Logto reads them', async () => {
    const config = await writeConfig('read-as.json', connectorConfigFor(emulator.url));
    const { code, stdout } = await runCli(lib, ['send', '--config', config, '--to', '85251234567']);
    expect(code).toBe(0);
    // Digits not shaped like a mainland mobile number: no +86 hint (the shaped ones are refused first).
    expect(stdout).toContain('Number     85251234567, read as +852 5123 4567, Hong Kong (China)\n');
    expect(stdout).toMatch(/Country\s+HK/);
    // Typed with its +, the country code was meant: the number as read, without the +86 hint.
    const typed = await runCli(lib, ['send', '--config', config, '--to', '+1 415 555 2671']);
    expect(typed.stdout).toContain('Number     14155552671, read as +1 415 555 2671, United States\n');
    const international = await runCli(lib, ['send', '--config', config, '--to', '00 1 415 555 2672']);
    expect(international.stdout).toContain('read as +1 415 555 2672, United States\n');
  });

  it('refuses a number that reads two ways before anything is sent, showing both readings and how to type each', async () => {
    const config = await writeConfig('two-ways.json', connectorConfigFor(emulator.url));
    for (const typed of ['13012345678', '130 1234 5678', '130-1234-5678']) {
      const before = emulator.store.list().length;
      const { code, stdout, stderr } = await runCli(lib, ['send', '--config', config, '--to', typed]);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toContain('--to 13012345678 has no country code and reads two ways, so nothing was sent:');
      expect(stderr).toContain('country code first, as Logto reads it: +1 301 234 5678, United States');
      expect(stderr).toContain('as a mainland China mobile number:     +86 130 1234 5678, Chinese mainland');
      expect(stderr).toContain('--to +8613012345678 for the mainland China number, --to +13012345678 for the other.');
      expect(emulator.store.list()).toHaveLength(before);
    }
    // With +, 00 or 86 in front the number reads one way and goes out as before.
    for (const typed of ['+13012345670', '0013012345671', '86 131 0000 0099', '+86 131 0000 0098']) {
      const { code, stdout } = await runCli(lib, ['send', '--config', config, '--to', typed]);
      expect(stdout, typed).toContain('Sent.');
      expect(code).toBe(0);
    }
  });

  it('says the abuse protection is not used when "pumpingProtection" is false and the file has one', async () => {
    const config = await writeConfig('protection-off.json', {
      ...connectorConfigFor(emulator.url),
      pumpingProtection: false,
      abuseProtection: { allowedRegions: ['CN'] },
    });
    // A US number the region list would refuse goes out: the list is off, as in the Console.
    const { code, stdout } = await runCli(lib, ['send', '--config', config, '--to', '+14155550199']);
    expect(stdout).toContain(
      'Protection none: "pumpingProtection" is false, so the file\'s "abuseProtection" is not used, as in the Console form\n'
    );
    expect(code).toBe(0);
    const on = await runCli(lib, ['send', '--config', await writeConfig('protection-on.json', { ...connectorConfigFor(emulator.url), abuseProtection: { allowedRegions: ['CN'] } }), '--to', freshNumber()]);
    expect(on.stdout).not.toContain('Protection none');
  });

  it('names the endpoint the send really goes to: with "advanced": false the file\'s endpoint is not used', async () => {
    const config = await writeConfig('advanced-off.json', { ...connectorConfigFor(emulator.url), advanced: false });
    // An unreadable number: the banner is printed, and nothing is sent anywhere.
    const { code, stdout } = await runCli(lib, ['send', '--config', config, '--to', 'not-a-number']);
    expect(code).toBe(1);
    expect(stdout).toContain('Endpoint   https://sms.tencentcloudapi.com/ (region ap-guangzhou)');
    expect(stdout).toContain('"endpoint" is not used: "advanced" is false');
    expect(stdout).not.toContain(emulator.url);
    expect(stdout).toContain('Number     not-a-number, not readable as an international number');
    expect(stdout).toContain('Failed: invalid_request_parameters');
    expect(stdout).toContain('  Logto would show: The request is with wrong input parameter(s).\n    (HTTP 400 in sign-in flows)\n');
    expect(stdout).toContain("  Diagnosis, as the Console's test shows it:\n    Error occurred in connector: The phone number is not valid");
  });

  it('takes the secret from TENCENT_SMS_SECRET_KEY when the file has none', async () => {
    const { accessKeySecret: _omitted, ...withoutSecret } = connectorConfigFor(emulator.url);
    const config = await writeConfig('no-secret.json', withoutSecret);
    const to = freshNumber();
    const withEnv = await runCli(lib, ['send', '--config', config, '--to', to], { TENCENT_SMS_SECRET_KEY: secret });
    expect(withEnv.code).toBe(0);
    expect(withEnv.stdout).not.toContain(secret);
    expect(withEnv.stdout).toContain('(accessKeySecret from TENCENT_SMS_SECRET_KEY)');
    const withoutEnv = await runCli(lib, ['send', '--config', config, '--to', freshNumber()]);
    expect(withoutEnv.code).toBe(1);
    expect(withoutEnv.stdout).toContain('Failed: invalid_config');
    expect(withoutEnv.stdout).toContain('Endpoint   none: the config is invalid, so nothing will be sent');
    // What Logto shows for invalid_config: its phrase, then each zod issue as Logto words it.
    expect(withoutEnv.stdout).toContain(
      `  Logto would show: The connector's config is invalid.\n    Error in key path "accessKeySecret": (invalid_type) Expected string but received undefined.\n`
    );
    expect(withoutEnv.stdout).toContain('accessKeySecret is missing: set the environment variable TENCENT_SMS_SECRET_KEY');
    // Nothing is sent with an invalid config, and the output does not claim otherwise.
    expect(withoutEnv.stdout).not.toContain('Sending');
    // A secret of the wrong type is not "missing": zod's line says what is wrong.
    const numeric = await runCli(lib, ['send', '--config', await writeConfig('numeric-secret.json', { ...withoutSecret, accessKeySecret: 12345678 }), '--to', freshNumber()]);
    expect(numeric.stdout).toContain('Error in key path "accessKeySecret": (invalid_type) Expected string but received number.');
    expect(numeric.stdout).not.toContain('accessKeySecret is missing');
  });

  it('sends the canonical number: a trunk prefix typed after the country code is dropped', async () => {
    const config = await writeConfig('canonical.json', connectorConfigFor(emulator.url));
    const { code, stdout } = await runCli(lib, ['send', '--config', config, '--to', '+44 (0) 7400 123499']);
    expect(stdout).toContain('Number     4407400123499, read as +44 740 012 3499, United Kingdom\n');
    expect(code).toBe(0);
    // The emulator, like Tencent, holds the message under the number as sent.
    expect(emulator.store.list('+447400123499')[0]?.phoneNumber).toBe('+447400123499');
  });

  it('refuses a number abroad with "international": false, saying which switch and how to type a mainland number', async () => {
    const config = await writeConfig('international-off.json', { ...connectorConfigFor(emulator.url), international: false });
    const before = emulator.store.list().length;
    const { code, stdout } = await runCli(lib, ['send', '--config', config, '--to', '+1 415 555 2671']);
    expect(code).toBe(1);
    expect(stdout).toContain('Failed: invalid_request_parameters');
    expect(stdout).toContain('International numbers is off: only +86 numbers get codes.');
    expect(emulator.store.list()).toHaveLength(before);
    const mainland = await runCli(lib, ['send', '--config', config, '--to', freshNumber()]);
    expect(mainland.code).toBe(0);
  });

  it('refuses a number too long for its country before anything is sent', async () => {
    const config = await writeConfig('too-long.json', connectorConfigFor(emulator.url));
    const { code, stdout } = await runCli(lib, ['send', '--config', config, '--to', '+44 909 879 00000']);
    expect(code).toBe(1);
    expect(stdout).toContain('Number     4490987900000, read as +44 909 8790 0000, too long for United Kingdom\n');
    expect(stdout).toContain('The phone number is too long for a number in United Kingdom: no number there has 11 digits after +44.');
  });

  it('uses the --type and --locale to pick the template', async () => {
    const to = '+447400123456';
    const base = connectorConfigFor(emulator.url);
    const config = await writeConfig('types.json', {
      ...base,
      templates: [
        ...base.templates,
        { usageType: 'Register', templateCode: '1000002', destination: 'international', locale: 'en', params: ['{{code}}', '30'] },
      ],
    });
    const { code } = await runCli(lib, ['send', '--config', config, '--to', to, '--type', 'Register', '--locale', 'en-GB']);
    expect(code).toBe(0);
    expect(emulator.store.list(to)[0]?.text).toContain('expires in 30 minutes');
  });

  it('prints the mapped error, Tencent’s code and Logto’s text on failure, exits 1, never the secret', async () => {
    const wrongSecret = 'wrong-secret-value-123';
    const config = await writeConfig('wrong.json', { ...connectorConfigFor(emulator.url), accessKeySecret: wrongSecret });
    const { code, stdout, stderr } = await runCli(lib, ['send', '--config', config, '--to', freshNumber()]);
    expect(code).toBe(1);
    expect(stdout).toContain('Failed: general (Tencent code AuthFailure.SignatureFailure)');
    expect(stdout).toMatch(/\n {2}Tencent {4}\S.*\n/);
    expect(stdout).toContain('Logto would show: Error occurred in connector: SecretId or SecretKey is wrong: copy both again');
    // The Console's test shows that same general text (a mainland number is not read back for a
    // wrong key): said once, not the long line printed twice.
    expect(stdout).toContain("    (HTTP 400, in sign-in flows and in the Console's test alike)\n");
    expect(stdout.match(/SecretId or SecretKey is wrong/g)).toHaveLength(1);
    expect(`${stdout}${stderr}`).not.toContain(wrongSecret);
    expect(`${stdout}${stderr}`).not.toMatch(stackTrace);
  });

  it('reports the per-number rate limit as rate_limit_exceeded', async () => {
    const to = freshNumber();
    const config = await writeConfig('limit.json', connectorConfigFor(emulator.url));
    expect((await runCli(lib, ['send', '--config', config, '--to', to])).code).toBe(0);
    const second = await runCli(lib, ['send', '--config', config, '--to', to]);
    expect(second.code).toBe(1);
    expect(second.stdout).toContain('Failed: rate_limit_exceeded (Tencent code LimitExceeded.PhoneNumberThirtySecondLimit)');
    // Logto's fixed phrase for the code, then the whole diagnosis the Console's test shows.
    expect(second.stdout).toContain('  Logto would show: Trigger rate limit. Please try again later.\n    (HTTP 429 in sign-in flows)\n');
    const requestId = second.stdout.match(/RequestId {2}(\S+)/)?.[1];
    expect(requestId).toBeDefined();
    expect(second.stdout).toContain(
      "  Diagnosis, as the Console's test shows it:\n    Error occurred in connector: Too many codes for this number or account: try later, or raise the SMS console's frequency limits. " +
        // The RequestId, printed above, does not fit the toast's 200 characters.
        'Tencent: LimitExceeded.PhoneNumberThirtySecondLimit.\n'
    );
  });

  it('does not echo a config file that is not JSON (it may hold the secret)', async () => {
    const config = await writeConfig('broken.json', `{"accessKeySecret": "${secret}", oops}`);
    const { code, stdout, stderr } = await runCli(lib, ['send', '--config', config, '--to', freshNumber()]);
    expect(code).toBe(1);
    expect(stderr).toContain('is not valid JSON');
    expect(`${stdout}${stderr}`).not.toContain(secret);
  });

  it.each([
    ['an unquoted key', `{\n  "accessKeySecret": "${secret}",\n  oops: 1\n}`, 'expected a property name in double quotes', 3, 3],
    ['a trailing comma', `{\r\n  "accessKeySecret": "${secret}",\r\n}`, 'expected a property name in double quotes', 3, 1],
    ['a missing closing quote', `{ "accessKeySecret": "${secret}\n}`, 'a line break or control character inside a string', 1, 23 + secret.length],
    ['a cut-off file', `{ "templates": [`, 'the file ends before the JSON does', 1, 17],
    ['a second value', `{} {}`, 'more text after the JSON value', 1, 4],
  ])('says where a config file with %s stops being JSON, without quoting it', async (_name, text, reason, line, column) => {
    const config = await writeConfig('fault.json', text);
    const { code, stdout, stderr } = await runCli(lib, ['send', '--config', config, '--to', freshNumber()]);
    expect(code).toBe(1);
    expect(stderr).toContain(`The config file ${config} is not valid JSON: ${reason}`);
    expect(stderr).toContain(`at line ${line}, column ${column}.`);
    expect(`${stdout}${stderr}`).not.toContain(secret);
  });

  it('gives the reason a config file cannot be read', async () => {
    const missing = path.join(folder, 'no-such-file.json');
    const absent = await runCli(lib, ['send', '--config', missing, '--to', freshNumber()]);
    expect(absent.code).toBe(1);
    expect(absent.stderr).toContain(`The config file ${missing} does not exist.`);
    const directory = await runCli(lib, ['send', '--config', folder, '--to', freshNumber()]);
    expect(directory.stderr).toContain(`The config file ${folder} is a directory, not a file.`);
    const empty = await runCli(lib, ['send', '--config', await writeConfig('empty.json', '\uFEFF \n'), '--to', freshNumber()]);
    expect(empty.stderr).toContain('is empty');
    expect(`${absent.stderr}${directory.stderr}${empty.stderr}`).not.toMatch(stackTrace);
  });

  it.skipIf(process.getuid?.() === 0)('says permission denied for a config file it may not read', async () => {
    const config = await writeConfig('locked.json', '{}');
    await chmod(config, 0o000);
    const { code, stderr } = await runCli(lib, ['send', '--config', config, '--to', freshNumber()]);
    expect(code).toBe(1);
    expect(stderr).toContain(`The config file ${config} cannot be read: permission denied.`);
  });

  it('carries on when its reader goes away (`| head`): the send completes, no stack trace', async () => {
    const to = freshNumber();
    const config = await writeConfig('closed-pipe.json', connectorConfigFor(emulator.url));
    const child = spawnCli(lib, ['send', '--config', config, '--to', to]);
    // Closed before the CLI writes its first line, as `head -1` closes it after reading one.
    child.stdout?.destroy();
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const [exitCode] = await once(child, 'close');
    expect(stderr).toBe('');
    expect(exitCode).toBe(0);
    expect(emulator.store.list(to)).toHaveLength(1);
  });

  it('requires --config and --to', async () => {
    const { code, stderr } = await runCli(lib, ['send', '--to', '+8613012345678']);
    expect(code).toBe(1);
    expect(stderr).toContain('send needs --config');
  });
});

describe('emulator command', () => {
  it('serves SendSms on the given port until SIGTERM, logging each call without secrets', async () => {
    const child = spawnCli(lib, ['emulator', '--port', '0']);
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    try {
      const url = await emulatorUrlOf(child);
      const config = await writeConfig('spawned.json', connectorConfigFor(url));
      const sent = await runCli(lib, ['send', '--config', config, '--to', '+8613012345678']);
      expect(sent.code).toBe(0);
      const messages = (await (await fetch(`${url}/messages`)).json()) as Array<{ phoneNumber: string }>;
      expect(messages).toEqual([expect.objectContaining({ phoneNumber: '+8613012345678' })]);
      await expect.poll(() => output).toContain('SendSms +8613012345678 Ok');
    } finally {
      child.kill('SIGTERM');
    }
    const [exitCode] = await once(child, 'close');
    expect(exitCode).toBe(0);
    // The banner prints the built-in account's public key on purpose; the call log never does.
    const log = output.slice(output.indexOf('Press Ctrl+C to stop.'));
    expect(log).toContain('SendSms +8613012345678 Ok');
    expect(log).not.toContain(secret);
  });

  it('prints a connector config that sends through it as printed, copied byte for byte into a file', async () => {
    const child = spawnCli(lib, ['emulator', '--port', '0']);
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    try {
      const url = await emulatorUrlOf(child);
      await expect.poll(() => output).toContain('Press Ctrl+C to stop.');
      const lines = output.split('\n');
      const json = lines.slice(lines.indexOf('{'), lines.indexOf('}') + 1).join('\n');
      const config = printedConfig(output);
      expect(tencentSmsConfigGuard.safeParse(config).error?.issues).toBeUndefined();
      expect(config).toMatchObject({ endpoint: url, advanced: true });

      const to = freshNumber();
      const sent = await runCli(lib, ['send', '--config', await writeConfig('printed.json', json), '--to', to]);
      expect(sent.stderr).toBe('');
      expect(sent.code).toBe(0);
      const messages = (await (await fetch(`${url}/messages?phone=${encodeURIComponent(to)}`)).json()) as Array<{
        text: string;
      }>;
      expect(messages[0]?.text).toContain('【Logto演示】');
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('listens on loopback only unless --host says otherwise', async () => {
    const outside = Object.values(networkInterfaces())
      .flat()
      .find((address) => address && !address.internal && address.family === 'IPv4')?.address;
    const child = spawnCli(lib, ['emulator', '--port', '0']);
    try {
      const url = await emulatorUrlOf(child);
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      if (outside) {
        const port = Number(new URL(url).port);
        const reached = await new Promise<string>((resolve) => {
          const socket = connect({ host: outside, port });
          socket.once('connect', () => {
            socket.destroy();
            resolve('connected');
          });
          socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
        });
        expect(reached).toBe('ECONNREFUSED');
      }
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('refuses a --host that is neither loopback nor every interface, naming why', async () => {
    for (const host of ['192.0.2.10', 'example.com', '']) {
      const refused = await runCli(lib, ['emulator', '--port', '0', '--host', host]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('--host must be a loopback address');
      expect(refused.stderr).toContain('plain http:// only on loopback');
      expect(refused.stderr).not.toMatch(stackTrace);
    }
  });

  it('serves the account from --account', async () => {
    const account = await writeConfig('account.json', {
      ...defaultAccountInput,
      secretId: 'AKIDcustomaccount',
      secretKey: 'custom-account-key',
      apps: [{ sdkAppId: '2400000002', region: 'ap-singapore' }],
    });
    const child = spawnCli(lib, ['emulator', '--port', '0', '--account', account]);
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    try {
      const url = await emulatorUrlOf(child);
      const config = await writeConfig('custom.json', {
        ...connectorConfigFor(url),
        accessKeyId: 'AKIDcustomaccount',
        accessKeySecret: 'custom-account-key',
        sdkAppId: '2400000002',
        region: 'ap-singapore',
      });
      const sent = await runCli(lib, ['send', '--config', config, '--to', '+6591234567']);
      expect(sent.stdout).toMatch(/Country\s+SG/);
      expect(sent.code).toBe(0);
      child.kill('SIGTERM');
      await once(child, 'close');
      expect(output).toContain(`${account} (SecretId AKIDcustomaccount)`);
      expect(output).not.toContain('custom-account-key');
      expect(output).not.toContain(secret);
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('keeps the newest --max-messages messages, and refuses a count that is not positive', async () => {
    const child = spawnCli(lib, ['emulator', '--port', '0', '--max-messages', '2']);
    try {
      const url = await emulatorUrlOf(child);
      const spawned = { url, account: emulator.account } as Emulator;
      for (const phone of ['+8613000000011', '+8613000000012', '+8613000000013']) {
        await postSigned(spawned, { body: mainlandBody(phone) });
      }
      const messages = (await (await fetch(`${url}/messages`)).json()) as Array<{ phoneNumber: string }>;
      expect(messages.map((message) => message.phoneNumber)).toEqual(['+8613000000013', '+8613000000012']);
    } finally {
      child.kill('SIGTERM');
    }
    for (const value of ['0', '1.5', 'lots', '2000000']) {
      const refused = await runCli(lib, ['emulator', '--max-messages', value]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('--max-messages must be a number from 1 to 1000000.');
    }
  });

  it('explains an invalid account file and a busy port, exiting 1', async () => {
    const account = await writeConfig('bad-account.json', { secretId: 'x', apps: [] });
    const invalid = await runCli(lib, ['emulator', '--account', account]);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain('secretKey');
    expect(invalid.stderr).toContain('apps');

    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    try {
      const busy = await runCli(lib, ['emulator', '--port', String(port)]);
      expect(busy.code).toBe(1);
      expect(busy.stderr).toContain(`Port ${port} is already in use`);
    } finally {
      blocker.close();
    }
  });
});

describe('demo', () => {
  it('sends to a mainland and an international number, shows two failures as Logto would, exits 0', async () => {
    const { code, stdout, stderr } = await runCli(lib, ['demo']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('The phone +8613012345678 shows: 【Logto演示】您的验证码是123456，10分钟内有效，请勿泄露给他人。');
    expect(stdout).toContain('The phone +14155552671 shows: Your Logto verification code is 123456. It expires in 10 minutes.');
    expect(stdout).toContain("Logto's Console shows: Error occurred in connector: SecretId or SecretKey is wrong");
    expect(stdout).toContain(
      "Logto's Console shows: Error occurred in connector: The template is not approved or not of this SMS app"
    );
    expect(stdout).not.toContain(secret);
    expect(stdout).not.toMatch(stackTrace);
  });
});
