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
 * than 4 characters are left alone: they would match ordinary words, and no real key is that short.
 */
export const redact = (text: string, secrets: readonly unknown[]): string =>
  secrets
    .flatMap(formsOf)
    .filter((form) => form.length >= 4)
    .reduce((result, form) => result.split(form).join('[redacted]'), text);
