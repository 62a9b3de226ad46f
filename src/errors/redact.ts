/** The ways a secret can show up in a text: as given, trimmed, and escaped inside a JSON string. */
const formsOf = (secret: unknown): string[] => {
  if (typeof secret !== 'string') {
    return [];
  }
  const plain = [secret, secret.trim()];
  return [...new Set([...plain, ...plain.map((value) => JSON.stringify(value).slice(1, -1))])];
};

/**
 * Replaces every occurrence of the given secrets in a text. Error texts are built only from
 * Tencent's answer and our own words, but Tencent's messages (and zod's quotes of refused values)
 * are not under our control, so whatever reaches the admin passes through this. Values shorter
 * than 4 characters are left alone: they would match ordinary words, and the config guard
 * refuses secrets that short anyway.
 */
export const redact = (text: string, secrets: readonly unknown[]): string =>
  secrets
    .flatMap(formsOf)
    .filter((form) => form.length >= 4)
    .reduce((result, form) => result.split(form).join('[redacted]'), text);

/**
 * `redact` applied to every string inside a JSON-like value (keys stay as they are), so the
 * structure survives whatever the secret looks like — a secret such as `"code"` must not break
 * the error that carries it.
 */
export const redactDeep = <T>(value: T, secrets: readonly unknown[]): T => {
  if (typeof value === 'string') {
    return redact(value, secrets) as T;
  }
  if (Array.isArray(value)) {
    return value.map((item: unknown) => redactDeep(item, secrets)) as T;
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, redactDeep(item, secrets)])
    ) as T;
  }
  return value;
};
