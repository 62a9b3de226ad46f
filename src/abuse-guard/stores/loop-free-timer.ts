import { performance } from 'node:perf_hooks';

/** How long the event loop has waited for I/O since the process started (ms). */
const loopIdleMs = (): number => performance.eventLoopUtilization().idle;

/** A moment to measure from: the wall clock and the loop's idle time. */
export type LoopMark = { readonly at: number; readonly idle: number };

export const loopMark = (): LoopMark => ({ at: performance.now(), idle: loopIdleMs() });

/**
 * How long the event loop has been free since `mark`: the time it spent waiting for I/O. An
 * answer that came within that time would have been read at once, so only this time can be
 * blamed on the other side. Time spent running our own code (a burst of sends, a garbage
 * collection) does not count.
 */
export const freeMsSince = (mark: LoopMark): number => loopIdleMs() - mark.idle;

/**
 * Calls `onExpire` once the event loop has been free for `freeMs` since now, or once `capMs` of
 * wall-clock time have passed, whichever comes first. A plain timer would expire while its
 * answer sits unread behind our own work: after a busy stretch, timers run before sockets are
 * read. Here a timer that fires before the loop has been free long enough is set again for the
 * time still missing. The cap bounds the wait when the loop is never free. Returns a cancel
 * function. With `keepAlive` false the timer does not keep the process alive.
 */
export const afterLoopFreeTime = (
  { freeMs, capMs, keepAlive }: { freeMs: number; capMs: number; keepAlive: boolean },
  onExpire: () => void
): (() => void) => {
  const mark = loopMark();
  let timer: NodeJS.Timeout;
  const check = () => {
    const missing = freeMs - freeMsSince(mark);
    const left = capMs - (performance.now() - mark.at);
    if (missing <= 0 || left <= 0) {
      onExpire();
      return;
    }
    arm(Math.min(missing, left));
  };
  const arm = (ms: number) => {
    timer = setTimeout(check, Math.ceil(ms));
    if (!keepAlive) {
      timer.unref();
    }
  };
  arm(freeMs);
  return () => clearTimeout(timer);
};
