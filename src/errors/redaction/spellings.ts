import { longestEntityName, namedEntities } from './entities.js';

/**
 * A text with its escapes decoded, and for every UTF-16 unit of it the part of the original text
 * it was read from: `[startOf(i), endOf(i))`. Found in a decoded text, a secret is replaced in the
 * original over the whole escape sequences that spelled it.
 */
export type DecodedText = {
  readonly text: string;
  readonly startOf: (index: number) => number;
  readonly endOf: (index: number) => number;
};

/** The text as given, each unit standing for itself. */
const asGiven = (text: string): DecodedText => ({
  text,
  startOf: (index) => index,
  endOf: (index) => index + 1,
});

/** How often escapes are read again: a percent-encoding inside a JSON string inside HTML is 3. */
const maxDepth = 3;

const simpleEscapes: ReadonlyMap<string, string> = new Map([
  ['"', '"'],
  ["'", "'"],
  ['\\', '\\'],
  ['/', '/'],
  ['b', '\b'],
  ['f', '\f'],
  ['n', '\n'],
  ['r', '\r'],
  ['t', '\t'],
]);

/** A character that may start an escape; a text without any is decoded already. */
const mayEscape = /[%&\\]/;

const hexDigit = (unit: number): number =>
  unit >= 48 && unit <= 57 ? unit - 48 : unit >= 65 && unit <= 70 ? unit - 55 : unit >= 97 && unit <= 102 ? unit - 87 : -1;

/** The value of exactly `digits` hex digits at `at`, in either case. */
const hexAt = (text: string, at: number, digits: number): number | undefined => {
  let value = 0;
  for (let index = at; index < at + digits; index += 1) {
    const digit = hexDigit(text.charCodeAt(index));
    if (digit < 0) {
      return undefined;
    }
    value = value * 16 + digit;
  }
  return value;
};

/** One decoded escape: the characters it stands for and how many characters it spans. */
type Escape = { readonly value: string; readonly length: number };

/** `\uXXXX` (JSON, JavaScript, Gson's `\u003d`), `\xXX`, and `\/` and the other one-letter escapes. */
const backslashEscape = (text: string, at: number): Escape | undefined => {
  const kind = text[at + 1];
  if (kind === 'u' || kind === 'x') {
    const digits = kind === 'u' ? 4 : 2;
    const unit = hexAt(text, at + 2, digits);
    return unit === undefined ? undefined : { value: String.fromCharCode(unit), length: 2 + digits };
  }
  const value = kind === undefined ? undefined : simpleEscapes.get(kind);
  return value === undefined ? undefined : { value, length: 2 };
};

const utf8 = new TextDecoder('utf-8', { fatal: false });

/** How many bytes a UTF-8 sequence has, from its first byte; 0 for a byte that cannot start one. */
const utf8Length = (byte: number) =>
  byte >= 0xc2 && byte <= 0xdf ? 2 : byte >= 0xe0 && byte <= 0xef ? 3 : byte >= 0xf0 && byte <= 0xf4 ? 4 : 0;

/**
 * `%XX` in either case; the `%XX` run of a multi-byte UTF-8 character as that character, and a
 * byte that starts none as its Latin-1 character.
 */
const percentEscape = (text: string, at: number): Escape | undefined => {
  const first = hexAt(text, at + 1, 2);
  if (first === undefined) {
    return undefined;
  }
  const count = utf8Length(first);
  if (count > 0) {
    const bytes = [first];
    for (let index = 1; index < count; index += 1) {
      const next = text[at + 3 * index] === '%' ? hexAt(text, at + 3 * index + 1, 2) : undefined;
      if (next === undefined || next < 0x80 || next > 0xbf) {
        break;
      }
      bytes.push(next);
    }
    if (bytes.length === count) {
      const value = utf8.decode(Uint8Array.from(bytes));
      if (!value.includes('\uFFFD')) {
        return { value, length: 3 * count };
      }
    }
  }
  return { value: String.fromCharCode(first), length: 3 };
};

