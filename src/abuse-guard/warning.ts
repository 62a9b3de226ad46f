/** The least time between two warnings, so an outage does not flood Logto's log. */
const warningIntervalMs = 60_000;
let lastWarningAt = Number.NEGATIVE_INFINITY;

/**
 * One line on stderr, unless another was written within the last minute. The line must already
 * be free of secrets.
 */
export const warnAtMostOncePerMinute = (line: string): void => {
  const now = Date.now();
  if (now - lastWarningAt < warningIntervalMs) {
    return;
  }
  lastWarningAt = now;
  process.stderr.write(`${line}\n`);
};
