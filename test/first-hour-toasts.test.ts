/**
 * The error toasts an admin meets in the first hour with the connector, computed as Logto's
 * Console shows them: the Console test ("Send" with the unsaved form) and "Save" (core validates
 * the form with the connector's configGuard itself). A toast stays about 4.7 seconds; each of
 * these must be read in that time: at most 200 characters, the cause and its fix first, one line
 * per problem.
 */
import { appendFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';

import { ConnectorError, TemplateType, validateConfig, type SmsConnector } from '@logto/connector-kit';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  budgetExceededError,
  countryBudgetExceededError,
  prefixBudgetExceededError,
  siteBudgetExceededError,
} from '../src/abuse-guard/refusals.js';
import type { LearnedRefusal } from '../src/abuse-guard/stores/types.js';
import { consoleTestError, logtoDisplay, maxToastLength, toastText } from '../src/console-test/index.js';
import { defaultMetadata } from '../src/constant.js';
import {
  connectorConfigFor,
  defaultAccountInput,
  parseAccount,
  startEmulator,
  type Emulator,
} from '../src/emulator/index.js';
import createConnector from '../src/index.js';

import { makeConnector } from './helpers/connector.js';
import { closedPort } from './helpers/reliability.js';


/** A send as the Console's "Send" button makes it (SPEC §2): type Generic, code 000000, the form. */
const consoleTestToast = async (config: unknown, to: string): Promise<string> => {
  const connector = await makeConnector();
  const error = await connector
    .sendMessage({ to, type: TemplateType.Generic, payload: { code: '000000' } }, config)
    .then(
      () => {
        throw new Error(`the Console test to ${to} succeeded, but a failure was expected`);
      },
      (caught: unknown) => caught
    );
  return toastText(logtoDisplay(error));
};

/** "Save": core runs connector-kit's validateConfig with the configGuard, unaided by the connector. */
const saveToast = async (config: unknown): Promise<string> => {
  const { configGuard } = (await createConnector({ getConfig: async () => config })) as SmsConnector;
  try {
    validateConfig(config, configGuard);
  } catch (error) {
    expect(error).toBeInstanceOf(ConnectorError);
    return toastText(logtoDisplay(error));
  }
  throw new Error('the form saved, but a failure was expected');
};

/** What the Console's form holds for a new connector: every default, the required texts typed in. */
const untouchedForm = (endpoint: string) => ({
  ...Object.fromEntries(
    (defaultMetadata.formItems ?? [])
      .filter((item) => item.defaultValue !== undefined)
      .map((item) => [item.key, item.defaultValue])
  ),
  accessKeyId: defaultAccountInput.secretId,
  accessKeySecret: defaultAccountInput.secretKey,
  sdkAppId: '1400000001',
  region: 'ap-guangzhou',
  advanced: true,
  endpoint,
});

/** The form filled in against the emulator, as the emulator prints it, switches as the form has them. */
const filledForm = (endpoint: string, international: boolean) => ({
  ...untouchedForm(endpoint),
  ...connectorConfigFor(endpoint),
  international,
});

type Scenario = {
  /** What happened, as the admin would tell it. */
  readonly name: string;
  readonly toast: () => Promise<string>;
  /** The start of the text after Logto's own words: the cause, or the field that holds it. */
  readonly causeFirst: RegExp;
  /** Lines of the toast: Logto's phrase, then one per problem (default: one line in all). */
  readonly lines?: number;
};

let emulator: Emulator;
/** Accepts connections and never answers: a Tencent that hangs. */
let silent: Server;
const silentSockets = new Set<Socket>();

