-- Ends an in-flight purchase or cancel: gives back `delta` seats (a failed purchase, a cancel),
-- and publishes the new stock to the train's channel when one is named.
-- KEYS: stock, in-flight set, version. ARGV: member, delta, channel ('' for none).
-- Returns the stock, or -2 when the stock key is gone (it is re-derived from MySQL on next use).
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('INCR', KEYS[3])
local stock = redis.call('GET', KEYS[1])
if not stock then return -2 end
local delta = tonumber(ARGV[2])
if delta ~= 0 then stock = redis.call('INCRBY', KEYS[1], delta) end
if ARGV[3] ~= '' then
  local now = redis.call('TIME')
  local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
  redis.call('PUBLISH', ARGV[3], stock .. ':' .. nowMs)
end
return tonumber(stock)
