import { Agent as HttpAgent, type AgentOptions } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { Socket } from 'node:net';

import { defaultIdleBoundMs, startIdle, tcpKeepAliveDelayMs } from './idle-policy.js';

export type AgentPolicy = {
  /** Longest idle time of a pooled connection when the server announced none (ms). */
  readonly idleBoundMs?: number;
};

const agentOptions = {
  keepAlive: true,
  keepAliveMsecs: tcpKeepAliveDelayMs,
  // LIFO reuses the warmest socket and lets surplus ones age out after a burst.
  scheduling: 'lifo',
} as const satisfies AgentOptions;

/**
 * What the pool does with a socket whose exchange ended well: keep it for its idle bound (the
 * server's Keep-Alive hint or the default), with TCP keep-alive probes and without holding the
 * process open. Returning false makes the agent close it instead.
 */
const keepIdle = (socket: Socket, idleBoundMs: number): boolean => {
  const boundMs = startIdle(socket, idleBoundMs);
  if (boundMs <= 0) {
    return false;
  }
  socket.setKeepAlive(true, tcpKeepAliveDelayMs);
  socket.unref();
  // The agent destroys a pooled socket whose timeout fires.
  socket.setTimeout(boundMs);
  return true;
};

/** A keep-alive agent for plain HTTP that retires idle sockets before the server would. */
class RetiringHttpAgent extends HttpAgent {
  constructor(private readonly idleBoundMs: number) {
    super(agentOptions);
  }

  override keepSocketAlive(socket: Socket): boolean {
    return keepIdle(socket, this.idleBoundMs);
  }
}

/** The same for TLS. */
class RetiringHttpsAgent extends HttpsAgent {
  constructor(private readonly idleBoundMs: number) {
    super(agentOptions);
  }

  override keepSocketAlive(socket: Socket): boolean {
    return keepIdle(socket, this.idleBoundMs);
  }
}

export type Agents = { readonly http: HttpAgent; readonly https: HttpsAgent };

/**
 * Keep-alive agents for plain and TLS connections, one pair per transport. The connector makes
 * one transport per process, shared by every connector instance and endpoint. A pooled connection
 * is closed by the client before the server (or a proxy on the way) would close it, because a
 * request sent just as the server closes is lost without telling whether it was processed.
 */
export const createAgents = (policy: AgentPolicy = {}): Agents => {
  const idleBoundMs = policy.idleBoundMs ?? defaultIdleBoundMs;
  return { http: new RetiringHttpAgent(idleBoundMs), https: new RetiringHttpsAgent(idleBoundMs) };
};

/**
 * Closes the idle sockets an agent holds for one host and port. Used after a pooled socket to
 * that origin was found closed by the server or past its idle bound: its idle siblings are at
 * least as old, so the retry must not pick one of them. Pools of other origins stay warm.
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
