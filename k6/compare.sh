#!/bin/sh
# Runs one k6 scenario against each service in turn, never two at once, then prints their summaries
# side by side. See k6/README.md.
set -eu

usage() {
    cat <<'USAGE'
Usage: k6/compare.sh [options] SCENARIO

Runs k6/SCENARIO.js against blocking, reactive and virtual-threads one after the other (never two
at once), pausing between runs, then prints a side-by-side table built from the three JSON summaries
in results/k6/<testid>/summary.json. Each run creates its own trains in setup, so every run starts
on fresh data (see k6/README.md for what "fresh" does and does not cover).

SCENARIO    smoke | read | flash-sale | c10k | mixed | soak (a file k6/SCENARIO.js)

Options:
  -c, --compose        run k6 as the compose service: docker compose --profile loadtest run --rm k6
                       (the default is a locally installed k6, or the command in $K6)
  -s, --services LIST  comma-separated services and their order
                       (default blocking,reactive,virtual-threads; alternate it between rounds)
  -p, --pause SECONDS  pause between two runs (default 30)
  -e, --env KEY=VALUE  a scenario parameter or other k6 -e variable, e.g. -e DURATION=1h (repeatable)
  -t, --table-only ID  print the table of an earlier comparison (its id) without running anything
  -h, --help           this help

Environment:
  K6                   the k6 command (default "k6"; --compose sets it to the compose service)
  K6_PROMETHEUS_RW_SERVER_URL
                       with a local k6, send metrics to this Prometheus (remote write); with --compose
                       they always go to the compose Prometheus
Exit status: 0 when every run passed its thresholds and checks, 1 otherwise.
USAGE
}

root=$(cd "$(dirname "$0")/.." && pwd)
compose=false
services=blocking,reactive,virtual-threads
pause=30
extra_env=
table_only=

while [ $# -gt 0 ]; do
    case $1 in
        -h|--help) usage; exit 0 ;;
        -c|--compose) compose=true ;;
        -s|--services) services=$2; shift ;;
        -p|--pause) pause=$2; shift ;;
        -e|--env) extra_env="$extra_env $2"; shift ;;
        -t|--table-only) table_only=$2; shift ;;
        -*) echo "unknown option $1 (see -h)" >&2; exit 2 ;;
        *) break ;;
    esac
    shift
done
[ $# -eq 1 ] || { usage >&2; exit 2; }
scenario=$1
[ -f "$root/k6/$scenario.js" ] || { echo "no scenario k6/$scenario.js" >&2; exit 2; }
command -v jq >/dev/null 2>&1 || { echo "compare.sh needs jq to build the table (apt-get install jq)" >&2; exit 2; }

# One id per comparison; each run's testid adds the service: <scenario>-<service>-<stamp>.
stamp=${table_only:-$(date -u +%Y%m%dT%H%M%SZ)}
results=$root/results/k6

run_one() {
    service=$1
    testid=$scenario-$service-$stamp
    mkdir -p "$results/$testid"
    if $compose; then
        k6=${K6:-docker compose --profile loadtest run --rm k6}
        script=/k6/$scenario.js
        out="--out experimental-prometheus-rw"
        results_env=
    else
        k6=${K6:-k6}
        script=$root/k6/$scenario.js
        out=
        if [ -n "${K6_PROMETHEUS_RW_SERVER_URL:-}" ]; then
            export K6_PROMETHEUS_RW_TREND_AS_NATIVE_HISTOGRAM=${K6_PROMETHEUS_RW_TREND_AS_NATIVE_HISTOGRAM:-true}
            out="--out experimental-prometheus-rw"
        fi
        results_env="-e RESULTS_DIR=$results"
    fi
    envs=
    for pair in $extra_env; do
        envs="$envs -e $pair"
    done
    echo "== $scenario on $service (testid $testid) =="
    # Word splitting of $k6, $out and the -e lists is wanted here: each is a list of arguments.
    # shellcheck disable=SC2086
    (cd "$root" && $k6 run $out --tag "testid=$testid" -e "SERVICE=$service" -e "TESTID=$testid" \
        $results_env $envs "$script")
}

status=0
if [ -z "$table_only" ]; then
    first=true
    for service in $(echo "$services" | tr ',' ' '); do
        if ! $first; then
            echo "== pausing ${pause}s before the next service =="
            sleep "$pause"
        fi
        first=false
        run_one "$service" || { echo "!! $scenario on $service failed (k6 exit status $?)"; status=1; }
    done
fi

files=
for service in $(echo "$services" | tr ',' ' '); do
    file=$results/$scenario-$service-$stamp/summary.json
    if [ -f "$file" ]; then
        files="$files $file"
    else
        echo "!! no summary for $service: $file" >&2
        status=1
    fi
done
[ -n "$files" ] || exit 1

echo
echo "== $scenario, comparison $stamp (trends: p(50) / p(99); rates in %; counters: count) =="
# shellcheck disable=SC2086
jq -r -n -f "$root/k6/lib/compare.jq" $files | if command -v column >/dev/null 2>&1; then
    column -t -s "$(printf '\t')"
else
    cat
fi
exit $status
