import { maxResponseBytes as connectorMaxResponseBytes } from '../constant.js';

import { createAgents, dropIdleSockets, type Agents } from './agents.js';
import { attemptRequest } from './attempt.js';
import { StaleSocketError } from './errors.js';
import { readRequestParts, type TransportInit } from './request-parts.js';

export type TransportOptions = {
  /** Largest response body accepted; more rejects with `ResponseTooLargeError`. */
  readonly maxResponseBytes?: number;
};

/** `fetch`'s signature, with the optional `timeoutMs` of `TransportInit`. */
export type TransportFetch = (input: RequestInfo | URL, init?: TransportInit) => Promise<Response>;

/**
 * Builds a `fetch`-compatible function on node:http(s) with keep-alive agents of its own.
 * Differences from the platform fetch, all deliberate: idle connections stay open until the
 * server closes them (fetch drops them after seconds, so a quiet Logto paid a new TCP+TLS
 * handshake per code); headers go out exactly as given (no added charset, accept-encoding or
 * user-agent), redirects are not followed, and the body is buffered up to a cap. A send is
 * repeated only when a pooled socket turned out closed before any byte was written; nothing
 * else is ever retried, because a repeated SendSms can deliver a second code.
 */
export const createTransportFetch = (options: TransportOptions = {}): TransportFetch => {
  const maxResponseBytes = options.maxResponseBytes ?? connectorMaxResponseBytes;
  // Agents are made on first use so that importing the connector stays cheap.
  let agents: Agents | undefined;

  return async (input, init) => {
    const parts = await readRequestParts(input, init);
    agents ??= createAgents();
    const agent = parts.url.protocol === 'https:' ? agents.https : agents.http;
    try {
      return await attemptRequest(parts, agent, maxResponseBytes);
    } catch (error) {
      if (!(error instanceof StaleSocketError)) {
        throw error;
      }
      // Once, on a fresh connection: idle siblings of the closed socket are as suspect as it was.
      dropIdleSockets(agent, parts.url);
      return attemptRequest(parts, agent, maxResponseBytes);
    }
  };
};
