/**
 * The Console's connector picker shows this package beside Logto's built-in Tencent connector.
 * An operator must tell the two tiles apart at once, in every Console language, and learn from the
 * description why to pick this one.
 */
import officialFactory from '@logto/connector-tencent-sms';
import type { ConnectorMetadata } from '@logto/connector-kit';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { defaultMetadata } from '../src/constant.js';

import { browserTestsRun, launchChromium } from './helpers/chromium.js';

type Phrases = Record<string, string>;

/** The built-in connector's name and description, as its package ships them. */
const builtIn = async () => {
  const { metadata } = (await officialFactory({ getConfig: async () => ({}) })) as { metadata: ConnectorMetadata };
  return { name: metadata.name as Phrases, description: metadata.description as Phrases };
};

/** This package's name and description in each language. */
const ours = { name: defaultMetadata.name as Phrases, description: defaultMetadata.description as Phrases };

/** The Console's own languages (Logto 1.42, `builtInLanguages` of @logto/phrases). */
const consoleLanguages = [
  'ar', 'de', 'en', 'es', 'fa-IR', 'fr', 'it', 'ja', 'ko', 'pl-PL',
  'pt-BR', 'pt-PT', 'ru', 'th', 'tr-TR', 'zh-CN', 'zh-HK', 'zh-TW',
];

/**
 * The text the Console shows for a per-language resource: the first of i18next's language chain
 * (the tag, its language alone, then the fallback `en`) the resource has (its `UnnamedTrans`).
 */
const shownIn = (language: string, resource: Record<string, string>): string | undefined =>
  [language, language.split('-')[0] ?? language, 'en'].map((tag) => resource[tag]).find(Boolean);

/** Two names an operator could take for one another: equal, or one inside the other. */
const alike = (a: string, b: string) => {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  return x.includes(y) || y.includes(x);
};

describe('the two Tencent tiles', () => {
  it('have names that differ visibly in every language both carry, and in every Console language', async () => {
    const official = await builtIn();
    const shared = Object.keys(official.name).filter((tag) => tag in ours.name);
    expect(shared).toEqual(expect.arrayContaining(['en', 'zh-CN', 'ko']));
    for (const tag of shared) {
      expect(alike(ours.name[tag] ?? '', official.name[tag] ?? ''), tag).toBe(false);
    }
    for (const language of consoleLanguages) {
      const shown = shownIn(language, ours.name);
      expect(shown, language).toBeDefined();
      expect(alike(shown ?? '', shownIn(language, official.name) ?? ''), language).toBe(false);
    }
  });

  it('has a tile in each Chinese script the Console offers, not the English fallback', () => {
    for (const tag of ['zh-CN', 'zh-TW', 'zh-HK']) {
      expect(ours.name[tag]).toMatch(/[\u4e00-\u9fff]/);
      expect(ours.description[tag]).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  // What differs from the built-in, in each language: the comparison, international numbers as
  // E.164, and SMS pumping; errors with their fix are said too, in words too varied to test.
  const differences: Record<string, readonly RegExp[]> = {
    en: [/^Unlike the built-in/, /E\.164/, /SMS pumping/],
    'zh-CN': [/^相比内置连接器/, /E\.164/, /盗刷/],
    'zh-TW': [/^相較內建連接器/, /E\.164/, /盜刷/],
    'zh-HK': [/^相較內建連接器/, /E\.164/, /盜刷/],
    'pt-BR': [/^Diferente do nativo/, /E\.164/, /pumping/],
    ja: [/^組み込み版との違い/, /E\.164/, /ポンピング/],
    ko: [/^기본 제공 커넥터와 달리/, /E\.164/, /펌핑/],
  };

  it('describes first what this one does differently, in every language it carries', () => {
    expect(Object.keys(defaultMetadata.description).sort()).toEqual(Object.keys(differences).sort());
    expect(Object.keys(defaultMetadata.name).sort()).toEqual(Object.keys(differences).sort());
    for (const [tag, words] of Object.entries(differences)) {
      for (const word of words) {
        expect(ours.description[tag], tag).toMatch(word);
      }
    }
  });
});

/**
 * One tile of the picker, laid out with the Console's own values (Logto 1.42: the SMS picker is a
 * `large` modal of at most 784 px with 24 px padding, three columns 16 px apart, cards with 12 px
 * padding and a 1 px border, a 40 px logo 12 px from the text; the name one line of
 * `500 14px/20px`, the description four lines of `400 12px/16px`, both clamped with an ellipsis).
 */
const pickerPage = (tiles: ReadonlyArray<{ name: string; description: string }>) => `<!doctype html>
<html><head><meta charset="utf-8"><style>
  body { margin: 0; font-family: -apple-system, system-ui, 'BlinkMacSystemFont', 'Segoe UI', 'Roboto',
    'Helvetica Neue', 'Helvetica', 'Arial', sans-serif, 'Apple Color Emoji'; }
  .modal { width: 784px; padding: 24px; box-sizing: border-box; }
  .group { display: grid; grid-template-columns: repeat(3, 1fr); gap: 16px; }
  .card { padding: 12px; border: 1px solid transparent; }
  .connector { display: flex; gap: 12px; }
  .logo { width: 40px; height: 40px; flex-shrink: 0; }
  .content { flex: 1; }
  .clamp { display: -webkit-box; -webkit-box-orient: vertical; overflow: hidden; text-overflow: ellipsis; }
  .name { font-weight: 500; font-size: 14px; line-height: 20px; -webkit-line-clamp: 1; }
  .description { font-weight: 400; font-size: 12px; line-height: 16px; margin-top: 4px; -webkit-line-clamp: 4; }
</style></head><body><div class="modal"><div class="group">
${tiles
  .map(
    () =>
      '<div class="card"><div class="connector"><div class="logo"></div><div class="content"><div class="clamp name"></div><div class="clamp description"></div></div></div></div>'
  )
  .join('\n')}
</div></div></body></html>`;

describe.skipIf(!browserTestsRun)('the tiles as the picker lays them out (Chromium)', () => {
  let context: BrowserContext;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ context, close } = await launchChromium());
  }, 60_000);

  afterAll(async () => {
    await close?.();
  });

  /** For each tile, whether the picker cuts its name or its description. */
  const cuts = async (tiles: ReadonlyArray<{ name: string; description: string }>) => {
    const page = await context.newPage();
    await page.setContent(pickerPage(tiles));
    const result = await page.evaluate((texts) => {
      const cards = [...document.querySelectorAll('.card')];
      return cards.map((card, index) => {
        const name = card.querySelector<HTMLElement>('.name')!;
        const description = card.querySelector<HTMLElement>('.description')!;
        name.textContent = texts[index]!.name;
        description.textContent = texts[index]!.description;
        const cut = (element: HTMLElement) => element.scrollHeight > element.clientHeight + 1;
        return { name: cut(name), description: cut(description) };
      });
    }, tiles);
    await page.close();
    return result;
  };

  it("cuts the built-in's English name, as the real Console does, so the layout is the Console's", async () => {
    const official = await builtIn();
    const [tile] = await cuts([{ name: official.name.en ?? '', description: '' }]);
    expect(tile?.name).toBe(true);
  });

  it.each(Object.keys(defaultMetadata.name))('shows the whole %s name and description', async (tag) => {
    const [tile] = await cuts([{ name: ours.name[tag] ?? '', description: ours.description[tag] ?? '' }]);
    expect(tile).toEqual({ name: false, description: false });
  });
});
