import { regionNotEnabledError } from '../refusals.js';

import type { DestinationRule } from './types.js';

/** `allowedRegions`: a number outside the listed regions (or of no region) is not sent. */
export const allowedRegionsRule: DestinationRule = ({ allowedRegions }, { region }) =>
  allowedRegions && (region === undefined || !allowedRegions.includes(region))
    ? regionNotEnabledError(region)
    : undefined;
