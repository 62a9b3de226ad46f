import { randomUUID } from 'node:crypto';

import { dayMs, historyDays, learnedTtlMs, poolTtlMs } from './learned.js';
import { withRedis } from './redis-connection.js';
import { claimScript, claimScriptSha } from './redis-script.js';
import type { BudgetStore, Claim, ClaimResult, Limit } from './types.js';

const keyPrefix = 'connector-tencent-sms:abuse';

const isMissingScript = (error: unknown) =>
  error instanceof Error && error.message.startsWith('NOSCRIPT');

const limitKeys = (limit: Limit): string[] => (limit.kind === 'learned' ? [limit.key, limit.poolKey] : [limit.key]);

const limitArguments = (limit: Limit): string[] =>
  limit.kind === 'learned'
    ? [limit.kind, String(limit.floor), String(limit.pool), String(limit.growth), String(limit.dwarf)]
    : [limit.kind, String(limit.max), String(limit.windowSeconds * 1000)];

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/** The script's reply as a result; anything unexpected is treated as Redis not answering. */
const resultOf = (reply: unknown, limits: readonly Limit[]): ClaimResult => {
  if (Array.isArray(reply)) {
    const [index, refusedToday, allowance, pool] = reply.map(Number);
    const limit = limits[(index ?? 0) - 1];
    return limit?.kind === 'learned' && isCount(refusedToday) && isCount(allowance) && (pool === 0 || pool === 1)
      ? { refusedBy: index! - 1, learned: { refusedToday, allowance, spent: pool === 1 ? 'pool' : 'allowance' } }
      : 'unchecked';
  }
  const index = Number(reply);
  if (index === 0) {
    return 'accepted';
  }
  return Number.isInteger(index) && index >= 1 && index <= limits.length && limits[index - 1]!.kind !== 'learned'
    ? { refusedBy: index - 1 }
    : 'unchecked';
};

/**
 * Budgets counted in a Redis shared by every Logto instance: one script call per send checks and
 * counts every limit atomically. Redis unavailable → `unchecked`, which `storeFor` counts in
 * this process instead.
 */
export class RedisBudgetStore implements BudgetStore {
  constructor(private readonly url: string) {}

  async claim({ tag, limits, member, now }: Claim): Promise<ClaimResult> {
    const options = {
      keys: limits.flatMap(limitKeys).map((key) => `${keyPrefix}:{${tag}}:${key}`),
      arguments: [
        String(now),
        member,
        `${now}:${randomUUID()}`,
        String(dayMs),
        String(historyDays),
        String(learnedTtlMs),
        String(poolTtlMs),
        ...limits.flatMap(limitArguments),
      ],
    };
    const reply = await withRedis(this.url, async (client) => {
      try {
        return await client.evalSha(claimScriptSha, options);
      } catch (error) {
        // First call after Redis started (or flushed its scripts): send the script itself.
        if (isMissingScript(error)) {
          return client.eval(claimScript, options);
        }
        throw error;
      }
    });
    return reply === undefined ? 'unchecked' : resultOf(reply, limits);
  }
}
