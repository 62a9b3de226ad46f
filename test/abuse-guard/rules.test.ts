import { ConnectorErrorCodes } from '@logto/connector-kit';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { descriptionOf, makeConnector, operatorTextOf } from '../helpers/connector.js';
import { configWith, data, failure, outcomes, savedConnector, tencent } from '../helpers/guard.js';
import { offlineNock } from '../helpers/tencent-mock.js';

/**
 * Every rule of `abuseProtection` through the connector as Logto calls it, with Tencent mocked by
 * nock and budgets counted in this process.
 */

offlineNock();
afterEach(() => {
  vi.useRealTimers();
});

describe('allowedRegions', () => {
  it('refuses a number outside the list with invalid_request_parameters naming the region, and sends nothing', async () => {
    const sent = tencent();
    const { sendMessage } = await savedConnector(configWith({ allowedRegions: ['CN', 'HK'] }));
    const error = await failure(sendMessage(data('2348012345678', '198.51.100.1')));
    expect(error.code).toBe(ConnectorErrorCodes.InvalidRequestParameters);
    expect(operatorTextOf(error)).toMatch(/^SMS to region NG is not enabled/);
    expect(operatorTextOf(error)).not.toContain('198.51.100.1');
    expect(sent).toEqual([]);
  });

  it('lets listed regions through, lower-case codes included', async () => {
    const sent = tencent();
    const { sendMessage } = await savedConnector(configWith({ allowedRegions: ['cn', 'HK'] }));
    await sendMessage(data('8613012345678'));
    await sendMessage(data('85291234567'));
    expect(sent).toEqual(['+8613012345678', '+85291234567']);
  });

  it('tells +1 numbers apart by area code: US allowed does not allow Jamaica', async () => {
    const sent = tencent();
    const { sendMessage } = await savedConnector(configWith({ allowedRegions: ['US'] }));
    await sendMessage(data('14155552671'));
    const error = await failure(sendMessage(data('18765551234')));
    expect(operatorTextOf(error)).toMatch(/region JM is not enabled/);
    expect(sent).toEqual(['+14155552671']);
  });

  it('refuses a number whose region cannot be told while a list is set', async () => {
    const sent = tencent();
    const { sendMessage } = await savedConnector(configWith({ allowedRegions: ['CN'] }));
    const error = await failure(sendMessage(data('99912345678')));
    expect(error.code).toBe(ConnectorErrorCodes.InvalidRequestParameters);
    expect(operatorTextOf(error)).toMatch(/its region is unknown/);
    expect(sent).toEqual([]);
  });

  it('applies to the Console test send too', async () => {
    const sent = tencent();
    const { sendMessage } = await makeConnector();
    const error = await failure(sendMessage(data('2348012345678'), configWith({ allowedRegions: ['CN'] })));
    // The Console shows only `general` text, so the refusal arrives as that, its class inside.
    expect(error.code).toBe(ConnectorErrorCodes.General);
    expect(error.data).toMatchObject({ signInCode: ConnectorErrorCodes.InvalidRequestParameters });
    expect(JSON.stringify(error.data)).toMatch(/region NG is not enabled/);
    expect(sent).toEqual([]);
  });

  it('is not used when the Console switch of its group is off', async () => {
    const sent = tencent();
    const config = configWith({ allowedRegions: ['CN'] }, { pumpingProtection: false });
    const { sendMessage } = await savedConnector(config);
    await sendMessage(data('2348012345678', '198.51.100.2'));
    expect(sent).toEqual(['+2348012345678']);
  });
});

