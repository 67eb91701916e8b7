#!/usr/bin/env bash
# Startup benchmark: time from launching ./porthole to the first 200 on /health, and resident memory once idle.
# Goal (issue 2, this 2-core machine): first 200 within 2000 ms, RSS at most 200 MiB.
# Usage: bench/startup.sh [runs]   (default 5; each run uses a fresh data directory on a free port)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
port=${BENCH_PORT:-18080}
idle_seconds=${BENCH_IDLE_SECONDS:-10}
goal_ms=2000
goal_mib=200

./porthole --build-only
pkill -f "porthole.jar.*porthole.port=$port" 2>/dev/null || true

work=$(mktemp -d)
trap 'pkill -f "porthole.port=$port" 2>/dev/null || true; rm -rf "$work"' EXIT

now_ms() { date +%s%3N; }

# One server start: prints "<ms to first 200> <idle RSS KiB>".
start_once() {
  local data=$1 log=$2
  local t0 pid t1 rss
  t0=$(now_ms)
  PORTHOLE_DATA_DIR="$data" JAVA_OPTS="-Dporthole.port=$port" ./porthole >"$log" 2>&1 &
  pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$port/health"; do
    kill -0 "$pid" 2>/dev/null || { echo "server died, see $log" >&2; cat "$log" >&2; exit 1; }
    sleep 0.01
  done
  t1=$(now_ms)
  sleep "$idle_seconds"
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$((t1 - t0)) $rss"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }

# The launcher writes its class-data archive when the first server exits; make sure it exists, as for any user
# from their second start on.
if [ ! -f platform/target/porthole.jsa ]; then
  echo "preparing: one start to record the class-data archive"
  start_once "$work/prep" "$work/prep.log" >/dev/null
fi

echo "run  first-start(ms)  idle-rss(MiB)  restart(ms)  idle-rss(MiB)"
for i in $(seq 1 "$runs"); do
  read -r first_ms first_rss < <(start_once "$work/data-$i" "$work/first-$i.log")
  read -r again_ms again_rss < <(start_once "$work/data-$i" "$work/again-$i.log")
  printf '%3d  %15d  %13d  %11d  %13d\n' "$i" "$first_ms" $((first_rss / 1024)) "$again_ms" $((again_rss / 1024))
  echo "$first_ms" >>"$work/first_ms"; echo $((first_rss / 1024)) >>"$work/first_rss"
  echo "$again_ms" >>"$work/again_ms"; echo $((again_rss / 1024)) >>"$work/again_rss"
done

echo
echo "median first start (new data dir: key, schema, admin):  $(median <"$work/first_ms") ms, idle RSS $(median <"$work/first_rss") MiB"
echo "median restart (existing data):                         $(median <"$work/again_ms") ms, idle RSS $(median <"$work/again_rss") MiB"
echo "goal:                                                   $goal_ms ms, idle RSS $goal_mib MiB"
