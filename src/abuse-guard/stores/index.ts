import { MemoryBudgetStore } from './memory-store.js';
import { RedisBudgetStore } from './redis-store.js';
import type { BudgetStore } from './types.js';

export type * from './types.js';

/** This process's budgets, shared by every connector instance Logto builds. */
const memoryStore = new MemoryBudgetStore();

/**
 * Budgets in Redis, and in this process while Redis is unavailable (refused, failing, not
 * answering): each Logto instance then enforces the budgets on its own share of the traffic,
 * which is looser than one shared count but never no limit. The Redis store says so (once a
 * minute per cause at most, and once when Redis is back) and is asked again on later sends, so
 * counting there resumes by itself.
 */
class RedisOrMemoryStore implements BudgetStore {
  constructor(private readonly redis: BudgetStore) {}

  async claim(claim: Parameters<BudgetStore['claim']>[0]) {
    const result = await this.redis.claim(claim);
    return result === 'unchecked' ? memoryStore.claim(claim) : result;
  }
}

const redisStores = new Map<string, BudgetStore>();

/** The store budgets are counted in: the Redis at `redisUrl` when set, else this process. */
export const storeFor = (redisUrl: string | undefined): BudgetStore => {
  if (redisUrl === undefined) {
    return memoryStore;
  }
  let store = redisStores.get(redisUrl);
  if (!store) {
    store = new RedisOrMemoryStore(new RedisBudgetStore(redisUrl));
    redisStores.set(redisUrl, store);
  }
  return store;
};
