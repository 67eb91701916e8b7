#!/usr/bin/env bash
# Plugin unload benchmark (issue 11): hot install, use and remove the built-in docker-ssh plugin (a zip with docker-java
# and HttpClient in lib/) and examples/hello-plugin (a jar with storage, an SSE stream and a job), N cycles on one
# running server, and what stays behind: metaspace in use, classes loaded, threads and RSS, each after a full GC.
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

# After two full GCs: metaspace used (KiB), classes loaded now, threads, RSS (MiB).
measure() {
  jcmd "$server_pid" GC.run >/dev/null
  jcmd "$server_pid" GC.run >/dev/null
  local metaspace classes threads rss
  metaspace=$(jstat -gc "$server_pid" | awk 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "MU") c = i } NR == 2 { printf "%d", $c }')
  classes=$(jstat -class "$server_pid" | awk 'NR == 2 { print $1 - $3 }')
  threads=$(awk '/^Threads:/ { print $2 }' "/proc/$server_pid/status")
  rss=$(awk '/^VmRSS:/ { printf "%d", $2 / 1024 }' "/proc/$server_pid/status")
  echo "$metaspace $classes $threads $rss"
}

echo "cycle: install docker-ssh ($(du -k "$docker_ssh" | cut -f1) KiB zip) and hello, use both$([ -n "$host_id" ] && echo ' (docker-ssh over the test sshd)' || echo ' (route only: no test environment)'), remove both"
for _ in $(seq "$warmup"); do cycle; done
read -r base_meta base_classes base_threads base_rss < <(measure)
printf '%8s %16s %15s %9s %9s\n' cycles "metaspace(KiB)" "classes-live" threads "rss(MiB)"
printf '%8s %16d %15d %9d %9d   <- reference: after %d warm-up cycles\n' 0 "$base_meta" "$base_classes" "$base_threads" "$base_rss" "$warmup"
start=$SECONDS
for i in $(seq "$cycles"); do
  cycle
  if ((i % every == 0 || i == cycles)); then
    read -r meta classes threads rss < <(measure)
    printf '%8d %16d %15d %9d %9d\n' "$i" "$meta" "$classes" "$threads" "$rss"
  fi
done
elapsed=$((SECONDS - start))
echo
printf 'after %d cycles (%d s): metaspace %+d KiB (%+.1f KiB/cycle), live classes %+d, threads %+d, RSS %+d MiB vs the reference\n' \
  "$cycles" "$elapsed" $((meta - base_meta)) "$(awk -v d=$((meta - base_meta)) -v n="$cycles" 'BEGIN { print d / n }')" \
  $((classes - base_classes)) $((threads - base_threads)) $((rss - base_rss))
echo "goal: metaspace, live classes and threads do not grow with the cycles (a leaked docker-ssh loader keeps its thousands of classes: steady growth per cycle)"
