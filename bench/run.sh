#!/usr/bin/env bash
# One run: one service, one round. Starts the service on a fresh database and Redis prefix, pinned to its CPU,
# with the JVM flags every start uses (docker/jvm.options) and the run's heap cap; measures each scenario (each
# warms its endpoints up first); stops the service; drops its data. Called by bench.sh; usable alone.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

usage() {
  cat <<'USAGE'
Usage: bench/run.sh --service NAME --round N --out DIR [options]
  --service NAME      a service of bench/bench.json (blocking, virtual-threads, reactive, reactive-nio, ...)
  --round N           the round number (names the files)
  --position N        its place in the round's order (recorded)
  --out DIR           the results folder (runs/ and logs/ are written there)
  --scenarios "A B"   scenarios to measure, in this order (default: bench.json's list)
  --heap SIZE         -Xmx of the service (default: bench.json's heap, 512m)
  --quick             bench.json's quick settings
  --run-id ID         names the database c10k_bench_<ID>_... and the Redis prefix c10k-bench-<ID>-...
  -h, --help          this help
USAGE
}

SERVICE= ROUND= POSITION=0 OUT= SCENARIO_LIST= HEAP= QUICK=false RUN_ID=${RUN_ID:-$(date -u +%Y%m%d%H%M%S)}
while [[ $# -gt 0 ]]; do
  case $1 in
    --service) SERVICE=$2; shift 2 ;;
    --round) ROUND=$2; shift 2 ;;
    --position) POSITION=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    --scenarios) SCENARIO_LIST=$2; shift 2 ;;
    --heap) HEAP=$2; shift 2 ;;
    --quick) QUICK=true; shift ;;
    --run-id) RUN_ID=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown option $1" ;;
  esac
done
[[ -n "$SERVICE" && -n "$ROUND" && -n "$OUT" ]] || { usage >&2; exit 2; }

JAVA=$(find_java)
# As bench.sh does, for a run started alone: C10K's crowd and the overload's burst need the descriptors.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
load_settings "$SERVICE"
MODULE=$CONF_MODULE
[[ -n "$MODULE" && "$MODULE" != null ]] || die "no service '$SERVICE' in bench/bench.json"
JAR="$MODULE/target/$MODULE-0.1.0-SNAPSHOT.jar"
[[ -f "$JAR" ]] || die "$JAR is missing: run bench/bench.sh, which builds it"
[[ -f "$DEV_SERVERS_JAR" ]] || die "$DEV_SERVERS_JAR is missing: run bench/bench.sh, which builds it"
use_servers
HEAP=${HEAP:-$CONF_HEAP}
SERVICE_CPUS=$CONF_SERVICE_CPUS
CLIENT_CPUS=$CONF_CLIENT_CPUS
SCENARIO_LIST=${SCENARIO_LIST:-$CONF_SCENARIOS}
ONLY=$CONF_ONLY
START=$CONF_START
IDLE_SECONDS=$CONF_IDLE_SECONDS
SERVICE_ENV=("${CONF_ENV[@]}")

