import { ConnectorErrorCodes, TemplateType } from '@logto/connector-kit';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import { chooseTemplate } from '../src/template-choice.js';
import { renderParams } from '../src/template-params.js';
import type { Template } from '../src/types.js';

import { legacyConfig, worldConfig } from './helpers/config.js';
import { descriptionOf, send, sendError } from './helpers/connector.js';
import { mockSendSms } from './helpers/tencent-mock.js';

beforeAll(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
});

type Entry = Partial<Template> & { templateCode: string };
const t = (templateCode: string, usageType: string, extra: Partial<Template> = {}): Entry => ({
  templateCode,
  usageType: usageType as TemplateType,
  ...extra,
});
const pick = (templates: Entry[], destination: 'mainland' | 'international', type: string, locale?: string) =>
  chooseTemplate(templates as Template[], { destination, type, locale })?.templateCode;

describe('legacy config without destinations or locales (issue 2 rule)', () => {
  const legacy = legacyConfig().templates;

  it.each(Object.values(TemplateType))('%s uses its own entry or else Generic', (type) => {
    const own = legacy.find((template) => template.usageType === type);
    expect(pick(legacy, 'mainland', type)).toBe(own?.templateCode ?? '1000');
    expect(pick(legacy, 'international', type)).toBe(own?.templateCode ?? '1000');
  });
});

describe('destination first', () => {
  const templates = [
    t('m-gen', 'Generic', { destination: 'mainland' }),
    t('m-signin', 'SignIn', { destination: 'mainland' }),
    t('i-gen', 'Generic', { destination: 'international' }),
    t('any-signin', 'SignIn'),
    t('any-gen', 'Generic'),
  ];

  it.each([
    ['mainland', 'SignIn', 'm-signin'],
    ['mainland', 'Register', 'm-gen'],
    ['international', 'Register', 'i-gen'],
    ['international', 'SignIn', 'i-gen'],
  ] as const)('%s %s → %s (entries for the destination beat entries without one)', (destination, type, expected) => {
    expect(pick(templates, destination, type)).toBe(expected);
  });

  it('falls back to entries without a destination when none exist for it', () => {
    const noInternational = [t('m-gen', 'Generic', { destination: 'mainland' }), t('any-gen', 'Generic')];
    expect(pick(noInternational, 'international', 'SignIn')).toBe('any-gen');
  });

  it('falls back to entries without a destination when the destination set has nothing for the type', () => {
    const onlySignIn = [t('i-signin', 'SignIn', { destination: 'international' }), t('any-gen', 'Generic')];
    expect(pick(onlySignIn, 'international', 'Register')).toBe('any-gen');
    expect(pick(onlySignIn, 'international', 'SignIn')).toBe('i-signin');
  });

  it('never uses an entry for the other destination', () => {
    const mainlandOnly = [t('m-gen', 'Generic', { destination: 'mainland' })];
    expect(pick(mainlandOnly, 'international', 'Generic')).toBeUndefined();
    const internationalOnly = [t('i-gen', 'Generic', { destination: 'international' })];
    expect(pick(internationalOnly, 'mainland', 'SignIn')).toBeUndefined();
  });
});

