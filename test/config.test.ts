import { ConnectorErrorCodes } from '@logto/connector-kit';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';

import { tencentSmsConfigGuard } from '../src/types.js';

import { legacyConfig, worldConfig } from './helpers/config.js';
import { sendError } from './helpers/connector.js';
import { mockSendSms } from './helpers/tencent-mock.js';

beforeAll(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
});

/** Issue paths of a rejected config, e.g. `templates.0.templateCode`. */
const rejectedPaths = async (config: unknown) => {
  const error = await sendError(config);
  expect(error.code).toBe(ConnectorErrorCodes.InvalidConfig);
  expect(error.data).toBeInstanceOf(ZodError);
  expect(nock.pendingMocks()).toEqual([]);
  return (error.data as ZodError).issues.map((issue) => issue.path.join('.'));
};

const withTemplates = (templates: unknown[]) => ({ ...legacyConfig(), templates });

describe('config accepted', () => {
  it('accepts the official connector’s config shape and sends with it', async () => {
    const { scope } = mockSendSms();
    const { send } = await import('./helpers/connector.js');
    await expect(send(legacyConfig())).resolves.toMatchObject({ requestId: 'req-ok-1' });
    scope.done();
  });

  it('accepts every optional field of the destinations issue', () => {
    const parsed = tencentSmsConfigGuard.parse({
      ...worldConfig(),
      endpoint: 'sms.ap-guangzhou.tencentcloudapi.com',
      sessionToken: 'token',
      timeout: 5000,
      language: 'en-US',
      international: true,
      advanced: true,
      templates: [{ usageType: 'Generic', templateCode: '1', params: ['{{code}}', '10'], locale: 'zh-TW' }],
    });
    expect(parsed.templates[0]?.params).toEqual(['{{code}}', '10']);
  });

  it('trims blanks pasted around values', () => {
    const parsed = tencentSmsConfigGuard.parse({ ...legacyConfig(), accessKeyId: ' AKID1 \n', sdkAppId: '1400006666 ' });
    expect(parsed.accessKeyId).toBe('AKID1');
    expect(parsed.sdkAppId).toBe('1400006666');
  });

  it.each([
    'https://sms.tencentcloudapi.com',
    'https://sms.tencentcloudapi.com/',
    'sms.intl.tencentcloudapi.com',
    'http://127.0.0.1:4567',
    'http://localhost:4567/',
    'http://[::1]:4567',
  ])('accepts the endpoint %s', (endpoint) => {
    expect(tencentSmsConfigGuard.safeParse({ ...legacyConfig(), endpoint }).success).toBe(true);
  });
});

