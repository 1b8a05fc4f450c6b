-- Sets a missing stock to the value derived from MySQL (capacity - sold); never overwrites one.
-- KEYS: stock, in-flight set, version. ARGV: derived stock. Returns the stock now in Redis.
if redis.call('SET', KEYS[1], ARGV[1], 'NX') then
  bumpVersion()
end
return tonumber(redis.call('GET', KEYS[1]))
