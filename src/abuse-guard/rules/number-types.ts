import { numberTypeRefusedError } from '../refusals.js';

import type { DestinationRule } from './types.js';

/**
 * `refusedNumberTypes`: a number the metadata positively classifies as one of these types is not
 * sent. A number it cannot classify (a range opened after the metadata was cut, a type the plan
 * leaves open) is sent: Tencent decides, rather than a user being locked out by stale metadata.
 */
export const numberTypesRule: DestinationRule = ({ refusedNumberTypes }, { type }) =>
  type !== undefined && refusedNumberTypes.includes(type) ? numberTypeRefusedError(type) : undefined;
