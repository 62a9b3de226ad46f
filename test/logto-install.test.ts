/**
 * The package installed and loaded the way Logto installs and loads it (SPEC.md §1–2):
 * built, packed, extracted into `packages/core/connectors/connector-tencent-sms` of a temporary
 * Logto tree whose `node_modules` holds only what Logto core ships, discovered and loaded by
 * `@logto/cli`'s own loader, then driven through the Console's "Send" test call.
 *
 * `loadConnectorFactories` caches its result for the whole module instance, so it is called once
 * (in `beforeAll`) and every test reads that one result.
 *
 * @logto/cli declares Node ^22.14, but the parts used here (the connector loader and its package
 * discovery) only need JSON import attributes (`with { type: 'json' }`), which Node has had since
 * 20.10; the test runs unchanged on Node 20 and 22.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { loadConnectorFactories, notImplemented } from '@logto/cli/lib/connector/index.js';
import { getConnectorPackagesFromDirectory } from '@logto/cli/lib/utils.js';
import {
  ConnectorError,
  ConnectorErrorCodes,
  ConnectorType,
  connectorMetadataGuard,
  type SmsConnector,
} from '@logto/connector-kit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ZodError } from 'zod';

import type * as EmulatorModule from '../src/emulator/index.js';
import type * as NumbersModule from '../src/numbers/index.js';

import {
  createLogtoSandbox,
  hostPackages,
  repoRoot,
  runtimePackagesOf,
  strayNodeModulesAbove,
  type LogtoSandbox,
} from './helpers/logto-install.js';
import { runCli } from './helpers/emulator-cli.js';
import {
  errorBody,
  startFakeTencent,
  successBody,
  type FakeTencent,
} from './helpers/logto-install-server.js';

type Factories = Awaited<ReturnType<typeof loadConnectorFactories>>;

const secret = 'install-test-secret-0123456789abcdef';

/** The unsaved Console form: empty strings dropped, the Json field parsed (SPEC.md §2). */
const formConfig = (endpoint: string) => ({
  accessKeyId: 'AKIDinstallTest0123456789',
  accessKeySecret: secret,
  sdkAppId: '1400006666',
  region: 'ap-guangzhou',
  signName: 'Acme',
  templates: [
    { usageType: 'Generic', templateCode: '1234567', destination: 'mainland' },
    { usageType: 'SignIn', templateCode: '1234568', destination: 'mainland' },
    { usageType: 'Generic', templateCode: '2234567', destination: 'international' },
  ],
  international: false,
  advanced: true,
  endpoint,
  timeout: 5000,
});

/** What the Console's "Send" button makes core call (`POST /api/connectors/:id/test`). */
const consoleTestMessage = {
  to: '8613012345678',
  type: 'Generic',
  payload: { code: '000000' },
} as const;

let sandbox: LogtoSandbox | undefined;
let fakeTencent: FakeTencent | undefined;
let factories: Factories = [];
/** What the loader printed: its only report of a connector it skipped, and why. */
const loaderOutput: string[] = [];

const installed = () => {
  if (!sandbox) {
    throw new Error('the Logto sandbox was not created; see the beforeAll error');
  }
  return sandbox;
};

const loadedFactory = () => {
  const factory = factories.find(({ metadata }) => metadata.id === 'tencent-cloud-sms');
  if (!factory) {
    throw new Error(
      `Logto's loader did not load the connector. Loader output:\n${loaderOutput.join('\n') || '(none)'}`
    );
  }
  return factory;
};

const createInstalledConnector = async () =>
  // Exactly what core does for the Console test: no stored config exists yet.
  (await loadedFactory().createConnector({ getConfig: notImplemented })) as SmsConnector;

const sendThroughInstalledCopy = async (config: unknown) => {
  const connector = await createInstalledConnector();
  return connector.sendMessage(
    consoleTestMessage as unknown as Parameters<SmsConnector['sendMessage']>[0],
    config
  );
};

const rejectionOf = async (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => {
      throw new Error('expected the send to fail');
    },
    (error: unknown) => error
  );

