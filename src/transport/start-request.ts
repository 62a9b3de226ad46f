import http, { type Agent, type ClientRequest } from 'node:http';
import https from 'node:https';

export type RequestStart = {
  readonly url: URL;
  readonly method: string;
  /** Header name (lower-case) → value; `host` defaults to the URL's. */
  readonly headers: Record<string, string>;
  readonly agent: Agent;
};

/**
 * The `request` function a request to `url` would be made with right now. A patch applied or
 * removed since (nock activated after a first send, tracing started late) changes it.
 */
export const currentRequestFunction = (url: URL): typeof http.request =>
  url.protocol === 'https:' ? https.request : http.request;

/**
 * Creates the ClientRequest for one exchange; nothing is written until the caller ends it.
 * `request` is looked up on the module objects at each call, never bound at import: nock, tracing
 * (OpenTelemetry, Application Insights) and proxy tools patch `http.request`/`https.request` on
 * those objects, possibly after this module was loaded, and a send must go through their patch.
 */
export const startRequest = ({ url, method, headers, agent }: RequestStart): ClientRequest => {
  const options = {
    protocol: url.protocol,
    // IPv6 literals come bracketed in URL.hostname, node:http wants them bare.
    hostname: url.hostname.replace(/^\[(.*)]$/, '$1'),
    port: url.port,
    path: `${url.pathname}${url.search}`,
    method,
    // The host header is signed by the caller; when it is not given, url.host already carries a
    // non-default port (the URL parser drops default ones).
    headers: { host: url.host, ...headers },
    agent,
  };
  // Called as methods, as a patch may expect.
  return url.protocol === 'https:' ? https.request(options) : http.request(options);
};
