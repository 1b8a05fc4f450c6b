-- wrk script of the closed model and the warm-up. Arguments after `--`: a mode, then paths.
--   get PATH...   a GET of a random one of the paths per request (e.g. many train ids)
--   buy PATH...   a purchase with a fresh requestId, POSTed to a random one of the ticket paths
-- done() prints one line "BENCH-JSON {...}" with what wrk's text output rounds or leaves out
-- (exact counts, microsecond latencies, each kind of error), which bench.jar parses.
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
end

function init(args)
  mode = args[1]
  paths = {}
  for i = 2, #args do paths[#paths + 1] = args[i] end
  math.randomseed(os.time() * 100 + id)
  sent = 0
end

local function uuid()
  return (string.gsub('xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx', '[xy]', function (c)
    return string.format('%x', c == 'x' and math.random(0, 15) or math.random(8, 11))
  end))
end

function request()
  local path = paths[math.random(#paths)]
  if mode == "buy" then
    sent = sent + 1
    local body = '{"passenger":"warm-' .. id .. '-' .. sent .. '","requestId":"' .. uuid() .. '"}'
    return wrk.format("POST", path, { ["Content-Type"] = "application/json" }, body)
  end
  return wrk.format("GET", path)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH-JSON {"requests":%d,"durationUs":%d,"bytes":%d,"connectErrors":%d,"readErrors":%d,' ..
    '"writeErrors":%d,"statusErrors":%d,"timeouts":%d,"meanUs":%.1f,"stdevUs":%.1f,"maxUs":%d,' ..
    '"p50Us":%d,"p90Us":%d,"p99Us":%d,"p999Us":%d}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean, latency.stdev, latency.max, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency:percentile(99.9)))
end
