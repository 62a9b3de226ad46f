import { budgetExceededError, siteBudgetExceededError } from '../refusals.js';

import type { BudgetLimit, BudgetRule } from './types.js';

/**
 * `perSource`: codes per requesting network. A native IPv6 network (a /64) also counts in its
 * /48, which may send `ipv6SiteMultiplier` times as much: one customer is routinely handed a /48
 * of 65,536 /64s, and would otherwise get as many budgets.
 */
export const perSourceRule: BudgetRule = ({ perSource, ipv6SiteMultiplier }, { source }) => {
  if (!perSource || !source) {
    return [];
  }
  const limits: BudgetLimit[] = [
    {
      rule: 'perSource',
      scope: source.network,
      kind: 'codes',
      budget: perSource,
      refusal: () => budgetExceededError('perSource', perSource),
    },
  ];
  if (source.site !== undefined) {
    const budget = { max: perSource.max * ipv6SiteMultiplier, windowSeconds: perSource.windowSeconds };
    limits.push({
      rule: 'perSite',
      scope: source.site,
      kind: 'codes',
      budget,
      refusal: () => siteBudgetExceededError(budget.max, budget.windowSeconds, ipv6SiteMultiplier),
    });
  }
  return limits;
};
