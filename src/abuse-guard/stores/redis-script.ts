import { createHash } from 'node:crypto';

/**
 * Check-and-count for every limit of one send, run by Redis as one atomic step. Each limit is a
 * sorted set scored by time: a `codes` limit holds one member per counted code, a `distinct`
 * limit one member per number (scored by its last code). Every key of a claim carries the same
 * hash tag, so on a cluster they share a slot and the script may touch them all.
 *
 * ARGV: now (ms), the number, a unique member for this code, then for each key in turn its kind
 * (`codes` or `distinct`), max and window (ms). Returns 0 when the send was counted in every
 * limit, else the 1-based index of the first spent limit; nothing is counted unless it returns 0.
 */
export const claimScript = `
local now = tonumber(ARGV[1])
local number = ARGV[2]
local code = ARGV[3]

for i = 1, #KEYS do
  local at = 3 + (i - 1) * 3
  local max = tonumber(ARGV[at + 2])
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - tonumber(ARGV[at + 3]))
  if redis.call('ZCARD', KEYS[i]) >= max then
    if ARGV[at + 1] == 'codes' or not redis.call('ZSCORE', KEYS[i], number) then
      return i
    end
  end
end
for i = 1, #KEYS do
  local at = 3 + (i - 1) * 3
  if ARGV[at + 1] == 'codes' then
    redis.call('ZADD', KEYS[i], now, code)
  else
    redis.call('ZADD', KEYS[i], now, number)
  end
  redis.call('PEXPIRE', KEYS[i], ARGV[at + 3])
end
return 0
`;

/** The script's SHA-1, for EVALSHA: Redis then runs its cached copy instead of parsing it again. */
export const claimScriptSha = createHash('sha1').update(claimScript).digest('hex');
