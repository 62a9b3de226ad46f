/**
 * Idle pooled connections are retired by the client before the server closes them. A request
 * written just as the server gives up on an idle connection is lost without telling whether it
 * was processed ("may or may not have been sent"), and may never be retried.
 *
 * No timed assertions: the servers here never close on their own unless the test says so, and
 * the bounds are small so that the tests wait for events, not for the production figures.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

import { afterEach, describe, expect, it } from 'vitest';

import { createAgents } from '../src/transport/agents.js';
import { attemptRequest } from '../src/transport/attempt.js';
import { defaultIdleBoundMs, idleBoundFor, keepAliveHintMarginMs } from '../src/transport/idle-policy.js';
import { createTransportFetch, type TransportFetch } from '../src/transport/index.js';

import { closed } from './helpers/transport-server.js';

type GatewayOptions = {
  /** The server gives up on a connection idle this long; a request arriving later is lost. */
  readonly idleTimeoutMs?: number;
  /** How much later its close reaches the client: the window in which requests are lost. */
  readonly closeDelayMs?: number;
  /** The Keep-Alive header it announces, if any. */
  readonly keepAlive?: string;
};

type Gateway = {
  readonly origin: string;
  readonly sockets: Socket[];
  /** Requests answered. */
  served: number;
  /** Requests that arrived on a connection the server had already given up. */
  lost: number;
  close: () => Promise<void>;
};

/**
 * A server that closes idle connections the way a gateway does, with the close travelling
 * `closeDelayMs` to the client; without `idleTimeoutMs` it never closes a connection itself.
 */