describe('perSource', () => {
  it('accepts max codes from one address, then answers rate_limit_exceeded naming the rule, never the address', async () => {
    const sent = tencent();
    const { sendMessage } = await savedConnector(configWith({ perSource: { max: 3, windowSeconds: 3600 } }));
    const ip = '203.0.113.9';
    for (const suffix of ['1', '2', '3']) {
      await sendMessage(data(`861301234567${suffix}`, ip));
    }
    const error = await failure(sendMessage(data('8613012345674', ip)));
    expect(error.code).toBe(ConnectorErrorCodes.RateLimitExceeded);
    expect(operatorTextOf(error)).toBe('Too many codes from this network: 3 per hour. If real users hit it, raise abuseProtection.perSource.');
    expect(JSON.stringify(error)).not.toContain(ip);
    expect(sent).toHaveLength(3);
    // Another address has its own budget.
    await sendMessage(data('8613012345674', '203.0.113.10'));
    expect(sent).toHaveLength(4);
  });

  it('lets exactly max of many concurrent sends through', async () => {
    const sent = tencent();
    const { sendMessage } = await savedConnector(configWith({ perSource: { max: 7, windowSeconds: 60 } }));
    const results = await outcomes(
      Array.from({ length: 30 }, (_, index) => sendMessage(data(`86130000${String(index).padStart(5, '0')}`, '192.0.2.50')))
    );
    expect(results.filter((result) => result === 'ok')).toHaveLength(7);
    expect(results.filter((result) => result === ConnectorErrorCodes.RateLimitExceeded)).toHaveLength(23);
    expect(sent).toHaveLength(7);
  });

  it('counts an accepted send even when Tencent then fails it', async () => {
    tencent(() => ({ Response: { Error: { Code: 'InternalError.Timeout', Message: 'timeout' }, RequestId: 'rq' } }));
    const { sendMessage } = await savedConnector(configWith({ perSource: { max: 2, windowSeconds: 3600 } }));
    const ip = '198.51.100.77';
    expect(await outcomes([sendMessage(data('8613012345678', ip)), sendMessage(data('8613012345678', ip))])).toEqual([
      ConnectorErrorCodes.General,
      ConnectorErrorCodes.General,
    ]);
    expect((await failure(sendMessage(data('8613012345678', ip)))).code).toBe(ConnectorErrorCodes.RateLimitExceeded);
  });

  it('does not count a send refused before it was paid for (bad number, region not allowed)', async () => {
    const sent = tencent();
    const { sendMessage } = await savedConnector(
      configWith({ allowedRegions: ['CN'], perSource: { max: 1, windowSeconds: 3600 } })
    );
    const ip = '198.51.100.78';
    expect((await failure(sendMessage(data('not a number', ip)))).code).toBe(ConnectorErrorCodes.InvalidRequestParameters);
    expect((await failure(sendMessage(data('2348012345678', ip)))).code).toBe(ConnectorErrorCodes.InvalidRequestParameters);
    await sendMessage(data('8613012345678', ip));
    expect(sent).toEqual(['+8613012345678']);
  });

  it('frees a code once it is windowSeconds old (a sliding window)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
    const sent = tencent();
    const { sendMessage } = await savedConnector(configWith({ perSource: { max: 2, windowSeconds: 600 } }));
    const ip = '198.51.100.79';
    await sendMessage(data('8613012345671', ip));
    vi.setSystemTime(new Date('2026-01-01T00:05:00Z'));
    await sendMessage(data('8613012345672', ip));
    vi.setSystemTime(new Date('2026-01-01T00:09:59Z'));
    expect((await failure(sendMessage(data('8613012345673', ip)))).code).toBe(ConnectorErrorCodes.RateLimitExceeded);
    // The first code is 10 minutes old: one place is free, and only one.
    vi.setSystemTime(new Date('2026-01-01T00:10:00Z'));
    await sendMessage(data('8613012345673', ip));
    expect((await failure(sendMessage(data('8613012345674', ip)))).code).toBe(ConnectorErrorCodes.RateLimitExceeded);
    expect(sent).toHaveLength(3);
  });

  it('groups IPv6 addresses by /64 and IPv4-mapped addresses with their IPv4 address', async () => {
    tencent();
    const { sendMessage } = await savedConnector(configWith({ perSource: { max: 2, windowSeconds: 3600 } }));
    await sendMessage(data('8613012345671', '2001:db8:aa:1::1'));
    await sendMessage(data('8613012345672', '2001:db8:aa:1:ffff:ffff:ffff:fffe'));
    expect((await failure(sendMessage(data('8613012345673', '2001:0db8:00aa:0001::9')))).code).toBe(
      ConnectorErrorCodes.RateLimitExceeded
    );
    // The next /64 is another source.
    await sendMessage(data('8613012345673', '2001:db8:aa:2::1'));

    await sendMessage(data('8613012345674', '192.0.2.200'));
    await sendMessage(data('8613012345675', '::ffff:192.0.2.200'));
    expect((await failure(sendMessage(data('8613012345676', '::FFFF:c000:02c8')))).code).toBe(
      ConnectorErrorCodes.RateLimitExceeded
    );
  });

  it('bounds an IPv6 /48 at 16 × max: 300 /64s of one /48 with max 2 send 32, naming the rule, never the address', async () => {
    const sent = tencent();
    // US numbers: the per-country rule would stop them at 20 a day first.
    const { sendMessage } = await savedConnector(
      configWith({ perSource: { max: 2, windowSeconds: 3600 }, perPrefix: false, perCountry: false })
    );
    const results: string[] = [];
    for (let subnet = 0; subnet < 300; subnet += 1) {
      const ip = `2001:db8:4a:${subnet.toString(16)}::1`;
      results.push(...(await outcomes([sendMessage(data(`1415555${String(subnet).padStart(4, '0')}`, ip))])));
    }
    expect(results.filter((result) => result === 'ok')).toHaveLength(32);
    expect(sent).toHaveLength(32);
    const error = await failure(sendMessage(data('14155559999', '2001:db8:4a:ffff::1')));
    expect(error.code).toBe(ConnectorErrorCodes.RateLimitExceeded);
    expect(operatorTextOf(error)).toBe(
      'Too many codes from this IPv6 site (/48): 32 per hour, 16 × perSource.max. If real users hit it, raise abuseProtection.ipv6SiteMultiplier.'
    );
    expect(JSON.stringify(error)).not.toMatch(/2001|db8/i);
    // Another /48 has its own budget.
    await sendMessage(data('14155559999', '2001:db8:4b::1'));
  });

  it('reads the /48 multiplier from ipv6SiteMultiplier; a /48 at its bound still stops a /64 within its own', async () => {
    tencent();
    const { sendMessage } = await savedConnector(
      configWith({ perSource: { max: 3, windowSeconds: 3600 }, ipv6SiteMultiplier: 2, perPrefix: false })
    );
    const from = async (ip: string, count: number) =>
      outcomes(Array.from({ length: count }, (_, index) => sendMessage(data(`3361234${String(index).padStart(4, '0')}`, ip))));
    expect(await from('2001:db8:77:1::1', 4)).toEqual(['ok', 'ok', 'ok', ConnectorErrorCodes.RateLimitExceeded]);
    expect(await from('2001:db8:77:2::1', 4)).toEqual(['ok', 'ok', 'ok', ConnectorErrorCodes.RateLimitExceeded]);
    expect(await from('2001:db8:77:3::1', 1)).toEqual([ConnectorErrorCodes.RateLimitExceeded]);
  });

  it('counts an IPv4 address carried in IPv6 (6to4) as that address, not as a /48 of its own', async () => {
    tencent();
    const { sendMessage } = await savedConnector(configWith({ perSource: { max: 2, windowSeconds: 3600 }, perPrefix: false }));
    await sendMessage(data('8613012345671', '192.0.2.33'));
    await sendMessage(data('8613012345672', '2002:c000:221:1::1'));
    expect((await failure(sendMessage(data('8613012345673', '2002:c000:221:2::1')))).code).toBe(
      ConnectorErrorCodes.RateLimitExceeded
    );
  });

  it('widens IPv4 sources with ipv4Prefix', async () => {
    tencent();
    const { sendMessage } = await savedConnector(
      configWith({ ipv4Prefix: 24, perSource: { max: 2, windowSeconds: 3600 } })
    );
    await sendMessage(data('8613012345671', '198.18.7.1'));
    await sendMessage(data('8613012345672', '198.18.7.254'));
    expect((await failure(sendMessage(data('8613012345673', '198.18.7.100')))).code).toBe(
      ConnectorErrorCodes.RateLimitExceeded
    );
    await sendMessage(data('8613012345673', '198.18.8.1'));
  });

  it('does not apply without an ip', async () => {
    const sent = tencent();
    const { sendMessage } = await savedConnector(configWith({ perSource: { max: 1, windowSeconds: 3600 } }));
    await sendMessage(data('8613012345671'));
    await sendMessage(data('8613012345672'));
    await sendMessage({ ...data('8613012345673'), ip: '' });
    expect(sent).toHaveLength(3);
  });

  it('counts every value that is no IP address as one shared source', async () => {
    const sent = tencent();
    const { sendMessage } = await savedConnector(configWith({ perSource: { max: 1, windowSeconds: 3600 } }));
    await sendMessage(data('8613012345671', 'unknown'));
    expect((await failure(sendMessage(data('8613012345672', '999.1.1.1')))).code).toBe(
      ConnectorErrorCodes.RateLimitExceeded
    );
    expect(sent).toHaveLength(1);
  });

  it('is neither checked nor consumed by the Console test send', async () => {
    const sent = tencent();
    const config = configWith({ perSource: { max: 1, windowSeconds: 3600 } });
    const ip = '198.51.100.80';
    const consoleTest = await makeConnector();
    await consoleTest.sendMessage(data('8613012345671', ip), config);
    await consoleTest.sendMessage(data('8613012345672', ip), config);
    // The real flow still has its whole budget.
    const { sendMessage } = await savedConnector(config);
    await sendMessage(data('8613012345673', ip));
    expect((await failure(sendMessage(data('8613012345674', ip)))).code).toBe(ConnectorErrorCodes.RateLimitExceeded);
    // And the spent budget does not stop the Console test.
    await consoleTest.sendMessage(data('8613012345675', ip), config);
    expect(sent).toHaveLength(4);
  });

  it('is scoped to the SMS app: another sdkAppId has its own budget', async () => {
    const sent = tencent();
    const first = configWith({ perSource: { max: 1, windowSeconds: 3600 } });
    const ip = '198.51.100.81';
    await (await savedConnector(first)).sendMessage(data('8613012345671', ip));
    await (await savedConnector({ ...first, sdkAppId: String(Number(first.sdkAppId) + 500_000) })).sendMessage(
      data('8613012345672', ip)
    );
    expect(sent).toHaveLength(2);
  });
});