beforeAll(async () => {
  emulator = await startEmulator({
    account: parseAccount({
      ...defaultAccountInput,
      // An app that lets only Hong Kong receive international SMS, as a new app's list may.
      apps: [{ sdkAppId: '1400000001', region: 'ap-guangzhou', internationalLimits: { allowedRegions: ['HK'] } }],
    }),
  });
  silent = createServer((socket) => {
    silentSockets.add(socket);
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  for (const socket of silentSockets) {
    socket.destroy();
  }
  await new Promise((resolve) => silent.close(resolve));
  await emulator.close();
  nock.cleanAll();
  nock.enableNetConnect();
});

let nextMobile = 13_800_000_000;
/** A fresh mainland number each time, so Tencent's per-number limits of one do not touch the next. */
const mainland = () => `86${(nextMobile += 1)}`;

/**
 * A per-country refusal as the Console would show it, for the longest country name there is: the
 * budgets are not counted in a Console test, but `send` and the operator's reading share the text.
 */
const countryToast = async (refused: LearnedRefusal) =>
  toastText(
    logtoDisplay(
      consoleTestError(
        countryBudgetExceededError(
          { name: 'Saint Vincent and the Grenadines (VC)', raise: 'abuseProtection.perCountry.allow.VC' },
          refused
        ),
        '17845551234',
        []
      )
    )
  );

const scenarios: Scenario[] = [
  {
    name: 'wrong SecretKey',
    toast: async () => consoleTestToast({ ...filledForm(emulator.url, false), accessKeySecret: 'a-wrong-secret-key-0000' }, mainland()),
    causeFirst: /^Error occurred in connector: SecretId or SecretKey is wrong/,
  },
  {
    name: 'wrong SecretId',
    toast: async () => consoleTestToast({ ...filledForm(emulator.url, false), accessKeyId: 'AKIDwrong0000000000000000000000000000' }, mainland()),
    causeFirst: /^Error occurred in connector: SecretId or SecretKey is wrong/,
  },
  {
    name: 'premium-rate number (+44 909 879 0000)',
    toast: async () => consoleTestToast(filledForm(emulator.url, true), '449098790000'),
    causeFirst: /^Error occurred in connector: .*premium-rate/,
  },
  {
    name: 'Test with the form untouched (placeholders, no signature)',
    toast: async () => consoleTestToast(untouchedForm(emulator.url), mainland()),
    causeFirst: /^The connector's config is invalid\.\nError in key path "templates": \(custom\) .*<template-code>/,
    lines: 3,
  },
  {
    name: 'Save with the form untouched (placeholders, no signature)',
    toast: async () => saveToast(untouchedForm(emulator.url)),
    causeFirst: /^The connector's config is invalid\.\nError in key path "templates": \(custom\) .*<template-code>/,
    lines: 3,
  },
  {
    name: 'Save without a signature',
    toast: async () => {
      const { signName: _none, ...form } = filledForm(emulator.url, false);
      return saveToast(form);
    },
    causeFirst: /^The connector's config is invalid\.\nError in key path "signName": \(custom\) required/,
    lines: 2,
  },
  {
    name: 'Test without a signature',
    toast: async () => {
      const { signName: _none, ...form } = filledForm(emulator.url, false);
      return consoleTestToast(form, mainland());
    },
    causeFirst: /^The connector's config is invalid\.\nError in key path "signName": \(custom\) required/,
    lines: 2,
  },
  {
    name: 'signature not approved',
    toast: async () => consoleTestToast({ ...filledForm(emulator.url, false), signName: 'Acme' }, mainland()),
    causeFirst: /^Error occurred in connector: The signature .*not approved/,
  },
  {
    name: 'template not approved',
    toast: async () =>
      consoleTestToast(
        {
          ...filledForm(emulator.url, false),
          templates: [
            { usageType: 'Generic', templateCode: '1000009', destination: 'mainland' },
            { usageType: 'Generic', templateCode: '1000002', destination: 'international', params: ['{{code}}', '10'] },
          ],
        },
        mainland()
      ),
    causeFirst: /^Error occurred in connector: The template .*not approved/,
  },
  {
    name: '13012345678 typed without +86, International off, mainland template only',
    toast: async () =>
      consoleTestToast(
        {
          ...filledForm(emulator.url, false),
          templates: [
            { usageType: 'Generic', templateCode: '1000001', destination: 'mainland', params: ['{{code}}', '10'] },
            { usageType: 'Generic', templateCode: '<template-code>', destination: 'international' },
          ],
        },
        '13012345678'
      ),
    causeFirst: /^Error occurred in connector: International numbers is off: .*international Generic template/,
  },
  {
    name: '13012345678 typed without +86, International on, the US not allowed by the SMS app',
    toast: async () => consoleTestToast(filledForm(emulator.url, true), '13012345678'),
    causeFirst: /^Error occurred in connector: .*country or region/,
  },
  {
    name: 'endpoint unreachable (nothing listens)',
    toast: async () => consoleTestToast(filledForm(`http://127.0.0.1:${await closedPort()}`, false), mainland()),
    causeFirst: /^Error occurred in connector: Could not reach /,
  },
  {
    name: 'endpoint unreachable (host name mistyped)',
    toast: async () => {
      nock('https://sms.tencentcloudapi.con').post('/').replyWithError(Object.assign(new Error('getaddrinfo ENOTFOUND sms.tencentcloudapi.con'), { code: 'ENOTFOUND' }));
      return consoleTestToast(filledForm('sms.tencentcloudapi.con', false), mainland());
    },
    causeFirst: /^Error occurred in connector: Could not reach /,
  },
  {
    name: 'endpoint unreachable (no outbound access)',
    toast: async () => {
      nock('https://sms.tencentcloudapi.com').post('/').replyWithError(Object.assign(new Error('connect ETIMEDOUT 1.2.3.4:443'), { code: 'ETIMEDOUT' }));
      return consoleTestToast(filledForm('sms.tencentcloudapi.com', false), mainland());
    },
    causeFirst: /^Error occurred in connector: Could not reach /,
  },
  {
    name: 'timeout (Tencent does not answer)',
    toast: async () =>
      consoleTestToast(
        { ...filledForm(`http://127.0.0.1:${(silent.address() as AddressInfo).port}`, false), timeout: 1000 },
        mainland()
      ),
    causeFirst: /^Error occurred in connector: 127\.0\.0\.1:\d+ did not answer /,
  },
  {
    name: 'region typed as a city (Guangzhou)',
    toast: async () => saveToast({ ...filledForm(emulator.url, false), region: 'Guangzhou' }),
    causeFirst: /^The connector's config is invalid\.\nError in key path "region": \(/,
    lines: 2,
  },
  {
    name: 'region without SMS (ap-shanghai)',
    toast: async () => consoleTestToast({ ...filledForm(emulator.url, false), region: 'ap-shanghai' }, mainland()),
    causeFirst: /^Error occurred in connector: The region /,
  },
  {
    name: 'region other than the SMS app’s (ap-beijing)',
    toast: async () => consoleTestToast({ ...filledForm(emulator.url, false), region: 'ap-beijing' }, mainland()),
    causeFirst: /^Error occurred in connector: The SDK App ID /,
  },
  {
    name: 'Tencent’s own limit: a second Test to the same number within 30 s',
    toast: async () => {
      const to = mainland();
      await (await makeConnector()).sendMessage({ to, type: TemplateType.Generic, payload: { code: '000000' } }, filledForm(emulator.url, false));
      return consoleTestToast(filledForm(emulator.url, false), to);
    },
    causeFirst: /^Error occurred in connector: Too many codes /,
  },
  {
    name: 'guard: region not in allowedRegions',
    toast: async () =>
      consoleTestToast({ ...filledForm(emulator.url, true), abuseProtection: { allowedRegions: ['CN'] } }, '819012345678'),
    causeFirst: /^Error occurred in connector: SMS to region JP is not enabled/,
  },
  {
    name: 'guard: block of numbers over perPrefix',
    toast: async () => toastText(logtoDisplay(consoleTestError(prefixBudgetExceededError({ max: 20, windowSeconds: 3600, digits: 4 }), mainland(), []))),
    causeFirst: /^Error occurred in connector: Too many codes to numbers /,
  },
  {
    name: 'guard: one network over perSource',
    toast: async () => toastText(logtoDisplay(consoleTestError(budgetExceededError('perSource', { max: 10, windowSeconds: 3600 }), mainland(), []))),
    causeFirst: /^Error occurred in connector: Too many codes from /,
  },
  {
    name: 'guard: one network over distinctNumbersPerSource',
    toast: async () =>
      toastText(logtoDisplay(consoleTestError(budgetExceededError('distinctNumbersPerSource', { max: 5, windowSeconds: 86_400 }), mainland(), []))),
    causeFirst: /^Error occurred in connector: Too many different /,
  },
  {
    name: 'guard: a country over its learned day',
    toast: async () => countryToast({ allowance: 2000, spent: 'allowance', refusedToday: 1 }),
    causeFirst: /^Error occurred in connector: Too many codes to Saint Vincent /,
  },
  {
    name: 'guard: the pool of countries not served yet',
    toast: async () => countryToast({ allowance: 100, spent: 'pool', refusedToday: 1 }),
    causeFirst: /^Error occurred in connector: Too many codes today to new countries/,
  },
  {
    name: 'guard: an IPv6 site over its share',
    toast: async () => toastText(logtoDisplay(consoleTestError(siteBudgetExceededError(160, 3600, 16), mainland(), []))),
    causeFirst: /^Error occurred in connector: Too many codes from /,
  },
];

describe('every toast of the first hour can be read before it goes', () => {
  it.each(scenarios)('$name', async ({ name, toast, causeFirst, lines = 1 }) => {
    const text = await toast();
    // `TOAST_REPORT=<file>` lists every toast with its length, to read them all at once.
    if (process.env.TOAST_REPORT) {
      appendFileSync(process.env.TOAST_REPORT, `${text.length}\t${name}\n${text}\n\n`);
    }
    expect(text.length).toBeLessThanOrEqual(maxToastLength);
    expect(text).toMatch(causeFirst);
    expect(text.split('\n')).toHaveLength(lines);
  });
});
