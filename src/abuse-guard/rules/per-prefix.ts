import { prefixBudgetExceededError } from '../refusals.js';

import type { BudgetRule } from './types.js';

/**
 * `perPrefix`: numbers that share all but their last `digits` digits share one budget, whoever
 * asks. Pumping walks through a range that a complicit operator holds, from addresses it can
 * change at will; the destination is what it cannot change. The block is read from the E.164
 * digits, country code included, so it never spans two countries.
 */
export const perPrefixRule: BudgetRule = ({ perPrefix }, { destination }) => {
  if (!perPrefix) {
    return [];
  }
  const block = destination.e164.slice(0, -perPrefix.digits);
  return [
    {
      rule: 'perPrefix',
      scope: `${perPrefix.digits}:${block}`,
      kind: 'codes',
      budget: perPrefix,
      refusal: () => prefixBudgetExceededError(perPrefix),
    },
  ];
};