describe('distinctNumbersPerSource', () => {
  it('accepts repeat codes to known numbers, refuses a new number over max, in 429 naming the rule', async () => {
    const sent = tencent();
    const { sendMessage } = await savedConnector(
      configWith({ distinctNumbersPerSource: { max: 2, windowSeconds: 86_400 } })
    );
    const ip = '2001:db8:bb::1';
    await sendMessage(data('8613012345671', ip));
    await sendMessage(data('8613012345672', ip));
    await sendMessage(data('8613012345671', ip));
    await sendMessage(data('+86 130 1234 5672', '2001:db8:bb::2'));
    const error = await failure(sendMessage(data('8613012345673', ip)));
    expect(error.code).toBe(ConnectorErrorCodes.RateLimitExceeded);
    expect(operatorTextOf(error)).toBe(
      'Too many different phone numbers from this network: 2 per day. If real users hit it, raise abuseProtection.distinctNumbersPerSource.'
    );
    expect(sent).toHaveLength(4);
  });

  it('lets exactly max different numbers through when they arrive at once', async () => {
    const sent = tencent();
    const { sendMessage } = await savedConnector(
      configWith({ distinctNumbersPerSource: { max: 3, windowSeconds: 3600 } })
    );
    const results = await outcomes(
      Array.from({ length: 20 }, (_, index) => sendMessage(data(`1415555${String(index).padStart(4, '0')}`, '192.0.2.99')))
    );
    expect(results.filter((result) => result === 'ok')).toHaveLength(3);
    expect(new Set(sent).size).toBe(3);
  });

  it('with perSource: a send refused by one budget is counted in neither', async () => {
    const sent = tencent();
    const { sendMessage } = await savedConnector(
      configWith({
        perSource: { max: 3, windowSeconds: 3600 },
        distinctNumbersPerSource: { max: 1, windowSeconds: 3600 },
      })
    );
    const ip = '192.0.2.123';
    await sendMessage(data('8613012345671', ip));
    // Refused by the numbers budget: must not use up a code of perSource.
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect((await failure(sendMessage(data('8613012345672', ip)))).code).toBe(ConnectorErrorCodes.RateLimitExceeded);
    }
    await sendMessage(data('8613012345671', ip));
    await sendMessage(data('8613012345671', ip));
    const error = await failure(sendMessage(data('8613012345671', ip)));
    expect(operatorTextOf(error)).toMatch(/Too many codes from this network: 3 per hour/);
    expect(sent).toHaveLength(3);
  });
});

