import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { Emulator } from '../src/emulator/index.js';

import {
  errorCode,
  postSigned,
  startUnlimitedEmulator,
} from './helpers/emulator-client.js';

/** An international-template SendSms body for one number, as a connector would send it. */
const internationalBody = (phone: string) => ({
  PhoneNumberSet: [phone],
  SmsSdkAppId: '1400000001',
  TemplateId: '1000002',
  TemplateParamSet: ['654321', '5'],
});

describe('emulator IsoCode for international numbers', () => {
  let emulator: Emulator;

  beforeAll(async () => {
    // Limits off: every case sends once to its own number, but the suite is about countries.
    emulator = await startUnlimitedEmulator();
  });
  afterAll(async () => emulator.close());
  beforeEach(async () => {
    await fetch(`${emulator.url}/messages`, { method: 'DELETE' });
  });

  it.each([
    // Africa
    ['Egypt', '+201001234567', 'EG'],
    ['South Africa', '+27821234567', 'ZA'],
    ['Zimbabwe', '+263771234567', 'ZW'],
    ['Nigeria', '+2348031234567', 'NG'],
    ['South Sudan', '+211921234567', 'SS'],
    ['Réunion (shares +262 with Mayotte)', '+262692123456', 'RE'],
    // Europe
    ['Latvia', '+37120123456', 'LV'],
    ['Bulgaria', '+359881234567', 'BG'],
    ['Ukraine', '+380501234567', 'UA'],
    ['United Kingdom', '+447400123456', 'GB'],
    ['Norway', '+4741234567', 'NO'],
    ['Finland', '+358401234567', 'FI'],
    ['Russia', '+79161234567', 'RU'],
    ['Kazakhstan (shares +7 with Russia)', '+77011234567', 'KZ'],
    // North America and the Caribbean
    ['United States', '+12025550123', 'US'],
    ['Canada (NANP, by area code)', '+14165550123', 'CA'],
    ['Jamaica (NANP, by area code)', '+18765550123', 'JM'],
    ['Guam (NANP, by area code)', '+16715550123', 'GU'],
    ['Jersey (shares +44 with Great Britain)', '+447797123456', 'JE'],
    ['Mayotte (shares +262 with Réunion)', '+262639011234', 'YT'],
    ['Mayotte VoIP (shares +262 with Réunion)', '+262939801234', 'YT'],
    ['Guernsey premium rate (shares +44 with Great Britain)', '+449800000000', 'GG'],
    ['Saint-Barthélemy (shares +590 with Guadeloupe)', '+590590271234', 'BL'],
    ['Christmas Island (shares +61 with Australia)', '+61851001123', 'CX'],
    ['United States toll-free (+1 800)', '+18005550123', 'US'],
    ['Guadeloupe', '+590690123456', 'GP'],
    ['Curaçao', '+59995123456', 'CW'],
    // South America
    ['Uruguay', '+59894123456', 'UY'],
    ['Brazil', '+5511987654321', 'BR'],
    ['Venezuela', '+584121234567', 'VE'],
    // Asia
    ['Hong Kong', '+85251234567', 'HK'],
    ['Taiwan', '+886912345678', 'TW'],
    ['Uzbekistan', '+998901234567', 'UZ'],
    ['India', '+919812345678', 'IN'],
    ['United Arab Emirates', '+971501234567', 'AE'],
    ['Mongolia', '+97688123456', 'MN'],
    // Oceania
    ['Fiji', '+6797012345', 'FJ'],
    ['Australia', '+61412345678', 'AU'],
    ['Samoa', '+6857212345', 'WS'],
  ])('sends to %s (%s) and reports IsoCode %s', async (_country, phone, isoCode) => {
    const { response } = await postSigned(emulator, { body: internationalBody(phone) });
    expect(errorCode(response)).toBeUndefined();
    expect(response.SendStatusSet).toEqual([
      expect.objectContaining({ PhoneNumber: phone, Code: 'Ok', IsoCode: isoCode, Fee: 1 }),
    ]);
    const messages = await (await fetch(`${emulator.url}/messages`)).json();
    expect(messages).toHaveLength(1);
  });

  it.each([
    ['a trunk prefix', '+4407400123456', '+447400123456', 'GB'],
    ["Bolivia's carrier code", '+59101071234567', '+59171234567', 'BO'],
    ["Korea's carrier code", '+820811012345678', '+821012345678', 'KR'],
  ])('stores a number spelt with %s under its canonical number', async (_case, phone, canonical, isoCode) => {
    const { response } = await postSigned(emulator, { body: internationalBody(phone) });
    expect(response.SendStatusSet).toEqual([
      expect.objectContaining({ PhoneNumber: canonical, Code: 'Ok', IsoCode: isoCode }),
    ]);
    const messages = (await (await fetch(`${emulator.url}/messages`)).json()) as Array<{ phoneNumber: string }>;
    expect(messages.map(({ phoneNumber }) => phoneNumber)).toEqual([canonical]);
  });

  it.each([
    ['too long', '+4490987900000'],
    ['too short for France', '+3389112345'],
  ])('refuses a number %s for its country: no phone has it', async (_case, phone) => {
    const { response } = await postSigned(emulator, { body: internationalBody(phone) });
    expect(response.SendStatusSet).toEqual([
      expect.objectContaining({ PhoneNumber: phone, Code: 'InvalidParameterValue.IncorrectPhoneNumber', Fee: 0 }),
    ]);
  });

  it.each([
    ['+999 (spare)', '+99912345678'],
    ['+801 (spare)', '+80112345678'],
    ['+969 (spare)', '+96912345678'],
    ['+800 (non-geographic freephone)', '+80012345678'],
    ['+44 7700 900 (a range set aside for fiction, in no region)', '+447700900123'],
    ['+1 123 (no such area code)', '+11235550123'],
  ])('still refuses %s as a malformed number', async (_code, phone) => {
    const { response } = await postSigned(emulator, { body: internationalBody(phone) });
    expect(errorCode(response)).toBeUndefined();
    expect(response.SendStatusSet).toEqual([
      expect.objectContaining({ PhoneNumber: phone, Code: 'InvalidParameterValue.IncorrectPhoneNumber', Fee: 0 }),
    ]);
    const messages = await (await fetch(`${emulator.url}/messages`)).json();
    expect(messages).toEqual([]);
  });
});
