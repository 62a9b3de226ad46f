import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { tencentHost } from './host.js';
import { forkForMessage } from './spawn.js';
import type { GatewayMode, GatewayReply, GatewayRequest } from './stand-in/idle-gateway.js';
import { median, percentile, since } from './stats.js';

const here = dirname(fileURLToPath(import.meta.url));

type TransportFetch = ((input: string, init?: RequestInit & { timeoutMs?: number }) => Promise<Response>) & {
  preconnect: (url: string) => void;
};
type TransportModule = {
  createTransportFetch: (options?: { idleBoundMs?: number }) => TransportFetch;
};

/** One run of sends timed around the moment the gateway closes idle connections. */
export type RaceResult = {
  readonly name: string;
  readonly closeIdleAfterMs: number;
  readonly keepAlive: string | undefined;
  /** The client's bound when the server announces nothing (ms). */
  readonly clientBoundMs: number;
  readonly sends: number;
  /** Sends that failed: what a Logto admin or user would have seen. */
  readonly errors: number;
  readonly errorKinds: Record<string, number>;
  /** First sends (opening each lane's connection) that failed, by kind: those lanes do not count. */
  readonly setupErrors: Record<string, number>;
  /** How late the counted sends left against their planned time, 90th percentile and worst (ms). */
  readonly lateP90Ms: number;
  readonly lateMaxMs: number;
};

/** One send on a connection that a NAT or firewall dropped silently while it was idle. */
export type DropResult = {
  readonly name: string;
  readonly pauseMs: number;
  readonly clientBoundMs: number;
  readonly timeoutMs: number;
  readonly sends: number;
  readonly outcomes: Record<string, number>;
  readonly medianMs: number;
};

export type IdleResult = {
  readonly rttMs: number;
  readonly jitterMs: number;
  readonly productionBoundMs: number;
  readonly races: RaceResult[];
  readonly drops: DropResult[];
};

/** An error's code (ERR_REQUEST_SENT, ECONNRESET…) or name (TimeoutError), with its cause's code. */
const kindOf = (error: unknown): string => {
  const { code, name } = (error ?? {}) as { code?: unknown; name?: unknown };
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  const own = typeof code === 'string' ? code : typeof name === 'string' ? name : 'error';
  return typeof cause === 'string' ? `${own} (${cause})` : own;
};

const body = JSON.stringify({ PhoneNumberSet: ['+8613012345678'] });

const post = async (fetchFn: TransportFetch, url: string, timeoutMs: number) => {
  const response = await fetchFn(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    timeoutMs,
  });
  await response.text();
  if (response.status !== 200) {
    throw new Error(`status ${response.status}`);
  }
};

/** The gateway child, asked one question at a time over IPC. */
const startGateway = async (rttMs: number) => {
  const { child, message } = forkForMessage<{ port: number }>(join(here, 'stand-in/idle-gateway.js'), {
    env: { ...process.env, BENCH_RTT_MS: String(rttMs) },
    timeoutMs: 10_000,
  });
  const { port } = await message;
  let nextId = 0;
  const ask = (request: GatewayMode | { drop: true }) =>
    new Promise<GatewayReply>((resolve) => {
      const id = (nextId += 1);
      const onMessage = (reply: GatewayReply) => {
        if (reply.id === id) {
          child.off('message', onMessage);
          resolve(reply);
        }
      };
      child.on('message', onMessage);
      child.send(('drop' in request ? { id, drop: true } : { id, mode: request }) satisfies GatewayRequest);
    });
  return { url: `https://${tencentHost}:${port}/`, ask, stop: () => child.kill() };
};

type Gateway = Awaited<ReturnType<typeof startGateway>>;

/**
 * `sends` lanes, each with a transport of its own: one send opens a connection, then after the
 * gateway's idle time ± `jitterMs` (spread evenly over the lanes) the send that counts. Lanes
 * start `laneGapMs` apart: hundreds of TLS handshakes at once delay every timer of a small
 * machine by seconds, and the sends would no longer land where they are planned.
 */
