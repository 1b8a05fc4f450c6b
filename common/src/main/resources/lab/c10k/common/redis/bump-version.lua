-- Prepended to every script that changes a train's stock or in-flight set (StockScripts): bumps the
-- train's version (KEYS[3]) and returns it as a string. Long polls tell a change made after they
-- arrived from an older one by this number, so it must never go backwards: a missing version (a new
-- train, Redis restarted empty, the key evicted) starts again from Redis's clock in microseconds.
-- That is above any version the key held before, since each bump is a script run of its own and
-- takes Redis more than a microsecond. Formatted with %d: Lua's own number-to-text would print
-- sixteen digits as 1.7e+15.
local function bumpVersion()
  if redis.call('EXISTS', KEYS[3]) == 0 then
    local now = redis.call('TIME')
    redis.call('SET', KEYS[3], now[1] .. string.format('%06d', tonumber(now[2])))
  end
  return string.format('%d', redis.call('INCR', KEYS[3]))
end
