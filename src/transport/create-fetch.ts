import { maxResponseBytes as connectorMaxResponseBytes } from '../constant.js';

import { createAgents, dropIdleSockets, type Agents } from './agents.js';
import { attemptRequest } from './attempt.js';
import { StaleSocketError } from './errors.js';
import { createPreopenedRequests } from './preopened.js';
import { readRequestParts, type TransportInit } from './request-parts.js';

export type TransportOptions = {
  /** Largest response body accepted; more rejects with `ResponseTooLargeError`. */
  readonly maxResponseBytes?: number;
  /**
   * Longest idle time of a pooled connection when the server announces none (ms); a
   * `Keep-Alive: timeout=N` answer shortens it to just under N seconds.
   */
  readonly idleBoundMs?: number;
};

/** `fetch`'s signature, with the optional `timeoutMs` of `TransportInit`. */
export type TransportFetch = ((input: RequestInfo | URL, init?: TransportInit) => Promise<Response>) & {
  /**
   * Opens a POST to `url` (DNS, TCP, TLS) without sending anything; the next POST to that URL
   * through this transport within seconds uses it. For the first send, whose code is still loading.
   */
  readonly preconnect: (url: string | URL) => void;
};

/**
 * Builds a `fetch`-compatible function on node:http(s) with keep-alive agents of its own.
 * Differences from the platform fetch, all deliberate: idle connections stay open for as long as
 * the server keeps them, minus a margin (fetch drops them after seconds, so a quiet Logto paid a
 * new TCP+TLS handshake per code); headers go out exactly as given (no added charset,
 * accept-encoding or user-agent), redirects are not followed, and the body is buffered up to a
 * cap. A send is repeated only when a pooled socket turned out closed or past its idle bound
 * before any byte was written; nothing else is ever retried, because a repeated SendSms can
 * deliver a second code.
 */
export const createTransportFetch = (options: TransportOptions = {}): TransportFetch => {
  const maxResponseBytes = options.maxResponseBytes ?? connectorMaxResponseBytes;
  // Agents are made on first use so that importing the connector stays cheap.
  let agents: Agents | undefined;
  const getAgents = () => (agents ??= createAgents({ idleBoundMs: options.idleBoundMs }));
  const agentFor = (url: URL) => (url.protocol === 'https:' ? getAgents().https : getAgents().http);
  const preopened = createPreopenedRequests();

  const transportFetch = async (input: RequestInfo | URL, init?: TransportInit) => {
    const parts = await readRequestParts(input, init);
    const agent = agentFor(parts.url);
    try {
      return await attemptRequest(parts, agent, maxResponseBytes, preopened.take(parts.method, parts.url));
    } catch (error) {
      if (!(error instanceof StaleSocketError)) {
        throw error;
      }
      // Once, on a fresh connection: idle siblings of the closed socket are as suspect as it was.
      dropIdleSockets(agent, parts.url);
      return attemptRequest(parts, agent, maxResponseBytes);
    }
  };

  const preconnect = (target: string | URL) => {
    const url = new URL(target);
    if (url.protocol === 'https:' || url.protocol === 'http:') {
      preopened.open('POST', url, agentFor(url));
    }
  };

  return Object.assign(transportFetch, { preconnect });
};
