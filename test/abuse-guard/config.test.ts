import { ConnectorError, ConnectorErrorCodes, TemplateType } from '@logto/connector-kit';
import fc from 'fast-check';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';

import { abuseProtectionGuard } from '../../src/abuse-guard/config.js';
import { tencentSmsConfigGuard } from '../../src/types.js';
import { legacyConfig } from '../helpers/config.js';
import { makeConnector } from '../helpers/connector.js';
import { okBodyFor } from '../helpers/sendsms-bodies.js';
import { offlineNock } from '../helpers/tencent-mock.js';

/** The key paths zod names for a refused `abuseProtection`, as Logto's Console lists them. */
const refusedPaths = (value: unknown): string[] => {
  const result = tencentSmsConfigGuard.safeParse({ ...legacyConfig(), abuseProtection: value });
  expect(result.success).toBe(false);
  return (result.error?.issues ?? []).map((issue) =>
    issue.code === 'unrecognized_keys' ? `${issue.path.join('.')}: ${issue.keys.join(',')}` : issue.path.join('.')
  );
};

describe('the abuseProtection setting', () => {
  it('is optional, and an emptied Console field (null) is the same as none', () => {
    expect(tencentSmsConfigGuard.parse(legacyConfig()).abuseProtection).toBeUndefined();
    expect(tencentSmsConfigGuard.parse({ ...legacyConfig(), abuseProtection: null }).abuseProtection).toBeUndefined();
    expect(tencentSmsConfigGuard.parse({ ...legacyConfig(), abuseProtection: {} }).abuseProtection).toEqual({});
  });

  it('reads the number-block rule with its digits defaulted, and false as off', () => {
    expect(abuseProtectionGuard.parse({ perPrefix: { max: 20, windowSeconds: 3600 } })).toEqual({
      perPrefix: { max: 20, windowSeconds: 3600, digits: 4 },
    });
    expect(abuseProtectionGuard.parse({ perPrefix: false, ipv6SiteMultiplier: 4 })).toEqual({ perPrefix: null, ipv6SiteMultiplier: 4 });
  });

  it('reads the per-country rule with its defaults filled in, allow upper-cased, and false as off', () => {
    expect(abuseProtectionGuard.parse({ perCountry: {} })).toEqual({
      perCountry: { newCountry: 20, newCountries: 100, listedCountry: 500 },
    });
    expect(abuseProtectionGuard.parse({ perCountry: { allow: { br: 2000, ' US ': 900 }, newCountry: 5 } })).toEqual({
      perCountry: { newCountry: 5, newCountries: 100, listedCountry: 500, allow: { BR: 2000, US: 900 } },
    });
    expect(abuseProtectionGuard.parse({ perCountry: false })).toEqual({ perCountry: null });
  });

  it('reads the documented example, upper-casing and de-duplicating regions', () => {
    expect(
      abuseProtectionGuard.parse({
        allowedRegions: ['CN', 'hk', ' MO ', 'CN'],
        ipv4Prefix: 24,
        perSource: { max: 10, windowSeconds: 3600 },
        distinctNumbersPerSource: { max: 3, windowSeconds: 86_400 },
      })
    ).toEqual({
      allowedRegions: ['CN', 'HK', 'MO'],
      ipv4Prefix: 24,
      perSource: { max: 10, windowSeconds: 3600 },
      distinctNumbersPerSource: { max: 3, windowSeconds: 86_400 },
    });
  });

  it.each([
    ['an unknown key', { perIp: { max: 1, windowSeconds: 1 } }, ['abuseProtection: perIp']],
    ['an unknown key inside a budget', { perSource: { max: 1, windowSeconds: 60, burst: 2 } }, ['abuseProtection.perSource: burst']],
    ['an unknown region', { allowedRegions: ['CN', 'XX'] }, ['abuseProtection.allowedRegions.1']],
    ['a region that is no ISO code (UK)', { allowedRegions: ['UK'] }, ['abuseProtection.allowedRegions.0']],
    ['a calling code instead of a region', { allowedRegions: ['86'] }, ['abuseProtection.allowedRegions.0']],
    ['an empty region list', { allowedRegions: [] }, ['abuseProtection.allowedRegions']],
    ['max 0', { perSource: { max: 0, windowSeconds: 60 } }, ['abuseProtection.perSource.max']],
    ['a negative window', { distinctNumbersPerSource: { max: 3, windowSeconds: -1 } }, ['abuseProtection.distinctNumbersPerSource.windowSeconds']],
    ['a fractional max', { perSource: { max: 1.5, windowSeconds: 60 } }, ['abuseProtection.perSource.max']],
    ['a max as text', { perSource: { max: '10', windowSeconds: 60 } }, ['abuseProtection.perSource.max']],
    ['a budget without its window', { perSource: { max: 10 } }, ['abuseProtection.perSource.windowSeconds']],
    ['ipv4Prefix 0', { ipv4Prefix: 0 }, ['abuseProtection.ipv4Prefix']],
    ['ipv4Prefix 33', { ipv4Prefix: 33 }, ['abuseProtection.ipv4Prefix']],
    ['perPrefix true', { perPrefix: true }, ['abuseProtection.perPrefix']],
    ['perPrefix with 0 digits', { perPrefix: { max: 20, windowSeconds: 3600, digits: 0 } }, ['abuseProtection.perPrefix.digits']],
    ['perPrefix with 9 digits', { perPrefix: { max: 20, windowSeconds: 3600, digits: 9 } }, ['abuseProtection.perPrefix.digits']],
    ['perPrefix without its window', { perPrefix: { max: 20 } }, ['abuseProtection.perPrefix.windowSeconds']],
    ['an unknown key inside perPrefix', { perPrefix: { max: 20, windowSeconds: 3600, prefix: 4 } }, ['abuseProtection.perPrefix: prefix']],
    ['an unknown number type', { refusedNumberTypes: ['premium-rate', 'premium'] }, ['abuseProtection.refusedNumberTypes.1']],
    ['number types as one text', { refusedNumberTypes: 'premium-rate' }, ['abuseProtection.refusedNumberTypes']],
    ['ipv6SiteMultiplier 0', { ipv6SiteMultiplier: 0 }, ['abuseProtection.ipv6SiteMultiplier']],
    ['a fractional ipv6SiteMultiplier', { ipv6SiteMultiplier: 1.5 }, ['abuseProtection.ipv6SiteMultiplier']],
    ['perCountry true', { perCountry: true }, ['abuseProtection.perCountry']],
    ['a newCountry of 0', { perCountry: { newCountry: 0 } }, ['abuseProtection.perCountry.newCountry']],
    ['newCountries as text', { perCountry: { newCountries: '100' } }, ['abuseProtection.perCountry.newCountries']],
    ['a listedCountry above the most', { perCountry: { listedCountry: 2_000_000 } }, ['abuseProtection.perCountry.listedCountry']],
    ['an unknown key inside perCountry', { perCountry: { perDay: 5 } }, ['abuseProtection.perCountry: perDay']],
    ['an unknown region in allow', { perCountry: { allow: { XX: 5 } } }, ['abuseProtection.perCountry.allow.XX']],
    ['mainland China in allow', { perCountry: { allow: { CN: 5 } } }, ['abuseProtection.perCountry.allow.CN']],
    ['a fractional allowance', { perCountry: { allow: { BR: 1.5 } } }, ['abuseProtection.perCountry.allow.BR']],
    ['one region twice in allow', { perCountry: { allow: { br: 5, BR: 6 } } }, ['abuseProtection.perCountry.allow.BR']],
    ['allow as a list', { perCountry: { allow: ['BR'] } }, ['abuseProtection.perCountry.allow']],
    ['a list instead of an object', [{ max: 1 }], ['abuseProtection']],
    ['a JSON text instead of an object', '{"perSource":{}}', ['abuseProtection']],
  ])('refuses %s, naming the key', (_name, value, paths) => {
    expect(refusedPaths(value)).toEqual(paths);
  });

  it('refuses a redisUrl that is no redis:// URL without quoting it', () => {
    const password = 'p4ss-w0rd-never-shown';
    for (const redisUrl of [`http://:${password}@redis:6379`, `${password}`, `redis://:${password}@`, '']) {
      const result = tencentSmsConfigGuard.safeParse({ ...legacyConfig(), redisUrl });
      expect(result.success, redisUrl).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual(['redisUrl']);
      expect(JSON.stringify(result.error)).not.toContain(password);
    }
    expect(tencentSmsConfigGuard.parse({ ...legacyConfig(), redisUrl: ' rediss://u:p@redis.internal:6380/2 ' }).redisUrl).toBe(
      'rediss://u:p@redis.internal:6380/2'
    );
  });
});

