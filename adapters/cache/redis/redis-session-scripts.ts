import { LuaScript } from './lua-script';

/*
 * The atomic steps of `RedisSessionStore`. A session is a hash; dates are epoch milliseconds written as decimal
 * strings by JavaScript (scripts copy them as strings and only compare them as numbers, so Lua never formats a
 * number). `purgeAt` (internal field) is when every key of the session expires. Refresh index values are
 * `current:<sessionId>` or `retired:<sessionId>`.
 */

/**
 * KEYS[1] session hash, KEYS[2] caregiver set.
 * ARGV[1] purgeAt, ARGV[2] refresh index prefix (with the client prefix), ARGV[3] session id,
 * ARGV[4] current hash, ARGV[5] retired hashes (JSON array), ARGV[6..] hash field/value pairs.
 */
export const createSessionScript = new LuaScript(`
local purgeAt = ARGV[1]
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], unpack(ARGV, 6))
redis.call('PEXPIREAT', KEYS[1], purgeAt)
redis.call('SET', ARGV[2] .. ARGV[4], 'current:' .. ARGV[3], 'PXAT', purgeAt)
for _, hash in ipairs(cjson.decode(ARGV[5])) do
  redis.call('SET', ARGV[2] .. hash, 'retired:' .. ARGV[3], 'PXAT', purgeAt)
end
redis.call('SADD', KEYS[2], ARGV[3])
if redis.call('PEXPIRETIME', KEYS[2]) < tonumber(purgeAt) then
  redis.call('PEXPIREAT', KEYS[2], purgeAt)
end
return 1
`);

/**
 * Compare-and-set rotation. KEYS[1] session hash.
 * ARGV[1] expected hash, ARGV[2] new hash, ARGV[3] issuedAt, ARGV[4] refreshExpiresAt,
 * ARGV[5] refresh index prefix (with the client prefix), ARGV[6] session id, ARGV[7] max retired hashes.
 * Returns 1 when rotated, 0 when the session is missing, revoked, or no longer has the expected hash.
 */
export const rotateRefreshScript = new LuaScript(`
local s = redis.call('HMGET', KEYS[1], 'refreshTokenHash', 'revokedAt', 'retiredRefreshTokenHashes', 'purgeAt')
if (not s[1]) or s[2] or s[1] ~= ARGV[1] then
  return 0
end
local retired = cjson.decode(s[3] or '[]')
if type(retired) ~= 'table' then
  retired = {}
end
table.insert(retired, 1, ARGV[1])
local sessionId = ARGV[6]
while #retired > tonumber(ARGV[7]) do
  local droppedKey = ARGV[5] .. table.remove(retired)
  if redis.call('GET', droppedKey) == 'retired:' .. sessionId then
    redis.call('DEL', droppedKey)
  end
end
redis.call('SET', ARGV[5] .. ARGV[1], 'retired:' .. sessionId, 'PXAT', s[4])
redis.call('SET', ARGV[5] .. ARGV[2], 'current:' .. sessionId, 'PXAT', s[4])
redis.call('HSET', KEYS[1],
  'refreshTokenHash', ARGV[2],
  'retiredRefreshTokenHashes', cjson.encode(retired),
  'refreshTokenIssuedAt', ARGV[3],
  'refreshExpiresAt', ARGV[4],
  'lastActivityAt', ARGV[3])
return 1
`);

/**
 * KEYS[1] session hash. ARGV[1] activity time, ARGV[2] coalescing window (ms).
 * Writes only when the time is at least the window past the stored one: never backwards, and at most one write
 * per window. Returns 1 when written.
 */
export const touchSessionScript = new LuaScript(`
local last = redis.call('HGET', KEYS[1], 'lastActivityAt')
if not last then
  return 0
end
if tonumber(ARGV[1]) - tonumber(last) < tonumber(ARGV[2]) then
  return 0
end
redis.call('HSET', KEYS[1], 'lastActivityAt', ARGV[1])
return 1
`);

/** KEYS[1] session hash. ARGV[1] revokedAt, ARGV[2] reason. Returns 1 when this call revoked the session. */
export const revokeSessionScript = new LuaScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
if redis.call('HSETNX', KEYS[1], 'revokedAt', ARGV[1]) == 0 then
  return 0
end
redis.call('HSET', KEYS[1], 'revokeReason', ARGV[2])
return 1
`);

/**
 * KEYS[1] caregiver set. ARGV[1] session key prefix (with the client prefix), ARGV[2] caregiver id,
 * ARGV[3] revokedAt, ARGV[4] reason, ARGV[5] session id to spare ('' for none).
 * Members whose session has been purged are removed from the set. Returns how many sessions were revoked.
 */
export const revokeAllOfScript = new LuaScript(`
local revoked = 0
for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local key = ARGV[1] .. id
  local owner = redis.call('HGET', key, 'caregiverId')
  if not owner then
    redis.call('SREM', KEYS[1], id)
  elseif owner == ARGV[2] and id ~= ARGV[5] then
    if redis.call('HSETNX', key, 'revokedAt', ARGV[3]) == 1 then
      redis.call('HSET', key, 'revokeReason', ARGV[4])
      revoked = revoked + 1
    end
  end
end
return revoked
`);
