import { MemoryBudgetStore } from './memory-store.js';
import { RedisBudgetStore } from './redis-store.js';
import type { BudgetStore } from './types.js';

export type { BudgetStore, Claim, ClaimResult, Limit } from './types.js';

/** This process's budgets, shared by every connector instance Logto builds. */
const memoryStore = new MemoryBudgetStore();
const redisStores = new Map<string, RedisBudgetStore>();

/** The store budgets are counted in: the Redis at `redisUrl` when set, else this process. */
export const storeFor = (redisUrl: string | undefined): BudgetStore => {
  if (redisUrl === undefined) {
    return memoryStore;
  }
  let store = redisStores.get(redisUrl);
  if (!store) {
    store = new RedisBudgetStore(redisUrl);
    redisStores.set(redisUrl, store);
  }
  return store;
};
