import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTransportFetch } from '../src/transport/index.js';

/** A throw-away self-signed certificate for 127.0.0.1, or undefined without openssl. */
const makeCertificate = (): { key: string; cert: string } | undefined => {
  const dir = mkdtempSync(join(tmpdir(), 'transport-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
        '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1',
        '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'ignore' }
    );
    return {
      key: readFileSync(join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
    };
  } catch {
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

const certificate = makeCertificate();
const sockets: Socket[] = [];
let requests = 0;
let server: Server;
let origin = '';
const previousRejectUnauthorized = process.env.NODE_TLS_REJECT_UNAUTHORIZED;

beforeAll(async () => {
  if (!certificate) {
    return;
  }
  // The transport's agent trusts the system roots only; this file's process (vitest forks one
  // per file) accepts the throw-away certificate instead.
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
  server = createServer({ ...certificate, keepAlive: true }, (request, response) => {
    request.resume();
    request.on('end', () => {
      requests += 1;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ host: request.headers.host }));
    });
  });
  server.keepAliveTimeout = 60_000;
  server.on('secureConnection', (socket: Socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  if (previousRejectUnauthorized === undefined) {
    delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
  } else {
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = previousRejectUnauthorized;
  }
  if (server) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

const post = (fetchFn: ReturnType<typeof createTransportFetch>) =>
  fetchFn(`${origin}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });

describe.skipIf(!certificate)('transportFetch over TLS', () => {
  it('keeps one TLS connection across sends and sends host with the port', async () => {
    const fetchFn = createTransportFetch();
    const before = sockets.length;
    const first = await post(fetchFn);
    expect(await first.json()).toEqual({ host: origin.slice('https://'.length) });
    await (await post(fetchFn)).text();
    expect(sockets.length - before).toBe(1);
  });

  it('sends once more on a fresh TLS connection when the server closed the pooled one', async () => {
    const fetchFn = createTransportFetch();
    await (await post(fetchFn)).text();
    const before = { sockets: sockets.length, requests };
    sockets.at(-1)!.destroy();
    const response = await post(fetchFn);
    expect(response.status).toBe(200);
    expect(sockets.length - before.sockets).toBe(1);
    expect(requests - before.requests).toBe(1);
  });
});
