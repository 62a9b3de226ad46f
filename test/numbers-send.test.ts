/**
 * The canonical number through the connector: what Tencent receives (`PhoneNumberSet`), what the
 * block budget counts, and the numbers refused before Tencent because no number of their country
 * has their length.
 */
import { ConnectorErrorCodes } from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';

import { errorDescriptionOf } from '../src/console-test/index.js';

import { configWith, data, failure, outcomes, savedConnector, tencent } from './helpers/guard.js';
import { shownWhen } from './helpers/logto-display.js';
import { offlineNock } from './helpers/tencent-mock.js';
import { consoleSend } from './helpers/connector.js';

offlineNock();

describe('Tencent receives the canonical number', () => {
  it.each([
    ['a trunk prefix after +44', '4407400123456', '+447400123456'],
    ['two of them', '44007400123456', '+447400123456'],
    ['as a person types it', '+44 (0) 7400 123456', '+447400123456'],
    ["Bolivia's trunk prefix", '591071234567', '+59171234567'],
    ["Bolivia's carrier code 10", '59101071234567', '+59171234567'],
    ["Bolivia's carrier code 12", '59101271234567', '+59171234567'],
    ["Korea's trunk prefix", '8201012345678', '+821012345678'],
    ["Korea's carrier code 081", '820811012345678', '+821012345678'],
    ["Korea's carrier code 086", '820861012345678', '+821012345678'],
    ['a mainland number with its trunk prefix', '86013012345678', '+8613012345678'],
  ])('%s: %s goes out as %s', async (_case, to, canonical) => {
    const sent = tencent();
    const { sendMessage } = await savedConnector(configWith(undefined));
    await sendMessage(data(to));
    expect(sent).toEqual([canonical]);
  });

  it.each([
    ['GB', ['447400123401', '4407400123402', '44007400123403'], '4407400123404'],
    ['BO', ['59171230001', '591071230002', '59101071230003'], '59101971230004'],
    ['KR', ['821012340001', '8201012340002', '820811012340003'], '820861012340004'],
  ])('gives every spelling of a %s block one perPrefix budget', async (_region, spellings, next) => {
    const sent = tencent();
    const { sendMessage } = await savedConnector(configWith({ perPrefix: { max: 3, windowSeconds: 3600 } }));
    expect(await outcomes(spellings.map(async (to) => sendMessage(data(to))))).toEqual(['ok', 'ok', 'ok']);
    const refused = await failure(sendMessage(data(next)));
    expect(refused.code).toBe(ConnectorErrorCodes.RateLimitExceeded);
    expect(sent).toHaveLength(3);
  });

  it('counts the canonical number in the per-source distinct-number budget too', async () => {
    tencent();
    const { sendMessage } = await savedConnector(
      configWith({ distinctNumbersPerSource: { max: 1, windowSeconds: 3600 } })
    );
    for (const to of ['447400123456', '4407400123456', '44007400123456']) {
      await sendMessage(data(to, '192.0.2.80'));
    }
    expect((await failure(sendMessage(data('447400123457', '192.0.2.80')))).code).toBe(
      ConnectorErrorCodes.RateLimitExceeded
    );
  });
});

describe('a number whose length no number of its country has', () => {
  it.each([
    // Premium-rate numbers with a digit more or fewer.
    ['4490987900000', 'too long for a number in United Kingdom: no number there has 11 digits after +44'],
    ['190023456780', 'too long for a number in United States: no number there has 11 digits after +1'],
    ['1900234567', 'too short for a number in United States: no number there has 9 digits after +1'],
    ['338911234560', 'too long for a number in France: no number there has 10 digits after +33'],
    ['3389112345', 'too short for a number in France: no number there has 8 digits after +33'],
    ['3719012345', 'too short for a number in Latvia: no number there has 7 digits after +371'],
    ['419001234560', 'too long or too short for a number in Switzerland: no number there has 10 digits after +41'],
    ['80012345678901', 'too long: no +800 number has 11 digits after +800'],
  ])('%s is refused before Tencent, naming the country', async (to, words) => {
    const sent = tencent();
    // Not a rule of the protection: the number cannot be anyone's.
    const { sendMessage } = await savedConnector(configWith(undefined, { pumpingProtection: false }));
    const error = await failure(sendMessage(data(to)));
    expect(error.code).toBe(ConnectorErrorCodes.InvalidRequestParameters);
    expect(errorDescriptionOf(error.data)).toBe(`The phone number is ${words}.`);
    expect(errorDescriptionOf(error.data)).not.toContain(to.slice(-6));
    expect(sent).toEqual([]);
  });

  it('is sent at a possible length even when it matches no known range', async () => {
    const sent = tencent();
    const { sendMessage } = await savedConnector(configWith(undefined));
    await sendMessage(data('44909879000'));
    expect(sent).toEqual(['+44909879000']);
  });

  it('shows the Console test the reason and the number as read', async () => {
    tencent();
    // The Console's field passes digits without +, as here.
    const shown = await shownWhen(consoleSend(configWith(undefined), { to: '4490987900000' }));
    expect(shown.text).toBe(
      'Error occurred in connector: The phone number is too long for a number in United Kingdom: no number there has 11 digits after +44. ' +
        'Read as +44 909 8790 0000, too long for United Kingdom.'
    );
  });

  it('never refuses a mainland mobile number, 130 to 199, switch off or on', async () => {
    const sent = tencent();
    const off = await savedConnector(configWith(undefined, { international: false }));
    const on = await savedConnector(configWith(undefined, { international: true }));
    const numbers = Array.from({ length: 70 }, (_, index) => `86${130 + index}${String(index).padStart(4, '0')}5678`);
    const results = await outcomes(numbers.flatMap((to) => [off.sendMessage(data(to)), on.sendMessage(data(to))]));
    expect(results.filter((result) => result !== 'ok')).toEqual([]);
    expect(sent).toHaveLength(140);
  });
});
