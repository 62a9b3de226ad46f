import type { Agent, ClientRequest } from 'node:http';
import type { Socket } from 'node:net';

import { currentRequestFunction, startRequest } from './start-request.js';

/**
 * How long an opened request waits for its send. The send path takes milliseconds to get there;
 * a send that stopped earlier (a bad phone number) leaves the request to be closed at this point.
 */
export const preopenLifetimeMs = 5000;

type Waiting = {
  readonly request: ClientRequest;
  /** The `http(s).request` it was made with, to see whether a patch came or went since. */
  readonly madeWith: unknown;
  readonly timer: NodeJS.Timeout;
  readonly onClose: () => void;
};

/** Requests opened ahead of their send, by method and URL. */
export type PreopenedRequests = {
  /**
   * Opens a request to `url` without sending anything, so that the agent starts connecting (DNS,
   * TCP, TLS) while the caller still prepares what to send. At most one waits per URL.
   */
  readonly open: (method: string, url: URL, agent: Agent) => void;
  /** The request waiting for this method and URL, if it is still usable; it is then the caller's. */
  readonly take: (method: string, url: URL) => ClientRequest | undefined;
};

const keyOf = (method: string, url: URL) => `${method} ${url.href}`;

/**
 * The opened request is a real ClientRequest made through `http(s).request` like any other, so
 * whatever watches or intercepts those calls (nock, tracing, a proxy agent) sees it, and its
 * connection lands in the same keep-alive pool. Nothing is written before the send takes it.
 * `lifetimeMs` is how long an opened request waits (tests shorten it).
 */
export const createPreopenedRequests = (lifetimeMs = preopenLifetimeMs): PreopenedRequests => {
  const waiting = new Map<string, Waiting>();

  const release = (key: string, entry: Waiting) => {
    if (waiting.get(key) === entry) {
      waiting.delete(key);
    }
    clearTimeout(entry.timer);
    // The no-op error listener stays: a request destroyed before any answer emits 'socket hang
    // up', and an 'error' with no listener would bring the whole Logto process down. A send that
    // takes the request adds its own listener, which still sees every error.
    entry.request.removeListener('close', entry.onClose);
  };

  return {
    open: (method, url, agent) => {
      const key = keyOf(method, url);
      if (waiting.has(key)) {
        return;
      }
      const request = startRequest({ url, method, headers: {}, agent });
      const timer = setTimeout(() => {
        release(key, entry);
        request.destroy();
      }, lifetimeMs);
      timer.unref();
      const entry: Waiting = {
        request,
        madeWith: currentRequestFunction(url),
        timer,
        onClose: () => release(key, entry),
      };
      waiting.set(key, entry);
      // A connection that fails now is reported by the send, which then opens its own.
      request.on('error', onIdleError);
      request.once('close', entry.onClose);
      request.once('socket', (socket: Socket) => {
        // While nobody waits for it, the connection must not keep the process alive.
        if (waiting.get(key) === entry) {
          socket.unref();
        }
      });
    },
    take: (method, url) => {
      const key = keyOf(method, url);
      const entry = waiting.get(key);
      if (!entry) {
        return undefined;
      }
      release(key, entry);
      const { request } = entry;
      // A request made before nock or a tracer patched `request` (or after it was restored)
      // would carry the send past the patch: the send makes a new one through the current one.
      if (
        request.destroyed ||
        request.socket?.destroyed ||
        entry.madeWith !== currentRequestFunction(url)
      ) {
        request.destroy();
        return undefined;
      }
      request.socket?.ref();
      return request;
    },
  };
};

const onIdleError = (): void => {
  // Handled by not handing the request out; see `take`.
};
