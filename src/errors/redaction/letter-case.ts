/**
 * The text with ASCII letters in lower case and every other unit as it is. The length never
 * changes, so a place found in the folded text is the same place in the original: a secret is
 * found whatever case a proxy or a logger wrote it in (an upper-cased header dump, hex in capitals).
 */
export const foldCase = (text: string): string =>
  /[A-Z]/.test(text) ? text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase()) : text;
