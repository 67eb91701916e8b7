#!/usr/bin/env bash
# What durable commits cost: host creations per second over HTTP (POST /api/hosts, wrk with concurrent clients) on two
# fresh servers started from the built jar (`./mvnw package -DskipTests` first), measured in the same run, in turns:
#   durable  the default H2 URL (WRITE_DELAY=0: a commit is in the file before it returns; ADR 0007)
#   delayed  the same URL with H2's own default WRITE_DELAY=500, which Porthole used before: faster, and a killed
#            process loses the last half second of writes it had answered 201
# Prints hosts/s and p99 latency of each round, the median of each setting and of the rounds' ratios, and the size of each
# database file afterwards (durable commits write a chunk each, kept for H2's RETENTION_TIME; see docs/configuration.md).
# wrk runs on the same machine as the servers: on a loaded machine the figures move; compare runs made alike.
# Usage: bench/durability.sh [rounds]   (default 5)   Settings: BENCH_WRK="-t2 -c16 -d10s", BENCH_WARMUP=15 (s)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/test-server.sh
rounds=${1:-5}
wrk_args=${BENCH_WRK:--t2 -c16 -d10s}
h2_options='MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH'

if ! command -v wrk >/dev/null; then
  echo "installing wrk" >&2
  apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
fi

declare -A url data pid token
stop_all() {
  for setting in "${!pid[@]}"; do
    server_pid=${pid[$setting]} server_data=${data[$setting]} stop_server
  done
}
trap stop_all EXIT

# start SETTING [DATABASE-URL]: a fresh server; an empty URL keeps the built-in default
start() {
  if [ -n "${2:-}" ]; then
    export PORTHOLE_DATABASE_URL=$2
  fi
  start_server
  unset PORTHOLE_DATABASE_URL
  url[$1]=$server_url data[$1]=$server_data pid[$1]=$server_pid
  token[$1]=$(admin_token)
  [ -n "${token[$1]}" ] || { echo "admin sign-in failed on the $1 server" >&2; exit 1; }
}
# ${porthole.data-dir} is resolved by the server, so the delayed database sits where the default one would
# shellcheck disable=SC2016
start delayed "jdbc:h2:file:\${porthole.data-dir}/porthole;$h2_options;WRITE_DELAY=500"
start durable

# measure SETTING ROUND: prints "hosts/s p99-ms"; fails when a creation was not answered 201
measure() {
  local out failed rps p99
  # shellcheck disable=SC2086 # wrk_args are several arguments
  out=$(TOKEN=${token[$1]} ROUND=$1$2 wrk $wrk_args -s bench/durability.lua "${url[$1]}")
  read -r _ _ failed rps p99 < <(grep '^created ' <<<"$out")
  [ "$failed" = 0 ] || { echo "$failed creations on the $1 server were not answered 201" >&2; exit 1; }
  echo "$rps $p99"
}

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# Warm both up first (JIT, pools, the first seal), unmeasured: the JIT takes a while under wrk's load.
for setting in delayed durable; do
  wrk_args="-t2 -c16 -d${BENCH_WARMUP:-15}s" measure "$setting" warm >/dev/null
done

# Rounds in turns, the order swapped every round, so that a drift of the machine's load hits both alike; the
# ratio is taken within each round.
declare -A results
ratios=
for round in $(seq "$rounds"); do
  order="durable delayed"
  [ $((round % 2)) = 0 ] && order="delayed durable"
  declare -A rps_of
  for setting in $order; do
    read -r rps p99 < <(measure "$setting" "$round")
    printf 'round %d  %-8s %7.0f hosts/s  p99 %6.1f ms\n' "$round" "$setting" "$rps" "$p99"
    results[$setting]+="$rps"$'\n'
    rps_of[$setting]=$rps
  done
  ratios+=$(awk -v d="${rps_of[durable]}" -v o="${rps_of[delayed]}" 'BEGIN { printf "%.1f", 100 * d / o }')$'\n'
done

durable=$(printf '%s' "${results[durable]}" | median)
delayed=$(printf '%s' "${results[delayed]}" | median)
ratio=$(printf '%s' "$ratios" | median)
db_size() { du -k "${data[$1]}/data/porthole.mv.db" | cut -f1; }
awk -v d="$durable" -v o="$delayed" -v q="$ratio" -v a="$wrk_args" -v r="$rounds" -v ds="$(db_size durable)" \
  -v os="$(db_size delayed)" 'BEGIN {
  printf "\nPOST /api/hosts, H2, wrk %s, median of %d rounds:\n", a, r
  printf "  durable (WRITE_DELAY=0, the default)           %7.0f hosts/s   database file %6.1f MiB\n", d, ds / 1024
  printf "  delayed (WRITE_DELAY=500, H2 default, earlier) %7.0f hosts/s   database file %6.1f MiB\n", o, os / 1024
  printf "  durable / delayed, median of the rounds\x27 ratios: %.0f %%\n", q
}'
