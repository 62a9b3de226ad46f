import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What a handler sees: the request, its body, and the index of the request on the server. */
export type Handler = (
  request: IncomingMessage,
  response: ServerResponse,
  body: Buffer,
  index: number
) => void;

export type TestServer = {
  readonly origin: string;
  readonly port: number;
  /** Server-side sockets in the order they were accepted. */
  readonly sockets: Socket[];
  /** Every request that reached the handler, with its body. */
  readonly requests: Array<{ request: IncomingMessage; body: Buffer; socket: Socket }>;
  handle: Handler;
  close: () => Promise<void>;
};

/** Answers 200 with a small JSON body, like SendSms does. */
export const okHandler: Handler = (_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end('{"Response":{"RequestId":"r-1","SendStatusSet":[]}}');
};

/**
 * A loopback HTTP server that keeps idle connections for 60 s, like the Tencent gateway, and
 * records connections and requests so tests can count them.
 */
export const startServer = async (handle: Handler = okHandler): Promise<TestServer> => {
  const sockets: Socket[] = [];
  const requests: TestServer['requests'] = [];
  const state = { handle };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      requests.push({ request, body, socket: request.socket });
      state.handle(request, response, body, requests.length - 1);
    });
  });
  server.keepAliveTimeout = 60_000;
  server.on('connection', (socket: Socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    sockets,
    requests,
    get handle() {
      return state.handle;
    },
    set handle(next: Handler) {
      state.handle = next;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};

/** Resolves once the server-side socket has closed. */
export const closed = (socket: Socket): Promise<void> =>
  socket.destroyed ? Promise.resolve() : new Promise((resolve) => socket.once('close', () => resolve()));
