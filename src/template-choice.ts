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

/** The locale steps, most specific first; the first one that yields a template decides. */
const localeSteps = (locale: string | undefined): Array<(template: Template) => boolean> => {
  const wanted = locale === undefined ? '' : normalTag(locale);
  const tagOf = (template: Template) =>
    template.locale === undefined ? undefined : normalTag(template.locale);
  const steps: Array<(template: Template) => boolean> = [];
  if (wanted) {
    steps.push(
      (template) => tagOf(template) === wanted,
      (template) => tagOf(template) === primaryLanguage(wanted)
    );
  }
  steps.push((template) => template.locale === undefined);
  if (wanted && !wanted.includes('-')) {
    // Before taking just any entry: for a bare tag (`ja`, as Logto sends for most languages), an
    // entry in that language with a region (`ja-JP`) is better than one in another language.
    steps.push((template) => primaryLanguage(tagOf(template) ?? '') === wanted);
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
