import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * Forwards bytes from one socket to another, each chunk `delayMs` later than it arrived, in
 * order. One timer per direction drains a queue, so chunks with different delays never swap.
 */
const delayedPipe = (
  from: Socket,
  to: Socket,
  delayMs: number,
  firstExtraMs: number,
  isDropped: () => boolean
): void => {
  const queue: Array<{ due: number; chunk: Buffer | null }> = [];
  let timer: NodeJS.Timeout | undefined;
  let extra = firstExtraMs;

  const drain = () => {
    timer = undefined;
    const now = Date.now();
    while (queue.length > 0 && queue[0]!.due <= now) {
      const { chunk } = queue.shift()!;
      if (chunk === null) {
        to.end();
      } else if (!to.destroyed) {
        to.write(chunk);
      }
    }
    if (queue.length > 0) {
      timer = setTimeout(drain, queue[0]!.due - now);
    }
  };
  const push = (chunk: Buffer | null) => {
    if (isDropped()) {
      return;
    }
    const last = queue.at(-1)?.due ?? 0;
    queue.push({ due: Math.max(Date.now() + delayMs + extra, last), chunk });
    extra = 0;
    timer ??= setTimeout(drain, queue[0]!.due - Date.now());
  };

  from.on('data', (chunk: Buffer) => push(chunk));
  from.on('end', () => push(null));
};

/** The proxy server, and a way to make the connections it carries go silent. */
export type DelayProxy = Server & {
  /**
   * From now on, every connection open at this moment carries nothing in either direction and
   * is never closed, like a flow a NAT or firewall dropped without telling either end. New
   * connections work as before. Returns how many connections went silent.
   */
  readonly dropOpenConnections: () => number;
};

/**
 * A TCP proxy on loopback that makes every round trip cost `rttMs`: each direction is delayed
 * by half of it. Loopback completes the TCP handshake at once, so the first bytes a client sends
 * on a new connection wait one more full round trip, which is what the SYN/SYN-ACK would cost.
 * A fresh TLS 1.3 connection thus costs three round trips (TCP, TLS, request), a warm one one.
 */
export const startDelayProxy = async (targetPort: number, rttMs: number): Promise<DelayProxy> => {
  const half = rttMs / 2;
  const open = new Set<{ dropped: boolean }>();
  const server = createServer({ noDelay: true, allowHalfOpen: true }, (client) => {
    const pair = { dropped: false };
    open.add(pair);
    const isDropped = () => pair.dropped;
    const upstream = connect({ port: targetPort, host: '127.0.0.1', noDelay: true, allowHalfOpen: true });
    const destroyBoth = () => {
      open.delete(pair);
      if (!pair.dropped) {
        client.destroy();
        upstream.destroy();
      }
    };
    client.on('error', destroyBoth);
    upstream.on('error', destroyBoth);
    // Ends travel through the queues (half-open sockets), so a close never overtakes data.
    client.on('close', () => setTimeout(destroyBoth, half + 10));
    upstream.on('close', () => setTimeout(destroyBoth, half + 10));
    delayedPipe(client, upstream, half, rttMs, isDropped);
    delayedPipe(upstream, client, half, 0, isDropped);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const dropOpenConnections = () => {
    for (const pair of open) {
      pair.dropped = true;
    }
    const count = open.size;
    open.clear();
    return count;
  };
  return Object.assign(server, { dropOpenConnections });
};
