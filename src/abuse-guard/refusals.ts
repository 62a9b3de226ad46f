import { ConnectorErrorCodes, type ConnectorError } from '@logto/connector-kit';

import { RefusalError } from '../errors/refusal-error.js';
import type { NumberType } from '../numbers/number-type.js';

import type { Budget, PrefixBudget } from './config.js';
import type { LearnedRefusal } from './stores/types.js';

const refused = (rule: string, advice: string) =>
  new RefusalError(ConnectorErrorCodes.InvalidRequestParameters, rule, advice);
const rateLimited = (rule: string, advice: string) =>
  new RefusalError(ConnectorErrorCodes.RateLimitExceeded, rule, advice);

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
  refused(
    'SMS to this country or region is not enabled.',
    region === undefined
      ? 'SMS to this number is not enabled: its region is unknown, and only abuseProtection.allowedRegions may receive codes.'
      : `SMS to region ${region} is not enabled: add "${region}" to abuseProtection.allowedRegions to send there.`
  );

/**
 * Each number type as the admin reads it in a refusal, with why it is refused where that is not
 * plain: SMS pumping pays itself through numbers that pass part of the charge to their holder.
 */
const numberTypeWords: Record<NumberType, string> = {
  'premium-rate': 'Premium-rate number (SMS pumping risk)',
  'shared-cost': 'Shared-cost number (SMS pumping risk)',
  'toll-free': 'Toll-free number (a service line)',
  'personal-number': 'Personal number (may forward to premium lines)',
  uan: 'Universal access number (a service line)',
  voicemail: 'Voicemail access number',
  pager: 'Pager number',
  voip: 'VoIP number (cheap to hold in bulk)',
  mobile: 'Mobile number',
  'fixed-line': 'Fixed-line (landline) number',
  'fixed-line-or-mobile': 'Number that may be fixed-line or mobile',
};

/** The number's type is in `refusedNumberTypes`: nothing is sent. The text never names the number. */
export const numberTypeRefusedError = (type: NumberType): ConnectorError =>
  refused(
    `SMS to this kind of number (${type}) is not sent.`,
    `${numberTypeWords[type]}: not sent. To allow, remove "${type}" from abuseProtection.refusedNumberTypes.`
  );

/** Which budget of the requester's network refused a send. */
export type BudgetName = 'perSource' | 'distinctNumbersPerSource';

/** How the operator lets more through, said once for every budget. */
const raise = (setting: string) => `If real users hit it, raise ${setting}.`;

/**
 * A budget of the requester's network is spent: Logto answers 429. The text names the rule and
 * its numbers, never the address.
 */
export const budgetExceededError = (name: BudgetName, budget: Budget): ConnectorError => {
  const what = name === 'perSource' ? 'codes' : 'different phone numbers';
  return rateLimited(
    `Too many ${what} from this network.`,
    `Too many ${what} from this network: ${budget.max} per ${windowPhrase(budget.windowSeconds)}. ${raise(`abuseProtection.${name}`)}`
  );
};

/** The /48 an IPv6 network lies in has spent its budget: the sum of its /64s is bounded. */
export const siteBudgetExceededError = (max: number, windowSeconds: number, multiplier: number): ConnectorError =>
  rateLimited(
    'Too many codes from this network.',
    `Too many codes from this IPv6 site (/48): ${max} per ${windowPhrase(windowSeconds)}, ${multiplier} × perSource.max. ${raise('abuseProtection.ipv6SiteMultiplier')}`
  );

/** Numbers of one block have had their codes: a run through a range of numbers is stopped. */
export const prefixBudgetExceededError = ({ max, windowSeconds, digits }: PrefixBudget): ConnectorError =>
  rateLimited(
    'Too many codes to numbers like this one.',
    `Too many codes to numbers alike but for their last ${digits === 1 ? 'digit' : `${digits} digits`}: ${max} per ${windowPhrase(windowSeconds)}, whoever asks. ${raise('abuseProtection.perPrefix')}`
  );

/** A destination country as the operator reads it: `Latvia (LV)`, and the setting that raises it. */
export type CountryWords = { name: string; raise: string };

/**
 * The app's codes to one country today are spent (its learned allowance, or the pool countries
 * not served yet share). The end user reads the rule only; the operator the figure and the key.
 */
export const countryBudgetExceededError = (
  { name, raise }: CountryWords,
  refused: LearnedRefusal | undefined
): ConnectorError =>
  rateLimited(
    'Too many codes to this country today.',
    refused?.spent === 'pool'
      ? `Too many codes today to new countries, ${name} among them (${refused.allowance} a day in all). For real users, raise ${raise}.`
      : `Too many codes to ${name} today${
          refused ? ` (${refused.allowance} a day, learned from its traffic)` : ''
        }. If real users hit it, raise ${raise}.`
  );
