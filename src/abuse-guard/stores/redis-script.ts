import { createHash } from 'node:crypto';

/**
 * Check-and-count for every limit of one send, run by Redis as one atomic step. Every key of a
 * claim carries the same hash tag, so on a cluster they share a slot and the script may touch
 * them all.
 *
 * A window limit (`codes`, `distinct`) is a sorted set scored by time: one member per counted code,
 * or one per number (scored by its last code). A `learned` limit is a hash of a fixed set of
 * fields — `d` (the UTC day counted), `a` (its allowance), `p` and `r` (codes paid and refused that
 * day), `h0`…`h13` (paid on each day of the history, slot `day % 14`) — plus the pool, a hash of
 * `d` and `p`; the steps are those of learned.ts, which the memory store runs.
 *
 * ARGV: now (ms), the number, a unique member for this code, the day length (ms), the days of
 * history, a learned key's TTL and the pool's (ms); then each limit in turn: `codes` or `distinct`
 * with max and window (ms), one key each; or `learned` with floor, pool, growth and dwarf, two keys
 * (its own, the pool). Returns 0 when the send was counted in every limit, else the 1-based index
 * of the first spent limit — for a learned one, `{index, refused today, allowance, 0 | 1 (pool)}`.
 * Nothing is counted unless it returns 0, except a learned limit's refusal counter.
 */
export const claimScript = `
local now = tonumber(ARGV[1])
local number = ARGV[2]
local code = ARGV[3]
local dayMs = tonumber(ARGV[4])
local days = tonumber(ARGV[5])
local learnedTtl = ARGV[6]
local poolTtl = ARGV[7]
local today = math.floor(now / dayMs)

local fields = {'d', 'a', 'p', 'r'}
for slot = 0, days - 1 do
  fields[#fields + 1] = 'h' .. slot
end

local function load(key, floor)
  local values = redis.call('HMGET', key, unpack(fields))
  local state = {history = {}}
  if not values[1] then
    state.d, state.a, state.p, state.r = today, floor, 0, 0
    for slot = 0, days - 1 do
      state.history[slot] = 0
    end
    return state
  end
  state.d, state.a, state.p, state.r = tonumber(values[1]), tonumber(values[2]), tonumber(values[3]), tonumber(values[4])
  for slot = 0, days - 1 do
    state.history[slot] = tonumber(values[5 + slot]) or 0
  end
  return state
end

local function rolled(state, limit)
  if today <= state.d then
    return state
  end
  local run = state.r > limit.dwarf * math.max(state.p, 1)
  if run then
    state.history[state.d % days] = 0
  else
    state.history[state.d % days] = state.p
  end
  local skipped = state.d + 1
  while skipped < today and skipped <= state.d + days do
    state.history[skipped % days] = 0
    skipped = skipped + 1
  end
  local usual = 0
  for slot = 0, days - 1 do
    usual = math.max(usual, state.history[slot])
  end
  local target = math.max(limit.floor, limit.growth * usual)
  local cap = state.a
  if not run then
    cap = limit.growth * state.a
  end
  state.a = math.max(limit.floor, math.min(target, cap))
  state.d, state.p, state.r = today, 0, 0
  return state
end

local function served(state)
  for slot = 0, days - 1 do
    if state.history[slot] > 0 then
      return true
    end
  end
  return false
end

local function save(key, state)
  local values = {'d', state.d, 'a', state.a, 'p', state.p, 'r', state.r}
  for slot = 0, days - 1 do
    values[#values + 1] = 'h' .. slot
    values[#values + 1] = state.history[slot]
  end
  redis.call('HSET', key, unpack(values))
  redis.call('PEXPIRE', key, learnedTtl)
end

local limits = {}
local k = 1
local at = 8
while at <= #ARGV do
  local limit = {kind = ARGV[at], key = KEYS[k]}
  limits[#limits + 1] = limit
  if limit.kind == 'learned' then
    limit.poolKey = KEYS[k + 1]
    limit.floor, limit.pool = tonumber(ARGV[at + 1]), tonumber(ARGV[at + 2])
    limit.growth, limit.dwarf = tonumber(ARGV[at + 3]), tonumber(ARGV[at + 4])
    k, at = k + 2, at + 5
    local state = rolled(load(limit.key, limit.floor), limit)
    local pooled = redis.call('HMGET', limit.poolKey, 'd', 'p')
    local poolDay, poolPaid = state.d, 0
    if pooled[1] and tonumber(pooled[1]) >= state.d then
      poolDay, poolPaid = tonumber(pooled[1]), tonumber(pooled[2])
    end
    limit.state, limit.poolDay, limit.poolPaid = state, poolDay, poolPaid
    limit.drawsOnPool = limit.pool > 0 and not served(state)
    local allowance = math.max(state.a, limit.floor)
    local spent = nil
    if state.p >= allowance then
      spent = {allowance, 0}
    elseif limit.drawsOnPool and poolPaid >= limit.pool then
      spent = {limit.pool, 1}
    end
    if spent then
      state.r = state.r + 1
      save(limit.key, state)
      return {#limits, state.r, spent[1], spent[2]}
    end
  else
    limit.max, limit.window = tonumber(ARGV[at + 1]), tonumber(ARGV[at + 2])
    k, at = k + 1, at + 3
    redis.call('ZREMRANGEBYSCORE', limit.key, '-inf', now - limit.window)
    if redis.call('ZCARD', limit.key) >= limit.max then
      if limit.kind == 'codes' or not redis.call('ZSCORE', limit.key, number) then
        return #limits
      end
    end
  end
end
for _, limit in ipairs(limits) do
  if limit.kind == 'learned' then
    if limit.drawsOnPool then
      redis.call('HSET', limit.poolKey, 'd', limit.poolDay, 'p', limit.poolPaid + 1)
      redis.call('PEXPIRE', limit.poolKey, poolTtl)
    end
    limit.state.p = limit.state.p + 1
    save(limit.key, limit.state)
  else
    if limit.kind == 'codes' then
      redis.call('ZADD', limit.key, now, code)
    else
      redis.call('ZADD', limit.key, now, number)
    end
    redis.call('PEXPIRE', limit.key, limit.window)
  end
end
return 0
`;

/** The script's SHA-1, for EVALSHA: Redis then runs its cached copy instead of parsing it again. */
export const claimScriptSha = createHash('sha1').update(claimScript).digest('hex');
