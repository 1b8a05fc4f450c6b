# The side-by-side table of compare.sh: one column per summary.json given, one row per metric
# worth comparing (k6's per-phase HTTP timings and data counters are left out), as tab-separated text.
def r1: (. * 10 | round) / 10;
def unit($m): if $m.contains == "time" then "ms" else "" end;
def cell($m):
  if $m == null then "-"
  elif $m.type == "trend" then "\($m.values.med | r1) / \($m.values["p(99)"] | r1)\(unit($m))"
  elif $m.type == "counter" then "\($m.values.count | r1)"
  elif $m.type == "rate" then "\($m.values.rate * 100 | r1)%"
  else "\($m.values.max // $m.values.value)" end;
def failed: [.metrics[] | (.thresholds // {}) | .[] | select(.ok | not)] | length;

[inputs] as $runs
| ($runs | map(.metrics | keys) | add | unique
   | map(select(test("^(http_req_(blocked|connecting|tls_handshaking|sending|receiving|waiting)|data_|group_duration|vus)") | not)))
  as $keys
| (["", ($runs[] | .meta.service)] | @tsv),
  (["testid", ($runs[] | .meta.testid)] | @tsv),
  (["duration", ($runs[] | "\(.state.testRunDurationMs / 1000 | r1)s")] | @tsv),
  (["requests/s", ($runs[] | "\(.metrics.http_reqs.values.rate // 0 | r1)")] | @tsv),
  ($keys[] as $k | [$k, ($runs[] | cell(.metrics[$k]))] | @tsv),
  (["thresholds", ($runs[] | failed | if . == 0 then "all ok" else "\(.) FAILED" end)] | @tsv)
