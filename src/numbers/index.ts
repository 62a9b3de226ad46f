/**
 * How a phone number reads — its canonical spelling, calling code, region, type and whether its
 * length is possible — from libphonenumber's full metadata, for the whole package: the send path
 * (the number sent, the length check), the abuse guard (region list, number types, blocks), the
 * Console test and CLI diagnosis, and the emulator. Loading this module loads the metadata (about
 * 150 kB), so only the send path, the emulator and the CLI import it, never the connector's entry
 * point.
 */
export { readNumber, regionOf, type LengthProblem, type NumberReading } from './read-number.js';
export { describeNumber, lengthWords } from './describe-number.js';
export { regionName } from './region-name.js';
export { numberTypes, type NumberType } from './number-type.js';