describe('perPrefix (number blocks)', () => {
  it('lets max codes to one block through, whoever asks, then answers rate_limit_exceeded naming the rule, never the number', async () => {
    const sent = tencent();
    const { sendMessage } = await savedConnector(configWith({ perPrefix: { max: 3, windowSeconds: 3600 } }));
    for (const suffix of ['0001', '0002', '0003']) {
      await sendMessage(data(`44740010${suffix}`, `198.51.100.${suffix.slice(-1)}`));
    }
    const error = await failure(sendMessage(data('447400109999', '203.0.113.200')));
    expect(error.code).toBe(ConnectorErrorCodes.RateLimitExceeded);
    expect(operatorTextOf(error)).toBe(
      'Too many codes to numbers alike but for their last 4 digits: 3 per hour, whoever asks. If real users hit it, raise abuseProtection.perPrefix.'
    );
    expect(JSON.stringify(error)).not.toMatch(/74001|203\.0\.113/);
    // The neighbouring block, and the same digits in another country, have budgets of their own.
    await sendMessage(data('447400110000', '203.0.113.200'));
    await sendMessage(data('33740010001', '203.0.113.200'));
    expect(sent).toHaveLength(5);
  });

  it('counts without an ip too: the destination is what a pumping run cannot change', async () => {
    const sent = tencent();
    const { sendMessage } = await savedConnector(configWith({ perPrefix: { max: 2, windowSeconds: 3600 } }));
    await sendMessage(data('8613012340001'));
    await sendMessage(data('8613012340002'));
    expect((await failure(sendMessage(data('8613012340003')))).code).toBe(ConnectorErrorCodes.RateLimitExceeded);
    expect(sent).toHaveLength(2);
  });

  it('reads the block size from digits: with 2, numbers that differ in their third-last digit are other blocks', async () => {
    const sent = tencent();
    const { sendMessage } = await savedConnector(configWith({ perPrefix: { max: 1, windowSeconds: 3600, digits: 2 } }));
    await sendMessage(data('14155550100'));
    const error = await failure(sendMessage(data('14155550199')));
    expect(operatorTextOf(error)).toMatch(/alike but for their last 2 digits/);
    await sendMessage(data('14155550200'));
    expect(sent).toEqual(['+14155550100', '+14155550200']);
  });

  it('lets exactly max of many concurrent sends to one block through', async () => {
    const sent = tencent();
    const { sendMessage } = await savedConnector(configWith({ perPrefix: { max: 5, windowSeconds: 60 } }));
    const results = await outcomes(
      Array.from({ length: 40 }, (_, index) => sendMessage(data(`4915112340${String(index).padStart(3, '0')}`, `192.0.2.${index + 1}`)))
    );
    expect(results.filter((result) => result === 'ok')).toHaveLength(5);
    expect(sent).toHaveLength(5);
  });

  it('with perSource: a send one refuses counts in neither, and an accepted one counts in both', async () => {
    const sent = tencent();
    const { sendMessage } = await savedConnector(
      configWith({ perPrefix: { max: 2, windowSeconds: 3600 }, perSource: { max: 2, windowSeconds: 3600 } })
    );
    await sendMessage(data('8613012340001', '192.0.2.7'));
    await sendMessage(data('8613012340002', '192.0.2.8'));
    // The block is spent: these neither go out nor use up 192.0.2.7's budget.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect(operatorTextOf(await failure(sendMessage(data('8613012340003', '192.0.2.7'))))).toMatch(/perPrefix/);
    }
    await sendMessage(data('8613099990001', '192.0.2.7'));
    expect(operatorTextOf(await failure(sendMessage(data('8613088880001', '192.0.2.7'))))).toMatch(/perSource/);
    expect(sent).toHaveLength(3);
  });

  it('is neither checked nor counted by the Console test send', async () => {
    const sent = tencent();
    const config = configWith({ perPrefix: { max: 1, windowSeconds: 3600 } });
    const consoleTest = await makeConnector();
    await consoleTest.sendMessage(data('8613012340001'), config);
    await consoleTest.sendMessage(data('8613012340002'), config);
    const { sendMessage } = await savedConnector(config);
    await sendMessage(data('8613012340003'));
    expect((await failure(sendMessage(data('8613012340004')))).code).toBe(ConnectorErrorCodes.RateLimitExceeded);
    await consoleTest.sendMessage(data('8613012340005'), config);
    expect(sent).toHaveLength(4);
  });
});