describe('a redisUrl node-redis could not use', () => {
  // Accepted, each of these left every send uncounted: node-redis throws on a path that is no
  // database number, and Redis refuses to select a database beyond its `databases` setting.
  it.each([
    ['a path that is no database number', 'redis://:p4ss-w0rd-never-shown@redis.internal:6379/cache', /database number/],
    ['a database number with more after it', 'redis://:p4ss-w0rd-never-shown@redis.internal:6379/0/x', /database number/],
    ['a database number beyond 15', 'redis://:p4ss-w0rd-never-shown@redis.internal:6379/16', /database number must be 0 to 15/],
    ['a cluster with a database number', 'redis://:p4ss-w0rd-never-shown@redis.internal:7000/2?cluster=1', /only database 0/],
  ])('is refused as invalid_config: %s, without quoting it', (_name, redisUrl, message) => {
    const result = tencentSmsConfigGuard.safeParse({ ...legacyConfig(), redisUrl });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toHaveLength(1);
    expect(result.error?.issues[0]?.path).toEqual(['redisUrl']);
    expect(result.error?.issues[0]?.message).toMatch(message);
    expect(JSON.stringify(result.error)).not.toContain('p4ss-w0rd-never-shown');
  });

  it.each([
    'redis://redis.internal',
    'redis://redis.internal:6379/',
    'rediss://u:p@10.0.0.5:6380/15',
    'redis://:p@[::1]:6379/0',
    'redis://:p@node1:7000?cluster=yes&host=node2:7001&host=[fd00::3]:7002',
  ])('accepts %s', (redisUrl) => {
    expect(tencentSmsConfigGuard.safeParse({ ...legacyConfig(), redisUrl }).success).toBe(true);
  });
});

