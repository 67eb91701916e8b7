#!/usr/bin/env bash
# Plugin benchmark, on a fresh server started from the built jar (`./mvnw install -DskipTests` first):
#  (a) install and uninstall time of examples/hello-plugin over the REST API: median and p90 of N rounds, against
#      the goals install <= 100 ms, uninstall <= 50 ms (time as the client sees it: upload, checks, start or stop);
#  (b) wrk throughput of a plugin route (GET /hello/greetings/{name}) beside a static platform route in the same run
#      (GET /api/version), both anonymous; goal: the plugin route serves at least 85 % of the static one.
# Usage: bench/plugins.sh [rounds]   (default 20)   Settings: BENCH_WRK="-t2 -c32 -d10s"
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/test-server.sh
rounds=${1:-20}
wrk_args=${BENCH_WRK:--t2 -c32 -d10s}
goal_install_ms=100
goal_uninstall_ms=50
goal_ratio_pct=85

if ! command -v wrk >/dev/null; then
  echo "installing wrk" >&2
  apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
fi

(cd examples/hello-plugin && ../../mvnw -B -q package)
plugin=$(ls examples/hello-plugin/target/hello-plugin-*.jar)
trap stop_server EXIT
start_server
token=$(admin_token)
[ -n "$token" ] || { echo "admin sign-in failed" >&2; exit 1; }

# timed EXPECTED-STATUS curl-args...: prints the request's total time in ms; fails on another status.
timed() {
  local want=$1 out
  shift
  out=$(curl -sS -o /dev/null -w '%{http_code} %{time_total}' -H "Authorization: Bearer $token" "$@")
  [ "${out%% *}" = "$want" ] || { echo "expected HTTP $want, got ${out%% *}: $*" >&2; exit 1; }
  awk -v s="${out#* }" 'BEGIN { printf "%.1f\n", s * 1000 }'
}

# percentile P < a file of numbers
percentile() { sort -n "$2" | awk -v p="$1" '{ a[NR] = $1 } END { i = int((NR * p + 99) / 100); print a[i < 1 ? 1 : i] }'; }

work=$server_data
for _ in $(seq "$rounds"); do
  timed 201 -F "file=@$plugin" "$server_url/api/plugins" >>"$work/install_ms"
  timed 204 -X DELETE "$server_url/api/plugins/hello" >>"$work/uninstall_ms"
done

printf 'install   (%d rounds): median %6s ms  p90 %6s ms   goal <= %d ms\n' "$rounds" \
  "$(percentile 50 "$work/install_ms")" "$(percentile 90 "$work/install_ms")" "$goal_install_ms"
printf 'uninstall (%d rounds): median %6s ms  p90 %6s ms   goal <= %d ms\n' "$rounds" \
  "$(percentile 50 "$work/uninstall_ms")" "$(percentile 90 "$work/uninstall_ms")" "$goal_uninstall_ms"

timed 201 -F "file=@$plugin" "$server_url/api/plugins" >/dev/null
plugin_route=$server_url/hello/greetings/world
static_route=$server_url/api/version

# requests/s of one wrk run against URL, after a short warm-up run of the same URL; refuses a URL that does not
# answer 200, whose errors would count as requests.
throughput() {
  curl -fsS -o /dev/null "$1"
  wrk -t2 -c32 -d3s "$1" >/dev/null
  # shellcheck disable=SC2086 # wrk_args are several arguments
  wrk $wrk_args "$1" | awk '/^Requests\/sec:/ { print $2 }'
}
static_rps=$(throughput "$static_route")
plugin_rps=$(throughput "$plugin_route")
awk -v p="$plugin_rps" -v s="$static_rps" -v g="$goal_ratio_pct" -v a="$wrk_args" 'BEGIN {
  printf "static route  GET /api/version:            %10.0f req/s  (wrk %s)\n", s, a
  printf "plugin route  GET /hello/greetings/{name}: %10.0f req/s  = %.0f %% of static   goal >= %d %%\n", p, 100 * p / s, g
}'
