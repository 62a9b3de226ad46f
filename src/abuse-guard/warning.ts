/** The least time between two lines of one kind, so an outage does not flood Logto's log. */
export const warningIntervalMs = 60_000;
/**
 * Kinds remembered at most. Callers draw kinds from fixed sets (a Redis location and a cause), so
 * this is never reached in practice; it only keeps the memory bounded whatever they pass.
 */
export const maxWarningKinds = 64;

/** When each kind last wrote a line, oldest first (a kind that writes again moves to the end). */
const lastWarningAt = new Map<string, number>();

/** One line on stderr. The line must already be free of secrets. */
export const warn = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

/** Forgets kinds whose minute has passed, then the oldest ones while the bound is reached. */
const makeRoom = (now: number) => {
  for (const [kind, at] of lastWarningAt) {
    if (lastWarningAt.size < maxWarningKinds && now - at < warningIntervalMs) {
      return;
    }
    lastWarningAt.delete(kind);
  }
};

/**
 * One line on stderr, unless a line of the same `kind` was written within the last minute; lines
 * of other kinds do not hold it back, so a second, different problem is still told. Returns
 * whether the line was written. A clock set back is read as the minute having passed.
 */
export const warnOncePerMinute = (kind: string, line: string): boolean => {
  const now = Date.now();
  const last = lastWarningAt.get(kind);
  if (last !== undefined && now >= last && now - last < warningIntervalMs) {
    return false;
  }
  lastWarningAt.delete(kind);
  makeRoom(now);
  lastWarningAt.set(kind, now);
  warn(line);
  return true;
};

/** How many kinds are remembered now (for tests of the bound). */
export const warningKindsHeld = (): number => lastWarningAt.size;
