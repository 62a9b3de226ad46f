/**
 * The first send opens its connection while its code loads: `preconnect` starts a request that
 * connects (TCP, TLS) and writes nothing; the send that follows completes that very request.
 */
import http, { Agent } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

import { afterEach, describe, expect, it } from 'vitest';

import { createTransportFetch } from '../src/transport/index.js';
import { createPreopenedRequests } from '../src/transport/preopened.js';

import { legacyConfig } from './helpers/config.js';
import { send } from './helpers/connector.js';
import { startServer, type TestServer } from './helpers/transport-server.js';

const servers: TestServer[] = [];
const serve = async (...args: Parameters<typeof startServer>) => {
  const server = await startServer(...args);
  servers.push(server);
  return server;
};

afterEach(async () => {
  await Promise.all(servers.splice(0).map(async (server) => server.close()));
});

/** Waits, a few ms at a time, until `condition` holds (bounded so a failure cannot hang). */
const until = async (condition: () => boolean) => {
  for (let waited = 0; !condition() && waited < 5000; waited += 5) {
    await sleep(5);
  }
  expect(condition()).toBe(true);
};

const post = (fetchFn: ReturnType<typeof createTransportFetch>, origin: string) =>
  fetchFn(`${origin}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-tc-action': 'SendSms' },
    body: '{"a":1}',
  });

describe('preconnect', () => {
  it('connects without sending, and the next send uses that connection with exactly its headers', async () => {
    const server = await serve();
    const fetchFn = createTransportFetch();

    fetchFn.preconnect(`${server.origin}/`);
    await until(() => server.sockets.length === 1);
    await sleep(50);
    expect(server.requests).toHaveLength(0);

    const response = await post(fetchFn, server.origin);

    expect(response.status).toBe(200);
    expect(server.sockets).toHaveLength(1);
    expect(server.requests).toHaveLength(1);
    const [{ request, body, socket }] = server.requests as [TestServer['requests'][number]];
    expect(socket).toBe(server.sockets[0]);
    expect(body.toString()).toBe('{"a":1}');
    expect(request.headers.host).toBe(`127.0.0.1:${server.port}`);
    expect(Object.keys(request.headers).sort()).toEqual([
      'connection',
      'content-length',
      'content-type',
      'host',
      'x-tc-action',
    ]);
  });

  it('pools the connection afterwards like any other', async () => {
    const server = await serve();
    const fetchFn = createTransportFetch();
    fetchFn.preconnect(`${server.origin}/`);
    for (let index = 0; index < 3; index += 1) {
      expect((await post(fetchFn, server.origin)).status).toBe(200);
    }
    expect(server.sockets).toHaveLength(1);
    expect(server.requests).toHaveLength(3);
  });

  it('opens one connection however often it is called before the send', async () => {
    const server = await serve();
    const fetchFn = createTransportFetch();
    fetchFn.preconnect(`${server.origin}/`);
    fetchFn.preconnect(`${server.origin}/`);
    expect((await post(fetchFn, server.origin)).status).toBe(200);
    expect(server.sockets).toHaveLength(1);
  });

  it('leaves a failed connection for the send to report as its own error', async () => {
    const server = await serve();
    const { origin } = server;
    await server.close();
    const fetchFn = createTransportFetch();

    fetchFn.preconnect(`${origin}/`);
    await sleep(50);

    await expect(post(fetchFn, origin)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('is not used by a send to another URL', async () => {
    const first = await serve();
    const second = await serve();
    const fetchFn = createTransportFetch();
    fetchFn.preconnect(`${first.origin}/`);
    expect((await post(fetchFn, second.origin)).status).toBe(200);
    expect(second.requests).toHaveLength(1);
    expect(first.requests).toHaveLength(0);
  });
});

describe('an opened request and instrumentation', () => {
  it('is not used once `http.request` was patched after it was opened: the send goes through the patch', async () => {
    const server = await serve();
    const fetchFn = createTransportFetch();
    fetchFn.preconnect(`${server.origin}/`);
    await until(() => server.sockets.length === 1);

    // nock or a tracer activated between the first (refused) send and the next one.
    const original = http.request;
    const seen: string[] = [];
    http.request = ((...args: Parameters<typeof http.request>) => {
      seen.push('patched');
      return original(...args);
    }) as typeof http.request;
    try {
      const response = await post(fetchFn, server.origin);
      expect(response.status).toBe(200);
    } finally {
      http.request = original;
    }
    expect(seen).toEqual(['patched']);
    expect(server.requests).toHaveLength(1);
  });
});

describe('an opened request nobody takes', () => {
  it('is closed when its time is up without an error escaping to the process', async () => {
    const server = await serve();
    const uncaught: unknown[] = [];
    const record = (error: unknown) => uncaught.push(error);
    process.prependListener('uncaughtException', record);
    try {
      // A first send that stopped early (a bad number, the abuse guard) leaves its request unused.
      const preopened = createPreopenedRequests(50);
      const url = new URL(`${server.origin}/`);
      preopened.open('POST', url, new Agent({ keepAlive: true }));
      await until(() => server.sockets.length === 1);
      await until(() => server.sockets[0]!.destroyed);
      // Node reports the hang-up of a request without an answer on the next ticks.
      await sleep(20);
      expect(uncaught).toEqual([]);
      expect(server.requests).toHaveLength(0);
      expect(preopened.take('POST', url)).toBeUndefined();
    } finally {
      process.removeListener('uncaughtException', record);
    }
  });
});

describe('the first send of the connector', () => {
  it('opens its connection before the request is built; a send that stops early writes nothing', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          Response: {
            RequestId: 'req-preconnect',
            SendStatusSet: [{ SerialNo: '1', PhoneNumber: '+8613012345678', Fee: 1, SessionContext: '', Code: 'Ok', Message: 'send success', IsoCode: 'CN' }],
          },
        })
      );
    });
    const config = { ...legacyConfig(), advanced: true, endpoint: server.origin };

    // The number is refused after the connection was started: nothing goes out.
    await expect(send(config, { to: 'not a number' })).rejects.toMatchObject({
      code: 'invalid_request_parameters',
    });
    await until(() => server.sockets.length === 1);
    expect(server.requests).toHaveLength(0);

    // The next send finds that connection waiting and sends over it.
    expect(JSON.stringify(await send(config))).toContain('req-preconnect');
    expect(server.sockets).toHaveLength(1);
    expect(server.requests).toHaveLength(1);
  });
});
