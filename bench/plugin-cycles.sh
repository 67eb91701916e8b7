#!/usr/bin/env bash
# Plugin unload benchmark (issue 11): hot install, use and remove the built-in docker-ssh plugin (a zip with docker-java
# and HttpClient in lib/) and examples/hello-plugin (a jar with storage, an SSE stream and a job), N cycles on one
# running server, and what stays behind, each after a full GC: PF4J plugin class loaders still alive (must be 0),
# metaspace in use, classes loaded, threads, heap in use and RSS.
# The reference is the same server after the warm-up cycles, measured in the same run: a removed plugin's classes
# must be unloaded, so from there on metaspace, classes and threads must not grow with the cycles.
# Each cycle uses the docker-ssh plugin for real when the test environment runs (a session over SSH to the test sshd,
# the container list through dial-stdio, disconnect); without it, only a route of the plugin.
# Needs a built tree (`./mvnw install -DskipTests`). Usage: bench/plugin-cycles.sh [cycles]   (default 200)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/test-server.sh # sources scripts/testenv/lib.sh too
cycles=${1:-200}
warmup=${BENCH_WARMUP:-10}
every=${BENCH_EVERY:-50}

docker_ssh=$(ls plugins/docker-ssh/target/porthole-plugin-docker-ssh-*.zip 2>/dev/null | head -n 1)
[ -n "$docker_ssh" ] || { echo "no plugins/docker-ssh/target/*.zip: run ./mvnw install -DskipTests first" >&2; exit 1; }
(cd examples/hello-plugin && ../../mvnw -B -q package -DskipTests)
hello=$(ls examples/hello-plugin/target/hello-plugin-*.jar)

trap stop_server EXIT
start_server
token=$(admin_token)
auth=(-H "Authorization: Bearer $token")
json=(-H 'Content-Type: application/json')

# call EXPECTED-STATUS curl-args...: fails the run on any other status.
call() {
  local want=$1 got
  shift
  got=$(curl -sS -o "$server_data/body" -w '%{http_code}' "${auth[@]}" "$@")
  [ "$got" = "$want" ] || { echo "expected HTTP $want, got $got: $* $(cat "$server_data/body")" >&2; exit 1; }
}

host_id=
if [ "$(prop ssh.available 2>/dev/null)" = true ] && [ "$(prop docker.available 2>/dev/null)" = true ]; then
  key=$(sed 's/$/\\n/' "$(prop key.ed25519.private)" | tr -d '\n')
  call 201 "${json[@]}" "$server_url/api/hosts" -d @- <<EOF
{"name":"cycles","address":"$(prop ssh.host)","port":$(prop ssh.port),"username":"$(prop user.key.name)",
 "authType":"key","privateKey":"$key","enableDocker":true}
EOF
  host_id=$(sed -n 's/^{"id":\([0-9]*\).*/\1/p' "$server_data/body")
fi

cycle() {
  call 201 -F "file=@$docker_ssh" "$server_url/api/plugins"
  if [ -n "$host_id" ]; then
    call 200 "${json[@]}" "$server_url/docker/ssh/connect" -d "{\"sessionId\":\"cycle\",\"hostId\":$host_id}"
    call 200 "$server_url/docker/containers/cycle?all=true"
    call 200 "${json[@]}" "$server_url/docker/ssh/disconnect" -d '{"sessionId":"cycle"}'
  else
    call 200 "$server_url/docker/ssh/status?sessionId=cycle"
  fi
  call 201 -F "file=@$hello" "$server_url/api/plugins"
  call 200 "$server_url/hello/greetings/world"
  call 201 "${json[@]}" "$server_url/hello/greetings" -d '{"name":"cycle","message":"hi"}'
  # the stream's first bytes come with its first event (a tick every 5 s): open it, then leave
  curl -sN --max-time 0.3 "${auth[@]}" "$server_url/hello/ticks/stream" >/dev/null || true
  call 204 -X DELETE "$server_url/api/plugins/hello"
  call 204 -X DELETE "$server_url/api/plugins/docker-ssh"
}

# After two full GCs: metaspace used (KiB), classes loaded now, PF4J plugin class loaders alive, threads, heap in use
# (MiB) and RSS (MiB).
measure() {
  jcmd "$server_pid" GC.run >/dev/null
  jcmd "$server_pid" GC.run >/dev/null
  local metaspace classes loaders threads heap rss
  read -r metaspace heap < <(jstat -gc "$server_pid" | awk '
    NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i }
    NR == 2 { printf "%d %d\n", $col["MU"], ($col["S0U"] + $col["S1U"] + $col["EU"] + $col["OU"]) / 1024 }')
  classes=$(jstat -class "$server_pid" | awk 'NR == 2 { print $1 - $3 }')
  loaders=$(jcmd "$server_pid" VM.classloader_stats | grep -c 'org.pf4j.PluginClassLoader' || true)
  threads=$(awk '/^Threads:/ { print $2 }' "/proc/$server_pid/status")
  rss=$(awk '/^VmRSS:/ { printf "%d", $2 / 1024 }' "/proc/$server_pid/status")
  echo "$metaspace $classes $loaders $threads $heap $rss"
}

row() { printf '%8s %15s %13s %14s %8s %10s %9s%s\n' "$@"; }

echo "cycle: install docker-ssh ($(du -k "$docker_ssh" | cut -f1) KiB zip) and hello, use both$([ -n "$host_id" ] && echo ' (docker-ssh over the test sshd)' || echo ' (route only: no test environment)'), remove both"
for _ in $(seq "$warmup"); do cycle; done
read -r base_meta base_classes base_loaders base_threads base_heap base_rss < <(measure)
row cycles "metaspace(KiB)" classes-live plugin-loaders threads "heap(MiB)" "rss(MiB)" ""
row 0 "$base_meta" "$base_classes" "$base_loaders" "$base_threads" "$base_heap" "$base_rss" "   <- reference: after $warmup warm-up cycles"
half=$((cycles / 2))
start=$SECONDS
for i in $(seq "$cycles"); do
  cycle
  if ((i % every == 0 || i == cycles || i == half)); then
    read -r meta classes loaders threads heap rss < <(measure)
    row "$i" "$meta" "$classes" "$loaders" "$threads" "$heap" "$rss" ""
    ((i == half)) && half_meta=$meta half_classes=$classes
  fi
done
elapsed=$((SECONDS - start))
per_cycle() { awk -v d="$1" -v n="$2" 'BEGIN { printf "%+.1f", d / n }'; }
echo
echo "after $cycles cycles ($elapsed s), against the reference:"
echo "  plugin class loaders alive: $loaders (reference $base_loaders); threads $((threads - base_threads)); live classes $((classes - base_classes)); heap in use $((heap - base_heap)) MiB; RSS $((rss - base_rss)) MiB"
echo "  metaspace $((meta - base_meta)) KiB in all ($(per_cycle $((meta - base_meta)) "$cycles") KiB/cycle);" \
  "second half alone $(per_cycle $((meta - half_meta)) $((cycles - half))) KiB/cycle, live classes $((classes - half_classes))"
echo "goal: no plugin class loader left, and metaspace, classes and threads that stop growing with the cycles (one leaked"
echo "docker-ssh loader is ~1300 classes and ~7 MiB of metaspace)"