beforeAll(async () => {
  sandbox = await createLogtoSandbox();
  fakeTencent = await startFakeTencent();

  const record = (...parts: unknown[]) => {
    loaderOutput.push(parts.map(String).join(' '));
  };
  const spies = (['log', 'info', 'warn', 'error'] as const).map((method) =>
    vi.spyOn(console, method).mockImplementation(record)
  );
  try {
    // Core's own discovery: every folder of `connectors/` whose package name starts `connector-`.
    const packages = await getConnectorPackagesFromDirectory(sandbox.connectorsDirectory);
    factories = await loadConnectorFactories(packages, false);
  } finally {
    for (const spy of spies) {
      spy.mockRestore();
    }
  }
}, 60_000);

afterAll(async () => {
  await fakeTencent?.close();
  await sandbox?.remove();
});

describe('the packed tarball', () => {
  it('ships lib/index.js, logo.svg and README.md, and no sources or tests', () => {
    const files = installed().tarballFiles;
    expect(files).toEqual(
      expect.arrayContaining(['package.json', 'lib/index.js', 'lib/index.d.ts', 'logo.svg', 'README.md', 'README.zh-CN.md'])
    );
    const unwanted = files.filter(
      (file) =>
        /^(src|test|bench|docs|scripts|node_modules|\.ci)\//.test(file) ||
        file.endsWith('.tgz') ||
        (file.endsWith('.ts') && !file.endsWith('.d.ts'))
    );
    expect(unwanted).toEqual([]);
  });

  it('ships no source map that points at a file the package lacks', async () => {
    // Such a map sends debuggers to nothing, and tools that load lib/ (vite) warn about each one.
    const files = installed().tarballFiles;
    const missing: string[] = [];
    for (const map of files.filter((file) => file.endsWith('.map'))) {
      const { sources = [], sourcesContent = [] } = JSON.parse(
        await readFile(path.join(installed().connectorDirectory, map), 'utf8')
      ) as { sources?: string[]; sourcesContent?: Array<string | null> };
      for (const [index, source] of sources.entries()) {
        const target = path.posix.join(path.posix.dirname(map), source);
        if (typeof sourcesContent[index] !== 'string' && !files.includes(target)) {
          missing.push(`${map} → ${source}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('declares connector-kit as a dependency and is an ES module, as the loader requires', async () => {
    const manifest = JSON.parse(
      await readFile(path.join(installed().connectorDirectory, 'package.json'), 'utf8')
    ) as { name: string; type?: string; dependencies?: Record<string, string> };
    expect(manifest.name).toBe('connector-tencent-sms');
    expect(manifest.type).toBe('module');
    expect(manifest.dependencies?.['@logto/connector-kit']).toMatch(/^\^?5\./);
  });

  it('imports at run time nothing but what Logto core ships', async () => {
    const used = await runtimePackagesOf(path.join(installed().connectorDirectory, 'lib', 'index.js'));
    expect(used.filter((name) => !hostPackages.includes(name))).toEqual([]);
    expect(used).toContain('@logto/connector-kit');
  });
});

describe('the temporary Logto tree', () => {
  it('lets the connector resolve only what core ships', () => {
    const { connectorDirectory } = installed();
    expect(strayNodeModulesAbove(path.dirname(path.dirname(connectorDirectory)))).toEqual([]);

    const requireFromConnector = createRequire(path.join(connectorDirectory, 'lib', 'index.js'));
    /** `found` when Node's lookup reaches the package, even if it does not export package.json. */
    const lookup = (name: string) => {
      try {
        requireFromConnector.resolve(`${name}/package.json`);
        return 'found';
      } catch (error) {
        const { code } = error as { code?: string };
        return code === 'ERR_PACKAGE_PATH_NOT_EXPORTED' ? 'found' : code;
      }
    };
    // Our devDependencies, and dependencies of @logto/cli that core does not hand to connectors.
    const notShipped = ['nock', 'vitest', 'fast-check', 'tencentcloud-sdk-nodejs-common', 'chalk', 'semver'];
    expect(notShipped.map((name) => [name, lookup(name)])).toEqual(
      notShipped.map((name) => [name, 'MODULE_NOT_FOUND'])
    );
    expect(hostPackages.map((name) => [name, lookup(name)])).toEqual(
      hostPackages.map((name) => [name, 'found'])
    );
  });
});

describe("Logto's loader (@logto/cli loadConnectorFactories)", () => {
  it('loads the factory instead of skipping it', () => {
    const factory = loadedFactory();
    expect(factories).toHaveLength(1);
    expect(factory.path).toBe(installed().connectorDirectory);
    expect(loaderOutput.filter((line) => line.includes('skip'))).toEqual([]);
  });

  it('finds metadata that passes connector-kit’s connectorMetadataGuard', () => {
    const { metadata } = loadedFactory();
    const result = connectorMetadataGuard.safeParse(metadata);
    expect(result.success ? [] : result.error.issues).toEqual([]);
    expect(metadata).toMatchObject({
      id: 'tencent-cloud-sms',
      target: 'tencent-sms',
      platform: null,
      logoDark: null,
    });
  });

  it('inlines the logo as an SVG data URI and reads the README text', async () => {
    const { metadata } = loadedFactory();
    const { connectorDirectory } = installed();
    const logo = await readFile(path.join(connectorDirectory, 'logo.svg'));
    expect(metadata.logo).toBe(`data:image/svg+xml;base64,${logo.toString('base64')}`);
    expect(metadata.readme).toBe(await readFile(path.join(connectorDirectory, 'README.md'), 'utf8'));
    expect(metadata.readme).toBe(await readFile(path.join(repoRoot, 'README.md'), 'utf8'));
  });

  it('reports an SMS connector with a config guard that accepts the Console form', () => {
    const { type, configGuard } = loadedFactory();
    expect(type).toBe(ConnectorType.Sms);
    expect(configGuard.safeParse(formConfig('http://127.0.0.1:1')).success).toBe(true);
  });
});

describe('the Console "Send" test call through the installed copy', () => {
  it('sends the code to the E.164 number with the Generic mainland template', async () => {
    const server = fakeTencent!;
    const before = server.requests.length;
    server.answerNext(successBody('+8613012345678', 'req-install-ok'));

    const result = await sendThroughInstalledCopy(formConfig(server.endpoint));

    expect(JSON.stringify(result)).toContain('req-install-ok');
    expect(server.requests).toHaveLength(before + 1);
    const request = server.requests.at(-1)!;
    expect(request.method).toBe('POST');
    expect(request.headers['x-tc-action']).toBe('SendSms');
    expect(request.headers['x-tc-version']).toBe('2021-01-11');
    expect(request.headers['x-tc-region']).toBe('ap-guangzhou');
    expect(request.headers.host).toBe(new URL(server.endpoint).host);
    expect(request.headers.authorization).toMatch(
      /^TC3-HMAC-SHA256 Credential=AKIDinstallTest0123456789\/\d{4}-\d{2}-\d{2}\/sms\/tc3_request, SignedHeaders=[a-z;-]*content-type[a-z;-]*, Signature=[\da-f]{64}$/
    );
    expect(JSON.parse(request.body)).toMatchObject({
      PhoneNumberSet: ['+8613012345678'],
      SmsSdkAppId: '1400006666',
      TemplateId: '1234567',
      SignName: 'Acme',
      TemplateParamSet: ['000000'],
    });
    expect(request.body).not.toContain(secret);
  });

  it('throws ConnectorErrors that are instances of the host’s ConnectorError', async () => {
    const server = fakeTencent!;
    server.answerNext(
      errorBody('FailedOperation.SignatureIncorrectOrUnapproved', 'signature not approved', 'req-install-err')
    );

    const error = await rejectionOf(sendThroughInstalledCopy(formConfig(server.endpoint)));

    // Core maps errors with `instanceof ConnectorError`; a bundled connector-kit would fail this.
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).code).toBe(ConnectorErrorCodes.General);
    const { errorDescription } = (error as ConnectorError).data as { errorDescription: string };
    expect(errorDescription).toContain('FailedOperation.SignatureIncorrectOrUnapproved');
    expect(errorDescription).toContain('req-install-err');
    expect(JSON.stringify((error as ConnectorError).data)).not.toContain(secret);
  });

  it('turns a refused number into the Console test diagnosis, loaded from the installed copy', async () => {
    const server = fakeTencent!;
    server.answerNext(
      errorBody('InvalidParameterValue.IncorrectPhoneNumber', 'bad number', 'req-install-number')
    );

    const error = await rejectionOf(sendThroughInstalledCopy(formConfig(server.endpoint)));

    // Logto shows only `general` text; the diagnosis module and the number metadata load lazily
    // and must resolve inside a real install, with core's packages only.
    expect((error as ConnectorError).code).toBe(ConnectorErrorCodes.General);
    const { errorDescription, signInCode, requestId } = (error as ConnectorError).data as {
      errorDescription: string;
      signInCode: string;
      requestId: string;
    };
    expect(signInCode).toBe(ConnectorErrorCodes.InvalidRequestParameters);
    expect(errorDescription).toMatch(/^Tencent cannot text this number/);
    expect(errorDescription).toContain('InvalidParameterValue.IncorrectPhoneNumber');
    // The number grouped as its plan says: the metadata loaded. The RequestId is in the data
    // (the toast's 200 characters have no room left for it).
    expect(errorDescription).toContain('Read as +86 130 1234 5678');
    expect(requestId).toBe('req-install-number');
  });

  it('reports a bad form as invalid_config carrying the host’s ZodError, before any request', async () => {
    const server = fakeTencent!;
    const before = server.requests.length;

    const error = await rejectionOf(
      sendThroughInstalledCopy({ ...formConfig(server.endpoint), sdkAppId: '<sdk-app-id>' })
    );

    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).code).toBe(ConnectorErrorCodes.InvalidConfig);
    // Core lists each zod issue only when the data is `instanceof` its own ZodError.
    expect((error as ConnectorError).data).toBeInstanceOf(ZodError);
    expect(server.requests).toHaveLength(before);
  });

  it('never calls getConfig when the form is passed, and does no I/O when built', async () => {
    const server = fakeTencent!;
    const before = server.requests.length;
    const getConfig = vi.fn(notImplemented);

    const connector = (await loadedFactory().createConnector({ getConfig })) as SmsConnector;

    expect(connector.type).toBe(ConnectorType.Sms);
    expect(getConfig).not.toHaveBeenCalled();
    expect(server.requests).toHaveLength(before);
  });
});

describe('numbers read by the installed copy, with core’s packages only', () => {
  const installedModule = async <T>(file: string): Promise<T> =>
    (await import(pathToFileURL(path.join(installed().connectorDirectory, 'lib', file)).href)) as T;

  it('carries libphonenumber-js and its full metadata in one file, with the library’s MIT notice', async () => {
    expect(installed().tarballFiles).toContain('lib/numbers/library.js');
    expect(installed().tarballFiles.filter((file) => file.includes('node_modules'))).toEqual([]);
    const bundle = await readFile(path.join(installed().connectorDirectory, 'lib', 'numbers', 'library.js'), 'utf8');
    expect(bundle).toMatch(/^\/\*\nlibphonenumber-js \d+\.\d+\.\d+, bundled with its full metadata\.\n\n\(The MIT License\)\n\nCopyright/);
    expect(bundle).toContain('Permission is hereby granted, free of charge');
    expect(await runtimePackagesOf(path.join(installed().connectorDirectory, 'lib', 'numbers', 'library.js'))).toEqual([]);
  });

  it('reads region and type of numbers under shared calling codes', async () => {
    const { readNumber, describeNumber } = await installedModule<typeof NumbersModule>('numbers/index.js');
    expect(readNumber('+449800000000')).toMatchObject({ region: 'GG', type: 'premium-rate' });
    expect(readNumber('+262939801234')).toMatchObject({ region: 'YT', type: 'voip' });
    expect(readNumber('+18002345678')).toMatchObject({ region: 'US', type: 'toll-free' });
    expect(describeNumber('+590590271234')).toBe('+590 590 271 234, St. Barthélemy');
  });

  it('refuses a number outside allowedRegions by the region it reads, in the Console test', async () => {
    const server = fakeTencent!;
    const before = server.requests.length;
    const connector = await createInstalledConnector();
    const error = await rejectionOf(
      connector.sendMessage(
        { to: '447781123456', type: 'Generic', payload: { code: '000000' } } as unknown as Parameters<SmsConnector['sendMessage']>[0],
        { ...formConfig(server.endpoint), international: true, abuseProtection: { allowedRegions: ['GB'] } }
      )
    );
    const { errorDescription } = (error as ConnectorError).data as { errorDescription: string };
    expect(errorDescription).toContain('region GG is not enabled');
    expect(errorDescription).toContain('+44 778 112 3456, Guernsey');
    expect(server.requests).toHaveLength(before);
  });

  it('refuses the Console test of 13012345678 with International numbers off, as the form saves it', async () => {
    const server = fakeTencent!;
    const before = server.requests.length;
    const connector = await createInstalledConnector();
    const error = await rejectionOf(
      connector.sendMessage(
        { to: '13012345678', type: 'Generic', payload: { code: '000000' } } as unknown as Parameters<SmsConnector['sendMessage']>[0],
        formConfig(server.endpoint)
      )
    );
    const { errorDescription } = (error as ConnectorError).data as { errorDescription: string };
    expect(errorDescription).toContain('International numbers is off');
    expect(errorDescription).toContain('Read as +1 301 234 5678, United States. Mainland China? Type +86 13012345678.');
    expect(server.requests).toHaveLength(before);
  });

  it('sends to a foreign number through the installed emulator, which reports its IsoCode', async () => {
    const { startEmulator, parseAccount, defaultAccountInput, connectorConfigFor } =
      await installedModule<typeof EmulatorModule>('emulator/index.js');
    const emulator = await startEmulator({
      account: parseAccount({ ...defaultAccountInput, limits: { perThirtySeconds: 0, perHour: 0, perDay: 0 } }),
    });
    try {
      const connector = await createInstalledConnector();
      for (const [to, isoCode] of [
        ['447781123456', 'GG'],
        ['262939801234', 'YT'],
        ['61851001123', 'CX'],
      ] as const) {
        await connector.sendMessage(
          { to, type: 'Generic', payload: { code: '000000' } } as unknown as Parameters<SmsConnector['sendMessage']>[0],
          connectorConfigFor(emulator.url)
        );
        expect(emulator.store.list(`+${to}`)).toEqual([expect.objectContaining({ isoCode })]);
      }
    } finally {
      await emulator.close();
    }
  });
});

describe('the send CLI run from the installed copy, as inside a Logto container', () => {
  it('imports nothing but what Logto core ships', async () => {
    const used = await runtimePackagesOf(path.join(installed().connectorDirectory, 'lib', 'cli', 'main.js'));
    expect(used.filter((name) => !hostPackages.includes(name))).toEqual([]);
  });

  it('sends with a config file and the secret from TENCENT_SMS_SECRET_KEY', async () => {
    const server = fakeTencent!;
    server.answerNext(successBody('+8613012345678', 'req-install-cli'));
    const { accessKeySecret: _fromEnv, ...withoutSecret } = formConfig(server.endpoint);
    const file = path.join(installed().root, 'tencent.json');
    await writeFile(file, JSON.stringify(withoutSecret));
    const { code, stdout, stderr } = await runCli(
      path.join(installed().connectorDirectory, 'lib'),
      ['send', '--config', file, '--to', '+8613012345678'],
      { TENCENT_SMS_SECRET_KEY: secret }
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('Sent.');
    expect(stdout).toContain('RequestId  req-install-cli');
    expect(stdout).not.toContain(secret);
  });
});
