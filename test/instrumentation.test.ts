/**
 * Instrumentation that patches `https.request` after the connector was loaded must see its sends.
 * Logto core loads Application Insights, tracing or a proxy agent; Logto's connector tests load
 * the connector and then intercept with nock. The connector is installed from its packed tarball
 * and loaded by `@logto/cli`'s own loader, and its send path has run once (so node:http and
 * node:https are loaded) before any patch is applied: a function bound at import would miss it.
 *
 * nock is imported only inside its test, since importing it patches `https.request`.
 */
import http from 'node:http';
import https from 'node:https';

import { loadConnectorFactories, notImplemented } from '@logto/cli/lib/connector/index.js';
import { getConnectorPackagesFromDirectory } from '@logto/cli/lib/utils.js';
import type { SmsConnector } from '@logto/connector-kit';
import { afterAll, beforeAll, expect, it } from 'vitest';

import { createLogtoSandbox, type LogtoSandbox } from './helpers/logto-install.js';
import { startFakeTencent, successBody, type FakeTencent } from './helpers/logto-install-server.js';

/** A name that resolves nowhere: a send that escapes the patch fails instead of reaching a network. */
const unreachableEndpoint = 'https://sms.tencentcloudapi.invalid';

const config = (endpoint: string) => ({
  accessKeyId: 'AKIDinstrumentation0123456',
  accessKeySecret: 'instrumentation-secret-0123456789',
  sdkAppId: '1400006666',
  region: 'ap-guangzhou',
  signName: 'Acme',
  templates: [{ usageType: 'Generic', templateCode: '1234567', destination: 'mainland' }],
  advanced: true,
  endpoint,
  timeout: 5000,
});

const message = { to: '8613012345678', type: 'Generic', payload: { code: '123456' } } as const;

let sandbox: LogtoSandbox | undefined;
let fakeTencent: FakeTencent | undefined;
let connector: SmsConnector | undefined;

const send = async (endpoint: string) =>
  connector!.sendMessage(message as unknown as Parameters<SmsConnector['sendMessage']>[0], config(endpoint));

beforeAll(async () => {
  sandbox = await createLogtoSandbox();
  fakeTencent = await startFakeTencent();
  const packages = await getConnectorPackagesFromDirectory(sandbox.connectorsDirectory);
  const factories = await loadConnectorFactories(packages, false);
  const factory = factories.find(({ metadata }) => metadata.id === 'tencent-cloud-sms');
  if (!factory) {
    throw new Error("Logto's loader did not load the connector");
  }
  connector = (await factory.createConnector({ getConfig: notImplemented })) as SmsConnector;

  // One real send first: the send path and node:http(s) are loaded before anything is patched.
  fakeTencent.answerNext(successBody('+8613012345678', 'req-before-patch'));
  expect(JSON.stringify(await send(fakeTencent.endpoint))).toContain('req-before-patch');
}, 120_000);

afterAll(async () => {
  await fakeTencent?.close();
  await sandbox?.remove();
});

it('sends through an https.request patched after the connector was loaded', async () => {
  const server = fakeTencent!;
  const original = https.request;
  const seen: string[] = [];
  // A patch like a proxy agent's: it sees the request and sends it where it wants.
  https.request = ((options: https.RequestOptions) => {
    seen.push(`${String(options.method)} ${String(options.hostname)}${String(options.path)}`);
    const { port } = new URL(server.endpoint);
    return http.request({ ...options, protocol: 'http:', hostname: '127.0.0.1', port, agent: undefined });
  }) as typeof https.request;
  try {
    server.answerNext(successBody('+8613012345678', 'req-through-patch'));
    const result = await send(unreachableEndpoint);
    expect(JSON.stringify(result)).toContain('req-through-patch');
    expect(seen).toEqual(['POST sms.tencentcloudapi.invalid/']);
    expect(server.requests.at(-1)?.headers.host).toBe('sms.tencentcloudapi.invalid');
  } finally {
    https.request = original;
  }
});

it('is intercepted by nock activated after the connector was loaded', async () => {
  const { default: nock } = await import('nock');
  nock.disableNetConnect();
  try {
    const scope = nock(unreachableEndpoint, { reqheaders: { 'x-tc-action': 'SendSms' } })
      .post('/', (body: { PhoneNumberSet?: unknown }) =>
        JSON.stringify(body.PhoneNumberSet) === '["+8613012345678"]'
      )
      .reply(200, successBody('+8613012345678', 'req-from-nock'));

    const result = await send(unreachableEndpoint);

    expect(JSON.stringify(result)).toContain('req-from-nock');
    scope.done();
  } finally {
    nock.cleanAll();
    nock.enableNetConnect();
    nock.restore();
  }
});
