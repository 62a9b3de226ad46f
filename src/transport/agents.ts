import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';

/**
 * Idle pooled sockets are closed by the client only after this long. Far beyond any server's
 * keep-alive (Tencent's gateway and the bench stand-in keep ~60 s), so the server always decides
 * when a connection ends and a quiet Logto still sends over a warm connection.
 */
export const idleSocketTimeoutMs = 10 * 60 * 1000;

/** TCP keep-alive probes on idle sockets, so a silently dropped NAT path is noticed. */
const tcpKeepAliveDelayMs = 30_000;

const agentOptions = {
  keepAlive: true,
  keepAliveMsecs: tcpKeepAliveDelayMs,
  timeout: idleSocketTimeoutMs,
  // LIFO reuses the warmest socket and lets surplus ones age out after a burst.
  scheduling: 'lifo',
} as const;

export type Agents = { readonly http: HttpAgent; readonly https: HttpsAgent };

/**
 * Keep-alive agents for plain and TLS connections, one pair per transport. The connector makes
 * one transport per process, shared by every connector instance and endpoint.
 */
export const createAgents = (): Agents => ({
  http: new HttpAgent(agentOptions),
  https: new HttpsAgent(agentOptions),
});

/**
 * Closes the idle sockets an agent holds for one host and port. Used after a pooled socket to
 * that origin was found closed by the server: its idle siblings are at least as old and likely
 * closed too, so the retry must not pick one of them. Pools of other origins stay warm.
 */
export const dropIdleSockets = (agent: HttpAgent, url: URL): void => {
  // Node names a pool `host:port:…` with the port always written out, the scheme's default one
  // included, while URL.port is empty for a default port.
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  const prefix = `${url.hostname.replace(/^\[(.*)]$/, '$1')}:${port}:`;
  for (const [name, sockets] of Object.entries(agent.freeSockets)) {
    if (name.startsWith(prefix)) {
      for (const socket of sockets ?? []) {
        socket.destroy();
      }
    }
  }
};
