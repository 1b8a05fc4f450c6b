#!/usr/bin/env bash
# The whole comparison in one command: builds what is missing, records the environment, runs every service
# through the scenarios in alternating order for each round (A B C, C B A, A B C), and writes the report.
#   bench.sh (all rounds, all services, the report) -> run.sh (one service, one round) -> bench.jar measure
#   (one scenario: warm-up until stable, the load, samples, self-checks).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

usage() {
  cat <<'USAGE'
Usage: bench/bench.sh [options]
  --quick              a few minutes: bench.json's quick block (small crowds, short windows, 1 round)
  --rounds N           rounds, services alternating their order (default: bench.json, 3; quick 1)
  --services A,B       services of bench/bench.json (default: all: blocking, virtual-threads, reactive,
                       reactive-nio, reactive-io_uring, and blocking-jar, virtual-threads-jar, reactive-jar,
                       which only start from the packaged jar, without the AOT cache the others start with)
  --scenarios A,B      of closed, open, flash-sale, c10k, overload (default: all, in that order); every run records its
                       service's start (ms to the first answer, resident memory at rest) whatever the list,
                       and --scenarios start records only that
  --heap SIZE          the one -Xmx of every service (default 512m)
  --out DIR            results folder (default results/<UTC timestamp>)
  --no-build           fail instead of building missing jars
  -h, --help           this help
One scenario across the services: --scenarios c10k. One run: bench/run.sh -h.
Environment: C10K_SCENARIOS (default k6/scenarios), MYSQL_HOST/PORT/USER/PASSWORD, REDIS_HOST/PORT,
C10K_JAVA_HOME (a JDK 25). With no MYSQL_/REDIS_ address set and nothing answering at 127.0.0.1:3306 or
:6379, embedded MariaDB and Redis servers run for the whole command (dev-servers/README.md).
Exit status 0 when every self-check passed, 3 when a run is invalid.
USAGE
}

QUICK=false ROUNDS= SERVICES= SCENARIO_LIST= HEAP= OUT= BUILD=true
COMMAND="bench/bench.sh $*"
while [[ $# -gt 0 ]]; do
  case $1 in
    --quick) QUICK=true; shift ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --services) SERVICES=${2//,/ }; shift 2 ;;
    --scenarios) SCENARIO_LIST=${2//,/ }; shift 2 ;;
    --heap) HEAP=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    --no-build) BUILD=false; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown option $1" ;;
  esac
done

JAVA=$(find_java)
for tool in wrk mariadb redis-cli taskset curl getconf; do
  command -v "$tool" >/dev/null || die "$tool is missing (Debian: apt-get install wrk mariadb-client redis-tools util-linux curl)"
done
[[ -f "$SCENARIOS/c10k.json" ]] || die "no k6 scenario files in $SCENARIOS (set C10K_SCENARIOS)"

# Build what is missing: the three services' jars and bench.jar, within the reactor (never `install`).
missing=()
for module in blocking-service virtual-thread-service reactive-service; do
  [[ -f "$module/target/$module-0.1.0-SNAPSHOT.jar" ]] || missing+=("$module")
