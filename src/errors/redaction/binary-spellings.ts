import type { DecodedText } from './spellings.js';

/** Patterns by the shortest run they match; a handful of lengths ever occur, one per secret length. */
const patterns = new Map<string, RegExp>();
const pattern = (source: string): RegExp => {
  let built = patterns.get(source);
  if (!built) {
    built = new RegExp(source, 'g');
    patterns.set(source, built);
  }
  return built;
};

/** A run of base64 or base64url characters, at least `minChars` long, and its padding. */
const base64Runs = (minChars: number) => pattern(`([\\dA-Za-z+/_-]{${minChars},})=*`);
const hexRuns = (minChars: number) => pattern(`[\\dA-Fa-f]{${minChars},}`);

/**
 * The bytes a run decodes to, one character per byte (latin1), with each byte carried back to the
 * characters of the layer that spelled it. `firstChar(i)`/`lastChar(i)` give the offsets, within
 * the run, of the first and last character holding bits of byte `i`; the last byte also takes the
 * run's padding (`runEnd`), so a secret found at the end leaves no stray `=` behind.
 */
const decodedRun = (
  layer: DecodedText,
  runStart: number,
  runEnd: number,
  bytes: Buffer,
  firstChar: (byte: number) => number,
  lastChar: (byte: number) => number
): DecodedText => ({
  text: bytes.toString('latin1'),
  startOf: (index) => layer.startOf(runStart + firstChar(index)),
  endOf: (index) =>
    layer.endOf(index === bytes.length - 1 ? runEnd - 1 : runStart + lastChar(index)),
});

/**
 * Every run of base64 (either alphabet) and hexadecimal in a text, decoded at every alignment the
 * run can start at: a gateway that echoes a header as base64 (`Authorization: Basic`, a JWT, a
 * debug dump) or as hex writes the secret's bytes, not its characters, and the run may begin
 * inside a group when something precedes the secret in what was encoded. `minBytes` is the
 * shortest piece worth finding; shorter runs are not decoded. Linear in the text per alignment.
 */
export const binarySpellings = (layer: DecodedText, minBytes: number): DecodedText[] => {
  const found: DecodedText[] = [];
  const { text } = layer;
  for (const run of text.matchAll(base64Runs(Math.floor((minBytes * 4) / 3)))) {
    const characters = run[1]!;
    for (let shift = 0; shift < 4 && characters.length - shift >= 2; shift += 1) {
      // Node reads both alphabets and a missing padding; the run holds no other characters.
      const bytes = Buffer.from(characters.slice(shift), 'base64');
      if (bytes.length >= minBytes) {
        found.push(
          decodedRun(
            layer,
            run.index + shift,
            run.index + run[0].length,
            bytes,
            (byte) => Math.floor((byte * 4) / 3),
            (byte) => Math.floor((byte * 8 + 7) / 6)
          )
        );
      }
    }
  }
  for (const run of text.matchAll(hexRuns(minBytes * 2))) {
    for (let shift = 0; shift < 2; shift += 1) {
      const bytes = Buffer.from(run[0].slice(shift, shift + ((run[0].length - shift) & ~1)), 'hex');
      found.push(
        decodedRun(
          layer,
          run.index + shift,
          run.index + shift + bytes.length * 2,
          bytes,
          (byte) => byte * 2,
          (byte) => byte * 2 + 1
        )
      );
    }
  }
  return found;
};
