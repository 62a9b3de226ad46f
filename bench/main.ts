import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { parseArgs, type BenchArgs } from './args.js';
import { makeCertificate, type Certificate } from './cert.js';
import { sectionOf } from './doc-section.js';
import { loadCandidate } from './candidates/index.js';
import type { IdleResult } from './idle.js';
import { renderIdleSection } from './idle-report.js';
import { numbersHeading } from './numbers.js';
import { medianRun, renderReport, type CandidateResult, type CpuRun } from './report.js';
import { pumpingHeading } from './pumping-results.js';
import { forkForMessage } from './spawn.js';
import type { StandInCounts, StandInPorts } from './stand-in/server.js';
import { median } from './stats.js';
import type { Job } from './worker.js';

const here = dirname(fileURLToPath(import.meta.url));

/** Sizes of one run; the quick run trades precision for about a minute of wall time. */
const plan = (args: BenchArgs) =>
  args.quick
    ? {
        warm: { count: 10, maxMs: 10_000 },
        idlePausesMs: [6_000],
        jitWarmup: { count: 160, maxMs: 10_000 },
        warmup: { count: 3_000, maxMs: 15_000 },
        cpu: { count: 500, maxMs: 15_000 },
        throughput: { count: 1_000, maxMs: 10_000 },
        factoryCalls: 20_000,
        importRepeats: 2,
        cpuRounds: 2,
        firstRounds: 3,
        layers: { rounds: 3, perRound: 200, warmupPerLayer: 3_000 },
      }
    : {
        warm: { count: 30, maxMs: 20_000 },
        idlePausesMs: [6_000, 30_000],
        jitWarmup: { count: 400, maxMs: 15_000 },
        warmup: { count: 6_000, maxMs: 30_000 },
        cpu: { count: 2_000, maxMs: 30_000 },
        throughput: { count: 4_000, maxMs: 20_000 },
        factoryCalls: 100_000,
        importRepeats: 5,
        cpuRounds: 3,
        firstRounds: 5,
        layers: { rounds: 6, perRound: 400, warmupPerLayer: 6_000 },
      };

/** Connections and requests the stand-in saw during one job. */
const connectionsSince = async (counts: () => Promise<StandInCounts>, before: StandInCounts) => {
  const after = await counts();
  return { served: after.served - before.served, connections: after.connections - before.connections };
};

type WorkerReply = { ok: true; result: Record<string, unknown> } | { ok: false; error: string };

const startStandIn = async (certificate: Certificate, rttMs: number) => {
  const { child, message } = forkForMessage<{ ports: StandInPorts }>(join(here, 'stand-in/server.js'), {
    env: { ...process.env, BENCH_TLS_KEY: certificate.key, BENCH_TLS_CERT: certificate.cert, BENCH_RTT_MS: String(rttMs) },
    timeoutMs: 10_000,
  });
  const { ports } = await message;
  const counts = () =>
    new Promise<StandInCounts>((resolve) => {
      child.once('message', (reply) => resolve((reply as { counts: StandInCounts }).counts));
      child.send('counts');
    });
  return { ports, counts, stop: () => child.kill() };
};

const runJob = async (
  job: Job,
  env: NodeJS.ProcessEnv,
  port: number,
  timeoutMs: number,
  profileDir: string | undefined
): Promise<WorkerReply> => {
  const execArgv = ['--expose-gc', '--import', pathToFileURL(join(here, 'preload.js')).href];
  if (profileDir) {
    execArgv.push('--cpu-prof', '--cpu-prof-dir', profileDir, '--cpu-prof-name', `${job.candidate}-${job.kind}.cpuprofile`);
  }
  const { message } = forkForMessage<WorkerReply>(join(here, 'worker.js'), {
    env: { ...env, BENCH_TARGET_PORT: String(port), BENCH_JOB: JSON.stringify(job) },
    execArgv,
    timeoutMs,
  });
  try {
    return await message;
  } catch (error) {
    return { ok: false, error: String(error) };
  }
};

