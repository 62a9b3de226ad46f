import { randomUUID } from 'node:crypto';

import { withRedis } from './redis-connection.js';
import { claimScript, claimScriptSha } from './redis-script.js';
import type { BudgetStore, Claim, ClaimResult } from './types.js';

const keyPrefix = 'connector-tencent-sms:abuse';

const isMissingScript = (error: unknown) =>
  error instanceof Error && error.message.startsWith('NOSCRIPT');

/** The script's reply as a result; anything unexpected is treated as Redis not answering. */
const resultOf = (reply: unknown, limits: number): ClaimResult => {
  const index = Number(reply);
  if (index === 0) {
    return 'accepted';
  }
  return Number.isInteger(index) && index >= 1 && index <= limits ? { refusedBy: index - 1 } : 'unchecked';
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
      keys: limits.map(({ key }) => `${keyPrefix}:{${tag}}:${key}`),
      arguments: [
        String(now),
        member,
        `${now}:${randomUUID()}`,
        ...limits.flatMap(({ kind, max, windowSeconds }) => [kind, String(max), String(windowSeconds * 1000)]),
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
    return reply === undefined ? 'unchecked' : resultOf(reply, limits.length);
  }
}
