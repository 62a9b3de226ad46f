import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';

import type { ErrorData } from '../errors/connector-errors.js';
import { invalidRequestError } from '../errors/connector-errors.js';

import type { Budget, PrefixBudget } from './config.js';

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

const rateLimited = (errorDescription: string): ConnectorError =>
  new ConnectorError(ConnectorErrorCodes.RateLimitExceeded, { errorDescription } satisfies ErrorData);

/** Which budget of the requester's network refused a send. */
export type BudgetName = 'perSource' | 'distinctNumbersPerSource';

/**
 * A budget of the requester's network is spent: Logto answers 429. The text names the rule and
 * its numbers, never the address.
 */
export const budgetExceededError = (name: BudgetName, budget: Budget): ConnectorError => {
  const what = name === 'perSource' ? 'codes' : 'different phone numbers';
  return rateLimited(
    `too many ${what} from this network: ${budget.max} per ${windowPhrase(budget.windowSeconds)} (abuseProtection.${name}).`
  );
};

/** The /48 an IPv6 network lies in has spent its budget: the sum of its /64s is bounded. */
export const siteBudgetExceededError = (max: number, windowSeconds: number, multiplier: number): ConnectorError =>
  rateLimited(
    `too many codes from this IPv6 site (the /48 network around the address): ${max} per ${windowPhrase(windowSeconds)} (${multiplier} × abuseProtection.perSource.max, abuseProtection.ipv6SiteMultiplier).`
  );

/** Numbers of one block have had their codes: a run through a range of numbers is stopped. */
export const prefixBudgetExceededError = ({ max, windowSeconds, digits }: PrefixBudget): ConnectorError =>
  rateLimited(
    `too many codes to numbers of this block (numbers that differ only in their last ${digits === 1 ? 'digit' : `${digits} digits`}), whoever asked: ${max} per ${windowPhrase(windowSeconds)} (abuseProtection.perPrefix).`
  );
