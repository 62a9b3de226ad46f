/**
 * Which region a phone number belongs to: one table for the connector (allow-lists, diagnosis)
 * and the emulator (`IsoCode`), so both read every number the same way.
 */
export { regionOf } from './region-of.js';
export { describeNumber } from './describe-number.js';
export { regionName } from './region-name.js';
