import { request as httpRequest, type Agent } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

import ky, { TimeoutError } from 'ky';
import { afterEach, describe, expect, it } from 'vitest';

import { createAgents, dropIdleSockets } from '../src/transport/agents.js';
import {
  createTransportFetch,
  ResponseTooLargeError,
} from '../src/transport/index.js';

import { closed, startServer, type TestServer } from './helpers/transport-server.js';

const servers: TestServer[] = [];
const serve = async (...args: Parameters<typeof startServer>) => {
  const server = await startServer(...args);
  servers.push(server);
  return server;
};

afterEach(async () => {
  await Promise.all(servers.splice(0).map(async (server) => server.close()));
});

const post = (fetchFn: typeof fetch, origin: string, init: RequestInit = {}) =>
  fetchFn(
    new Request(`${origin}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-tc-action': 'SendSms' },
      body: '{"a":1}',
      ...init,
    })
  );

describe('transportFetch: request and response', () => {
  it('sends exactly the given headers and body, and returns a real Response', async () => {
    const server = await serve();
    const fetchFn = createTransportFetch();
    const response = await post(fetchFn, server.origin);

    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ Response: { RequestId: 'r-1', SendStatusSet: [] } });

    const [{ request, body }] = server.requests as [TestServer['requests'][number]];
    expect(request.method).toBe('POST');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers.host).toBe(`127.0.0.1:${server.port}`);
    expect(request.headers['x-tc-action']).toBe('SendSms');
    expect(request.headers['content-length']).toBe('7');
    expect(body.toString()).toBe('{"a":1}');
    // Nothing the caller did not ask for, beyond HTTP framing.
    expect(Object.keys(request.headers).sort()).toEqual([
      'connection',
      'content-length',
      'content-type',
      'host',
      'x-tc-action',
    ]);
  });

  it('keeps a host header it is given (the signed one)', async () => {
    const server = await serve();
    const fetchFn = createTransportFetch();
    await post(fetchFn, server.origin, {
      headers: { 'content-type': 'application/json', host: 'sms.tencentcloudapi.com' },
    });
    expect(server.requests[0]?.request.headers.host).toBe('sms.tencentcloudapi.com');
  });

  it('accepts a URL string with init, as fetch does', async () => {
    const server = await serve();
    const fetchFn = createTransportFetch();
    const response = await fetchFn(`${server.origin}/path?q=1`, {
      method: 'post',
      headers: { 'Content-Type': 'text/plain', 'X-TC-Region': ' ap-guangzhou ' },
      body: new TextEncoder().encode('bytes'),
    });
    expect(response.status).toBe(200);
    expect(server.requests[0]?.request.headers['content-type']).toBe('text/plain');
    expect(server.requests[0]?.request.headers['x-tc-region']).toBe('ap-guangzhou');
    expect(server.requests[0]?.request.url).toBe('/path?q=1');
    expect(server.requests[0]?.body.toString()).toBe('bytes');
  });

  it('passes error statuses through as responses', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(502, { 'content-type': 'text/html' });
      response.end('<html>bad gateway</html>');
    });
    const response = await post(createTransportFetch(), server.origin);
    expect(response.status).toBe(502);
    expect(await response.text()).toBe('<html>bad gateway</html>');
  });

  it('works as the fetch of ky', async () => {
    const server = await serve();
    const body = await ky
      .post(`${server.origin}/`, {
        fetch: createTransportFetch(),
        body: '{}',
        headers: { 'content-type': 'application/json' },
        retry: 0,
      })
      .json();
    expect(body).toEqual({ Response: { RequestId: 'r-1', SendStatusSet: [] } });
    expect(server.requests[0]?.request.headers['content-type']).toBe('application/json');
  });
});

describe('transportFetch: connection reuse', () => {
  it('reuses one connection for consecutive sends', async () => {
    const server = await serve();
    const fetchFn = createTransportFetch();
    for (let index = 0; index < 5; index += 1) {
      expect((await post(fetchFn, server.origin)).status).toBe(200);
    }
    expect(server.requests).toHaveLength(5);
    expect(server.sockets).toHaveLength(1);
  });

  it('never holds more connections than sends in flight', async () => {
    const server = await serve();
    const fetchFn = createTransportFetch();
    const lane = async () => {
      for (let index = 0; index < 10; index += 1) {
        await (await post(fetchFn, server.origin)).text();
      }
    };
    await Promise.all(Array.from({ length: 8 }, lane));
    expect(server.requests).toHaveLength(80);
    expect(server.sockets.length).toBeLessThanOrEqual(8);
  });

  it('still reuses the connection after an idle time at which fetch would have dropped it', async () => {
    const server = await serve();
    const fetchFn = createTransportFetch();
    await post(fetchFn, server.origin);
    // Node's global agent and undici close idle sockets after 4–5 s.
    await sleep(5_500);
    await post(fetchFn, server.origin);
    expect(server.sockets).toHaveLength(1);
    expect(server.requests).toHaveLength(2);
  });

  it('sends once more on a fresh connection when the pooled one was closed by the server', async () => {
    const server = await serve();
    const fetchFn = createTransportFetch();
    await post(fetchFn, server.origin);
    // The server closes the idle connection; the client has not processed the close yet when it
    // picks the pooled socket in the same tick.
    server.sockets[0]!.destroy();
    const response = await post(fetchFn, server.origin);
    expect(response.status).toBe(200);
    expect(server.sockets).toHaveLength(2);
    // The closed socket never carried the second request: exactly one SendSms per send.
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]?.socket).toBe(server.sockets[1]);
  });

  it('after a closed pooled socket, keeps the warm connections to other origins', async () => {
    const first = await serve();
    const second = await serve();
    const fetchFn = createTransportFetch();
    await post(fetchFn, first.origin);
    await post(fetchFn, second.origin);
    first.sockets[0]!.destroy();
    expect((await post(fetchFn, first.origin)).status).toBe(200);
    expect((await post(fetchFn, second.origin)).status).toBe(200);
    expect(first.sockets).toHaveLength(2);
    expect(second.sockets).toHaveLength(1);
  });

  it('never sends again once request bytes were written, even on a reused socket', async () => {
    const server = await serve((request, response, _body, index) => {
      if (index === 1) {
        // Received the request, then the connection dies: it may have been processed.
        request.socket.destroy();
        return;
      }
      response.end('{}');
    });
    const fetchFn = createTransportFetch();
    await post(fetchFn, server.origin);
    await expect(post(fetchFn, server.origin)).rejects.toMatchObject({
      code: 'ERR_REQUEST_SENT',
      cause: { code: 'ECONNRESET' },
    });
    await sleep(50);
    expect(server.requests).toHaveLength(2);
  });

  it('does not retry a failure on a fresh connection', async () => {
    const server = await serve((request) => request.socket.destroy());
    await expect(post(createTransportFetch(), server.origin)).rejects.toMatchObject({
      code: 'ERR_REQUEST_SENT',
      cause: { code: 'ECONNRESET' },
    });
    await sleep(50);
    expect(server.requests).toHaveLength(1);
    expect(server.sockets).toHaveLength(1);
  });

  it('does not retry a refused connection', async () => {
    const server = await serve();
    const { origin } = server;
    await server.close();
    await expect(post(createTransportFetch(), origin)).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
  });
});

describe('dropping the idle sockets of one origin', () => {
  /** The pool name Node itself picks for a request to `url`, read off a real request. */
  const poolNameFor = async (agent: Agent, url: URL, send: typeof httpRequest) => {
    const original = agent.getName.bind(agent);
    let name: string | undefined;
    agent.getName = (options) => (name = original(options));
    const request = send(url, { agent, method: 'POST' });
    // Nothing listens on the default ports here; only the name matters.
    await new Promise((resolve) => {
      request.on('error', resolve);
      request.end();
    });
    request.destroy();
    agent.getName = original;
    return name!;
  };

  const fakeIdleSocket = () => {
    let destroyed = false;
    const socket = { destroy: () => (destroyed = true) } as unknown as Socket;
    return { socket, destroyed: () => destroyed };
  };

  it.each([
    ['https://127.0.0.1/', 'https'],
    ['http://127.0.0.1/', 'http'],
    ['https://127.0.0.1:8443/', 'https'],
  ] as const)('finds the pool of %s under the name Node gave it', async (href, scheme) => {
    const agents = createAgents();
    const agent = agents[scheme];
    const url = new URL(href);
    const name = await poolNameFor(agent, url, scheme === 'https' ? httpsRequest : httpRequest);
    const idle = fakeIdleSocket();
    const otherPort = fakeIdleSocket();
    const pools = agent.freeSockets as Record<string, Socket[]>;
    pools[name] = [idle.socket];
    pools[name.replace(/^127\.0\.0\.1:\d+:/, '127.0.0.1:9:')] = [otherPort.socket];

    dropIdleSockets(agent, url);

    expect(idle.destroyed()).toBe(true);
    expect(otherPort.destroyed()).toBe(false);
  });
});

describe('transportFetch: abort and limits', () => {
  it('rejects promptly on abort and closes the connection', async () => {
    const server = await serve(() => {
      // Never answers.
    });
    const controller = new AbortController();
    const pending = post(createTransportFetch(), server.origin, { signal: controller.signal });
    await sleep(100);
    const started = Date.now();
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(1_000);
    await closed(server.sockets[0]!);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const server = await serve();
    const signal = AbortSignal.abort();
    await expect(post(createTransportFetch(), server.origin, { signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(server.sockets).toHaveLength(0);
  });

  it('ends the connection when ky times out', async () => {
    const server = await serve(() => {
      // Never answers.
    });
    const pending = ky.post(`${server.origin}/`, {
      fetch: createTransportFetch(),
      body: '{}',
      timeout: 200,
      retry: 0,
    });
    await expect(pending).rejects.toBeInstanceOf(TimeoutError);
    await closed(server.sockets[0]!);
  });

  it('caps a streamed body and does not pool the socket', async () => {
    const server = await serve((_request, response, _body, index) => {
      if (index > 0) {
        response.end('{}');
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      for (let written = 0; written < 2 * 1024 * 1024; written += chunk.length) {
        response.write(chunk);
      }
      response.end();
    });
    const fetchFn = createTransportFetch({ maxResponseBytes: 1024 * 1024 });
    await expect(post(fetchFn, server.origin)).rejects.toBeInstanceOf(ResponseTooLargeError);
    await closed(server.sockets[0]!);
    expect((await post(fetchFn, server.origin)).status).toBe(200);
    expect(server.sockets).toHaveLength(2);
  });

  it('refuses an announced length over the cap without reading it', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'content-length': String(2 * 1024 * 1024) });
      response.write('x');
    });
    const fetchFn = createTransportFetch({ maxResponseBytes: 1024 * 1024 });
    await expect(post(fetchFn, server.origin)).rejects.toMatchObject({
      code: 'ERR_RESPONSE_TOO_LARGE',
    });
  });
});

describe('transportFetch: the Response it returns', () => {
  it('reads the same through text(), json(), arrayBuffer(), body and clone()', async () => {
    const server = await serve();
    const fetchFn = createTransportFetch();
    const expected = '{"Response":{"RequestId":"r-1","SendStatusSet":[]}}';

    const viaText = await post(fetchFn, server.origin);
    expect(viaText.bodyUsed).toBe(false);
    expect(viaText.url).toBe(`${server.origin}/`);
    const copy = viaText.clone();
    expect(await viaText.text()).toBe(expected);
    expect(viaText.bodyUsed).toBe(true);
    await expect(viaText.text()).rejects.toBeInstanceOf(TypeError);
    expect(await copy.json()).toEqual(JSON.parse(expected));

    const viaBytes = await post(fetchFn, server.origin);
    expect(Buffer.from(await viaBytes.arrayBuffer()).toString()).toBe(expected);

    const viaStream = await post(fetchFn, server.origin);
    const reader = viaStream.body!.getReader();
    const chunks: Uint8Array[] = [];
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      chunks.push(next.value);
    }
    expect(Buffer.concat(chunks).toString()).toBe(expected);
    expect(viaStream.bodyUsed).toBe(true);
  });

  it('has no body for 204', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(204);
      response.end();
    });
    const response = await post(createTransportFetch(), server.origin);
    expect(response.status).toBe(204);
    expect(response.body).toBeNull();
    expect(await response.text()).toBe('');
  });
});

describe('transportFetch: bodyBytes', () => {
  it('sends the bytes handed through ky beside a Request without a body', async () => {
    const server = await serve();
    const bodyBytes = new TextEncoder().encode('{"b":2}');
    const response = await ky.post(`${server.origin}/`, {
      fetch: createTransportFetch(),
      headers: { 'content-type': 'application/json' },
      bodyBytes,
      retry: 0,
      timeout: false,
      throwHttpErrors: false,
    } as Parameters<typeof ky.post>[1]);
    expect(response.status).toBe(200);
    const [{ request, body }] = server.requests as [TestServer['requests'][number]];
    expect(body.toString()).toBe('{"b":2}');
    expect(request.headers['content-length']).toBe('7');
    expect(Object.keys(request.headers).sort()).toEqual([
      'connection',
      'content-length',
      'content-type',
      'host',
    ]);
  });

  it('sends only the viewed bytes of a larger buffer', async () => {
    const server = await serve();
    const whole = new TextEncoder().encode('xx{"c":3}yy');
    await createTransportFetch()(`${server.origin}/`, {
      method: 'POST',
      bodyBytes: whole.subarray(2, 9),
    });
    expect(server.requests[0]?.body.toString()).toBe('{"c":3}');
  });

  it('refuses bodyBytes next to another body, sending nothing', async () => {
    const server = await serve();
    const fetchFn = createTransportFetch();
    const bodyBytes = new TextEncoder().encode('{}');
    await expect(
      fetchFn(`${server.origin}/`, { method: 'POST', body: '{}', bodyBytes })
    ).rejects.toBeInstanceOf(TypeError);
    const withBody = new Request(`${server.origin}/`, { method: 'POST', body: '{}' });
    await expect(fetchFn(withBody, { bodyBytes })).rejects.toBeInstanceOf(TypeError);
    expect(server.requests).toHaveLength(0);
  });
});

describe('transportFetch: timeoutMs', () => {
  it('is the deadline when ky passes it through with its own timeout off', async () => {
    const server = await serve(() => {
      // Never answers.
    });
    const started = Date.now();
    await expect(
      ky.post(`${server.origin}/`, {
        fetch: createTransportFetch(),
        bodyBytes: new TextEncoder().encode('{}'),
        timeout: false,
        timeoutMs: 150,
        retry: 0,
      } as Parameters<typeof ky.post>[1])
    ).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(Date.now() - started).toBeLessThan(2_000);
    await closed(server.sockets[0]!);
  });

  it('ends the exchange at the deadline with a TimeoutError and closes the connection', async () => {
    const server = await serve(() => {
      // Never answers.
    });
    const fetchFn = createTransportFetch();
    const started = Date.now();
    await expect(
      fetchFn(`${server.origin}/`, { method: 'POST', body: '{}', timeoutMs: 150 })
    ).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(Date.now() - started).toBeLessThan(2_000);
    await closed(server.sockets[0]!);
  });

  it('covers a body that trickles past the deadline', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{');
      // The rest never comes.
    });
    await expect(
      createTransportFetch()(`${server.origin}/`, { method: 'POST', body: '{}', timeoutMs: 150 })
    ).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it('does not fire after a response in time', async () => {
    const server = await serve();
    const fetchFn = createTransportFetch();
    const response = await fetchFn(`${server.origin}/`, { method: 'POST', body: '{}', timeoutMs: 100 });
    expect(response.status).toBe(200);
    await sleep(200);
    expect(await response.text()).toContain('RequestId');
  });
});
