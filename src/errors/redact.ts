import { binarySpellings } from './redaction/binary-spellings.js';
import { cutMarker } from './redaction/cut.js';
import { foldCase } from './redaction/letter-case.js';
import { SecretAutomaton, type Span } from './redaction/secret-automaton.js';
import { decodedSpellings, type DecodedText } from './redaction/spellings.js';

/**
 * Values shorter than this are left alone: they would match ordinary words, and the config
 * guard refuses secrets that short anyway. It is also the shortest prefix removed before a cut.
 */
const minSecretLength = 4;

/**
 * The shortest piece of a longer secret that is removed wherever it shows: a cut, a proxy that
 * logs the first characters of a header, or a message that quotes part of a token leaves at most
 * this minus one character of it. Shorter pieces would start to match phone numbers and IDs.
 */
const minPieceLength = 12;

/**
 * Automata are built once per secret, since redaction runs on every string of every error. A
 * config holds two secrets; the few kept here bound the memory (an 8,000-character token's automaton
 * takes about 2 MB) and hold nothing the process does not already have in its configs.
 */
const automata = new Map<string, SecretAutomaton>();
const maxAutomata = 8;

const automatonOf = (secret: string): SecretAutomaton => {
  const known = automata.get(secret);
  if (known) {
    return known;
  }
  if (automata.size >= maxAutomata) {
    automata.delete(automata.keys().next().value!);
  }
  // In any letter case; and as UTF-8 bytes, which is what base64 and hex spell.
  const folded = foldCase(secret);
  const bytes = foldCase(Buffer.from(secret, 'utf8').toString('latin1'));
  const built = new SecretAutomaton(folded, bytes === folded ? [] : [bytes]);
  automata.set(secret, built);
  return built;
};

/** The secrets worth looking for: strings of at least 4 characters, as given and trimmed. */
const secretsToFind = (secrets: readonly unknown[]): string[] => [
  ...new Set(
    secrets
      .filter((secret): secret is string => typeof secret === 'string')
      .flatMap((secret) => [secret, secret.trim()])
      .filter((secret) => secret.length >= minSecretLength)
  ),
];

/** A character an escape sequence starts with; most cut ends have none before them. */
const escapeStart = /[%&\\]/;

/** An escape sequence a cut can leave unfinished (`\u00`, `%2`, `&#x2`), right before the marker. */
const unfinishedEscape = /(?:\\(?:u[\dA-Fa-f]{0,3}|x[\dA-Fa-f]?)?|%[\dA-Fa-f]?|&(?:#[Xx]?[\dA-Fa-f]{0,7}|[A-Za-z]{0,16}))$/;

/** Where a cut ended a decoded text: a prefix ending at `end`, removed up to the marker. */
type CutEnd = { readonly end: number; readonly marker: number };

/** The places a cut ended in a decoded text: before each marker, and before an escape it split. */
const cutEnds = (text: string): CutEnd[] => {
  const ends: CutEnd[] = [];
  for (let at = text.indexOf(cutMarker); at !== -1; at = text.indexOf(cutMarker, at + 1)) {
    ends.push({ end: at, marker: at });
    const before = text.slice(Math.max(0, at - 12), at);
    const unfinished = escapeStart.test(before) ? unfinishedEscape.exec(before) : null;
    if (unfinished?.[0]) {
      ends.push({ end: at - unfinished[0].length, marker: at });
    }
  }
  return ends;
};

/** The shortest run of a secret that is removed: a piece, or the whole of a short secret. */
const shortestRun = (secret: string) => Math.min(minPieceLength, secret.length);

/**
 * Where, in one decoded spelling of the text (`folded`: the same in lower case), the secret shows
 * whole, in pieces, in any letter case, or cut short.
 */
const spansIn = (text: string, folded: string, secret: string, ends: readonly CutEnd[]): Span[] => {
  const spans = automatonOf(secret).runsIn(folded, shortestRun(secret));
  for (const { end, marker } of ends) {
    const last = text.charCodeAt(end - 1);
    for (let length = Math.min(secret.length, minPieceLength); length >= minSecretLength; length -= 1) {
      // The last character decides most candidates without comparing the whole prefix.
      if (
        last === secret.charCodeAt(length - 1) &&
        end >= length &&
        text.startsWith(secret.slice(0, length), end - length)
      ) {
        spans.push([end - length, marker]);
        break;
      }
    }
  }
  return spans;
};

/** The spans sorted and joined where they overlap or touch, each to become one marker. */
const merged = (spans: Span[]): Span[] => {
  const result: Array<[number, number]> = [];
  for (const [start, end] of spans.sort((a, b) => a[0] - b[0])) {
    const last = result.at(-1);
    if (last && start <= last[1]) {
      last[1] = Math.max(last[1], end);
    } else {
      result.push([start, end]);
    }
  }
  return result;
};

/**
 * Replaces every trace of the given secrets in a text: the secret as given, in any letter case and
 * in any escaped spelling (JSON `\/` or `\u003d`, percent-encoding, HTML `&#x2F;` or `&sol;`, one
 * inside another), its bytes in base64, base64url or hex (inside those escapes too), any piece of
 * 12 or more characters of it in each of these, and a shorter prefix that a cut left before the
 * cut marker. Error texts are built only from Tencent's answer and our own words, but
 * Tencent's messages, a proxy's pages and zod's quotes of refused values are not under our
 * control, so whatever reaches the admin passes through this. Linear in the text.
 */
export const redact = (text: string, secrets: readonly unknown[]): string => {
  const wanted = secretsToFind(secrets);
  if (wanted.length === 0 || text.length < minSecretLength) {
    return text;
  }
  const found: Span[] = [];
  const minBytes = Math.min(...wanted.map(shortestRun));
  const search = (spelling: DecodedText, ends: readonly CutEnd[]) => {
    const folded = foldCase(spelling.text);
    for (const secret of wanted) {
      for (const [start, end] of spansIn(spelling.text, folded, secret, ends)) {
        // Back to the original text, over the whole escape sequences that spelled it.
        found.push([spelling.startOf(start), spelling.endOf(end - 1)]);
      }
    }
  };
  for (const spelling of decodedSpellings(text)) {
    search(spelling, cutEnds(spelling.text));
    for (const bytes of binarySpellings(spelling, minBytes)) {
      search(bytes, []);
    }
  }
  if (found.length === 0) {
    return text;
  }
  let result = '';
  let kept = 0;
  for (const [start, end] of merged(found)) {
    result += `${text.slice(kept, start)}[redacted]`;
    kept = end;
  }
  return result + text.slice(kept);
};

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
