import type { TransportFetch } from '../transport/create-fetch.js';
import type { TransportInit } from '../transport/request-parts.js';

let loading: Promise<TransportFetch> | undefined;

/**
 * The transport is imported on the first send, not when Logto imports the connector: Logto
 * loads every connector at start-up and rebuilds them often, while the first send opens a new
 * connection anyway, where a few ms of module loading are lost in the handshake.
 */
const load = () =>
  (loading ??= import('../transport/create-fetch.js').then(
    ({ createTransportFetch }) => createTransportFetch(),
    (error: unknown) => {
      // A failed import is not cached: the next send tries again instead of failing forever.
      loading = undefined;
      throw error;
    }
  ));

/**
 * Starts connecting to `url` through the shared pool, for a send that is about to be prepared:
 * the first send after start loads the rest of its code while the TCP and TLS handshakes run.
 * Resolves once the connection is under way (never rejects): loading more code before that point
 * would only delay it. The send then picks this connection up; a failure here is left for the
 * send to meet and report.
 */
export const preconnect = async (url: string): Promise<void> => {
  try {
    (await load()).preconnect(url);
  } catch {
    // The send loads the transport again and reports what goes wrong.
  }
};

/**
 * The `fetch` that ky is handed for calls to Tencent: node:https with a keep-alive pool that
 * keeps idle connections almost as long as the server does, so a send costs one round trip instead
 * of three (TCP, TLS, request) after a quiet spell. One pool per process, shared by every
 * connector instance, because Logto rebuilds connectors on many requests. Accepts fetch's
 * arguments plus `timeoutMs` (see TransportInit), a cheaper deadline than a timeout signal.
 */
export const transportFetch = async (input: RequestInfo | URL, init?: TransportInit): Promise<Response> =>
  (await load())(input, init);