describe('language before usage within a set', () => {
  const templates = [
    t('signin', 'SignIn'),
    t('gen', 'Generic'),
    t('ja-gen', 'Generic', { locale: 'ja' }),
    t('ja-signin', 'SignIn', { locale: 'ja' }),
    t('zh-tw-gen', 'Generic', { locale: 'zh-TW' }),
    t('zh-gen', 'Generic', { locale: 'zh' }),
    t('en-us-gen', 'Generic', { locale: 'en-US' }),
    t('en-us-gen-2', 'Generic', { locale: 'en-US' }),
  ];

  it.each([
    ['exact locale, type entry wins over Generic', 'SignIn', 'ja', 'ja-signin'],
    ['exact locale, Generic when no type entry in that step', 'Register', 'ja', 'ja-gen'],
    ['locale match beats a usage match without locale', 'Register', 'zh-TW', 'zh-tw-gen'],
    ['locale is case-insensitive', 'SignIn', 'JA', 'ja-signin'],
    ['region subtag falls back to the bare language', 'SignIn', 'ja-JP', 'ja-signin'],
    ['zh-HK takes the bare zh entry, not zh-TW', 'Generic', 'zh-HK', 'zh-gen'],
    ['zh-tw matches zh-TW case-insensitively', 'Generic', 'zh-tw', 'zh-tw-gen'],
    ['a first-listed entry wins a tie', 'Generic', 'en-US', 'en-us-gen'],
    ['en-GB does not take en-US; falls to entries without locale', 'SignIn', 'en-GB', 'signin'],
    ['unknown language falls to entries without locale', 'Register', 'fr', 'gen'],
    ['no locale uses entries without locale', 'SignIn', undefined, 'signin'],
  ] as const)('%s', (_name, type, locale, expected) => {
    expect(pick(templates, 'mainland', type, locale)).toBe(expected);
  });

  it('uses any entry of the set when none is without locale and none matches the language', () => {
    const localized = [t('ja-gen', 'Generic', { locale: 'ja' }), t('ko-signin', 'SignIn', { locale: 'ko' })];
    expect(pick(localized, 'international', 'SignIn', 'fr')).toBe('ko-signin');
    expect(pick(localized, 'international', 'Register', 'fr')).toBe('ja-gen');
    expect(pick(localized, 'international', 'Register')).toBe('ja-gen');
  });

  it('before any entry, a bare language (ja, as Logto sends it) takes an entry of that language with a region', () => {
    const regional = [
      t('en-us', 'Generic', { locale: 'en-US' }),
      t('ja-jp', 'Generic', { locale: 'ja-JP' }),
      t('ja-jp-signin', 'SignIn', { locale: 'ja-JP' }),
    ];
    expect(pick(regional, 'international', 'Register', 'ja')).toBe('ja-jp');
    expect(pick(regional, 'international', 'SignIn', 'ja')).toBe('ja-jp-signin');
    expect(pick(regional, 'international', 'SignIn', 'en')).toBe('en-us');
    const chinese = [t('en', 'Generic', { locale: 'en' }), t('zh-tw', 'Generic', { locale: 'zh-TW' })];
    expect(pick(chinese, 'international', 'SignIn', 'zh')).toBe('zh-tw');
    // An entry without a locale still comes first.
    expect(pick([t('none', 'Generic'), ...regional], 'international', 'SignIn', 'ja')).toBe('none');
  });

  describe('a language with a region takes another region of that language before any entry', () => {
    const regional = [
      t('fr', 'Generic', { locale: 'fr' }),
      t('en-gb', 'Generic', { locale: 'en-GB' }),
      t('pt-pt', 'Generic', { locale: 'pt-PT' }),
      t('zh-cn', 'Generic', { locale: 'zh-CN' }),
      t('zh-tw', 'Generic', { locale: 'zh-TW' }),
    ];

    it.each([
      ['en-US takes en-GB, not the first-listed French entry', 'en-US', 'en-gb'],
      ['bare en takes en-GB as before', 'en', 'en-gb'],
      ['pt-BR takes pt-PT', 'pt-BR', 'pt-pt'],
      ['zh-HK takes zh-TW (same script) before the zh-CN listed first', 'zh-HK', 'zh-tw'],
      ['zh-MO takes zh-TW', 'zh-MO', 'zh-tw'],
      ['zh-SG takes zh-CN', 'zh-SG', 'zh-cn'],
      ['zh-Hant takes zh-TW', 'zh-Hant', 'zh-tw'],
      ['zh-Hans-HK (script said outright) takes zh-CN', 'zh-Hans-HK', 'zh-cn'],
      ['en_AU with an underscore takes en-GB', 'en_AU', 'en-gb'],
      ['a language with no entry still falls to any entry', 'de-DE', 'fr'],
    ] as const)('%s', (_name, locale, expected) => {
      expect(pick(regional, 'international', 'SignIn', locale)).toBe(expected);
    });

    it('an entry without a locale and a bare-language entry still come before another region', () => {
      const withBare = [t('en-gb', 'Generic', { locale: 'en-GB' }), t('en', 'Generic', { locale: 'en' })];
      expect(pick(withBare, 'international', 'SignIn', 'en-US')).toBe('en');
      const withNone = [t('en-gb', 'Generic', { locale: 'en-GB' }), t('none', 'Generic')];
      expect(pick(withNone, 'international', 'SignIn', 'en-US')).toBe('none');
    });

    it('zh-TW never serves zh-HK users when a zh-HK or zh entry exists', () => {
      const traditional = t('zh-tw', 'Generic', { locale: 'zh-TW' });
      expect(pick([traditional, t('zh-hk', 'Generic', { locale: 'zh-HK' })], 'international', 'SignIn', 'zh-HK')).toBe('zh-hk');
      expect(pick([traditional, t('zh', 'Generic', { locale: 'zh' })], 'international', 'SignIn', 'zh-HK')).toBe('zh');
      // The other way round too: zh-HK does not serve zh-TW users when zh-TW exists.
      expect(pick([t('zh-hk', 'Generic', { locale: 'zh-HK' }), traditional], 'international', 'SignIn', 'zh-TW')).toBe('zh-tw');
    });

    it('the message type still decides within the same-language step', () => {
      const typed = [t('en-gb', 'Generic', { locale: 'en-GB' }), t('en-au-signin', 'SignIn', { locale: 'en-AU' })];
      expect(pick(typed, 'international', 'SignIn', 'en-US')).toBe('en-au-signin');
      expect(pick(typed, 'international', 'Register', 'en-US')).toBe('en-gb');
    });

    it('a user locale that is not a language tag does not break the choice', () => {
      expect(pick(regional, 'international', 'SignIn', 'zh-constructor')).toBe('zh-cn');
      expect(pick(regional, 'international', 'SignIn', '-')).toBe('fr');
    });
  });

  it('reads an underscore in the user\'s language as a hyphen (zh_TW)', () => {
    const templates = [t('zh-tw', 'Generic', { locale: 'zh-TW' }), t('none', 'Generic')];
    expect(pick(templates, 'international', 'SignIn', 'zh_TW')).toBe('zh-tw');
    expect(pick(templates, 'international', 'SignIn', ' ZH_tw ')).toBe('zh-tw');
  });

  it('a locale entry of the destination beats a locale-less entry of the same destination, not the other way round', () => {
    const templates = [
      t('i-gen', 'Generic', { destination: 'international' }),
      t('i-ja', 'Generic', { destination: 'international', locale: 'ja' }),
      t('any-ja-signin', 'SignIn', { locale: 'ja' }),
    ];
    expect(pick(templates, 'international', 'SignIn', 'ja-JP')).toBe('i-ja');
  });
});

