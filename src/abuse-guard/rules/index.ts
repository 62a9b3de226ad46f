import { allowedRegionsRule } from './allowed-regions.js';
import { distinctNumbersRule } from './distinct-numbers.js';
import { numberTypesRule } from './number-types.js';
import { perCountryRule } from './per-country.js';
import { perPrefixRule } from './per-prefix.js';
import { perSourceRule } from './per-source.js';
import type { BudgetRule, DestinationRule } from './types.js';

export type { BudgetLimit, BudgetedSend, Destination, Protection } from './types.js';

/** Rules that judge the number alone, in the order they are asked; the Console test meets them too. */
export const destinationRules: readonly DestinationRule[] = [allowedRegionsRule, numberTypesRule];

/**
 * Rules that count sends, checked and counted together in one step. The destination's budgets
 * come first (the block of numbers, then the country): when several budgets are spent, the
 * refusal names one that no address change escapes.
 */
export const budgetRules: readonly BudgetRule[] = [perPrefixRule, perCountryRule, perSourceRule, distinctNumbersRule];
