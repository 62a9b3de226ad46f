/**
 * A loopback stand-in for Tencent's SendSms endpoint, for the install test: records each request
 * and answers with the next queued body. Deliberately tiny and independent of `src/`, so the
 * installed copy is exercised against something it does not share code with.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

import { okBodyFor } from './sendsms-bodies.js';

export type RecordedRequest = {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
};

export type FakeTencent = {
  /** `http://127.0.0.1:<port>`: the `endpoint` config value that reaches this server. */
  endpoint: string;
  requests: RecordedRequest[];
  /** Queues the JSON body of the next answer (HTTP 200, as Tencent answers even on errors). */
  answerNext: (body: unknown) => void;
  close: () => Promise<void>;
};

export const successBody = (phoneNumber: string, requestId: string) =>
  okBodyFor([phoneNumber], requestId);

export const errorBody = (code: string, message: string, requestId: string) => ({
  Response: { Error: { Code: code, Message: message }, RequestId: requestId },
});

export const startFakeTencent = async (): Promise<FakeTencent> => {
  const requests: RecordedRequest[] = [];
  const answers: unknown[] = [];

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const answer = answers.shift() ?? errorBody('InternalError', 'no answer queued', 'none');
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(answer));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    answerNext: (body) => {
      answers.push(body);
    },
    close: async () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
