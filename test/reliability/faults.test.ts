import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';

import { ConnectorErrorCodes } from '@logto/connector-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  closedPort,
  connector,
  descriptionOf,
  expectConnectorError,
  message,
  okResponseFor,
  replyJson,
  startFaultServer,
  timed,
  validConfig,
  type FaultHandler,
  type FaultServer,
} from '../helpers/reliability.js';

/**
 * Fault injection over real loopback HTTP: the server misbehaves in every way a network, a proxy
 * or a broken gateway can, and each send must end — within the configured timeout — with a
 * ConnectorError whose description tells the admin what happened.
 */

const timeout = 1000;
/** Scheduling slack on a busy 2-core CI machine; the deadline itself is `timeout`. */
const slack = 1500;

let server: FaultServer;

beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(async () => {
  await server.close();
});

const send = async (handle: FaultHandler, to = '8613012345678') => {
  server.handle = handle;
  const { sendMessage } = await connector();
  return timed(sendMessage(message(to), validConfig(server.url, { timeout })));
};

/** Runs a failing send and checks the error, its description and the deadline. */
const expectFailure = async (handle: FaultHandler, code: ConnectorErrorCodes) => {
  const outcome = await send(handle);
  expect(outcome.ms).toBeLessThan(timeout + slack);
  expect(outcome.ok).toBe(false);
  const error = await expectConnectorError(
    Promise.reject(outcome.ok ? new Error('resolved') : outcome.error),
    code
  );
  const description = descriptionOf(error);
  expect(description.length).toBeGreaterThan(20);
  return description;
};

const html = (status: number) =>
  `<!DOCTYPE html><html><head><title>${status} Gateway</title></head><body><h1>${status} Gateway says no</h1><p>nginx</p></body></html>`;

const writeRaw = (response: ServerResponse, status: number, type: string, body: string) => {
  response.writeHead(status, { 'content-type': type });
  response.end(body);
};