describe('config rejected with invalid_config before any request', () => {
  it.each([
    ['an empty accessKeyId', { accessKeyId: '' }, 'accessKeyId'],
    ['an empty secret', { accessKeySecret: '   ' }, 'accessKeySecret'],
    ['a secret too short to be a SecretKey', { accessKeySecret: 'abc1234' }, 'accessKeySecret'],
    ['an empty signName', { signName: '' }, 'signName'],
    ['a missing region', { region: undefined }, 'region'],
    ['a region with CR/LF (header injection)', { region: 'ap-guangzhou\r\nX-Evil: 1' }, 'region'],
    ['a region of another shape', { region: 'Guangzhou' }, 'region'],
    ['an accessKeyId with a space', { accessKeyId: 'AKID 123' }, 'accessKeyId'],
    ['an accessKeyId with a newline', { accessKeyId: 'AKID\n123' }, 'accessKeyId'],
    ['a sdkAppId that is not digits', { sdkAppId: '<sdk-app-id>' }, 'sdkAppId'],
    ['a number as sdkAppId', { sdkAppId: 1400006666 }, 'sdkAppId'],
    ['no templates', { templates: [] }, 'templates'],
    ['templates that are not a list', { templates: '{"usageType":"Generic"}' }, 'templates'],
    ['a sessionToken with CR/LF', { sessionToken: 'abc\r\nX-Evil: 1' }, 'sessionToken'],
    ['a timeout below 1 s', { timeout: 999 }, 'timeout'],
    ['a timeout at the Console’s 20 s', { timeout: 20_000 }, 'timeout'],
    ['a timeout given as text', { timeout: '5000' }, 'timeout'],
    ['an unknown language', { language: 'ja' }, 'language'],
    ['an http endpoint off loopback', { endpoint: 'http://sms.tencentcloudapi.com' }, 'endpoint'],
    ['an endpoint with a path', { endpoint: 'https://sms.tencentcloudapi.com/v3' }, 'endpoint'],
    ['an endpoint with credentials', { endpoint: 'https://user:pw@sms.tencentcloudapi.com' }, 'endpoint'],
    ['an ftp endpoint', { endpoint: 'ftp://127.0.0.1' }, 'endpoint'],
    ['an http endpoint on a look-alike of loopback', { endpoint: 'http://127.0.0.1.evil.com' }, 'endpoint'],
    ['an endpoint host ending in a dot', { endpoint: 'sms.tencentcloudapi.com.' }, 'endpoint'],
  ])('%s', async (_name, change, path) => {
    expect(await rejectedPaths({ ...legacyConfig(), ...change })).toContain(path);
  });

  it.each(['config', 42, [], true])('rejects %j, which is not a config object', async (config) => {
    expect(await rejectedPaths(config)).toEqual(['']);
  });

  it.each([
    ['a forgotten <template-code> placeholder', [{ usageType: 'Generic', templateCode: '<template-code>' }], 'templates'],
    ['a usageType outside TemplateType', [{ usageType: 'Generic', templateCode: '1' }, { usageType: 'Test', templateCode: '2' }], 'templates.1.usageType'],
    ['no Generic template', [{ usageType: 'SignIn', templateCode: '1' }], 'templates'],
    ['an unknown destination', [{ usageType: 'Generic', templateCode: '1', destination: 'overseas' }], 'templates.0.destination'],
    ['a locale that is not a language tag', [{ usageType: 'Generic', templateCode: '1', locale: 'english!' }], 'templates.0.locale'],
    ['params with an unknown placeholder', [{ usageType: 'Generic', templateCode: '1', params: ['{{code}}', '{{link}}'] }], 'templates.0.params.1'],
    ['a blank value in params', [{ usageType: 'Generic', templateCode: '1', params: ['{{code}}', ' '] }], 'templates.0.params.1'],
    ['params without the code', [{ usageType: 'Generic', templateCode: '1', params: ['10'] }], 'templates.0.params'],
    ['empty params', [{ usageType: 'Generic', templateCode: '1', params: [] }], 'templates.0.params'],
    [
      'international entries without an international Generic',
      [
        { usageType: 'Generic', templateCode: '1', destination: 'mainland' },
        { usageType: 'SignIn', templateCode: '2', destination: 'international' },
      ],
      'templates',
    ],
  ])('%s', async (_name, templates, path) => {
    expect(await rejectedPaths(withTemplates(templates))).toContain(path);
  });

  it('names the destination that lacks a Generic template', async () => {
    const error = await sendError(
      withTemplates([
        { usageType: 'Generic', templateCode: '1', destination: 'mainland' },
        { usageType: 'SignIn', templateCode: '2', destination: 'international' },
      ])
    );
    expect((error.data as ZodError).issues[0]?.message).toBe('needs a "Generic" entry for international numbers (that destination or none)');
  });

  it('lists every problem at once', async () => {
    const paths = await rejectedPaths({ ...legacyConfig(), sdkAppId: 'x', region: 'x', accessKeyId: '' });
    expect(paths).toEqual(expect.arrayContaining(['sdkAppId', 'region', 'accessKeyId']));
  });

  it('keeps the zod issues intact when the secret looks like part of them', async () => {
    const secret = '"received"';
    const error = await sendError({ ...legacyConfig(), accessKeySecret: secret, language: 'xx', region: 'bad region' });
    expect(error.code).toBe(ConnectorErrorCodes.InvalidConfig);
    const issues = (error.data as ZodError).issues;
    expect(issues.map((issue) => issue.path.join('.'))).toEqual(expect.arrayContaining(['language', 'region']));
    expect(issues.every((issue) => issue.message.length > 0)).toBe(true);
  });

  it('redacts a secret that zod quotes, keeping the issue listable', async () => {
    const secret = 'Pasted-Into-Language-1234';
    const error = await sendError({ ...legacyConfig(), accessKeySecret: secret, language: secret });
    expect(JSON.stringify(error.data)).not.toContain(secret);
    expect((error.data as ZodError).issues[0]?.path).toEqual(['language']);
  });

  it('never shows the secret in the error', async () => {
    const secret = 'SuperSecretValue-1234567890';
    const error = await sendError({ ...legacyConfig(), accessKeySecret: secret, region: 'bad region' });
    expect(JSON.stringify(error.data)).not.toContain(secret);
    expect(error.message).not.toContain(secret);
    expect(String(error.stack)).not.toContain(secret);
  });
});

