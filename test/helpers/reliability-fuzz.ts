import fc from 'fast-check';

/**
 * Generators that damage a valid connector config the way a bad paste, a broken migration or a
 * hostile form could: wrong types, missing keys, huge strings, control characters and CR/LF,
 * unicode, prototype-polluting keys. Every run is seeded, so a failure replays exactly.
 */

export const fuzzSeed = 0x7e5c_e5e5;

type Json = unknown;
type Mutable = Record<string, Json>;

/** One step of damage, applied in place to a deep copy of the config. */
export type Mutation = { readonly describe: string; apply(config: Mutable): void };

const topKeys = [
  'accessKeyId',
  'accessKeySecret',
  'sessionToken',
  'signName',
  'internationalSignName',
  'senderId',
  'region',
  'sdkAppId',
  'templates',
  'timeout',
  'language',
  'international',
  'advanced',
] as const;
/** Keys whose values end up in HTTP headers: the ones CR/LF must never reach. */
export const headerKeys = ['accessKeyId', 'region', 'sessionToken', 'language'] as const;
const templateKeys = ['usageType', 'templateCode', 'destination', 'locale', 'params'] as const;
/** Keys that are dangerous to assign naively on a plain object. */
const prototypeKeys = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

/** Assigns an own, enumerable property even for `__proto__`. */
export const defineOwn = (target: object, key: string, value: Json) => {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
};

const controlChars = fc.oneof(
  fc.integer({ min: 0, max: 31 }).map((code) => String.fromCharCode(code)),
  fc.constantFrom('\r\n', '\r', '\n', '\u007f', '\u0085', '\u2028', '\u2029', '\r\nX-Evil: 1', '\0')
);

const unicodeText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('腾讯云', 'ап-гуанчжоу', '١٤٠٠٠٠٠٠٠١', '１４００', 'ap‐guangzhou', 'é', '\ud800', '🙂')
);

const hugeText = fc
  .tuple(fc.constantFrom(1_000, 10_000, 100_000, 300_000), fc.constantFrom('a', '9', ' ', '\n', '字'))
  .map(([length, unit]) => unit.repeat(length));

/** Values of JSON types, plus `undefined` (what a dropped form field looks like). */
const wrongValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 999, 1000, 1000.5, 19_000, 19_001, Number.NaN, Number.POSITIVE_INFINITY),
  fc.constantFrom('', ' ', '\t', '0', 'true', 'null', '2000'),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
  unicodeText,
  hugeText
);

/** A new text derived from the old one: the kinds of damage a string field can take. */
const damageText = (old: unknown): fc.Arbitrary<Json> => {
  const text = typeof old === 'string' ? old : String(old);
  return fc.oneof(
    fc
      .tuple(controlChars, fc.nat({ max: text.length }))
      .map(([chars, at]) => text.slice(0, at) + chars + text.slice(at)),
    fc
      .tuple(unicodeText, fc.nat({ max: text.length }))
      .map(([chars, at]) => text.slice(0, at) + chars + text.slice(at)),
    // Blanks around a value are a paste from the console: harmless, they are trimmed.
    fc.constantFrom(` ${text}`, `${text}\t`, `\n${text} `),
    hugeText.map((huge) => text + huge),
    fc.nat({ max: text.length }).map((at) => text.slice(0, at)),
    fc.constant(text.toUpperCase()),
    wrongValue
  );
};

const keyOf = <K extends string>(keys: readonly K[]) => fc.constantFrom<K>(...keys);

const setTop: fc.Arbitrary<Mutation> = keyOf(topKeys).chain((key) =>
  fc.oneof(
    damageText(sampleValue(key)).map((value) => ({
      describe: `${key} = ${preview(value)}`,
      apply: (config: Mutable) => defineOwn(config, key, value),
    })),
    fc.constant({
      describe: `delete ${key}`,
      apply: (config: Mutable) => {
        delete config[key];
      },
    })
  )
);

const templateMutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.nat({ max: 3 }), keyOf(templateKeys), wrongValue).map(([index, key, value]) => ({
    describe: `templates[${index}].${key} = ${preview(value)}`,
    apply: (config: Mutable) => {
      const templates = config.templates;
      if (Array.isArray(templates) && templates[index] && typeof templates[index] === 'object') {
        defineOwn(templates[index] as object, key, value);
      }
    },
  })),
  fc.tuple(fc.nat({ max: 3 }), keyOf(templateKeys)).map(([index, key]) => ({
    describe: `delete templates[${index}].${key}`,
    apply: (config: Mutable) => {
      const templates = config.templates;
      if (Array.isArray(templates) && templates[index] && typeof templates[index] === 'object') {
        delete (templates[index] as Mutable)[key];
      }
    },
  })),
  fc
    .tuple(fc.nat({ max: 3 }), fc.constantFrom('{{code}}', '{{ code }}', '{{name}}', '{code}', 'x'.repeat(101), '{{code}}\r\n', '', '{{code}}{{code}}'))
    .map(([index, param]) => ({
      describe: `templates[${index}].params = [${JSON.stringify(param)}]`,
      apply: (config: Mutable) => {
        const templates = config.templates;
        if (Array.isArray(templates) && templates[index] && typeof templates[index] === 'object') {
          (templates[index] as Mutable).params = [param];
        }
      },
    })),
  fc.constantFrom<Mutation>(
    { describe: 'templates = []', apply: (config) => void (config.templates = []) },
    {
      describe: 'templates drop the first entry',
      apply: (config) => void (Array.isArray(config.templates) && config.templates.shift()),
    },
    {
      describe: 'templates gain a SignIn entry without destination',
      apply: (config) =>
        void (
          Array.isArray(config.templates) &&
          config.templates.push({ usageType: 'SignIn', templateCode: '3000003' })
        ),
    },
    {
      describe: 'templates gain an entry of an unknown usageType',
      apply: (config) =>
        void (
          Array.isArray(config.templates) &&
          config.templates.push({ usageType: 'Phishing', templateCode: '3000004' })
        ),
    },
    {
      describe: 'templates as a JSON string',
      apply: (config) => void (config.templates = JSON.stringify(config.templates)),
    },
    {
      describe: 'templates as an object',
      apply: (config) => void (config.templates = { 0: { usageType: 'Generic', templateCode: '1' } }),
    }
  )
);

const prototypeMutation: fc.Arbitrary<Mutation> = fc
  .tuple(
    fc.constantFrom(...prototypeKeys),
    fc.oneof(
      fc.constant<Json>({ accessKeySecret: 'polluted', isAdmin: true, polluted: 'yes' }),
      fc.constant<Json>({ usageType: 'Generic', templateCode: '9' }),
      wrongValue
    ),
    fc.boolean()
  )
  .map(([key, value, inTemplate]) => ({
    describe: `${inTemplate ? 'templates[0].' : ''}${key} = ${preview(value)}`,
    apply: (config: Mutable) => {
      const target =
        inTemplate && Array.isArray(config.templates) && typeof config.templates[0] === 'object'
          ? (config.templates[0] as object)
          : config;
      defineOwn(target ?? config, key, value);
    },
  }));

const extraKeyMutation: fc.Arbitrary<Mutation> = fc
  .tuple(fc.string({ maxLength: 12 }), wrongValue)
  .map(([key, value]) => ({
    describe: `extra key ${JSON.stringify(key)}`,
    apply: (config: Mutable) => {
      if (!(topKeys as readonly string[]).includes(key) && key !== 'endpoint') {
        defineOwn(config, key, value);
      }
    },
  }));

/** The endpoint may only be damaged into something unusable: a valid non-loopback one would leave the machine. */
const endpointMutation: fc.Arbitrary<Mutation> = fc
  .constantFrom<(url: string) => Json>(
    (url) => `${url}/v1`,
    (url) => `${url}?a=b`,
    (url) => `${url}\r\nHost: evil`,
    (url) => url.replace('http://', 'ftp://'),
    (url) => url.replace('http://', 'http://user:pw@'),
    () => 'http://example.com',
    () => 'http://10.0.0.1:80',
    () => 'not a url at all',
    () => 12,
    () => '',
    () => ' ',
    (url) => ` ${url} `,
    (url) => url.replace('127.0.0.1', 'localhost'),
    () => ['http://127.0.0.1']
  )
  .map((change) => ({
    describe: 'endpoint damaged',
    apply: (config: Mutable) => {
      config.endpoint = change(String(config.endpoint));
    },
  }));

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: setTop, weight: 6 },
  { arbitrary: templateMutation, weight: 3 },
  { arbitrary: prototypeMutation, weight: 2 },
  { arbitrary: extraKeyMutation, weight: 1 },
  { arbitrary: endpointMutation, weight: 1 }
);

/** A deep copy of `valid`, damaged by 0–3 mutations (0 keeps a valid baseline in the mix). */
export const damagedConfig = (valid: Record<string, Json>) =>
  fc.array(mutationArb, { minLength: 0, maxLength: 3 }).map((mutations) => {
    const config = structuredClone(valid);
    for (const mutation of mutations) {
      mutation.apply(config);
    }
    return { config, mutations: mutations.map((mutation) => mutation.describe) };
  });

/** A sample of what each key holds in a valid config, to damage from. */
const sampleValue = (key: (typeof topKeys)[number]): unknown =>
  ({
    accessKeyId: 'AKIDRELIABILITY0000000000000000000000',
    accessKeySecret: 'rel-SECRET-key-7f3a9c1e-do-not-leak-0b5d',
    sessionToken: 'rel-TOKEN-sts-4e8b2a6d-do-not-leak-91c7f0',
    signName: 'Logto演示',
    internationalSignName: 'Logto',
    senderId: 'LOGTO',
    region: 'ap-guangzhou',
    sdkAppId: '1400000001',
    templates: '[]',
    timeout: '2000',
    language: 'en-US',
    international: 'true',
    advanced: 'false',
  })[key];

const preview = (value: unknown): string => {
  if (typeof value === 'string') {
    return value.length > 40 ? `${JSON.stringify(value.slice(0, 40))}…(${value.length})` : JSON.stringify(value);
  }
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
};
