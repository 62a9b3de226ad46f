import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';

import { serverKeepAliveMs } from '../host.js';

import { startDelayProxy } from './delay-proxy.js';
import { phoneOf, sendSmsReply } from './sendsms-reply.js';

/** What the stand-in process reports to the bench once it listens. */
export type StandInPorts = { readonly direct: number; readonly delayed: number | undefined };

/** Requests answered and TLS connections accepted so far, so the bench can tell reuse apart. */
export type StandInCounts = { readonly served: number; readonly connections: number };

/**
 * Child process: the HTTPS stand-in for sms.tencentcloudapi.com, in its own process so that the
 * client CPU the bench measures never includes the server's. Answers every POST with a SendSms
 * success for the number asked; does not check signatures (the unit tests do), since the bench
 * measures clients. Certificate and key come from the environment; the optional delay proxy in
 * front of it makes round trips real.
 */
const main = async () => {
  const rttMs = Number(process.env.BENCH_RTT_MS ?? '0');
  let served = 0;
  let connections = 0;
  const server = createServer(
    { key: process.env.BENCH_TLS_KEY, cert: process.env.BENCH_TLS_CERT, keepAlive: true },
    (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        served += 1;
        const body = sendSmsReply(served, phoneOf(Buffer.concat(chunks).toString('utf8')));
        const authorized = typeof request.headers.authorization === 'string';
        response.writeHead(authorized ? 200 : 401, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        });
        response.end(body);
      });
    }
  );
  server.on('secureConnection', () => {
    connections += 1;
  });
  server.keepAliveTimeout = serverKeepAliveMs;
  server.headersTimeout = serverKeepAliveMs + 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const direct = (server.address() as AddressInfo).port;
  const proxy = rttMs > 0 ? await startDelayProxy(direct, rttMs) : undefined;
  const ports: StandInPorts = {
    direct,
    delayed: proxy ? (proxy.address() as AddressInfo).port : undefined,
  };
  process.send?.({ ports });
  process.on('message', (message: unknown) => {
    if (message === 'counts') {
      const counts: StandInCounts = { served, connections };
      process.send?.({ counts });
    }
  });
  // The parent ends this process; a lost parent ends it too.
  process.on('disconnect', () => process.exit(0));
};

void main();
