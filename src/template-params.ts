/** `{{code}}`, with the blanks inside the braces that people tend to type. */
const codePattern = /{{\s*code\s*}}/g;
const anyTokenPattern = /{{\s*([^{}]*?)\s*}}/g;

/** What a template without `params` sends: the code as its only placeholder `{1}`. */
export const defaultParams: readonly string[] = ['{{code}}'];

/** Placeholders other than `{{code}}`: they would reach Tencent as literal text, so reject them. */
export const unknownTokens = (value: string): string[] =>
  [...value.matchAll(anyTokenPattern)]
    .map(([, name]) => name ?? '')
    .filter((name) => name !== 'code');

/** Whether a configured value carries the code; a template whose values never do is useless. */
export const containsCode = (value: string): boolean => value.search(codePattern) !== -1;

/**
 * The `TemplateParamSet` for one send: each configured value with `{{code}}` replaced. Nothing
 * else from Logto's payload is used, so `locale`, `uiLocales` or future keys never reach Tencent
 * (where an extra value breaks the placeholder count).
 */
export const renderParams = (params: readonly string[] | undefined, code: string): string[] =>
  (params ?? defaultParams).map((param) => param.replace(codePattern, () => code));