describe('refusedNumberTypes', () => {
  it.each([
    ['premium-rate', '449098790000', /^Premium-rate number/],
    ['shared-cost', '34901123456', /^Shared-cost number/],
    ['toll-free', '18002345678', /^Toll-free number/],
    ['personal-number', '447012345678', /^Personal number/],
    ['uan', '445512345678', /^Universal access number/],
    ['voicemail', '3933612345678', /^Voicemail access number/],
    ['pager', '447640123456', /^Pager number/],
  ])('refuses a %s number by default with invalid_request_parameters naming the type, never the number', async (type, to, words) => {
    const sent = tencent();
    const { sendMessage } = await savedConnector(configWith(undefined));
    const error = await failure(sendMessage(data(to, '198.51.100.90')));
    expect(error.code).toBe(ConnectorErrorCodes.InvalidRequestParameters);
    expect(operatorTextOf(error)).toMatch(words);
    expect(operatorTextOf(error)).toContain(`remove "${type}" from abuseProtection.refusedNumberTypes`);
    expect(JSON.stringify(error)).not.toContain(to.slice(-6));
    expect(sent).toEqual([]);
  });

  it('sends mobile, fixed-line, fixed-line-or-mobile and VoIP numbers by default', async () => {
    const sent = tencent();
    const { sendMessage } = await savedConnector(configWith(undefined));
    for (const to of ['4915112345678', '4930123456', '12025550100', '445612345678']) {
      await sendMessage(data(to, '198.51.100.91'));
    }
    expect(sent).toHaveLength(4);
  });

  it('sends a number the metadata cannot classify: Tencent decides', async () => {
    const sent = tencent();
    const { sendMessage } = await savedConnector(configWith({ refusedNumberTypes: ['premium-rate', 'voip', 'mobile'] }));
    await sendMessage(data('49900123456789'));
    await sendMessage(data('6512345678'));
    expect(sent).toEqual(['+49900123456789', '+6512345678']);
  });

  it('replaces the default list when set: ["voip"] refuses VoIP and sends premium-rate', async () => {
    const sent = tencent();
    const { sendMessage } = await savedConnector(configWith({ refusedNumberTypes: ['voip'] }));
    const error = await failure(sendMessage(data('445612345678')));
    expect(operatorTextOf(error)).toMatch(/VoIP number/);
    await sendMessage(data('449098790000'));
    expect(sent).toEqual(['+449098790000']);
  });

  it('refuses a listed type before any budget is counted', async () => {
    const sent = tencent();
    const { sendMessage } = await savedConnector(configWith({ perPrefix: { max: 1, windowSeconds: 3600 }, perSource: { max: 1, windowSeconds: 3600 } }));
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect((await failure(sendMessage(data('449098790000', '192.0.2.61')))).code).toBe(ConnectorErrorCodes.InvalidRequestParameters);
    }
    await sendMessage(data('447400100001', '192.0.2.61'));
    expect(sent).toHaveLength(1);
  });

  it('applies to the Console test send, which says in words what the number is', async () => {
    const sent = tencent();
    const { sendMessage } = await makeConnector();
    const error = await failure(sendMessage(data('19002345678'), configWith(undefined)));
    expect(error.code).toBe(ConnectorErrorCodes.General);
    expect(error.data).toMatchObject({ signInCode: ConnectorErrorCodes.InvalidRequestParameters });
    expect(operatorTextOf(error)).toMatch(
      /^Premium-rate number \(SMS pumping risk\): not sent\. To allow, remove "premium-rate" from abuseProtection\.refusedNumberTypes\. Mainland China\? Type \+86 19002345678\.$/
    );
    expect(sent).toEqual([]);
  });
});

