import type { TransportFetch } from '../transport/create-fetch.js';

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
 * The `fetch` that ky is handed for calls to Tencent: node:https with a keep-alive pool that
 * keeps idle connections as long as the server does, so a send costs one round trip instead of
 * three (TCP, TLS, request) even after minutes of quiet. One pool per process, shared by every
 * connector instance, because Logto rebuilds connectors on many requests. Accepts fetch's
 * arguments plus `timeoutMs` (see TransportInit), a cheaper deadline than a timeout signal.
 */
export const transportFetch: TransportFetch = async (input, init) => (await load())(input, init);
