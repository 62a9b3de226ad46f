import type { Socket } from 'node:net';

/**
 * How long a pooled connection may stay idle when the server announced nothing. Below the idle
 * timeouts of the proxies that usually front HTTPS APIs: 60 s by default on AWS, Huawei Cloud and
 * UCloud load balancers, 75 s on Tencent Cloud CLB's layer-7 listeners and in nginx. Tencent does
 * not document the timeout of the gateway behind `*.tencentcloudapi.com`, so the bound stays well
 * under all of them; it is above 30 s so that a Logto sending a code every half minute still finds
 * a warm connection.
 */
export const defaultIdleBoundMs = 50_000;

/**
 * How much earlier than a server's announced `Keep-Alive: timeout=N` a connection is retired.
 * It covers the request's trip to the server: a request must arrive before the server's own
 * timer fires, not merely leave before it.
 */
export const keepAliveHintMarginMs = 1000;

/**
 * Idle time after which the OS starts TCP keep-alive probes on a pooled connection. Node has
 * libuv send them a second apart and give up after ten unanswered ones (checked on Node 20.20 and
 * 22), so the probes keep a NAT or firewall from forgetting the connection while it waits, and a
 * path that died silently is noticed within about ten seconds and leaves the pool with an error,
 * instead of swallowing the next request until its deadline.
 */
export const tcpKeepAliveDelayMs = 10_000;

const hintPattern = /(?:^|[\s,;])timeout\s*=\s*(\d+)/i;

/**
 * The idle bound of a connection whose last answer carried `keepAlive` (the raw Keep-Alive
 * header): the announced timeout minus the margin, never longer than `defaultBoundMs`. Zero
 * means the connection must not be reused at all.
 */
export const idleBoundFor = (keepAlive: string | undefined, defaultBoundMs: number): number => {
  const seconds = keepAlive === undefined ? undefined : hintPattern.exec(keepAlive)?.[1];
  if (seconds === undefined) {
    return defaultBoundMs;
  }
  return Math.max(0, Math.min(defaultBoundMs, Number(seconds) * 1000 - keepAliveHintMarginMs));
};

type IdleState = { hint?: string; since?: number; boundMs?: number };

const idleStates = new WeakMap<Socket, IdleState>();

const stateOf = (socket: Socket): IdleState => {
  let state = idleStates.get(socket);
  if (!state) {
    state = {};
    idleStates.set(socket, state);
  }
  return state;
};

/** Remembers the Keep-Alive header of the answer just read on `socket`, for when it goes idle. */
export const noteKeepAliveHint = (socket: Socket, keepAlive: string | undefined): void => {
  stateOf(socket).hint = keepAlive;
};

/**
 * Starts the idle period of a socket going back to the pool and returns its bound in ms
 * (0: do not pool it). The socket's own timeout fires at the bound; `isPastIdleBound` covers the
 * case where a busy event loop runs that timer late.
 */
export const startIdle = (socket: Socket, defaultBoundMs: number): number => {
  const state = stateOf(socket);
  const boundMs = idleBoundFor(state.hint, defaultBoundMs);
  state.hint = undefined;
  state.since = performance.now();
  state.boundMs = boundMs;
  return boundMs;
};

/** Has this pooled socket been idle for its whole bound? Then the server may be closing it. */
export const isPastIdleBound = (socket: Socket): boolean => {
  const state = idleStates.get(socket);
  return (
    state?.since !== undefined &&
    state.boundMs !== undefined &&
    performance.now() - state.since >= state.boundMs
  );
};

/** Ends the idle period of a socket that was taken from the pool for a request. */
export const endIdle = (socket: Socket): void => {
  const state = idleStates.get(socket);
  if (state) {
    state.since = undefined;
  }
};
