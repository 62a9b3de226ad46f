import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type RawCapture = { headers: IncomingHttpHeaders; body: Buffer; rawHeaderNames: string[] };

/**
 * A loopback HTTP server that records each request's exact bytes and answers with `reply`.
 * nock hands tests a re-serialised body; byte-exact signing checks need the real wire.
 */
export const startCaptureServer = async (reply: (capture: RawCapture) => { status: number; body: string }) => {
  const captures: RawCapture[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const capture = {
        headers: request.headers,
        body: Buffer.concat(chunks),
        rawHeaderNames: request.rawHeaders.filter((_, index) => index % 2 === 0),
      };
      captures.push(capture);
      const { status, body } = reply(capture);
      response.writeHead(status, { 'content-type': 'application/json' }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    captures,
    origin: `http://127.0.0.1:${port}`,
    close: async () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
