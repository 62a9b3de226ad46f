import { ConnectorErrorCodes } from '@logto/connector-kit';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import { destinationOf, toE164 } from '../src/phone.js';

import { legacyConfig } from './helpers/config.js';
import { send, sendError } from './helpers/connector.js';
import { mockSendSms } from './helpers/tencent-mock.js';

beforeAll(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
});

describe('toE164', () => {
  it.each([
    ['8613012345678', '+8613012345678'],
    ['14155552671', '+14155552671'],
    ['+8613012345678', '+8613012345678'],
    ['008613012345678', '+8613012345678'],
    ['+1 (415) 555-2671', '+14155552671'],
    ['+44 20.7946.0958', '+442079460958'],
    ['0081 [3] 1234 5678', '+81312345678'],
    [' 85291234567 ', '+85291234567'],
    ['8613012345678\n', '+8613012345678'],
    ['1234567', '+1234567'],
    ['123456789012345', '+123456789012345'],
  ])('reads %j as %s', (input, expected) => {
    expect(toE164(input)).toBe(expected);
  });

  it.each([
    '',
    '+',
    '123456',
    '1234567890123456',
    '0123456789',
    '+0123456789',
    '000123456789',
    '+86 130 abc 5678',
    '++8613012345678',
    '86130123456+78',
    '8613012345678;DROP',
    '＋8613012345678',
    '٨٦١٣٠١٢٣٤٥٦٧٨',
  ])('rejects %j', (input) => {
    expect(toE164(input)).toBeUndefined();
  });

  it.each([undefined, null, 8613012345678, {}, ['8613012345678']])('rejects the non-string %j', (input) => {
    expect(toE164(input)).toBeUndefined();
  });
});

describe('destinationOf', () => {
  it.each([
    ['+8613012345678', 'mainland'],
    ['+85291234567', 'international'],
    ['+85361234567', 'international'],
    ['+886912345678', 'international'],
    ['+14155552671', 'international'],
  ])('%s is %s', (phone, destination) => {
    expect(destinationOf(phone)).toBe(destination);
  });
});

describe('the number on the wire', () => {
  it.each([
    ['14155552671', '+14155552671'],
    ['8613012345678', '+8613012345678'],
    ['+86 130-1234-5678', '+8613012345678'],
  ])('sends Logto’s %j as %s', async (to, expected) => {
    const { scope, captured } = mockSendSms();
    await send(legacyConfig(), { to });
    expect(captured[0]?.body.PhoneNumberSet).toEqual([expected]);
    scope.done();
  });

  it.each(['', 'abc', '12345', '+0 123 456 789'])('refuses %j with invalid_request_parameters and sends nothing', async (to) => {
    const error = await sendError(legacyConfig(), { to });
    expect(error.code).toBe(ConnectorErrorCodes.InvalidRequestParameters);
    expect(nock.pendingMocks()).toEqual([]);
  });
});