describe('params rendering', () => {
  it.each([
    [undefined, ['123456']],
    [['{{code}}'], ['123456']],
    [['{{code}}', '10'], ['123456', '10']],
    [['{{ code }}', 'Acme'], ['123456', 'Acme']],
    [['code: {{code}}'], ['code: 123456']],
    [['{{code}}{{code}}'], ['123456123456']],
    [['$&', '{{code}}'], ['$&', '123456']],
  ])('%j renders as %j', (params, expected) => {
    expect(renderParams(params, '123456')).toEqual(expected);
  });

  it('does not interpret replacement patterns in the code', () => {
    expect(renderParams(['{{code}}'], '$&$1')).toEqual(['$&$1']);
  });
});

describe('the template on the wire', () => {
  it.each(Object.values(TemplateType))('sends %s with the right TemplateId and only the code', async (type) => {
    const { scope, captured } = mockSendSms();
    await send(legacyConfig(), {
      type,
      payload: { code: '654321', locale: 'zh-CN', uiLocales: 'zh-CN en', link: 'https://x', extra: { a: 1 } },
    });
    const own = legacyConfig().templates.find((template) => template.usageType === type);
    expect(captured[0]?.body.TemplateId).toBe(own?.templateCode ?? '1000');
    expect(captured[0]?.body.TemplateParamSet).toEqual(['654321']);
    scope.done();
  });

  it('sends multi-placeholder params in order', async () => {
    const { scope, captured } = mockSendSms();
    await send(
      { ...legacyConfig(), templates: [{ usageType: 'Generic', templateCode: '7', params: ['{{code}}', '5', 'Acme'] }] },
      { payload: { code: '111222' } }
    );
    expect(captured[0]?.body.TemplateParamSet).toEqual(['111222', '5', 'Acme']);
    scope.done();
  });

  it('picks the Japanese international template for a Japanese user abroad', async () => {
    const { scope, captured } = mockSendSms();
    await send(worldConfig(), { to: '819012345678', type: TemplateType.SignIn, payload: { code: '1', locale: 'ja-JP' } });
    expect(captured[0]?.body.TemplateId).toBe('2001');
    scope.done();
  });

  it('refuses a message without a code and sends nothing', async () => {
    for (const payload of [{}, { code: '' }, { code: 123456 }, null, 'code'] as Array<Record<string, unknown>>) {
      const error = await sendError(legacyConfig(), { payload });
      expect(error.code).toBe(ConnectorErrorCodes.InvalidRequestParameters);
    }
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('answers template_not_found naming the destination when no template serves it', async () => {
    const config = { ...legacyConfig(), templates: [{ usageType: 'Generic', templateCode: '1', destination: 'mainland' }] };
    const error = await sendError(config, { to: '14155552671' });
    expect(error.code).toBe(ConnectorErrorCodes.TemplateNotFound);
    expect(descriptionOf(error)).toMatch(/international numbers.*destination "international"/);
  });
});