describe('what the Console form saves', () => {
  it('an empty Number field (saved as null) means the default timeout', async () => {
    const { scope } = mockSendSms();
    const { send } = await import('./helpers/connector.js');
    await expect(send({ ...legacyConfig(), advanced: true, timeout: null })).resolves.toMatchObject({
      requestId: 'req-ok-1',
    });
    scope.done();
    expect(tencentSmsConfigGuard.parse({ ...legacyConfig(), timeout: null }).timeout).toBeUndefined();
  });

  it('fields under a switch turned off are not used: a leftover endpoint does not get the codes', async () => {
    const { scope, captured } = mockSendSms();
    const { send } = await import('./helpers/connector.js');
    const config = {
      ...worldConfig(),
      advanced: false,
      endpoint: 'http://127.0.0.1:4567',
      sessionToken: 'leftover-token',
      timeout: 1000,
      language: 'en-US',
      international: false,
      senderId: 'LEFTOVER',
      internationalSignName: 'Leftover',
    };
    await send(config, { to: '8613012345678' });
    scope.done();
    expect(captured[0]?.headers).not.toHaveProperty('x-tc-token');
    expect(captured[0]?.headers).not.toHaveProperty('x-tc-language');
    expect(captured[0]?.body).not.toHaveProperty('SenderId');
    const parsed = tencentSmsConfigGuard.parse(config);
    expect(parsed.timeout).toBeUndefined();
    expect(parsed.endpoint.host).toBe('sms.tencentcloudapi.com');
    expect(parsed).not.toHaveProperty('senderId');
    expect(parsed).not.toHaveProperty('internationalSignName');
    // With the switch off, an international number is not sent at all (test/international-switch.test.ts).
    await expect(send(config, { to: '14155552671' })).rejects.toMatchObject({ code: 'invalid_request_parameters' });
  });

  it('a hidden field is not validated either: what the admin cannot see cannot fail the form', () => {
    expect(tencentSmsConfigGuard.safeParse({ ...legacyConfig(), advanced: false, endpoint: 'ftp://nope' }).success).toBe(true);
    expect(tencentSmsConfigGuard.safeParse({ ...legacyConfig(), advanced: true, endpoint: 'ftp://nope' }).success).toBe(false);
  });

  it('without switches (a config written by hand or through the API) every field is used', () => {
    const parsed = tencentSmsConfigGuard.parse({ ...worldConfig(), timeout: 2000, senderId: 'ACME' });
    expect(parsed).toMatchObject({ timeout: 2000, senderId: 'ACME' });
  });
});

describe('which config is used', () => {
  it('uses the config passed to sendMessage (Console test) without calling getConfig', async () => {
    const { scope } = mockSendSms();
    const { makeConnector } = await import('./helpers/connector.js');
    const connector = await makeConnector();
    await connector.sendMessage({ to: '8613012345678', type: 'Generic' as never, payload: { code: '000000' } }, legacyConfig());
    scope.done();
  });

  it('reads the saved config through getConfig when none is passed, and the factory does no I/O', async () => {
    const { scope } = mockSendSms();
    const { makeConnector } = await import('./helpers/connector.js');
    let calls = 0;
    const connector = await makeConnector(async () => {
      calls += 1;
      return legacyConfig();
    });
    expect(calls).toBe(0);
    await connector.sendMessage({ to: '8613012345678', type: 'SignIn' as never, payload: { code: '123456' } });
    expect(calls).toBe(1);
    scope.done();
  });
});

describe('signName only where a template can serve mainland China', () => {
  const { signName: _omitted, ...withoutSignName } = legacyConfig();
  const internationalOnly = {
    ...withoutSignName,
    templates: [
      { usageType: 'Generic', templateCode: '2000', destination: 'international' },
      { usageType: 'SignIn', templateCode: '2001', destination: 'international', locale: 'ja' },
    ],
  };

  it('an international-only account needs no signature, and its requests carry none', async () => {
    expect(tencentSmsConfigGuard.safeParse(internationalOnly).success).toBe(true);
    const { scope, captured } = mockSendSms();
    const { send } = await import('./helpers/connector.js');
    await send(internationalOnly, { to: '14155552671' });
    scope.done();
    expect(captured[0]?.body.TemplateId).toBe('2000');
    expect(captured[0]?.body).not.toHaveProperty('SignName');
  });

  it('with an international signature, that one is sent', async () => {
    const { scope, captured } = mockSendSms();
    const { send } = await import('./helpers/connector.js');
    await send({ ...internationalOnly, internationalSignName: 'Acme' }, { to: '14155552671' });
    scope.done();
    expect(captured[0]?.body.SignName).toBe('Acme');
  });

  it.each([
    ['a mainland template', [{ usageType: 'Generic', templateCode: '1', destination: 'mainland' }]],
    ['a template without a destination', [{ usageType: 'Generic', templateCode: '1' }]],
    [
      'an international Generic and a SignIn without a destination',
      [
        { usageType: 'Generic', templateCode: '1', destination: 'international' },
        { usageType: 'SignIn', templateCode: '2' },
      ],
    ],
  ])('is required with %s, and the issue names the key', async (_name, templates) => {
    const config = { ...withoutSignName, templates };
    const mainlandGeneric = templates.some((template) => template.usageType === 'Generic' && template.destination !== 'international');
    const paths = await rejectedPaths(config);
    expect(paths).toContain('signName');
    const error = await sendError(config);
    const issue = (error.data as ZodError).issues.find((item) => item.path.join('.') === 'signName');
    expect(issue?.message).toBe('required for +86 numbers');
    // Only the signature is missing when the templates themselves are fine.
    expect(paths).toEqual(mainlandGeneric ? ['signName'] : expect.arrayContaining(['signName']));
  });

  it('the form no longer marks it required, and says when it is needed', async () => {
    const { defaultMetadata } = await import('../src/constant.js');
    const item = defaultMetadata.formItems?.find((formItem) => formItem.key === 'signName');
    expect(item?.required).toBeFalsy();
    expect(item?.description).toMatch(/mainland China.*"mainland" or none/);
  });
});
