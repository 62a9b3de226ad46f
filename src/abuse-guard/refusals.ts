import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';

import type { ErrorData } from '../errors/connector-errors.js';
import { invalidRequestError } from '../errors/connector-errors.js';

import type { Budget } from './config.js';

const units = [
  [86_400, 'day'],
  [3600, 'hour'],
  [60, 'minute'],
  [1, 'second'],
] as const;

/** A window as people say it: 3600 → "hour", 7200 → "2 hours", 90 → "90 seconds". */
export const windowPhrase = (seconds: number): string => {
  const [size, unit] = units.find(([size]) => seconds % size === 0) ?? units[3];
  const count = seconds / size;
  return count === 1 ? unit : `${count} ${unit}s`;
};

/** The number's region is not in `allowedRegions`: nothing is sent. */
export const regionNotEnabledError = (region: string | undefined): ConnectorError =>
  invalidRequestError(
    region === undefined
      ? 'SMS to this number is not enabled: its region cannot be told from the number, and abuseProtection.allowedRegions lists the regions that may receive codes.'
      : `SMS to region ${region} is not enabled: add it to abuseProtection.allowedRegions to send codes there.`
  );

/** Which budget refused a send. */
export type BudgetName = 'perSource' | 'distinctNumbersPerSource';

/**
 * A budget of the requester's network is spent: Logto answers 429. The text names the rule and
 * its numbers, never the address.
 */
export const budgetExceededError = (name: BudgetName, budget: Budget): ConnectorError => {
  const what = name === 'perSource' ? 'codes' : 'different phone numbers';
  return new ConnectorError(ConnectorErrorCodes.RateLimitExceeded, {
    errorDescription: `too many ${what} from this network: ${budget.max} per ${windowPhrase(budget.windowSeconds)} (abuseProtection.${name}).`,
  } satisfies ErrorData);
};
