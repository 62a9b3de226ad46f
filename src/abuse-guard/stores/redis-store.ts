import { randomUUID } from 'node:crypto';

import { withRedis } from './redis-connection.js';
import { claimScript, claimScriptSha } from './redis-script.js';
import type { BudgetClaim, BudgetStore, ClaimResult } from './types.js';

const keyPrefix = 'connector-tencent-sms:abuse';
const results: Record<number, ClaimResult> = {
  0: 'accepted',
  1: 'perSource',
  2: 'distinctNumbersPerSource',
};

const isMissingScript = (error: unknown) =>
  error instanceof Error && error.message.startsWith('NOSCRIPT');

/**
 * Budgets counted in a Redis shared by every Logto instance: one script call per send checks and
 * counts both budgets atomically. Redis down or slow → `unchecked` (the send goes ahead).
 */
export class RedisBudgetStore implements BudgetStore {
  constructor(private readonly url: string) {}

  async claim({ source, number, now, perSource, distinctNumbersPerSource }: BudgetClaim): Promise<ClaimResult> {
    const options = {
      keys: [`${keyPrefix}:{${source}}:codes`, `${keyPrefix}:{${source}}:numbers`],
      arguments: [
        String(now),
        String(perSource?.max ?? 0),
        String((perSource?.windowSeconds ?? 0) * 1000),
        String(distinctNumbersPerSource?.max ?? 0),
        String((distinctNumbersPerSource?.windowSeconds ?? 0) * 1000),
        number,
        `${now}:${randomUUID()}`,
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
    return reply === undefined ? 'unchecked' : (results[Number(reply)] ?? 'unchecked');
  }
}
