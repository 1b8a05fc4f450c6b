-- Ends an in-flight purchase or cancel: gives back `delta` seats (a failed purchase, a cancel),
-- and publishes the new stock to the train's channel when one is named.
-- Idempotent, so a settle whose answer was lost can be sent again: the seats go back only by the
-- call that removes the member. A member already gone (settled before, or its lease ran out and
-- the stock was re-derived from MySQL since) changes nothing.
-- The message is "<stock>:<epoch ms>:<version>": the version lets a long poll ignore a change made
-- before it arrived, whose message can reach its instance after it registered.
-- It publishes with `publishCommand`, PUBLISH or, on a Redis Cluster, SPUBLISH (set by StockScripts):
-- a shard channel tagged like the keys is served by the node that runs this script.
-- KEYS: stock, in-flight set, version. ARGV: member, delta, channel ('' for none), and optionally the
-- lease end the member must have (reserve-seat.lua's deadline + lease): then only that attempt of the
-- request is settled, never a later attempt that holds the member now.
-- Returns the stock, -2 when the stock key is gone (it is re-derived from MySQL on next use),
-- -3 when the member (with that lease end) was not in flight.
if ARGV[4] and ARGV[4] ~= '' then
  local held = redis.call('ZSCORE', KEYS[2], ARGV[1])
  if not held or tonumber(held) ~= tonumber(ARGV[4]) then return -3 end
end
if redis.call('ZREM', KEYS[2], ARGV[1]) == 0 then return -3 end
local version = bumpVersion()
local stock = redis.call('GET', KEYS[1])
if not stock then return -2 end
local delta = tonumber(ARGV[2])
if delta ~= 0 then stock = redis.call('INCRBY', KEYS[1], delta) end
if ARGV[3] ~= '' then
  local now = redis.call('TIME')
  local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
  redis.call(publishCommand, ARGV[3], stock .. ':' .. nowMs .. ':' .. version)
end
return tonumber(stock)
