import { loadCandidate, type CandidateId } from './candidates/index.js';
import { measureCpu, measureFactory, measureLatency, measureThroughput, type PhaseBudget } from './phases.js';
import { since } from './stats.js';

/** What the parent asks one fresh worker process to do. */
export type Job =
  | { readonly kind: 'import'; readonly candidate: CandidateId }
  | {
      readonly kind: 'layers';
      readonly candidate: 'ours';
      readonly rounds: number;
      readonly perRound: number;
      readonly warmupPerLayer: number;
    }
  | { readonly kind: 'idle'; readonly candidate: 'ours'; readonly rttMs: number; readonly quick: boolean }
  | { readonly kind: 'first'; readonly candidate: CandidateId }
  | {
      readonly kind: 'latency';
      readonly candidate: CandidateId;
      readonly warm: PhaseBudget;
      readonly idlePausesMs: readonly number[];
      readonly jitWarmup: PhaseBudget;
    }
  | {
      readonly kind: 'cpu';
      readonly candidate: CandidateId;
      readonly warmup: PhaseBudget;
      readonly cpu: PhaseBudget;
      readonly throughput: PhaseBudget;
      readonly inFlight: number;
      readonly factoryCalls: number;
    };

/** Logto core's own packages: loaded before any connector in a real Logto process. */
const importLogtoCore = async () => {
  await import('zod');
  await import('ky');
  await import('@logto/connector-kit');
  await import('@silverhand/essentials');
};

const run = async (job: Job): Promise<Record<string, unknown>> => {
  if (job.kind === 'layers') {
    await importLogtoCore();
    const { measureLayers } = await import('./layers.js');
    return measureLayers(job.rounds, job.perRound, job.warmupPerLayer);
  }
  if (job.kind === 'idle') {
    const { measureIdle } = await import('./idle.js');
    return { ...(await measureIdle(job.rttMs, job.quick)) };
  }
  const candidate = await loadCandidate(job.candidate);
  await importLogtoCore();
  const importStart = performance.now();
  const module = await candidate.importModule();
  const importMs = since(importStart);
  if (job.kind === 'import') {
    return { importMs };
  }
  const sender = await candidate.setup(module);
  if (job.kind === 'first') {
    const start = performance.now();
    const cpuBefore = process.cpuUsage();
    await sender.send();
    const cpu = process.cpuUsage(cpuBefore);
    return { firstMs: since(start), firstCpuMs: (cpu.user + cpu.system) / 1000 };
  }
  if (job.kind === 'latency') {
    return { ...(await measureLatency(sender, job.warm, job.idlePausesMs, job.jitWarmup)) };
  }
  await measureCpu(sender, job.warmup);
  const cpu = await measureCpu(sender, job.cpu, 5);
  const throughput = await measureThroughput(sender, job.inFlight, job.throughput);
  const factoryMicros = sender.factory ? await measureFactory(sender.factory, job.factoryCalls) : undefined;
  const rssBytes = process.memoryUsage().rss;
  // With --expose-gc (the bench passes it), what stays reachable after the run: a leak shows here.
  (globalThis as { gc?: () => void }).gc?.();
  const heapAfterGcBytes = process.memoryUsage().heapUsed;
  return { ...cpu, throughputPerSecond: throughput.perSecond, rssBytes, heapAfterGcBytes, factoryMicros };
};

/** Child entry: runs the job from BENCH_JOB and reports to the parent over IPC. */
const main = async () => {
  const job = JSON.parse(process.env.BENCH_JOB ?? '{}') as Job;
  let report: unknown;
  try {
    report = { ok: true, result: await run(job) };
  } catch (error) {
    report = { ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
  // Exit once the report is out: keep-alive sockets would otherwise hold the process open.
  process.send?.(report, () => process.exit(0));
};

void main();
