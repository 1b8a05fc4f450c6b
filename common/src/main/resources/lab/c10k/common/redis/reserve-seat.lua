-- Takes one seat from the stock, atomically, and records the purchase as in flight.
-- KEYS: stock, in-flight set, version. ARGV: member (one per requestId), lease in ms, and optionally the
-- caller's deadline in epoch ms (when it stops waiting for this answer).
-- With a deadline, a script that runs after it changes nothing: a command held by a frozen server or link
-- and run late must not take a seat that nobody waits for. The lease then ends `lease` ms after the
-- deadline, and that instant names this attempt: settle.lua releases exactly it when its answer was lost.
-- Returns the stock left; -1 when sold out; -2 when the stock is unknown (derive it from MySQL first); -3
-- when another attempt of the same request holds a seat right now (wait for it, then replay: two attempts
-- of one request must never take two seats); -4 when past the deadline.
local now = redis.call('TIME')
local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local deadline = tonumber(ARGV[3] or '')
if deadline and nowMs > deadline then return -4 end
local held = redis.call('ZSCORE', KEYS[2], ARGV[1])
if held and tonumber(held) > nowMs then return -3 end
local stock = redis.call('GET', KEYS[1])
if not stock then return -2 end
if tonumber(stock) <= 0 then return -1 end
redis.call('ZADD', KEYS[2], (deadline or nowMs) + tonumber(ARGV[2]), ARGV[1])
bumpVersion()
return redis.call('DECR', KEYS[1])
