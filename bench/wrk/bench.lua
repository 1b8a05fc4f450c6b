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

-- wrk "corrects" its latency histogram before done() (stats_correct in wrk.c): every sample of at least
-- twice the closed loop's interval e = duration / (requests / connections) gets synthetic samples at
-- n - e, n - 2e, ... > e added, as if an open-loop client had been waiting. Those samples were never sent,
-- so the mean wrk reports breaks Little's law by as much as its tail is long. For n > e the corrected
-- count at n is the sum of the measured counts at n, n + e, n + 2e, ..., so the measured count is
-- corrected[n] - corrected[n + e]; below or at e nothing was added. The histogram is read through
-- LuaJIT's FFI (wrk 4.x: struct stats { uint64_t count, limit, min, max, data[]; }, a userdata holding
-- its pointer), because its Lua API finds the i-th bucket by a scan from the start each time.
local ffi = require("ffi")

local function measured(latency, summary)
  local s = ffi.cast("uint64_t **", latency)[0]
  local min, max = tonumber(s[2]), tonumber(s[3])
  local connections = tonumber(os.getenv("BENCH_WRK_CONNECTIONS") or "0")
  local perConnection = connections > 0 and math.floor(summary.requests / connections) or 0
  local e = perConnection > 0 and math.floor(summary.duration / perConnection) or math.huge
  local function at(n) return n > max and 0 or tonumber(s[4 + n]) end
  local function count(n) return n > e and at(n) - at(n + e) or at(n) end
  local total, sum, top = 0, 0, 0
  for n = min, max do
    local c = count(n)
    if c > 0 then total = total + c; sum = sum + n * c; top = n end
  end
  local out = { count = total, meanUs = total > 0 and sum / total or 0, maxUs = top, correctionIntervalUs = e }
  local wanted = { { "p50Us", 0.5 }, { "p90Us", 0.9 }, { "p99Us", 0.99 }, { "p999Us", 0.999 } }
  local seen, k = 0, 1
  for n = min, max do
    if k > #wanted then break end
    seen = seen + count(n)
    while k <= #wanted and seen >= wanted[k][2] * total and total > 0 do
      out[wanted[k][1]] = n; k = k + 1
    end
  end
  for i = k, #wanted do out[wanted[i][1]] = 0 end
  return out
end

-- The latency fields are as measured (see above); wrk's corrected mean and p99 are kept beside them.
function done(summary, latency, requests)
  local e = summary.errors
  local m = measured(latency, summary)
  io.write(string.format(
    'BENCH-JSON {"requests":%d,"durationUs":%d,"bytes":%d,"connectErrors":%d,"readErrors":%d,' ..
    '"writeErrors":%d,"statusErrors":%d,"timeouts":%d,"latencies":%d,"meanUs":%.1f,"maxUs":%d,' ..
    '"p50Us":%d,"p90Us":%d,"p99Us":%d,"p999Us":%d,"wrkCorrectionIntervalUs":%d,' ..
    '"wrkCorrectedMeanUs":%.1f,"wrkCorrectedP99Us":%d}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    m.count, m.meanUs, m.maxUs, m.p50Us, m.p90Us, m.p99Us, m.p999Us,
    m.correctionIntervalUs == math.huge and 0 or m.correctionIntervalUs,
    latency.mean, latency:percentile(99)))
end