const startGateway = async (options: GatewayOptions = {}): Promise<Gateway> => {
  const lastAnswer = new WeakMap<Socket, number>();
  const closeTimers = new WeakMap<Socket, NodeJS.Timeout>();
  const server: Server = createServer((request, response) => {
    const { socket } = request;
    clearTimeout(closeTimers.get(socket));
    const answeredAt = lastAnswer.get(socket);
    if (
      options.idleTimeoutMs !== undefined &&
      answeredAt !== undefined &&
      performance.now() - answeredAt >= options.idleTimeoutMs
    ) {
      gateway.lost += 1;
      socket.destroy();
      return;
    }
    request.resume();
    request.on('end', () => {
      response.writeHead(200, {
        'content-type': 'application/json',
        ...(options.keepAlive ? { 'keep-alive': options.keepAlive } : {}),
      });
      response.end('{"Response":{"RequestId":"r-1","SendStatusSet":[]}}');
    });
    response.on('finish', () => {
      gateway.served += 1;
      lastAnswer.set(socket, performance.now());
      if (options.idleTimeoutMs !== undefined) {
        const timer = setTimeout(() => socket.destroy(), options.idleTimeoutMs + (options.closeDelayMs ?? 0));
        closeTimers.set(socket, timer);
      }
    });
  });
  // No idle timeout and no Keep-Alive header of Node's own.
  server.keepAliveTimeout = 0;
  const sockets: Socket[] = [];
  server.on('connection', (socket: Socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const gateway: Gateway = {
    origin: `http://127.0.0.1:${port}`,
    sockets,
    served: 0,
    lost: 0,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  gateways.push(gateway);
  return gateway;
};

const gateways: Gateway[] = [];

afterEach(async () => {
  await Promise.all(gateways.splice(0).map(async (gateway) => gateway.close()));
});

const post = async (fetchFn: TransportFetch, origin: string) => {
  const response = await fetchFn(`${origin}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  await response.text();
  return response.status;
};

/** Sends after each pause, counting the sends that failed (what a user would have seen). */
const sendAfterPauses = async (fetchFn: TransportFetch, origin: string, pausesMs: readonly number[]) => {
  const failures: unknown[] = [];
  await post(fetchFn, origin);
  for (const pause of pausesMs) {
    await sleep(pause);
    await post(fetchFn, origin).catch((error: unknown) => failures.push(error));
  }
  return failures;
};

describe('the idle bound of a pooled connection', () => {
  it.each([
    ['timeout=5', 5000 - keepAliveHintMarginMs],
    ['timeout=5, max=1000', 5000 - keepAliveHintMarginMs],
    ['max=1000, timeout=30', 30_000 - keepAliveHintMarginMs],
    ['Timeout=20', 20_000 - keepAliveHintMarginMs],
    ['timeout=1', 0],
    ['timeout=0', 0],
    ['timeout=600', defaultIdleBoundMs],
    ['max=5', defaultIdleBoundMs],
    ['timeout=soon', defaultIdleBoundMs],
    [undefined, defaultIdleBoundMs],
  ] as const)('is %s → %d ms', (header, expected) => {
    expect(idleBoundFor(header, defaultIdleBoundMs)).toBe(expected);
  });

  it('defaults to more than 30 s (a code every half minute stays warm) and less than the common 60 s', () => {
    expect(defaultIdleBoundMs).toBeGreaterThan(30_000);
    expect(defaultIdleBoundMs).toBeLessThan(60_000);
  });
});

describe('retiring idle connections', () => {
  it('closes a pooled connection before the Keep-Alive timeout the server announced', async () => {
    // The server itself never closes: a close can only come from the client.
    const gateway = await startGateway({ keepAlive: 'timeout=2' });
    const fetchFn = createTransportFetch();
    expect(await post(fetchFn, gateway.origin)).toBe(200);

    await closed(gateway.sockets[0]!);

    expect(await post(fetchFn, gateway.origin)).toBe(200);
    expect(gateway.sockets).toHaveLength(2);
  });

  it('does not pool a connection whose announced timeout leaves no margin', async () => {
    const gateway = await startGateway({ keepAlive: 'timeout=1' });
    const fetchFn = createTransportFetch();
    expect(await post(fetchFn, gateway.origin)).toBe(200);
    await closed(gateway.sockets[0]!);
    expect(await post(fetchFn, gateway.origin)).toBe(200);
    expect(gateway.sockets).toHaveLength(2);
  });

  it('closes a pooled connection after the default bound when the server announces nothing', async () => {
    const gateway = await startGateway();
    const fetchFn = createTransportFetch({ idleBoundMs: 200 });
    expect(await post(fetchFn, gateway.origin)).toBe(200);

    await closed(gateway.sockets[0]!);

    expect(gateway.served).toBe(1);
  });

  it('sends after the bound on a fresh connection, without error and exactly once', async () => {
    const gateway = await startGateway();
    const fetchFn = createTransportFetch({ idleBoundMs: 200 });
    expect(await post(fetchFn, gateway.origin)).toBe(200);
    await closed(gateway.sockets[0]!);

    expect(await post(fetchFn, gateway.origin)).toBe(200);

    expect(gateway.sockets).toHaveLength(2);
    expect(gateway.served).toBe(2);
  });

  it('keeps a connection that is reused within the bound', async () => {
    const gateway = await startGateway();
    const fetchFn = createTransportFetch({ idleBoundMs: 5000 });
    for (let index = 0; index < 3; index += 1) {
      expect(await post(fetchFn, gateway.origin)).toBe(200);
      await sleep(20);
    }
    expect(gateway.sockets).toHaveLength(1);
  });

  it('does not reuse a connection past its bound even when a busy event loop runs the close late', async () => {
    const gateway = await startGateway({ idleTimeoutMs: 150, closeDelayMs: 10_000 });
    const fetchFn = createTransportFetch({ idleBoundMs: 100 });
    expect(await post(fetchFn, gateway.origin)).toBe(200);

    // Block the event loop past both the client's bound and the server's timeout: no timer runs.
    const until = performance.now() + 200;
    while (performance.now() < until) {
      // busy
    }
    expect(await post(fetchFn, gateway.origin)).toBe(200);

    expect(gateway.lost).toBe(0);
    expect(gateway.sockets).toHaveLength(2);
  });
});

describe('a server closing idle connections at T', () => {
  const idleTimeoutMs = 300;
  const closeDelayMs = 120;
  // Sends timed around T, including inside the window where the close is still on its way.
  const pausesMs = [idleTimeoutMs - 30, idleTimeoutMs, idleTimeoutMs + 20, idleTimeoutMs + 60, idleTimeoutMs + 90];

  it('gives no user-visible error when the client bound is below T', async () => {
    const gateway = await startGateway({ idleTimeoutMs, closeDelayMs });
    const fetchFn = createTransportFetch({ idleBoundMs: idleTimeoutMs / 2 });

    const failures = await sendAfterPauses(fetchFn, gateway.origin, pausesMs);

    expect(failures).toEqual([]);
    expect(gateway.lost).toBe(0);
    expect(gateway.served).toBe(pausesMs.length + 1);
  });

  it('gives no user-visible error when the server announces T in a Keep-Alive header', async () => {
    const seconds = 2;
    const gateway = await startGateway({
      idleTimeoutMs: seconds * 1000,
      closeDelayMs,
      keepAlive: `timeout=${seconds}`,
    });
    const fetchFn = createTransportFetch();

    const failures = await sendAfterPauses(fetchFn, gateway.origin, [
      seconds * 1000 - 30,
      seconds * 1000 + 20,
      seconds * 1000 + 60,
    ]);

    expect(failures).toEqual([]);
    expect(gateway.lost).toBe(0);
  });
});

describe('a pooled connection that breaks right after the request was handed to it', () => {
  it('says the request may have been sent, even before Node reported the write finished', async () => {
    const gateway = await startGateway();
    const agents = createAgents();
    const parts = {
      url: new URL(`${gateway.origin}/`),
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: Buffer.from('{}'),
      signal: undefined,
      deadline: undefined,
    };
    await (await attemptRequest(parts, agents.http, 1024)).text();
    const pooled = Object.values(agents.http.freeSockets)[0]?.[0];
    expect(pooled).toBeDefined();
    // The connection resets the moment the request is handed to it: whether any byte left is
    // unknowable, so "could not reach" (which invites sending again) would be wrong.
    const write = pooled!.write.bind(pooled);
    pooled!.write = ((...args: Parameters<typeof write>) => {
      const result = write(...args);
      pooled!.destroy(Object.assign(new Error('reset'), { code: 'ECONNRESET' }));
      return result;
    }) as typeof write;

    await expect(attemptRequest(parts, agents.http, 1024)).rejects.toMatchObject({
      code: 'ERR_REQUEST_SENT',
      cause: { code: 'ECONNRESET' },
    });
  });
});
