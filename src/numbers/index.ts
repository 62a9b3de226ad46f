/**
 * How a phone number reads — calling code, region and type — from libphonenumber's full metadata,
 * for the whole package: the abuse guard (region list, number types), the Console test and CLI
 * diagnosis, and the emulator's `IsoCode`. Loading this module loads the metadata (about 150 kB),
 * so only the send path, the emulator and the CLI import it, never the connector's entry point.
 */
export { readNumber, regionOf, type NumberReading } from './read-number.js';
export { describeNumber } from './describe-number.js';
export { regionName } from './region-name.js';
export { numberTypes, type NumberType } from './number-type.js';
