import { budgetExceededError } from '../refusals.js';

import type { BudgetRule } from './types.js';

/** `distinctNumbersPerSource`: how many different numbers one network may ask codes for. */
export const distinctNumbersRule: BudgetRule = ({ distinctNumbersPerSource }, { source }) =>
  distinctNumbersPerSource && source
    ? [
        {
          rule: 'distinctNumbersPerSource',
          scope: source.network,
          kind: 'distinct',
          budget: distinctNumbersPerSource,
          refusal: () => budgetExceededError('distinctNumbersPerSource', distinctNumbersPerSource),
        },
      ]
    : [];