const main = async () => {
  const args = parseArgs(process.argv.slice(2));
  const sizes = plan(args);
  const certificate = makeCertificate();
  const standIn = await startStandIn(certificate, args.rttMs);
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_EXTRA_CA_CERTS: certificate.certPath };
  const profileDir = args.cpuProf ? resolve('.tmp/profiles') : undefined;
  if (profileDir) {
    mkdirSync(profileDir, { recursive: true });
  }
  const latencyPort = standIn.ports.delayed ?? standIn.ports.direct;
  const idleTotal = sizes.idlePausesMs.reduce((sum, pause) => sum + pause, 0);
  const results: CandidateResult[] = [];
  let layers: Record<string, number> | undefined;
  let layersError: string | undefined;
  let idle: IdleResult | undefined;
  let idleError: string | undefined;
  // Each of these flags runs one part of the bench and prints it.
  const partOnly = args.layersOnly || args.idleOnly || args.firstOnly;

  try {
    for (const id of partOnly ? [] : args.only) {
      const { label } = await loadCandidate(id);
      const result: CandidateResult = { id, label, errors: [] };
      results.push(result);
      console.log(`— ${label}`);

      const beforeLatency = await standIn.counts();
      const latency = await runJob(
        { kind: 'latency', candidate: id, warm: sizes.warm, idlePausesMs: sizes.idlePausesMs, jitWarmup: sizes.jitWarmup },
        env, latencyPort, idleTotal + sizes.warm.maxMs + sizes.jitWarmup.maxMs + 30_000, undefined
      );
      result.latencyConnections = await connectionsSince(standIn.counts, beforeLatency);
      if (latency.ok) {
        result.latency = latency.result as unknown as CandidateResult['latency'];
        console.log('  latency', JSON.stringify(latency.result));
      } else {
        result.errors.push(`latency: ${latency.error}`);
      }

      const imports: number[] = [];
      for (let repeat = 0; repeat < sizes.importRepeats; repeat += 1) {
        const reply = await runJob({ kind: 'import', candidate: id }, env, standIn.ports.direct, 30_000, undefined);
        if (reply.ok) {
          imports.push(reply.result.importMs as number);
        } else {
          result.errors.push(`import: ${reply.error}`);
        }
      }
      if (imports.length > 0) {
        result.importMs = median(imports);
        console.log('  import ms', imports.map((value) => value.toFixed(1)).join(' '));
      }
    }
    // The first send after start, each in a fresh process, several rounds in a turning order:
    // one sample per candidate says little on a shared machine.
    if (args.firstOnly) {
      for (const id of args.only) {
        results.push({ id, label: (await loadCandidate(id)).label, errors: [] });
      }
    }
    const firstRounds = args.firstOnly ? 7 : partOnly ? 0 : sizes.firstRounds;
    for (let round = 0; round < firstRounds; round += 1) {
      for (const result of results.map((_, index) => results[(index + round) % results.length]!)) {
        const reply = await runJob({ kind: 'first', candidate: result.id }, env, latencyPort, 60_000, undefined);
        if (reply.ok) {
          (result.firstRuns ??= []).push(reply.result.firstMs as number);
          (result.firstCpuRuns ??= []).push(reply.result.firstCpuMs as number);
        } else {
          result.errors.push(`first send, round ${round + 1}: ${reply.error}`);
        }
      }
    }
    // CPU jobs go round-robin over the candidates, each in a fresh process, several rounds: a
    // shared machine's speed drifts from one minute to the next, so only figures taken seconds
    // apart compare well. The order turns every round, so a steady drift does not favour
    // whichever candidate always ran first.
    const cpuRounds = partOnly ? 0 : (args.cpuRounds ?? sizes.cpuRounds);
    for (let round = 0; round < cpuRounds; round += 1) {
      console.log(`— CPU round ${round + 1}`);
      const order = results.map((_, index) => results[(index + round) % results.length]!);
      for (const result of order) {
        const id = result.id;
        const beforeCpu = await standIn.counts();
        const cpu = await runJob(
          { kind: 'cpu', candidate: id, warmup: sizes.warmup, cpu: sizes.cpu, throughput: sizes.throughput, inFlight: 16, factoryCalls: sizes.factoryCalls },
          env, standIn.ports.direct, sizes.warmup.maxMs + sizes.cpu.maxMs + sizes.throughput.maxMs + 60_000,
          round === 0 ? profileDir : undefined
        );
        result.cpuRuns ??= Array.from({ length: cpuRounds }, () => undefined);
        if (cpu.ok) {
          const run = { ...(cpu.result as unknown as CpuRun), connections: await connectionsSince(standIn.counts, beforeCpu) };
          result.cpuRuns[round] = run;
          console.log(`  ${id} cpu`, JSON.stringify(cpu.result));
        } else {
          result.errors.push(`cpu, round ${round + 1}: ${cpu.error}`);
        }
      }
    }
    for (const result of results) {
      const chosen = medianRun(result.cpuRuns ?? []);
      if (chosen) {
        result.cpu = chosen;
        result.cpuConnections = chosen.connections;
      }
    }
    if (args.layersOnly || (!partOnly && args.only.includes('ours') && args.only.includes('official'))) {
      console.log('— layers of a send, in one process');
      // Bounded by the send count at 5 ms a send, far above what a loopback send takes.
      const { rounds, perRound, warmupPerLayer } = sizes.layers;
      const layerCount = 8;
      const reply = await runJob(
        { kind: 'layers', candidate: 'ours', ...sizes.layers },
        env, standIn.ports.direct, 60_000 + layerCount * (warmupPerLayer + rounds * perRound) * 5, undefined
      );
      if (reply.ok) {
        layers = reply.result as Record<string, number>;
        console.log('  layers', JSON.stringify(layers));
      } else {
        layersError = reply.error;
        console.error(`  layers failed: ${reply.error}`);
        process.exitCode = 1;
      }
    }
    if (args.idleOnly || (!partOnly && args.only.includes('ours'))) {
      console.log('— idle connections');
      const reply = await runJob(
        { kind: 'idle', candidate: 'ours', rttMs: args.rttMs, quick: args.quick },
        { ...env, BENCH_TLS_KEY: certificate.key, BENCH_TLS_CERT: certificate.cert },
        standIn.ports.direct, 180_000, undefined
      );
      if (reply.ok) {
        idle = reply.result as unknown as IdleResult;
      } else {
        idleError = reply.error;
        console.error(`  idle job failed: ${reply.error}`);
        process.exitCode = 1;
      }
    }
  } finally {
    standIn.stop();
    certificate.remove();
  }

  if (args.layersOnly) {
    return;
  }
  if (args.idleOnly) {
    console.log(`\n${renderIdleSection(idle, idleError).join('\n')}`);
    return;
  }
  if (args.firstOnly) {
    for (const result of results) {
      const runs = result.firstRuns ?? [];
      const rt = (value: number) => (args.rttMs > 0 ? ` (${(value / args.rttMs).toFixed(2)} RT)` : '');
      console.log(
        runs.length === 0
          ? `${result.label}: no figure (${result.errors.join('; ')})`
          : `${result.label}: first send median ${median(runs).toFixed(1)} ms${rt(median(runs))}, runs ${runs.map((run) => run.toFixed(1)).join(' ')}; CPU of that send median ${median(result.firstCpuRuns ?? []).toFixed(1)} ms`
      );
    }
    return;
  }
  console.log('— the abuse guard per send (bench/guard.ts)');
  const guardSection = await forkForMessage<{ section: string }>(join(here, 'guard.js'), {
    env: { ...process.env, BENCH_GUARD_QUICK: args.quick ? '1' : '0' },
    timeoutMs: 300_000,
  }).message.then(
    ({ section }) => section,
    (error: unknown) => `## The abuse guard per send\n\nNot measured: ${String(error)}`
  );
  console.log('— number metadata: package size and first-send cost (bench/numbers.ts)');
  const numbersSection = await forkForMessage<{ section: string }>(join(here, 'numbers.js'), {
    env: process.env,
    timeoutMs: 300_000,
  }).message.then(
    ({ section }) => section,
    (error: unknown) => `${numbersHeading}\n\nNot measured: ${String(error)}`
  );
  const report = `${renderReport(results, {
    quick: args.quick,
    rttMs: args.rttMs,
    idlePausesMs: sizes.idlePausesMs,
    date: new Date().toISOString().slice(0, 10),
    layers,
    layersError,
    idle,
    idleError,
    cpuRounds: args.cpuRounds ?? sizes.cpuRounds,
  })}\n\n${guardSection}\n\n${numbersSection}`;
  mkdirSync(dirname(resolve(args.out)), { recursive: true });
  // The pumping runs (`npm run bench:pumping`) write a section of their own: kept as it is.
  const pumping = existsSync(resolve(args.out)) ? sectionOf(readFileSync(resolve(args.out), 'utf8'), pumpingHeading) : undefined;
  writeFileSync(resolve(args.out), `${report}\n${pumping ? `\n${pumping}\n` : ''}`);
  console.log(`\n${report}\nwritten to ${args.out}`);
};

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
