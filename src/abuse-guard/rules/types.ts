import type { ConnectorError } from '@logto/connector-kit';

import type { NumberReading, NumberType } from '../../numbers/index.js';
import type { Budget, PerCountry, PrefixBudget } from '../config.js';
import type { SourceKey } from '../source-key.js';
import type { LearnedLimit, Refused } from '../stores/types.js';

/** The rules in force for one config, defaults filled in (see `protectionOf`); absent is off. */
export type Protection = {
  allowedRegions?: readonly string[];
  refusedNumberTypes: readonly NumberType[];
  perPrefix?: PrefixBudget;
  perSource?: Budget;
  ipv6SiteMultiplier: number;
  distinctNumbersPerSource?: Budget;
  ipv4Prefix?: number;
  perCountry?: PerCountry;
};

/** How the guard reads the destination: the E.164 number and what the numbering plan says of it. */
export type Destination = Pick<NumberReading, 'e164' | 'region' | 'type'>;

/** A rule that judges the number alone: the refusal, or undefined to let the send go on. */
export type DestinationRule = (protection: Protection, destination: Destination) => ConnectorError | undefined;

/**
 * One budget a send counts in, before it is pseudonymised: `scope` names what shares the budget
 * (a network, a block of numbers, a country), `refusal` is what the send gets when the budget is
 * spent, given how the store refused. A window budget holds `max` codes (or numbers) in any
 * `windowSeconds`; a learned one a daily allowance the store learns (see stores/learned.ts).
 */
export type BudgetLimit = {
  rule: string;
  scope: string;
  refusal: (refused: Refused) => ConnectorError;
} & (
  | { kind: 'codes' | 'distinct'; budget: Budget }
  | { kind: 'learned'; learned: Omit<LearnedLimit, 'key' | 'kind' | 'poolKey'> }
);

/** What a budget rule sees of a send: the destination, and the requester's network if known. */
export type BudgetedSend = {
  destination: Destination;
  source?: SourceKey;
};

/** A rule that counts sends: the budgets this send counts in (none when the rule is off). */
export type BudgetRule = (protection: Protection, send: BudgetedSend) => BudgetLimit[];
