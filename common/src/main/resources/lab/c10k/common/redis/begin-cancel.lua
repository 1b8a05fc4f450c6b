-- Records a cancel as in flight before MySQL is touched, so that a cancel fails closed when Redis
-- is away and stock repair waits for it. KEYS: stock, in-flight set, version. ARGV: member, lease in ms,
-- and optionally the caller's deadline in epoch ms: run after it, the script records nothing (a late
-- record would hold off stock repair for a whole lease). Returns 1, or -4 when past the deadline.
local now = redis.call('TIME')
local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local deadline = tonumber(ARGV[3] or '')
if deadline and nowMs > deadline then return -4 end
redis.call('ZADD', KEYS[2], nowMs + tonumber(ARGV[2]), ARGV[1])
bumpVersion()
return 1
