import { createTransportFetch } from '../transport/create-fetch.js';

/**
 * The `fetch` that ky is handed for calls to Tencent: node:https with a keep-alive pool that
 * keeps idle connections as long as the server does, so a send costs one round trip instead of
 * three (TCP, TLS, request) even after minutes of quiet. One pool per process, shared by every
 * connector instance, because Logto rebuilds connectors on many requests.
 */
export const transportFetch: typeof fetch = createTransportFetch();