/** `&#47;`, `&#x2F;` / `&#X2f;` (leading zeros allowed) and the named references of entities.ts. */
const htmlEscape = (text: string, at: number): Escape | undefined => {
  const next = text.charCodeAt(at + 1);
  // Most `&` in a page start no reference: skip them without building a slice.
  if (next !== 35 && !((next | 32) >= 97 && (next | 32) <= 122)) {
    return undefined;
  }
  const numeric = /^&#(?:[xX]([\dA-Fa-f]{1,8})|(\d{1,8}));/.exec(text.slice(at, at + 12));
  if (numeric) {
    const codePoint = numeric[1] === undefined ? Number(numeric[2]) : Number.parseInt(numeric[1], 16);
    return codePoint > 0x10ffff ? undefined : { value: String.fromCodePoint(codePoint), length: numeric[0].length };
  }
  const named = /^&([A-Za-z]+);/.exec(text.slice(at, at + longestEntityName + 2));
  const value = named?.[1] === undefined ? undefined : namedEntities.get(named[1]);
  return value === undefined || named === null ? undefined : { value, length: named[0].length };
};

const escapeAt = (text: string, at: number): Escape | undefined => {
  switch (text[at]) {
    case '\\': {
      return backslashEscape(text, at);
    }
    case '%': {
      return percentEscape(text, at);
    }
    case '&': {
      return htmlEscape(text, at);
    }
    default: {
      return undefined;
    }
  }
};

/** One level of escapes read, with the spans carried back to the original; undefined if none. */
const decodeOnce = (layer: DecodedText): DecodedText | undefined => {
  const { text } = layer;
  // A decoded character is never longer than its escape, so the decoded text fits these.
  const starts = new Int32Array(text.length);
  const ends = new Int32Array(text.length);
  const parts: string[] = [];
  let decodedLength = 0;
  let copiedUpTo = 0;
  const keep = (from: number, to: number) => {
    parts.push(text.slice(from, to));
    for (let index = from; index < to; index += 1) {
      starts[decodedLength] = layer.startOf(index);
      ends[decodedLength] = layer.endOf(index);
      decodedLength += 1;
    }
  };
  for (let index = text.search(mayEscape); index !== -1 && index < text.length; ) {
    const escape = escapeAt(text, index);
    if (!escape) {
      index += 1;
      continue;
    }
    keep(copiedUpTo, index);
    parts.push(escape.value);
    // Every unit of a decoded character stands for the whole escape sequence.
    for (let unit = 0; unit < escape.value.length; unit += 1) {
      starts[decodedLength] = layer.startOf(index);
      ends[decodedLength] = layer.endOf(index + escape.length - 1);
      decodedLength += 1;
    }
    index += escape.length;
    copiedUpTo = index;
  }
  if (copiedUpTo === 0) {
    return undefined;
  }
  keep(copiedUpTo, text.length);
  return {
    text: parts.join(''),
    startOf: (index) => starts[index]!,
    endOf: (index) => ends[index]!,
  };
};

/**
 * The text as given and as read after one, two and three levels of escapes: JSON and JavaScript
 * backslash escapes of any character, percent-encoding of any character in either case, and HTML
 * character references (decimal, hexadecimal, named). A proxy or gateway that echoes a header
 * writes it in one of these, sometimes one inside another. Linear in the text for each level.
 */
export const decodedSpellings = (text: string): DecodedText[] => {
  const layers = [asGiven(text)];
  if (!mayEscape.test(text)) {
    return layers;
  }
  for (let depth = 0; depth < maxDepth; depth += 1) {
    const next = decodeOnce(layers.at(-1)!);
    if (!next) {
      break;
    }
    layers.push(next);
    if (!mayEscape.test(next.text)) {
      break;
    }
  }
  return layers;
};
