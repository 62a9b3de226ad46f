import { createHash } from 'node:crypto';

/**
 * Check-and-count for both budgets of one send, run by Redis as one atomic step. Each budget is a
 * sorted set scored by time: KEYS[1] holds one member per counted code, KEYS[2] one member per
 * number (scored by its last code). Both keys carry the same hash tag, so they also live in one
 * slot behind a cluster proxy.
 *
 * ARGV: now (ms), codes max, codes window (ms), numbers max, numbers window (ms), number, a
 * unique member for this code. A max of 0 means the budget is not set.
 * Returns 0 (counted), 1 (codes budget spent) or 2 (numbers budget spent); nothing is counted
 * unless it returns 0.
 */
export const claimScript = `
local now = tonumber(ARGV[1])
local codesMax = tonumber(ARGV[2])
local codesWindow = tonumber(ARGV[3])
local numbersMax = tonumber(ARGV[4])
local numbersWindow = tonumber(ARGV[5])
local number = ARGV[6]

if codesMax > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - codesWindow)
  if redis.call('ZCARD', KEYS[1]) >= codesMax then
    return 1
  end
end
if numbersMax > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - numbersWindow)
  if not redis.call('ZSCORE', KEYS[2], number) and redis.call('ZCARD', KEYS[2]) >= numbersMax then
    return 2
  end
end
if codesMax > 0 then
  redis.call('ZADD', KEYS[1], now, ARGV[7])
  redis.call('PEXPIRE', KEYS[1], codesWindow)
end
if numbersMax > 0 then
  redis.call('ZADD', KEYS[2], now, number)
  redis.call('PEXPIRE', KEYS[2], numbersWindow)
end
return 0
`;

/** The script's SHA-1, for EVALSHA: Redis then runs its cached copy instead of parsing it again. */
export const claimScriptSha = createHash('sha1').update(claimScript).digest('hex');
