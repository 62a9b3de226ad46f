import { createServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

import { startDelayProxy } from './delay-proxy.js';
import { phoneOf, sendSmsReply } from './sendsms-reply.js';

/** How the gateway treats idle connections; changed between runs over IPC. */
export type GatewayMode = {
  /** Close a connection this long after its last answer; never when absent. */
  readonly closeIdleAfterMs?: number;
  /** The Keep-Alive header sent with each answer, if any (`timeout=N`). */
  readonly keepAlive?: string;
};

/** What the parent can ask, and what each question is answered with. */
export type GatewayRequest =
  | { readonly id: number; readonly mode: GatewayMode }
  | { readonly id: number; readonly drop: true };
export type GatewayReply = { readonly id: number; readonly dropped?: number };

/**
 * Child process: a SendSms stand-in that closes idle connections like a gateway or load balancer
 * (after a set time, with or without announcing it), behind the delay proxy so that a close takes
 * half a round trip to reach the client, as on a real network. On request, the proxy makes every
 * open connection go silent without closing it (a flow dropped by a NAT or firewall). Runs apart
 * from the client so that neither one's event loop delays the other's timers.
 */
const main = async () => {
  const rttMs = Number(process.env.BENCH_RTT_MS ?? '40');
  let mode: GatewayMode = {};
  let served = 0;
  const closeTimers = new WeakMap<Socket, NodeJS.Timeout>();
  const server = createServer(
    { key: process.env.BENCH_TLS_KEY, cert: process.env.BENCH_TLS_CERT, keepAlive: true },
    (request, response) => {
      const socket = request.socket;
      clearTimeout(closeTimers.get(socket));
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        served += 1;
        const body = sendSmsReply(served, phoneOf(Buffer.concat(chunks).toString('utf8')));
        response.writeHead(200, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...(mode.keepAlive ? { 'keep-alive': mode.keepAlive } : {}),
        });
        response.end(body);
      });
      response.on('finish', () => {
        if (mode.closeIdleAfterMs !== undefined) {
          closeTimers.set(socket, setTimeout(() => socket.destroy(), mode.closeIdleAfterMs));
        }
      });
    }
  );
  // Idle closes are this process's own timers; Node's would also announce a Keep-Alive header.
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const proxy = await startDelayProxy((server.address() as AddressInfo).port, rttMs);
  process.send?.({ port: (proxy.address() as AddressInfo).port });
  process.on('message', (message: GatewayRequest) => {
    if ('mode' in message) {
      mode = message.mode;
      process.send?.({ id: message.id } satisfies GatewayReply);
    } else {
      process.send?.({ id: message.id, dropped: proxy.dropOpenConnections() } satisfies GatewayReply);
    }
  });
  process.on('disconnect', () => process.exit(0));
};

void main();
