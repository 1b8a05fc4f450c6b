# Shared by bench.sh and run.sh (sourced, not run): settings, the JDK, MySQL/Redis access, logging.
# shellcheck shell=bash

BENCH_JAR=bench/target/bench.jar
DEV_SERVERS_JAR=dev-servers/target/dev-servers.jar
SCENARIOS=${C10K_SCENARIOS:-k6/scenarios}
MYSQL_HOST=${MYSQL_HOST:-127.0.0.1}
MYSQL_PORT=${MYSQL_PORT:-3306}
MYSQL_USER=${MYSQL_USER:-root}
MYSQL_PASSWORD=${MYSQL_PASSWORD:-}
REDIS_HOST=${REDIS_HOST:-127.0.0.1}
REDIS_PORT=${REDIS_PORT:-6379}

say() { printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { say "error: $*"; exit 1; }

# The JDK 25 that runs services and clients alike (the build's toolchain rule: JAVA_HOME, then /usr/lib/jvm).
find_java() {
  local home
  for home in "${C10K_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [[ -n "$home" && -x "$home/bin/java" ]] || continue
    if "$home/bin/java" -version 2>&1 | grep -qE 'version "(2[5-9]|[3-9][0-9])'; then
      echo "$home/bin/java"; return 0
    fi
  done
  die "no JDK 25 or newer found (set C10K_JAVA_HOME)"
}

# bench/bench.json's settings (merged for --quick, QUICK=true|false) as CONF_* shell variables; with a
# service name, also its CONF_MODULE, CONF_ONLY (its scenarios, empty for all) and CONF_ENV (an array).
load_settings() {
  local vars
  vars=$("$JAVA" -jar "$BENCH_JAR" vars --bench=bench/bench.json --scenarios="$SCENARIOS" --quick="$QUICK" \
    --service="${1:-}") || die "cannot read bench/bench.json"
  eval "$vars"
}

# MySQL and Redis for the runs (dev-servers/README.md): the configured ones (MYSQL_HOST/PORT, REDIS_HOST/PORT in
# the environment), which must answer; else those at 127.0.0.1's default ports; else embedded ones, which live
# as long as this shell: their process reads its standard input from it, so however the shell ends, the input
# closes and the servers stop and remove their data. Exports the addresses for run.sh and the services.
use_servers() {
  local env_file key value pid
  env_file=$(mktemp)
  exec {DEV_SERVERS_FD}> >(exec "$JAVA" -jar "$DEV_SERVERS_JAR" >"$env_file")
  pid=$!
  # An embedded MariaDB unpacks and starts in about 15 s; allow 2 min on a slow disk.
  for _ in $(seq 1 600); do
    grep -qx READY "$env_file" && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  grep -qx READY "$env_file" || die "no MySQL and Redis to run against (dev-servers said why, above)"
  while IFS='=' read -r key value; do
    case $key in
      MYSQL_HOST|MYSQL_PORT|MYSQL_USER|MYSQL_PASSWORD|REDIS_HOST|REDIS_PORT) export "$key=$value" ;;
    esac
  done <"$env_file"
  rm -f "$env_file"
}

sql() {
  MYSQL_PWD="$MYSQL_PASSWORD" mariadb --protocol=TCP -h"$MYSQL_HOST" -P"$MYSQL_PORT" -u"$MYSQL_USER" -N -B -e "$1"
}

redis() { redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" "$@"; }

# Drops the databases and Redis keys whose names start with the given run's prefix.
drop_run_data() {
  local db_prefix=$1 key_prefix=$2 db
  for db in $(sql "SHOW DATABASES LIKE '${db_prefix//_/\\_}%'" 2>/dev/null); do
    sql "DROP DATABASE IF EXISTS \`$db\`" || true
  done
  redis --scan --pattern "${key_prefix}*" 2>/dev/null | xargs -r -n 500 redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" unlink >/dev/null || true
}

# Percent of all CPUs busy over one second (/proc/stat's first line: user nice system idle iowait irq softirq steal).
busy_percent() {
  local a b i total=0 idle
  read -r -a a </proc/stat
  sleep 1
  read -r -a b </proc/stat
  for i in 1 2 3 4 5 6 7 8; do total=$((total + b[i] - a[i])); done
  idle=$(( b[4] + b[5] - a[4] - a[5] ))
  echo $(( total > 0 ? 100 * (total - idle) / total : 0 ))
}

# Waits up to 2 min for other work to leave the machine before a run: whatever ran just before it (a build,
# a test run's databases being dropped and purged, the last service stopping) would share the cores with the
# load generator and make it start requests late. A machine that stays busy is said so, and the run goes on:
# its self-checks tell whether the load suffered.
wait_quiet() {
  local busy waited=0
  busy=$(busy_percent)
  while (( busy > 10 && waited < 120 )); do
    (( waited % 15 == 0 )) && say "waiting for a quiet machine: ${busy}% of the CPUs busy"
    busy=$(busy_percent)
    waited=$((waited + 1))
  done
  (( busy <= 10 )) || say "warning: the machine is still ${busy}% busy after ${waited} s; running anyway"
  (( waited == 0 || busy > 10 )) || say "quiet after ${waited} s (${busy}% busy)"
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The JDK's AOT cache (JEP 483/514/515) of one module: its jar extracted (`-Djarmode=tools extract`, so classes
# load from plain jars, not nested ones) and one training run that starts the service on the run's database, lets
# Spring refresh its context and exits (spring.context.exit=onRefresh); the JVM then writes the classes it loaded
# and linked, and the methods' profiles, to the cache. Trained again when the jar or the heap changes. Sets
# AOT_JAR and AOT_CACHE. The training run is not pinned: it is not measured, and a cache trained on every CPU
# loads in a start pinned to one (checked with -XX:AOTMode=on), in half the time on two cores.
# Args: module jar heap db redis-prefix log service-args...
train_aot_cache() {
  local module=$1 jar=$2 heap=$3 db=$4 prefix=$5 log=$6; shift 6
  local dir="$module/target/aot"
  AOT_JAR="$dir/$(basename "$jar")" AOT_CACHE="$dir/app-Xmx$heap.aot"
  if [[ -f "$AOT_CACHE" && "$AOT_CACHE" -nt "$jar" ]]; then return 0; fi
  say "training the AOT cache of $module ($AOT_CACHE)"
  rm -rf "$dir"
  "$JAVA" -Djarmode=tools -jar "$jar" extract --destination "$dir" >/dev/null || die "cannot extract $jar"
  sql "CREATE DATABASE \`$db\` CHARACTER SET utf8mb4"
  "$JAVA" @docker/jvm.options "-Xmx$heap" "-XX:AOTCacheOutput=$AOT_CACHE" \
    -Dspring.context.exit=onRefresh -jar "$AOT_JAR" "$@" >"$log" 2>&1 || true
  drop_run_data "$db" "$prefix"
  [[ -f "$AOT_CACHE" ]] || { tail -20 "$log" >&2; die "the training run of $module wrote no AOT cache (log: $log)"; }
}
