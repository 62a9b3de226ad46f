import { TemplateType } from '@logto/connector-kit';

import type { Destination, Template } from './types.js';

export type TemplateQuery = {
  readonly destination: Destination;
  readonly type: string;
  readonly locale?: string;
};

const primaryLanguage = (tag: string) => tag.split('-')[0] ?? tag;

/** A language tag compared as BCP 47 does: case-insensitive, `_` read as `-` (`zh_TW`). */
const normalTag = (tag: string) => tag.trim().toLowerCase().replaceAll('_', '-');

/** Chinese regions whose users read one script; other languages are not told apart by script. */
const chineseScriptOfRegion: ReadonlyMap<string, string> = new Map([
  ['tw', 'hant'],
  ['hk', 'hant'],
  ['mo', 'hant'],
  ['cn', 'hans'],
  ['sg', 'hans'],
  ['my', 'hans'],
]);

/** The script a normalised tag is written in, when it says so (`zh-Hant`) or its region implies it. */
const scriptOf = (tag: string): string | undefined => {
  const [language, ...subtags] = tag.split('-');
  const explicit = subtags.find((subtag) => subtag.length === 4 && /^[a-z]+$/.test(subtag));
  if (explicit) {
    return explicit;
  }
  return language === 'zh'
    ? subtags.map((subtag) => chineseScriptOfRegion.get(subtag)).find(Boolean)
    : undefined;
};

/** The locale steps, most specific first; the first one that yields a template decides. */
const localeSteps = (locale: string | undefined): Array<(template: Template) => boolean> => {
  const wanted = locale === undefined ? '' : normalTag(locale);
  const tagOf = (template: Template) =>
    template.locale === undefined ? undefined : normalTag(template.locale);
  const sameLanguage = (template: Template) =>
    primaryLanguage(tagOf(template) ?? '') === primaryLanguage(wanted);
  const steps: Array<(template: Template) => boolean> = [];
  if (wanted) {
    steps.push(
      (template) => tagOf(template) === wanted,
      (template) => tagOf(template) === primaryLanguage(wanted)
    );
  }
  steps.push((template) => template.locale === undefined);
  if (wanted) {
    // Before taking just any entry: an entry in the user's language for another region (`en-GB`
    // for `en-US`, `ja-JP` for a bare `ja`) reads better than one in another language. Chinese
    // regions first keep their script: `zh-HK` takes `zh-TW` before `zh-CN`.
    const script = scriptOf(wanted);
    if (script) {
      steps.push(
        (template) => sameLanguage(template) && scriptOf(tagOf(template) ?? '') === script
      );
    }
    steps.push(sameLanguage);
  }
  steps.push(() => true);
  return steps;
};

/** In one step the entry for the message type beats the Generic one; the first listed wins a tie. */
const pickByUsage = (templates: readonly Template[], type: string) =>
  templates.find((template) => template.usageType === type) ??
  templates.find((template) => template.usageType === TemplateType.Generic);

const pickFromSet = (templates: readonly Template[], query: TemplateQuery) => {
  for (const step of localeSteps(query.locale)) {
    const found = pickByUsage(templates.filter(step), query.type);
    if (found) {
      return found;
    }
  }
  return undefined;
};

/**
 * Chooses the template for one message. Entries made for the number's destination come first,
 * then entries without a destination; an entry for the other destination is never used, because
 * Tencent refuses mainland templates abroad and international ones in mainland China. Within a
 * set, the user's language matters more than the message type: a Japanese user should get a
 * Japanese Generic text rather than a Chinese SignIn text.
 */
export const chooseTemplate = (
  templates: readonly Template[],
  query: TemplateQuery
): Template | undefined => {
  const forDestination = templates.filter((template) => template.destination === query.destination);
  const forAny = templates.filter((template) => template.destination === undefined);
  return pickFromSet(forDestination, query) ?? pickFromSet(forAny, query);
};
