#!/usr/bin/env bash
# The two per-instance figures docs/scaling.md needs that bench.sh does not measure: how many purchase
# transactions MySQL commits per second on ONE train row (the hot-train ceiling, the services' own SQL, without
# the services), and how many of the stock's Lua scripts Redis runs per second. Writes raw outputs to a folder.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

usage() {
  cat <<'USAGE'
Usage: bench/capacity-inputs.sh [--out DIR] [--transactions N] [--redis-requests N]
  --out DIR             where the raw outputs go (default results/<UTC timestamp>-capacity-inputs)
  --transactions N      purchase transactions per MySQL run (default 20000)
  --redis-requests N    requests per redis-benchmark run (default 200000)
Measures, on the MySQL and Redis at MYSQL_HOST/PORT/USER/PASSWORD and REDIS_HOST/PORT (default 127.0.0.1):
  mysql-c{1,20,100}.txt the purchase transaction (UPDATE train ... sold < capacity; INSERT ticket;
                                COMMIT) on one train row, with 1, 20 (one service's pool) and 100 connections
  redis-*.txt                   redis-benchmark -c 64: GET, and reserve-seat.lua (with bump-version.lua, as
                                StockScripts sends it) on a sold-out stock and on a stock with seats
Uses its own database c10k_capacity_<pid> and key prefix c10k-capacity-<pid>:, and removes both.
USAGE
}

OUT= TRANSACTIONS=20000 REDIS_REQUESTS=200000
while [[ $# -gt 0 ]]; do
  case $1 in
    --out) OUT=$2; shift 2 ;;
    --transactions) TRANSACTIONS=$2; shift 2 ;;
    --redis-requests) REDIS_REQUESTS=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown option $1" ;;
  esac
done
for tool in mariadb mariadb-slap redis-cli redis-benchmark; do
  command -v "$tool" >/dev/null || die "$tool is missing (Debian: apt-get install mariadb-client redis-tools)"
done
OUT=${OUT:-results/$(date -u +%Y-%m-%dT%H-%M-%SZ)-capacity-inputs}
mkdir -p "$OUT"
DB=c10k_capacity_$$ PREFIX="c10k-capacity-$$:"
cleanup() {
  sql "DROP DATABASE IF EXISTS $DB" || true
  redis --scan --pattern "${PREFIX}*" | xargs -r redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" unlink >/dev/null || true
}
trap cleanup EXIT

slap() {
  MYSQL_PWD="$MYSQL_PASSWORD" mariadb-slap --protocol=TCP -h"$MYSQL_HOST" -P"$MYSQL_PORT" -u"$MYSQL_USER" "$@"
}

# The schema the services migrate to, and one train with more seats than any run sells.
sql "CREATE DATABASE $DB"
MYSQL_PWD="$MYSQL_PASSWORD" mariadb --protocol=TCP -h"$MYSQL_HOST" -P"$MYSQL_PORT" -u"$MYSQL_USER" "$DB" \
  <common/src/main/resources/db/migration/V1__create_train_and_ticket.sql
sql "INSERT INTO $DB.train (code, origin, destination, departs_at, capacity, sold)
     VALUES ('HOT1', 'A', 'B', '2026-12-01 08:00:00', 100000000, 0)"
# TicketSql.INSERT and TrainSql.TAKE_SEAT, one transaction each: the statements TicketService.sell runs.
TX="START TRANSACTION;UPDATE train SET sold = sold + 1 WHERE id = 1 AND sold < capacity;INSERT INTO ticket (train_id, passenger, request_id, status, created_at) VALUES (1, 'Lao Wang', UUID(), 'CONFIRMED', NOW(3));COMMIT"
for conns in 1 20 100; do
  # number-of-queries counts statements over all connections: 4 per transaction.
  say "MySQL: $TRANSACTIONS purchase transactions on one train row, $conns connection(s)"
  slap --create-schema="$DB" --no-drop --concurrency="$conns" --iterations=1 \
    --number-of-queries=$((TRANSACTIONS * 4)) --delimiter=';' --query="$TX" >"$OUT/mysql-c$conns.txt"
done
sql "SELECT sold FROM $DB.train WHERE id = 1" >"$OUT/mysql-sold.txt"

script=$(cat common/src/main/resources/lab/c10k/common/redis/bump-version.lua \
  common/src/main/resources/lab/c10k/common/redis/reserve-seat.lua)
sha=$(redis SCRIPT LOAD "$script")
keys() { echo "${PREFIX}train:{$1}:stock ${PREFIX}train:{$1}:inflight ${PREFIX}train:{$1}:version"; }
redis SET "${PREFIX}train:{1}:stock" 0 >/dev/null
redis SET "${PREFIX}train:{2}:stock" 100000000 >/dev/null
redis SET "${PREFIX}train:{3}:cache" '{"id":3,"code":"HOT1"}' >/dev/null
# -q prints its progress over one line with carriage returns: keep the final figure only.
bench() {
  redis-benchmark -h "$REDIS_HOST" -p "$REDIS_PORT" -c 64 -n "$REDIS_REQUESTS" -r 100000000 -q "$@" \
    | tr '\r' '\n' | grep 'requests per second'
}
say "Redis: GET, and reserve-seat.lua sold out and with seats, 64 connections"
# shellcheck disable=SC2046
{
  bench GET "${PREFIX}train:{3}:cache" >"$OUT/redis-get.txt"
  bench EVALSHA "$sha" 3 $(keys 1) buy:__rand_int__ 30000 >"$OUT/redis-reserve-sold-out.txt"
  bench EVALSHA "$sha" 3 $(keys 2) buy:__rand_int__ 30000 >"$OUT/redis-reserve-seat.txt"
}
{
  echo "date: $(date -u +%FT%TZ)"
  echo "command: bench/capacity-inputs.sh $*"
  echo "git: $(git rev-parse HEAD)$(git diff --quiet || echo ' (dirty)')"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) CPUs"
  echo "mysql: $(sql 'SELECT VERSION()'); innodb_flush_log_at_trx_commit=$(sql 'SELECT @@innodb_flush_log_at_trx_commit'); log_bin=$(sql 'SELECT @@log_bin')"
  echo "redis: $(redis INFO server | tr -d '\r' | grep '^redis_version:')"
  echo "transactions per MySQL run: $TRANSACTIONS; requests per redis-benchmark run: $REDIS_REQUESTS"
} >"$OUT/env.txt"
say "wrote $OUT"