describe('network faults', () => {
  it('connection refused ends at once with the reason and the host', async () => {
    const port = await closedPort();
    const { sendMessage } = await connector();
    const outcome = await timed(
      sendMessage(message('8613012345678'), validConfig(`http://127.0.0.1:${port}`, { timeout }))
    );
    expect(outcome.ms).toBeLessThan(timeout + slack);
    const error = await expectConnectorError(
      Promise.reject(outcome.ok ? new Error('resolved') : outcome.error),
      ConnectorErrorCodes.General
    );
    expect(descriptionOf(error)).toContain(`127.0.0.1:${port}`);
    expect(descriptionOf(error)).toContain('ECONNREFUSED');
  });

  it('a connection closed before any answer is a General error', async () => {
    const description = await expectFailure((request) => {
      request.socket.destroy();
    }, ConnectorErrorCodes.General);
    expect(description).toMatch(/127\.0\.0\.1/);
  });

  it('a reset in the middle of the body is a General error, not a parse of half a body', async () => {
    await expectFailure((request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '400' });
      response.write('{"Response":{"SendStatusSet":[{"PhoneNumber":"+8613012345678","Code":"Ok"');
      setTimeout(() => request.socket.resetAndDestroy(), 20);
    }, ConnectorErrorCodes.General);
  });

  it('a reset during a chunked body is a General error', async () => {
    await expectFailure((request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"Response":');
      setTimeout(() => request.socket.destroy(), 20);
    }, ConnectorErrorCodes.General);
  });

  it('a server that never answers: the send ends at the configured timeout', async () => {
    const outcome = await send(() => undefined);
    // It must wait for the deadline (not fail early) and not much past it.
    expect(outcome.ms).toBeGreaterThanOrEqual(timeout - 50);
    expect(outcome.ms).toBeLessThan(timeout + slack);
    const error = await expectConnectorError(
      Promise.reject(outcome.ok ? new Error('resolved') : outcome.error),
      ConnectorErrorCodes.General
    );
    expect(descriptionOf(error)).toContain(`did not answer within ${timeout} ms`);
    expect(descriptionOf(error)).toContain('may or may not have been sent');
  });

  it('headers sent, body never finished: ends at the timeout', async () => {
    const description = await expectFailure((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"Response":{');
    }, ConnectorErrorCodes.General);
    expect(description).toContain(`within ${timeout} ms`);
  });

  it('a body dribbled byte by byte past the deadline ends at the timeout', async () => {
    const description = await expectFailure((request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      const timer = setInterval(() => response.write(' '), 100);
      request.socket.once('close', () => clearInterval(timer));
    }, ConnectorErrorCodes.General);
    expect(description).toContain(`within ${timeout} ms`);
  });

  it('a slow body that completes before the deadline still succeeds', async () => {
    const outcome = await send((_request, response, body) => {
      const text = JSON.stringify(okResponseFor(body, 'slow-ok'));
      response.writeHead(200, { 'content-type': 'application/json' });
      const pieces = [text.slice(0, 10), text.slice(10, 40), text.slice(40)];
      const writeNext = () => {
        const piece = pieces.shift();
        if (piece === undefined) {
          response.end();
          return;
        }
        response.write(piece);
        setTimeout(writeNext, 60);
      };
      writeNext();
    });
    expect(outcome.ok).toBe(true);
    expect(outcome.ok && outcome.value).toMatchObject({ requestId: 'slow-ok' });
  });

  it('a TCP peer that accepts but never speaks HTTP ends at the timeout', async () => {
    const sockets: Socket[] = [];
    const silent: TcpServer = createTcpServer((socket) => {
      sockets.push(socket);
      socket.resume();
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const { sendMessage } = await connector();
      const outcome = await timed(
        sendMessage(message('14155552671'), validConfig(`http://127.0.0.1:${port}`, { timeout }))
      );
      expect(outcome.ms).toBeLessThan(timeout + slack);
      await expectConnectorError(
        Promise.reject(outcome.ok ? new Error('resolved') : outcome.error),
        ConnectorErrorCodes.General
      );
    } finally {
      for (const socket of sockets) {
        socket.destroy();
      }
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('a peer that answers with garbage instead of HTTP is an unreadable answer, naming the endpoint', async () => {
    const garbage: TcpServer = createTcpServer((socket) => {
      // Read (and drop) the request so the client's close is seen and the server can shut.
      socket.resume();
      socket.end('SSH-2.0-OpenSSH_9.6\r\n\r\nnot http at all\r\n');
    });
    await new Promise<void>((resolve) => garbage.listen(0, '127.0.0.1', resolve));
    const { port } = garbage.address() as AddressInfo;
    try {
      const { sendMessage } = await connector();
      const outcome = await timed(
        sendMessage(message('14155552671'), validConfig(`http://127.0.0.1:${port}`, { timeout }))
      );
      expect(outcome.ms).toBeLessThan(timeout + slack);
      const error = await expectConnectorError(
        Promise.reject(outcome.ok ? new Error('resolved') : outcome.error),
        ConnectorErrorCodes.InvalidResponse
      );
      expect(descriptionOf(error)).toContain(`The answer from 127.0.0.1:${port} could not be read: it is not valid HTTP (HPE_`);
    } finally {
      await new Promise<void>((resolve) => garbage.close(() => resolve()));
    }
  });
});

describe('HTTP error statuses without a Tencent answer', () => {
  const statuses = [400, 403, 404, 500, 502, 503];

  it.each(statuses)('HTTP %i with an HTML page: General, the page named by its title once, the code may be out', async (status) => {
    const description = await expectFailure(
      (_request, response) => writeRaw(response, status, 'text/html', html(status)),
      ConnectorErrorCodes.General
    );
    expect(description).toContain(`(HTTP ${status}, page "${status} Gateway")`);
    expect(description.split(`${status} Gateway`)).toHaveLength(2);
    expect(description).toContain('may or may not have been sent');
    expect(description).not.toContain('<h1>');
  });

  it.each(statuses)('HTTP %i with an empty body: General, status shown', async (status) => {
    const description = await expectFailure((_request, response) => {
      response.writeHead(status, { 'content-length': '0' });
      response.end();
    }, ConnectorErrorCodes.General);
    expect(description).toContain(`HTTP ${status}`);
    expect(description).toContain('(empty body)');
  });

  it('HTTP 500 with a Tencent error body reports the Tencent code and RequestId', async () => {
    const description = await expectFailure(
      (_request, response) =>
        replyJson(
          response,
          { Response: { Error: { Code: 'InternalError', Message: 'boom' }, RequestId: 'rq-500' } },
          500
        ),
      ConnectorErrorCodes.General
    );
    expect(description).toContain('InternalError');
    expect(description).toContain('rq-500');
  });

  it('a redirect is not followed: nothing signed goes to the other host', async () => {
    const elsewhere = await startFaultServer();
    try {
      const description = await expectFailure((_request, response) => {
        response.writeHead(307, { location: `${elsewhere.url}/` });
        response.end();
      }, ConnectorErrorCodes.General);
      expect(description).toContain('HTTP 307');
      expect(elsewhere.requests).toHaveLength(0);
    } finally {
      await elsewhere.close();
    }
  });
});

describe('HTTP 200 with an answer that is not a SendSms response', () => {
  it('an empty body is an invalid response', async () => {
    const description = await expectFailure((_request, response) => {
      response.writeHead(200, { 'content-length': '0' });
      response.end();
    }, ConnectorErrorCodes.InvalidResponse);
    expect(description).toContain('(empty body)');
  });

  it('an HTML page with status 200 is an invalid response showing its text', async () => {
    const description = await expectFailure(
      (_request, response) => writeRaw(response, 200, 'text/html', html(200)),
      ConnectorErrorCodes.InvalidResponse
    );
    expect(description).toContain('page "200 Gateway"');
  });

  it('truncated JSON is an invalid response', async () => {
    const description = await expectFailure((_request, response, body) => {
      const text = JSON.stringify(okResponseFor(body));
      writeRaw(response, 200, 'application/json', text.slice(0, text.length - 7));
    }, ConnectorErrorCodes.InvalidResponse);
    expect(description).toContain('not JSON');
  });

  const wrongShapes: Array<[string, unknown]> = [
    ['null', null],
    ['a number', 42],
    ['a string', 'Ok'],
    ['an array', [{ Code: 'Ok' }]],
    ['an empty object', {}],
    ['Response without fields', { Response: {} }],
    ['Response as a string', { Response: 'Ok' }],
    ['SendStatusSet as an object', { Response: { SendStatusSet: { Code: 'Ok' }, RequestId: 'r' } }],
    ['no RequestId', { Response: { SendStatusSet: [{ PhoneNumber: '+8613012345678', Code: 'Ok' }] } }],
    ['Code as a number', { Response: { SendStatusSet: [{ PhoneNumber: '+8613012345678', Code: 0 }], RequestId: 'r' } }],
    ['Error without Message', { Response: { Error: { Code: 'X' }, RequestId: 'r' } }],
    ['items that are null', { Response: { SendStatusSet: [null], RequestId: 'r' } }],
    ['lower-case keys', { response: { sendStatusSet: [], requestId: 'r' } }],
  ];

  it.each(wrongShapes)('JSON of the wrong shape (%s) is an invalid response', async (_name, value) => {
    const description = await expectFailure(
      (_request, response) => replyJson(response, value),
      ConnectorErrorCodes.InvalidResponse
    );
    expect(description).toContain('not a SendSms response');
  });

  it('an empty SendStatusSet is an invalid response with the RequestId', async () => {
    const description = await expectFailure(
      (_request, response) =>
        replyJson(response, { Response: { SendStatusSet: [], RequestId: 'rq-empty' } }),
      ConnectorErrorCodes.InvalidResponse
    );
    expect(description).toContain('0 send results');
    expect(description).toContain('rq-empty');
  });

  it('more items than numbers is an invalid response, even if all say Ok', async () => {
    const description = await expectFailure((_request, response, body) => {
      const ok = okResponseFor(body, 'rq-more') as {
        Response: { SendStatusSet: unknown[] };
      };
      const [first] = ok.Response.SendStatusSet;
      ok.Response.SendStatusSet.push(first, { ...(first as object), PhoneNumber: '+8613999999999' });
      replyJson(response, ok);
    }, ConnectorErrorCodes.InvalidResponse);
    expect(description).toContain('3 send results for 1 number');
    expect(description).toContain('rq-more');
  });
});

describe('answers that arrive but cannot be read as they are', () => {
  const tencentFailure = JSON.stringify({
    Response: { Error: { Code: 'AuthFailure.SignatureFailure', Message: 'signature mismatch' }, RequestId: 'rq-zip' },
  });
  const compressors: Array<[string, (text: string) => Buffer]> = [
    ['gzip', (text) => gzipSync(text)],
    ['deflate', (text) => deflateSync(text)],
    ['br', (text) => brotliCompressSync(text)],
  ];

  it.each(compressors)('a body a proxy compressed with %s anyway is read as the answer it holds', async (encoding, compress) => {
    const description = await expectFailure((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': encoding });
      response.end(compress(tencentFailure));
    }, ConnectorErrorCodes.General);
    expect(description).toContain('AuthFailure.SignatureFailure');
    expect(description).toContain('RequestId: rq-zip');

    // And a success that went through such a proxy is a success.
    const outcome = await send((_request, response, body) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': encoding });
      response.end(compress(JSON.stringify(okResponseFor(body))));
    });
    expect(outcome.ok).toBe(true);
  });

  it.each([
    ['zstd', Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x58, 0x61, 0x00, 0x00]), /compressed as "zstd", which the connector cannot decompress/],
    ['gzip', Buffer.from('\u0000\u00ff binary \u0001 garbage'), /marked as compressed with gzip that does not decompress/],
    ['gzip, br', gzipSync(brotliCompressSync(tencentFailure)), /compressed as "gzip, br"/],
  ])('a body compressed as %s that cannot be decompressed is named by its encoding, not shown as binary', async (encoding, bytes, named) => {
    const description = await expectFailure((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': encoding });
      response.end(bytes);
    }, ConnectorErrorCodes.InvalidResponse);
    expect(description).toMatch(named);
    expect(description).toContain('may or may not have been sent');
    // Binary noise would show as control characters or U+FFFD.
    expect([...description].some((char) => char.charCodeAt(0) < 0x09 || char === '\ufffd')).toBe(false);
  });

  it.each([999, 600])('HTTP status %i is an unreadable answer, not a connection that broke after sending', async (status) => {
    const description = await expectFailure((_request, response) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(tencentFailure);
    }, ConnectorErrorCodes.InvalidResponse);
    expect(description).toContain(`could not be read: HTTP status ${status}, which HTTP does not define`);
    expect(description).not.toContain('broke after');
    expect(description).toContain('may or may not have been sent');
  });
});

describe('huge bodies: the read is capped', () => {
  const mib = 1024 * 1024;

  it('a 2 MiB body with a content-length is refused with the cap in the description', async () => {
    const description = await expectFailure((_request, response) => {
      const huge = `{"Response":{"RequestId":"${'x'.repeat(2 * mib)}"}}`;
      writeRaw(response, 200, 'application/json', huge);
    }, ConnectorErrorCodes.General);
    expect(description).toContain(`larger than ${mib} bytes`);
    expect(description).not.toContain('Could not reach');
  });

  it('an endless chunked body is cut at the cap, well before the deadline', async () => {
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let written = 0;
    const description = await expectFailure((request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      const pump = () => {
        // Bounded: stops after 8 MiB even if the client kept reading.
        while (!request.socket.destroyed && written < 8 * mib) {
          written += chunk.length;
          if (!response.write(chunk)) {
            response.once('drain', pump);
            return;
          }
        }
      };
      request.socket.once('close', () => response.removeAllListeners('drain'));
      pump();
    }, ConnectorErrorCodes.General);
    expect(description).toContain(`larger than ${mib} bytes`);
    expect(description).not.toContain('did not answer');
    expect(written).toBeLessThan(8 * mib);
  });
});
