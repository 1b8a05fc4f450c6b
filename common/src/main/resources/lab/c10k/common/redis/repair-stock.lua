-- Corrects a stock that drifted from MySQL, but only when nothing happened since the caller read
-- the version (before it read MySQL) and no purchase or cancel is in flight (leases past their
-- end are dropped: their process died). KEYS: stock, in-flight set, version.
-- ARGV: version seen before reading MySQL ('' when none), stock derived from MySQL.
-- Returns 1 when corrected, 0 when already right, -1 when it could not judge (try again later).
local now = redis.call('TIME')
local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', nowMs)
if redis.call('ZCARD', KEYS[2]) > 0 then return -1 end
if (redis.call('GET', KEYS[3]) or '') ~= ARGV[1] then return -1 end
if redis.call('GET', KEYS[1]) == ARGV[2] then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
bumpVersion()
return 1