const race = async (
  transport: TransportModule,
  gateway: Gateway,
  spec: { name: string; closeIdleAfterMs: number; keepAlive?: string; clientBoundMs: number },
  sizes: { sends: number; jitterMs: number; laneGapMs: number; timeoutMs: number; setupTimeoutMs: number }
): Promise<RaceResult> => {
  await gateway.ask({ closeIdleAfterMs: spec.closeIdleAfterMs, keepAlive: spec.keepAlive });
  const errorKinds: Record<string, number> = {};
  let errors = 0;
  const setupErrors: Record<string, number> = {};
  let lanes = 0;
  const late: number[] = [];
  await Promise.all(
    Array.from({ length: sizes.sends }, async (_, lane) => {
      await sleep(lane * sizes.laneGapMs);
      const fetchFn = transport.createTransportFetch({ idleBoundMs: spec.clientBoundMs });
      try {
        await post(fetchFn, gateway.url, sizes.setupTimeoutMs);
      } catch (error) {
        const kind = kindOf(error);
        setupErrors[kind] = (setupErrors[kind] ?? 0) + 1;
        return;
      }
      lanes += 1;
      const offset = -sizes.jitterMs + (2 * sizes.jitterMs * lane) / Math.max(1, sizes.sends - 1);
      const planned = performance.now() + spec.closeIdleAfterMs + offset;
      await sleep(spec.closeIdleAfterMs + offset);
      late.push(performance.now() - planned);
      try {
        await post(fetchFn, gateway.url, sizes.timeoutMs);
      } catch (error) {
        errors += 1;
        const kind = kindOf(error);
        errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
      }
    })
  );
  return {
    ...spec,
    keepAlive: spec.keepAlive,
    sends: lanes,
    errors,
    errorKinds,
    setupErrors,
    lateP90Ms: late.length > 0 ? percentile(late, 0.9) : 0,
    lateMaxMs: late.length > 0 ? Math.max(...late) : 0,
  };
};

/** Connections opened, then silenced by the proxy, then used again after `pauseMs`. */
const silentDrop = async (
  transport: TransportModule,
  gateway: Gateway,
  spec: { name: string; pauseMs: number; clientBoundMs: number },
  sizes: { sends: number; timeoutMs: number }
): Promise<DropResult> => {
  await gateway.ask({});
  const transports = Array.from({ length: sizes.sends }, () =>
    transport.createTransportFetch({ idleBoundMs: spec.clientBoundMs })
  );
  await Promise.all(transports.map(async (fetchFn) => post(fetchFn, gateway.url, sizes.timeoutMs)));
  await gateway.ask({ drop: true });
  await sleep(spec.pauseMs);
  const outcomes: Record<string, number> = {};
  const times = await Promise.all(
    transports.map(async (fetchFn) => {
      const start = performance.now();
      let outcome = 'answered';
      try {
        await post(fetchFn, gateway.url, sizes.timeoutMs);
      } catch (error) {
        outcome = kindOf(error);
      }
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      return since(start);
    })
  );
  return { ...spec, timeoutMs: sizes.timeoutMs, sends: sizes.sends, outcomes, medianMs: median(times) };
};

/**
 * The idle-connection policy of the transport against a gateway that closes idle connections,
 * and against a path that drops them silently. The client bound is scaled down to seconds so a
 * run stays short; the code path is the production one, and the Keep-Alive row uses the
 * production default bound.
 */
export const measureIdle = async (rttMs: number, quick: boolean): Promise<IdleResult> => {
  const transport = (await import(pathToFileURL(resolve('lib/transport/create-fetch.js')).href)) as TransportModule;
  const { defaultIdleBoundMs } = (await import(pathToFileURL(resolve('lib/transport/idle-policy.js')).href)) as {
    defaultIdleBoundMs: number;
  };
  const gateway = await startGateway(rttMs);
  const sizes = { sends: quick ? 200 : 400, jitterMs: 20, laneGapMs: 40, timeoutMs: 3000, setupTimeoutMs: 10_000 };
  const clientBoundMs = 2000;
  try {
    const races = [
      await race(transport, gateway, { name: 'T below the client bound', closeIdleAfterMs: 1500, clientBoundMs }, sizes),
      await race(transport, gateway, { name: 'T above the client bound', closeIdleAfterMs: 2500, clientBoundMs }, sizes),
      await race(
        transport,
        gateway,
        { name: 'T announced (Keep-Alive), production default bound', closeIdleAfterMs: 2000, keepAlive: 'timeout=2', clientBoundMs: defaultIdleBoundMs },
        sizes
      ),
    ];
    const dropSizes = { sends: 5, timeoutMs: sizes.timeoutMs };
    const drops = [
      await silentDrop(transport, gateway, { name: 'pause below the client bound', pauseMs: 1000, clientBoundMs }, dropSizes),
      await silentDrop(transport, gateway, { name: 'pause above the client bound', pauseMs: 2500, clientBoundMs }, dropSizes),
    ];
    return { rttMs, jitterMs: sizes.jitterMs, productionBoundMs: defaultIdleBoundMs, races, drops };
  } finally {
    gateway.stop();
  }
};
