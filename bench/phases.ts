import { setTimeout as sleep } from 'node:timers/promises';

import type { Sender } from './candidates/index.js';
import { median, percentile, since } from './stats.js';

/** Limits that keep every loop bounded in count and in time. */
export type PhaseBudget = { readonly count: number; readonly maxMs: number };

/** Runs `send` up to `budget.count` times in a row, stopping early when time is up. */
const sequential = async (send: () => Promise<void>, budget: PhaseBudget): Promise<number[]> => {
  const times: number[] = [];
  const started = performance.now();
  while (times.length < budget.count && since(started) < budget.maxMs) {
    const start = performance.now();
    await send();
    times.push(since(start));
  }
  return times;
};

/** Sends per second with `inFlight` sends outstanding at all times. */
export const measureThroughput = async (
  sender: Sender,
  inFlight: number,
  budget: PhaseBudget
): Promise<{ sends: number; perSecond: number }> => {
  let started = 0;
  let done = 0;
  const begin = performance.now();
  const lane = async () => {
    while (started < budget.count && since(begin) < budget.maxMs) {
      started += 1;
      await sender.send();
      done += 1;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
  return { sends: done, perSecond: done / (since(begin) / 1000) };
};

export type LatencyResult = {
  readonly firstMs: number;
  readonly warmMs: number;
  readonly warmP90Ms: number;
  readonly idleMs: Record<string, number>;
};

/**
 * Latency as a user feels it: the first send (new connection), warm sends back to back, and one
 * send after each idle pause, in that order in one process, as a quiet Logto would see them.
 */
export const measureLatency = async (
  sender: Sender,
  warm: PhaseBudget,
  idlePausesMs: readonly number[],
  jitWarmup: PhaseBudget
): Promise<LatencyResult> => {
  const first = performance.now();
  await sender.send();
  const firstMs = since(first);
  // A burst first, so the warm figures measure round trips rather than code not yet optimised
  // by V8 (a long-running Logto is past that point); it leaves several pooled connections,
  // as a busy hour would.
  await measureThroughput(sender, 16, jitWarmup);
  const warmTimes = await sequential(sender.send, warm);
  const idleMs: Record<string, number> = {};
  for (const pause of idlePausesMs) {
    await sleep(pause);
    const start = performance.now();
    await sender.send();
    idleMs[String(pause)] = since(start);
  }
  return { firstMs, warmMs: median(warmTimes), warmP90Ms: percentile(warmTimes, 0.9), idleMs };
};

export type CpuResult = {
  readonly sends: number;
  readonly cpuMicrosPerSend: number;
  readonly wallMicrosPerSend: number;
};

/**
 * Client CPU per send (user + system of this process only; the server is another process).
 * Measured in `rounds` slices and the cheapest slice reported, because on a small shared
 * machine another process's burst inflates whichever slice it lands in.
 */
export const measureCpu = async (
  sender: Sender,
  budget: PhaseBudget,
  rounds = 1
): Promise<CpuResult> => {
  let best: CpuResult | undefined;
  let sends = 0;
  const slice = { count: Math.ceil(budget.count / rounds), maxMs: budget.maxMs / rounds };
  for (let round = 0; round < rounds; round += 1) {
    const before = process.cpuUsage();
    const start = performance.now();
    const times = await sequential(sender.send, slice);
    const wall = since(start);
    const used = process.cpuUsage(before);
    sends += times.length;
    const result = {
      sends: times.length,
      cpuMicrosPerSend: (used.user + used.system) / times.length,
      wallMicrosPerSend: (wall * 1000) / times.length,
    };
    if (!best || result.cpuMicrosPerSend < best.cpuMicrosPerSend) {
      best = result;
    }
  }
  return { ...best!, sends };
};

/** Mean microseconds of the Logto factory call, awaited one after another. */
export const measureFactory = async (
  factory: () => Promise<unknown>,
  calls: number
): Promise<number> => {
  for (let index = 0; index < Math.min(calls, 1000); index += 1) {
    await factory();
  }
  const start = performance.now();
  for (let index = 0; index < calls; index += 1) {
    await factory();
  }
  return (since(start) * 1000) / calls;
};
