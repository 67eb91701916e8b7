#!/usr/bin/env bash
# Docker-over-SSH benchmark (issue 5): listing the containers of a host, all of them, N rounds each, alternating:
#   ours:      GET /docker/containers/{session}?all=true on a warm session of the docker-ssh plugin (the Docker Engine
#              API over a pooled `docker system dial-stdio` channel), with curl;
#   reference: `docker -H ssh://ph-key@127.0.0.1:2222 ps -a` (the Docker CLI over SSH, same sshd, same key);
#   reference: `docker ps -a` on the local socket, and for context curl on the socket (/containers/json?all=1).
# Every figure includes starting its client process (curl or docker), as a user at a shell would see it.
# Goals: ours at least 5x faster than `docker -H ssh://`, and within 2x of the local `docker ps`.
# Needs the test environment (docs/testing.md; started if it is down) and a built tree (`./mvnw install`).
# Usage: bench/docker-ssh.sh [rounds]   (default 20). Informative: exits 0 whether goals are met, 1 when broken.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/test-server.sh # sources scripts/testenv/lib.sh too
rounds=${1:-20}
containers=${BENCH_CONTAINERS:-10}

scripts/testenv/sshd.sh start >/dev/null
scripts/testenv/docker.sh start >/dev/null
plugin=$(ls plugins/docker-ssh/target/porthole-plugin-docker-ssh-*.zip 2>/dev/null | head -n 1)
[ -n "$plugin" ] || { echo "no plugins/docker-ssh/target/*.zip: run ./mvnw install first" >&2; exit 1; }

work=$(mktemp -d)
label=porthole-bench-$$
cleanup() {
  docker ps -aq --filter "label=$label" | xargs -r docker rm -f >/dev/null 2>&1 || true
  stop_server
  rm -rf "$work"
}
trap cleanup EXIT

docker_ssh_setup "$work" # docker_ssh, ssh_host, ssh_port, user, key

for i in $(seq "$containers"); do
  docker run -d --init --label "$label" "$(prop docker.image)" sleep 3600 >/dev/null
done
docker_ssh ps -a >/dev/null || { echo "docker -H ssh:// does not work here" >&2; exit 1; }

start_server
token=$(admin_token)
auth=(-H "Authorization: Bearer $token")
curl -fsS -o /dev/null "${auth[@]}" -F "file=@$plugin" "$server_url/api/plugins"
json_key=$(sed 's/$/\\n/' "$key" | tr -d '\n')
host_id=$(curl -fsS "${auth[@]}" -H 'Content-Type: application/json' "$server_url/api/hosts" -d @- <<EOF | sed -n 's/^{"id":\([0-9]*\).*/\1/p'
{"name":"bench","address":"$ssh_host","port":$ssh_port,"username":"$user","authType":"key",
 "privateKey":"$json_key","enableDocker":true}
EOF
)
[ -n "$host_id" ] || { echo "creating the host failed" >&2; exit 1; }
curl -fsS -o /dev/null "${auth[@]}" -H 'Content-Type: application/json' "$server_url/docker/ssh/connect" \
  -d "{\"sessionId\":\"bench\",\"hostId\":$host_id}"
list_url="$server_url/docker/containers/bench?all=true"
seen=$(curl -fsS "${auth[@]}" "$list_url" | grep -o '"id"' | wc -l)
[ "$seen" -ge "$containers" ] || { echo "the plugin listed $seen containers, expected at least $containers" >&2; exit 1; }

# ms CMD...: runs CMD (output discarded, failure fatal) and prints its wall time in ms.
ms() {
  local start end
  start=$EPOCHREALTIME
  "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }
  end=$EPOCHREALTIME
  awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f\n", (e - s) * 1000 }'
}
ours() { curl -fsS -o /dev/null "${auth[@]}" "$list_url"; }
over_ssh() { docker_ssh ps -a; }
local_cli() { docker ps -a; }
local_socket() { curl -fsS -o /dev/null --unix-socket /var/run/docker.sock "http://docker/containers/json?all=1"; }

for _ in 1 2 3; do ours; local_cli; local_socket; done >/dev/null
for _ in $(seq "$rounds"); do
  ms ours >>"$work/ours"
  ms over_ssh >>"$work/ssh"
  ms local_cli >>"$work/cli"
  ms local_socket >>"$work/socket"
done

median() { sort -n "$1" | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
p90() { sort -n "$1" | awk '{ a[NR] = $1 } END { i = int((NR * 90 + 99) / 100); print a[i] }'; }
row() { printf '  %-52s %8.1f ms median %8.1f ms p90\n' "$1" "$(median "$2")" "$(p90 "$2")"; }
verdict() { awk -v a="$1" -v b="$2" 'BEGIN { print (a <= b) ? "PASS" : "MISS" }'; }

total=$(docker ps -aq | wc -l)
echo "Container list of $ssh_host:$ssh_port as $user ($total containers), $rounds rounds, alternating; each figure"
echo "includes starting its client (curl or docker $(docker version -f '{{.Client.Version}}'))"
row "ours: GET /docker/containers/{session}?all=true" "$work/ours"
row "docker -H ssh://$user@$ssh_host:$ssh_port ps -a" "$work/ssh"
row "docker ps -a (local socket)" "$work/cli"
row "curl --unix-socket /containers/json?all=1" "$work/socket"
ours_ms=$(median "$work/ours")
ssh_goal=$(awk -v s="$(median "$work/ssh")" 'BEGIN { printf "%.1f", s / 5 }')
local_goal=$(awk -v s="$(median "$work/cli")" 'BEGIN { printf "%.1f", s * 2 }')
speedup=$(awk -v o="$ours_ms" -v s="$(median "$work/ssh")" 'BEGIN { printf "%.1f", s / o }')
echo "  goal: ours <= docker -H ssh:// / 5 = $ssh_goal ms (ours is ${speedup}x faster)  $(verdict "$ours_ms" "$ssh_goal")"
echo "  goal: ours <= 2 x local docker ps = $local_goal ms  $(verdict "$ours_ms" "$local_goal")"
