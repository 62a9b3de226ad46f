import { ConnectorErrorCodes } from '@logto/connector-kit';

import { RefusalError } from './errors/refusal-error.js';
import { regionName, type NumberReading } from './numbers/index.js';
import { destinationOf } from './phone.js';
import type { Template } from './types.js';

/** What the permission reads of the config. */
export type InternationalSwitch = {
  international?: boolean;
  templates: readonly Template[];
};

/**
 * The "International numbers" switch as a permission: saved off (`"international": false`, as a
 * new form saves it), only mainland China (+86) numbers get codes, and any other is refused before
 * Tencent. Most operators serve the mainland only and read "off" as "no international SMS"; it
 * also keeps the Console test of `13012345678` (a number in the United States) from billing a
 * stranger. A config without the key (saved for the built-in connector, or written by hand)
 * sends everywhere, as it always has. It applies whether or not pumping protection is on: it is
 * what the connector may do, not a budget. End users read the rule; the advice, which names the
 * setting, is for the Console test and the CLI.
 */
export const internationalRefusal = (
  { international, templates }: InternationalSwitch,
  phoneNumber: string,
  reading: NumberReading | undefined
): RefusalError | undefined => {
  if (international !== false || destinationOf(phoneNumber) === 'mainland') {
    return undefined;
  }
  const place = reading?.region === undefined ? undefined : regionName(reading.region);
  // A template that can serve the number shows the operator meant to send there.
  const hasTemplate = templates.some(({ destination }) => destination !== 'mainland');
  const fix = hasTemplate
    ? 'Turn it on to send abroad.'
    : 'Turn it on and add an international Generic template to send abroad.';
  return new RefusalError(
    ConnectorErrorCodes.InvalidRequestParameters,
    `SMS codes are sent to mainland China (+86) numbers only, not to numbers ${place === undefined ? 'outside mainland China' : `in ${place}`}.`,
    // The place is left to the number's reading, which the Console test and the CLI add.
    `International numbers is off: only +86 numbers get codes. ${fix}`
  );
};
