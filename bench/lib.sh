# Shared by bench.sh and run.sh (sourced, not run): settings, the JDK, MySQL/Redis access, logging.
# shellcheck shell=bash

BENCH_JAR=bench/target/bench.jar
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

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