describe('what a sign-in flow returns to the browser', () => {
  // Logto puts the error's `data` in the JSON the end user's browser receives: a refusal there
  // names the rule in words, never a limit, a window or the setting that would let a run through.
  const leaks = /\d|abuseProtection|perPrefix|perSource|refusedNumberTypes|allowedRegions|ipv6SiteMultiplier/;

  it('names each rule in words, without limits or settings; the advice stays on the error for the operator', async () => {
    tencent();
    const config = configWith({
      allowedRegions: ['CN', 'US', 'GB'],
      perSource: { max: 1, windowSeconds: 3600 },
      distinctNumbersPerSource: { max: 1, windowSeconds: 3600 },
      perPrefix: { max: 1, windowSeconds: 3600, digits: 4 },
    });
    const { sendMessage } = await savedConnector(config);
    await sendMessage(data('8613012345678', '198.51.100.70'));
    const refusals = [
      await failure(sendMessage(data('2348012345678', '198.51.100.71'))), // region
      await failure(sendMessage(data('449098790000', '198.51.100.72'))), // premium-rate
      await failure(sendMessage(data('8613012340001', '198.51.100.73'))), // block
      await failure(sendMessage(data('14155552671', '198.51.100.70'))), // source
    ];
    expect(refusals.map(({ code }) => code)).toEqual([
      ConnectorErrorCodes.InvalidRequestParameters,
      ConnectorErrorCodes.InvalidRequestParameters,
      ConnectorErrorCodes.RateLimitExceeded,
      ConnectorErrorCodes.RateLimitExceeded,
    ]);
    for (const refusal of refusals) {
      expect(JSON.stringify(refusal.data)).not.toMatch(leaks);
      expect(refusal.message).not.toMatch(leaks);
      expect(descriptionOf(refusal)).toMatch(/^[A-Z].*\.$/);
      expect(operatorTextOf(refusal)).toMatch(/abuseProtection\.\w+/);
    }
  });

  it('says only that the protection settings are invalid when a stored config has them wrong; the Console test shows each issue', async () => {
    const sent = tencent();
    const wrong = configWith(
      { allowedRegions: ['CN', 'XX'], perSource: { max: 0, windowSeconds: 3600 } },
      { redisUrl: 'http://10.0.0.7:6379' }
    );
    const error = await failure((await savedConnector(wrong)).sendMessage(data('8613012345678', '198.51.100.80')));
    expect(error.code).toBe(ConnectorErrorCodes.InvalidConfig);
    expect(JSON.stringify(error.data)).not.toMatch(leaks);
    expect(JSON.stringify(error.data)).not.toMatch(/redisUrl|10\.0\.0\.7|XX/);
    expect(error.message).not.toMatch(leaks);
    expect((error.data as { issues: unknown[] }).issues).toEqual([
      {
        code: 'custom',
        path: [],
        message: 'the SMS pumping protection settings are invalid: open the connector in the Console and save it to see why',
      },
    ]);

    const inConsole = await failure((await makeConnector()).sendMessage(data('8613012345678'), wrong));
    expect((inConsole.data as { issues: Array<{ path: unknown[] }> }).issues.map(({ path }) => path.join('.'))).toEqual(
      expect.arrayContaining(['abuseProtection.allowedRegions.1', 'abuseProtection.perSource.max', 'redisUrl'])
    );
    expect(sent).toEqual([]);
  });

  it('keeps the other issues of a stored config as they are: only protection is the operator’s secret', async () => {
    tencent();
    const { signName: _none, ...unsigned } = configWith({ perPrefix: { max: -1, windowSeconds: 3600 } });
    const error = await failure((await savedConnector(unsigned)).sendMessage(data('8613012345678')));
    const paths = (error.data as { issues: Array<{ path: unknown[] }> }).issues.map(({ path }) => path.join('.'));
    expect(paths).toEqual(['signName', '']);
  });
});
