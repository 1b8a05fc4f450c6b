-- Records a cancel as in flight before MySQL is touched, so that a cancel fails closed when Redis
-- is away and stock repair waits for it. KEYS: stock, in-flight set, version. ARGV: member, lease in ms.
local now = redis.call('TIME')
local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
redis.call('ZADD', KEYS[2], nowMs + tonumber(ARGV[2]), ARGV[1])
redis.call('INCR', KEYS[3])
return 1
