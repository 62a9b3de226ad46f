import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';

import { maxWarningKinds, warningKindsHeld, warnOncePerMinute } from '../../src/abuse-guard/warning.js';

/** Warnings per kind per minute, on a simulated clock (only Date is faked: no real waits). */
describe('warnOncePerMinute', () => {
  let stderr: MockInstance<typeof process.stderr.write>;
  const lines = () => stderr.mock.calls.map(([line]) => String(line as unknown));
  // Each test starts an hour after the last, so no kind of an earlier test is still within its minute.
  let start = Date.UTC(2026, 0, 1);

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    start += 3_600_000;
    vi.setSystemTime(start);
    stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => {
    stderr.mockRestore();
    vi.useRealTimers();
  });

  const at = (seconds: number) => vi.setSystemTime(start + seconds * 1000);

  it('writes two different causes within a minute as two lines', () => {
    expect(warnOncePerMinute('redis://10.0.0.5:6379 timeout', 'frozen')).toBe(true);
    at(30);
    expect(warnOncePerMinute('redis://10.0.0.5:6379 auth', 'wrong password')).toBe(true);
    expect(lines()).toEqual(['frozen\n', 'wrong password\n']);
  });

  it('writes the same cause twice within a minute once', () => {
    expect(warnOncePerMinute('redis://10.0.0.5:6379 unreachable', 'refused')).toBe(true);
    at(59.999);
    expect(warnOncePerMinute('redis://10.0.0.5:6379 unreachable', 'refused again')).toBe(false);
    expect(lines()).toEqual(['refused\n']);
  });

  it('writes the same cause again once a minute has passed', () => {
    warnOncePerMinute('redis://10.0.0.5:6379 unreachable', 'first');
    at(20);
    warnOncePerMinute('redis://10.0.0.5:6379 unreachable', 'held back');
    at(60);
    warnOncePerMinute('redis://10.0.0.5:6379 unreachable', 'a minute later');
    at(100);
    warnOncePerMinute('redis://10.0.0.5:6379 unreachable', 'held back too');
    expect(lines()).toEqual(['first\n', 'a minute later\n']);
  });

  it('reads a clock set back as the minute having passed, instead of keeping quiet until it catches up', () => {
    warnOncePerMinute('redis://10.0.0.5:6379 timeout', 'before');
    at(-3600);
    warnOncePerMinute('redis://10.0.0.5:6379 timeout', 'after the clock went back');
    expect(lines()).toEqual(['before\n', 'after the clock went back\n']);
  });

  it('remembers a bounded number of kinds, the oldest forgotten first', () => {
    for (let kind = 0; kind < 3 * maxWarningKinds; kind += 1) {
      expect(warnOncePerMinute(`kind ${kind}`, `line ${kind}`)).toBe(true);
      expect(warningKindsHeld()).toBeLessThanOrEqual(maxWarningKinds);
    }
    // The most recent kinds are still held back; the oldest were forgotten.
    expect(warnOncePerMinute(`kind ${3 * maxWarningKinds - 1}`, 'again')).toBe(false);
    expect(warnOncePerMinute('kind 0', 'again')).toBe(true);
    // Kinds whose minute has passed are dropped before any other.
    at(61);
    warnOncePerMinute('one more', 'line');
    expect(warningKindsHeld()).toBe(1);
  });
});