done
[[ -f "$BENCH_JAR" ]] || missing+=(bench)
[[ -f "$DEV_SERVERS_JAR" ]] || missing+=(dev-servers)
if (( ${#missing[@]} )); then
  $BUILD || die "missing: ${missing[*]}"
  modules=$(IFS=,; echo "${missing[*]}")
  say "building ${missing[*]}"
  # Offline first, quietly: on a machine whose Maven cache lacks something, its errors would read as a failure.
  ./mvnw -B -q -o package -DskipTests -pl "$modules" -am >/dev/null 2>&1 \
    || { say "building online (the local Maven cache lacks what the build needs)"; \
         ./mvnw -B -q package -DskipTests -pl "$modules" -am; }
fi

load_settings
use_servers
ROUNDS=${ROUNDS:-$CONF_ROUNDS}
SERVICES=${SERVICES:-$CONF_SERVICES}
SCENARIO_LIST=${SCENARIO_LIST:-$CONF_SCENARIOS}
HEAP=${HEAP:-$CONF_HEAP}
RUN_ID=$(date -u +%Y%m%d%H%M%S)
OUT=${OUT:-results/$(date -u +%Y-%m-%dT%H-%M-%SZ)}
mkdir -p "$OUT/runs" "$OUT/logs" "$OUT/config"
export RUN_ID

# 10,000 polls need 10,000 sockets in the client and in the service, the overload's burst of 20,000 connections
# 20,000 (the client opens what its limit allows at once, and the rest as replies free descriptors).
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
(( $(ulimit -n) > 10500 )) || say "warning: ulimit -n is $(ulimit -n): a 10,000-poll crowd needs more"
(( $(ulimit -n) >= 20000 )) || say "warning: ulimit -n is $(ulimit -n): the overload's burst of 20,000 connections will not all be open at once"

trap 'drop_run_data "c10k_bench_${RUN_ID}_" "c10k-bench-${RUN_ID}-"' EXIT

cp bench/bench.json docker/jvm.options "$OUT/config/"
cp "$SCENARIOS"/*.json "$OUT/config/" 2>/dev/null || true
printf '%s\n' "$COMMAND" >"$OUT/command.txt"
jars=$(tr ' ' '\n' <<<"$CONF_JARS" | sort -u | tr '\n' ' ')
"$JAVA" -jar "$BENCH_JAR" env --out="$OUT/env.json" --command="$COMMAND" --quick="$QUICK" --rounds="$ROUNDS" \
  --run-id="$RUN_ID" --services="$SERVICES" --scenario-list="$SCENARIO_LIST" --java="$JAVA" --jars="$jars" \
  --jvm-flags="$(grep -v '^#' docker/jvm.options | grep . | tr '\n' ' ')-Xmx$HEAP" \
  --service-cpus="$CONF_SERVICE_CPUS" --client-cpus="$CONF_CLIENT_CPUS" --ulimit="$(ulimit -n)" \
  --scenarios="$SCENARIOS" --mysql-version="$(sql 'SELECT VERSION()' 2>/dev/null || echo '?')" \
  --redis-version="$(redis INFO server 2>/dev/null | grep -m1 redis_version | tr -d '\r' || echo '?')"

read -r -a order <<<"$SERVICES"
total=$(( ROUNDS * ${#order[@]} )) done_runs=0 began=$(date +%s)
say "$total runs: $ROUNDS round(s) of ${order[*]}; scenarios: $SCENARIO_LIST; results in $OUT"
for round in $(seq 1 "$ROUNDS"); do
  if (( round % 2 == 0 )); then
    this=(); for (( i=${#order[@]}-1; i>=0; i-- )); do this+=("${order[i]}"); done
  else
    this=("${order[@]}")
  fi
  position=0
  for service in "${this[@]}"; do
    position=$((position + 1))
    left="?"
    if (( done_runs > 0 )); then
      left="about $(( ( ($(date +%s) - began) / done_runs * (total - done_runs) + 59) / 60 )) min left"
    fi
    say "[$((done_runs + 1))/$total] round $round: $service ($left)"
    args=(--service "$service" --round "$round" --position "$position" --out "$OUT" --heap "$HEAP"
          --scenarios "$SCENARIO_LIST" --run-id "$RUN_ID")
    $QUICK && args+=(--quick)
    bench/run.sh "${args[@]}"
    done_runs=$((done_runs + 1))
  done
done

# Service logs are mostly stack traces of clients that hung up (the sampler's timed-out scrapes): kept, compressed.
gzip -9 -f "$OUT"/logs/*.log 2>/dev/null || true
"$JAVA" -jar "$BENCH_JAR" report --dir="$OUT"
sed -n '/^## Side by side/,/^## /p' "$OUT/results.md" | sed '$d'
say "results: $OUT/results.md and $OUT/report.html (took $(( ($(date +%s) - began) / 60 )) min)"
grep -Eq '"valid" ?: ?true' "$OUT/summary.json" || { say "some runs are INVALID: see $OUT/results.md"; exit 3; }
