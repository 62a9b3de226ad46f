/**
 * Replaces every occurrence of the given secrets in a text. Error texts are built only from
 * Tencent's answer and our own words, but Tencent's messages are not under our control, so
 * whatever reaches the admin is passed through this as a last guard.
 */
export const redact = (text: string, secrets: ReadonlyArray<string | undefined>): string =>
  secrets.reduce<string>(
    (result, secret) =>
      secret && secret.length >= 4 ? result.split(secret).join('[redacted]') : result,
    text
  );