describe('fuzzed abuseProtection values through the connector', () => {
  offlineNock();

  const budget = fc.record(
    { max: fc.oneof(fc.integer({ min: -2, max: 4 }), fc.double(), fc.string()), windowSeconds: fc.oneof(fc.integer({ min: -1, max: 100_000 }), fc.constant(null)) },
    { requiredKeys: [] }
  );
  const protection = fc.oneof(
    fc.anything(),
    fc.record(
      {
        allowedRegions: fc.array(fc.oneof(fc.constantFrom('CN', 'us', 'HK', 'NG', 'XX', 'UK', ''), fc.string({ maxLength: 3 })), { maxLength: 4 }),
        ipv4Prefix: fc.oneof(fc.integer({ min: -1, max: 40 }), fc.string()),
        perSource: budget,
        distinctNumbersPerSource: budget,
        extra: fc.anything(),
      },
      { requiredKeys: [] }
    )
  );

  it('each value either is refused as invalid_config naming pumping protection, or the send is judged by the rules', async () => {
    nock('https://sms.tencentcloudapi.com')
      .persist()
      .post('/')
      .reply((_uri, body) => [200, JSON.stringify(okBodyFor((body as { PhoneNumberSet: string[] }).PhoneNumberSet))]);
    let appId = 1_400_900_000;
    await fc.assert(
      fc.asyncProperty(protection, fc.constantFrom('8613012345678', '14155552671', '2348012345678'), fc.oneof(fc.ipV4(), fc.ipV6(), fc.string()), async (value, to, ip) => {
        const config = { ...legacyConfig(), sdkAppId: String((appId += 1)), abuseProtection: value };
        const valid = tencentSmsConfigGuard.safeParse(config);
        const { sendMessage } = await makeConnector(async () => config);
        const outcome = await sendMessage({ to, type: TemplateType.Generic, payload: { code: '123456' }, ip }).then(
          () => undefined,
          (error: unknown) => error
        );
        if (!valid.success) {
          expect(outcome).toBeInstanceOf(ConnectorError);
          const error = outcome as ConnectorError;
          expect(error.code).toBe(ConnectorErrorCodes.InvalidConfig);
          expect(error.data).toBeInstanceOf(ZodError);
          // A sign-in flow: the issue says that pumping protection is misconfigured, never how.
          expect((error.data as ZodError).issues).toEqual([
            expect.objectContaining({ path: [], message: expect.stringMatching(/^the SMS pumping protection settings are invalid/) }),
          ]);
          return;
        }
        const regions = valid.data.abuseProtection?.allowedRegions;
        const region = { '8613012345678': 'CN', '14155552671': 'US', '2348012345678': 'NG' }[to]!;
        if (regions && !regions.includes(region)) {
          expect((outcome as ConnectorError).code).toBe(ConnectorErrorCodes.InvalidRequestParameters);
        } else {
          // A fresh app: its first send is within every budget.
          expect(outcome).toBeUndefined();
        }
      }),
      { numRuns: 300 }
    );
  });
});