TAG="r${ROUND}-p${POSITION}-${SERVICE}"
NAME=${SERVICE//[^a-zA-Z0-9]/_}
DB="c10k_bench_${RUN_ID}_${NAME}_r${ROUND}"
PREFIX="c10k-bench-${RUN_ID}-${NAME}-r${ROUND}:"
mkdir -p "$OUT/runs" "$OUT/logs"
LOG="$OUT/logs/$TAG.log"

PORT=$CONF_BASE_PORT
until port_free "$PORT"; do PORT=$((PORT + 1)); done
BASE="http://127.0.0.1:$PORT"

SERVICE_PID=
cleanup() {
  if [[ -n "$SERVICE_PID" ]] && kill -0 "$SERVICE_PID" 2>/dev/null; then
    kill -TERM "$SERVICE_PID" 2>/dev/null || true
    # Graceful shutdown waits up to 20 s for requests in flight (a blocked crowd never ends): then it is killed.
    for _ in $(seq 1 60); do kill -0 "$SERVICE_PID" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$SERVICE_PID" 2>/dev/null || true
    wait "$SERVICE_PID" 2>/dev/null || true
  fi
  drop_run_data "$DB" "$PREFIX"
}
trap cleanup EXIT

JDBC="jdbc:mysql://$MYSQL_HOST:$MYSQL_PORT/$DB?sslMode=DISABLED&allowPublicKeyRetrieval=true"
SERVICE_ARGS=(--server.port="$PORT"
  --spring.datasource.url="$JDBC" --spring.datasource.username="$MYSQL_USER" --spring.datasource.password="$MYSQL_PASSWORD"
  --spring.flyway.url="$JDBC" --spring.flyway.user="$MYSQL_USER" --spring.flyway.password="$MYSQL_PASSWORD"
  --spring.r2dbc.url="r2dbc:mysql://$MYSQL_HOST:$MYSQL_PORT/$DB" --spring.r2dbc.username="$MYSQL_USER"
  --spring.r2dbc.password="$MYSQL_PASSWORD"
  --spring.data.redis.host="$REDIS_HOST" --spring.data.redis.port="$REDIS_PORT"
  --c10k.redis.key-prefix="$PREFIX")
START_JVM=()
if [[ "$START" == aot-cache ]]; then
  train_aot_cache "$MODULE" "$JAR" "$HEAP" "$DB" "$PREFIX" "$OUT/logs/$TAG-aot-training.log" "${SERVICE_ARGS[@]}"
  JAR=$AOT_JAR START_JVM=("-XX:AOTCache=$AOT_CACHE")
fi

wait_quiet
sql "CREATE DATABASE \`$DB\` CHARACTER SET utf8mb4"
say "$TAG: starting $MODULE on $BASE (CPU $SERVICE_CPUS, -Xmx$HEAP, start: $START${SERVICE_ENV[*]:+, ${SERVICE_ENV[*]}})"
launched=$(date +%s%N)
env "${SERVICE_ENV[@]}" taskset -c "$SERVICE_CPUS" "$JAVA" @docker/jvm.options "-Xmx$HEAP" "${START_JVM[@]}" -jar "$JAR" \
  "${SERVICE_ARGS[@]}" >"$LOG" 2>&1 &
SERVICE_PID=$!

# The start as a user meets it: from exec to the first answered request (polled every 20 ms), then the resident
# memory after IDLE_SECONDS of rest. Readiness (health: MySQL and Redis answer) is waited for after that.
started=$(date +%s)
until curl -sf -o /dev/null "$BASE/api/ping" 2>/dev/null; do
  if ! kill -0 "$SERVICE_PID" 2>/dev/null; then
    reason=$(grep -m1 -o 'c10k.transport=.* is unavailable on this machine[^"]*' "$LOG" || true)
    if [[ -n "$reason" ]]; then
      say "$TAG: unavailable here: $reason"
      printf '{"service":"%s","round":%s,"unavailable":"%s"}\n' "$SERVICE" "$ROUND" "${reason//\"/\'}" \
        >"$OUT/runs/$TAG-unavailable.json"
      exit 0
    fi
    tail -20 "$LOG" >&2
    die "$TAG: $MODULE exited during start (log: $LOG)"
  fi
  (( $(date +%s) - started < 600 )) || die "$TAG: $MODULE did not answer /api/ping in 600 s"
  sleep 0.02
done
first_answer_ms=$(( ($(date +%s%N) - launched) / 1000000 ))
sleep "$IDLE_SECONDS"
idle_rss_kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$SERVICE_PID/status")
printf '{"scenario":"start","service":"%s","round":%s,"positionInRound":%s,"valid":true,"checks":[{"name":"answered /api/ping","passed":true,"detail":"after %s ms"}],"result":{"start":"%s","firstAnswerMs":%s,"idleSeconds":%s,"idleRssBytes":%s}}\n' \
  "$SERVICE" "$ROUND" "$POSITION" "$first_answer_ms" "$START" "$first_answer_ms" "$IDLE_SECONDS" "$((idle_rss_kb * 1024))" \
  >"$OUT/runs/$TAG-start.json"
say "$TAG: first answer after $first_answer_ms ms; resident $((idle_rss_kb / 1024)) MB after $IDLE_SECONDS s at rest"
until curl -sf "$BASE/actuator/health" >/dev/null 2>&1; do
  kill -0 "$SERVICE_PID" 2>/dev/null || die "$TAG: $MODULE exited before it was ready (log: $LOG)"
  (( $(date +%s) - started < 600 )) || die "$TAG: $MODULE did not answer /actuator/health in 600 s"
  sleep 0.5
done
say "$TAG: up after $(( $(date +%s) - started )) s"

# The load generator's collector must not stop its scheduler. On the one CPU taskset leaves it the JVM would
# pick Serial, whose 13-27 ms young pauses each started a few requests of the open model late; ZGC's pauses
# stay under a millisecond (its GC log lands beside the service's).
CLIENT_JVM=(-XX:+UseZGC -Xms1g -Xmx1g)
for scenario in $SCENARIO_LIST; do
  # The start is recorded above, with every start.
  [[ "$scenario" == start ]] && continue
  if [[ -n "$ONLY" && " $ONLY " != *" $scenario "* ]]; then continue; fi
  say "$TAG: $scenario"
  doc="$OUT/runs/$TAG-$scenario.json"
  if ! taskset -c "$CLIENT_CPUS" "$JAVA" "${CLIENT_JVM[@]}" -Xlog:gc:file="$OUT/logs/$TAG-$scenario-client-gc.log" \
    -jar "$BENCH_JAR" measure --bench=bench/bench.json \
    --scenarios="$SCENARIOS" --quick="$QUICK" --scenario="$scenario" --service="$SERVICE" --round="$ROUND" \
    --position="$POSITION" --base="$BASE" --pid="$SERVICE_PID" --clk-tck="$(getconf CLK_TCK)" \
    --client-cpus="$CLIENT_CPUS" --wrk-script=bench/wrk/bench.lua --out="$doc"; then
    # A crashed measurement (the service died under it, a tool failed) is an invalid run, not the end of all runs.
    alive=$(kill -0 "$SERVICE_PID" 2>/dev/null && echo running || echo "exited (see $LOG)")
    printf '{"scenario":"%s","service":"%s","round":%s,"valid":false,"checks":[{"name":"measurement completed","passed":false,"detail":"bench.jar measure failed; the service %s"}]}\n' \
      "$scenario" "$SERVICE" "$ROUND" "$alive" >"$doc"
    say "$TAG: $scenario did not complete; the service $alive"
    kill -0 "$SERVICE_PID" 2>/dev/null || break
  fi
done
