#!/usr/bin/env bash
# Start-up benchmark (issue 11): time from launching the server to the first 200 on /health, and resident memory
# once idle, through the README's run command (./porthole) and through a plain `java -jar` of the same jar, started
# alternately on one data directory so that both meet the same machine load.
# Goals: ./porthole within 1000 ms and 160 MiB; the plain jar within 2x of ./porthole on both.
# Usage: bench/startup.sh [restarts]   (default 5, after one first start that creates the data and, if there is none,
# one start that records ./porthole's class-data archive)   BENCH_IDLE_SECONDS (10): how long the server idles before its RSS is read.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
port=${BENCH_PORT:-18080}
idle_seconds=${BENCH_IDLE_SECONDS:-10}
goal_ms=1000
goal_mib=160

./porthole --build-only
jar=platform/target/porthole.jar
pkill -f "porthole.port=$port" 2>/dev/null || true

work=$(mktemp -d)
trap 'pkill -f "porthole.port=$port" 2>/dev/null || true; rm -rf "$work"' EXIT
data=$work/data

now_ms() { date +%s%3N; }

# One start of "$@" (a command line), timed to its first 200, then idle, then stopped: prints "<ms> <RSS MiB>".
start_once() {
  local log=$1; shift
  local t0 pid t1 rss
  t0=$(now_ms)
  PORTHOLE_DATA_DIR="$data" JAVA_OPTS="-Dporthole.port=$port" "$@" >"$log" 2>&1 &
  pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$port/health"; do
    kill -0 "$pid" 2>/dev/null || { echo "server died, see below" >&2; cat "$log" >&2; exit 1; }
    sleep 0.01
  done
  t1=$(now_ms)
  sleep "$idle_seconds"
  rss=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$((t1 - t0)) $rss"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }

# the plain jar as a user would start it: no flags; -Dporthole.port only so that it cannot meet another server
plain=(java "-Dporthole.port=$port" -jar "$jar")

read -r first_ms first_rss < <(start_once "$work/first.log" ./porthole)
echo "first start (new data directory: master key, schema, admin, built-in plugins): $first_ms ms, idle RSS $first_rss MiB"
if [ ! -f platform/target/porthole.jsa ]; then
  # as for a user from their third start on: the second records the class-data archive
  start_once "$work/record.log" ./porthole >/dev/null
fi
echo
echo "restart  ./porthole(ms)  RSS(MiB)  java -jar(ms)  RSS(MiB)"
for i in $(seq 1 "$runs"); do
  read -r ours_ms ours_rss < <(start_once "$work/ours-$i.log" ./porthole)
  read -r plain_ms plain_rss < <(start_once "$work/plain-$i.log" "${plain[@]}")
  printf '%7d  %14d  %8d  %13d  %8d\n' "$i" "$ours_ms" "$ours_rss" "$plain_ms" "$plain_rss"
  echo "$ours_ms" >>"$work/ours_ms"; echo "$ours_rss" >>"$work/ours_rss"
  echo "$plain_ms" >>"$work/plain_ms"; echo "$plain_rss" >>"$work/plain_rss"
done

ours_ms=$(median <"$work/ours_ms"); ours_rss=$(median <"$work/ours_rss")
plain_ms=$(median <"$work/plain_ms"); plain_rss=$(median <"$work/plain_rss")
verdict() { [ "$1" -le "$2" ] && echo PASS || echo MISS; }
echo
echo "median of $runs restarts, idle RSS after ${idle_seconds} s"
echo "./porthole:  $ours_ms ms (goal $goal_ms: $(verdict "$ours_ms" "$goal_ms")), $ours_rss MiB (goal $goal_mib: $(verdict "$ours_rss" "$goal_mib"))"
echo "java -jar:   $plain_ms ms ($(awk -v a="$plain_ms" -v b="$ours_ms" 'BEGIN {printf "%.2f", a / b}')x, goal 2x: $(verdict "$plain_ms" $((2 * ours_ms)))), $plain_rss MiB ($(awk -v a="$plain_rss" -v b="$ours_rss" 'BEGIN {printf "%.2f", a / b}')x, goal 2x: $(verdict "$plain_rss" $((2 * ours_rss))))"
