import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Account } from './account.js';
import { handleApiRequest, type ApiOutcome, type ApiState } from './api-handler.js';
import { defaultAccount } from './default-account.js';
import { FrequencyLimiter } from './frequency-limiter.js';
import { inboxPageSize, renderInboxPage } from './inbox-page.js';
import { defaultMaxMessages, MessageStore } from './message-store.js';
import { RegionDailyCounter } from './region-daily-counter.js';

export type EmulatorOptions = {
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** Loopback by default: the emulator accepts dummy credentials and must not face a network. */
  readonly host?: string;
  readonly account?: Account;
  /** How many messages the inbox keeps, newest first; older ones are forgotten. Default 1,000. */
  readonly maxMessages?: number;
  /** Milliseconds since the epoch; defaults to the real clock. */
  readonly clock?: () => number;
  /** Called after every API call, e.g. to log it. */
  readonly onApiCall?: (outcome: ApiOutcome) => void;
};

export type Emulator = {
  /** `http://127.0.0.1:<port>`: what goes into the connector's `endpoint`. */
  readonly url: string;
  readonly port: number;
  readonly account: Account;
  readonly store: MessageStore;
  close(): Promise<void>;
};

const maxBodyBytes = 1024 * 1024;

const readBody = async (request: IncomingMessage): Promise<Buffer | undefined> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBodyBytes) {
      return undefined;
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
};

const send = (response: ServerResponse, status: number, type: string, body: string) => {
  response.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  response.end(body);
};

const sendJson = (response: ServerResponse, status: number, value: unknown) =>
  send(response, status, 'application/json; charset=utf-8', JSON.stringify(value));

/** Node joins repeated headers into arrays only for a few names; keep the first for TC3. */
const flattenHeaders = (request: IncomingMessage): Record<string, string | undefined> =>
  Object.fromEntries(
    Object.entries(request.headers).map(([name, value]) => [
      name,
      Array.isArray(value) ? value[0] : value,
    ])
  );

/** `?page=` as a page number from 1; anything else is the first page. */
const readPage = (value: string | null): number => {
  const page = value !== null && /^\d{1,9}$/.test(value) ? Number(value) : 0;
  return page >= 1 ? page : 1;
};

const route = async (state: ApiState, options: EmulatorOptions, request: IncomingMessage, response: ServerResponse) => {
  const url = new URL(request.url ?? '/', 'http://emulator.invalid');
  if (request.method === 'POST' && url.pathname === '/') {
    const body = await readBody(request);
    if (!body) {
      sendJson(response, 413, { error: 'Request body too large.' });
      return;
    }
    const result = handleApiRequest(state, flattenHeaders(request), body);
    options.onApiCall?.(result.outcome);
    sendJson(response, 200, result.body);
    return;
  }
  if (request.method === 'GET' && url.pathname === '/') {
    const page = readPage(url.searchParams.get('page'));
    const messages = state.store.list();
    send(
      response,
      200,
      'text/html; charset=utf-8',
      renderInboxPage({
        messages: messages.slice((page - 1) * inboxPageSize, page * inboxPageSize),
        page,
        kept: messages.length,
        total: state.store.total,
      })
    );
    return;
  }
  if (url.pathname === '/messages' && request.method === 'GET') {
    sendJson(response, 200, state.store.list(url.searchParams.get('phone') ?? undefined));
    return;
  }
  if (url.pathname === '/messages' && request.method === 'DELETE') {
    // Starting over means the frequency limits too: ten tries must not lock a number for a day.
    state.store.clear();
    state.limiter.clear();
    state.regionCounter.clear();
    response.writeHead(204).end();
    return;
  }
  sendJson(response, 404, { error: `No route for ${request.method ?? ''} ${url.pathname}.` });
};

/**
 * Starts a Tencent SMS stand-in: `POST /` is the SendSms API, `GET /` the inbox page,
 * `GET|DELETE /messages` the message store. Resolves once listening.
 */
export const startEmulator = async (options: EmulatorOptions = {}): Promise<Emulator> => {
  const account = options.account ?? defaultAccount();
  const store = new MessageStore(options.maxMessages ?? defaultMaxMessages);
  const state: ApiState = {
    account,
    store,
    limiter: new FrequencyLimiter(account.limits),
    regionCounter: new RegionDailyCounter(),
    clock: options.clock ?? Date.now,
  };
  const server = createServer((request, response) => {
    route(state, options, request, response).catch(() => {
      // Only a bug lands here; answer like Tencent's gateway would rather than hang the client.
      if (!response.headersSent) {
        sendJson(response, 500, { error: 'Internal emulator error.' });
      }
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    account,
    store,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
};
