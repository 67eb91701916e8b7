#!/usr/bin/env bash
# Containers benchmark (issue 14): the containers plugin (spec 004) on the docker-runtime plugin against the Docker CLI
# on the same containers, in the same run, through the local socket and over SSH (the test environment's sshd,
# ph-key@127.0.0.1:2222, whose Docker is this machine's daemon: both paths reach the same containers).
#  (1) list: GET /api/v1/containers?env=E&label=porthole.bench.list=RUN (200 containers) with curl, vs
#      `docker ps -a --filter label=porthole.bench.list=RUN`, locally and over SSH (`docker -H ssh://`, a new SSH
#      connection per run; ours goes over the environment's pooled one). Every figure includes starting its client
#      process (curl or docker), as a user at a shell sees it; for context also a warm client (one kept-alive
#      connection, bench/containers.py) and curl on the Docker socket itself.
#  (2) restart-all: POST /api/v1/containers/restart-all?env=E&label=porthole.bench.restart=RUN&timeout=T (50 of the
#      200; the plugin restarts 5 at once and answers when all are done) vs `docker restart -t T ID...` of the same 50
#      (the CLI restarts them one after the other; the ids are known beforehand, the plugin lists them itself), locally
#      and over SSH. Each round checks that every one of the 50 started again after the round began.
#  (3) log stream: the API cannot replay a whole 100 MB log (spec 004's `tail` is 0..1000 lines; tail 0 means none of
#      the past lines, docker's own tail=0), so what is measured is a follow: a subscribe with follow=true, tail=0 (the
#      client is ready, bench/ContainerLogsClient.java) on a fresh container that then writes LOG_BYTES of
#      LINE_BYTES-byte lines (busybox `yes | head -c`) and exits, vs `docker logs -f --tail 0` of an identical fresh
#      container piped into `wc -c`. Time from the trigger (`docker exec C touch /tmp/go`) until the reader has the
#      whole log and ended (its process exited); the bytes are counted on both sides (ours: each message plus its
#      line end) and must be LOG_BYTES. For context: when the writer finished (its container's FinishedAt), and
#      `docker logs C | wc -c` of the finished log (a replay, which ours cannot do).
# Ours and the CLI alternate (who goes first flips each round), after unmeasured warm-ups. Medians.
# Goals (issue 14): list within 1.5x of `docker ps` on the socket (the SSH row is held to 1.5x of `docker -H ssh://
# ps`); restart-all no slower than `docker restart` of the same set (both rows); log stream within 1.2x of docker logs.
# Every container is created here, from local/busybox:1 with --init, labelled porthole.bench.run=RUN, and removed at
# the end (also on failure): nothing else on the daemon is touched. The server is a throw-away one
# (scripts/lib/test-server.sh) with the built-in plugins of target/builtin-plugins and the rate limit raised.
# Needs the test environment (docs/testing.md; started if it is down), python3, a JDK 17 and a built tree
# (`./mvnw install`, or CONTAINERS_BENCH_BUILD=1).
# Usage: bench/containers.sh   Informative: exits 0 whether goals are met or not, 1 when something broke.
# Settings: CONTAINERS_BENCH_LIST (200), CONTAINERS_BENCH_RESTART (50), CONTAINERS_BENCH_LIST_ROUNDS (20),
# CONTAINERS_BENCH_RESTART_ROUNDS (2), CONTAINERS_BENCH_LOG_ROUNDS (1), CONTAINERS_BENCH_LOG_BYTES (104857600),
# CONTAINERS_BENCH_LINE_BYTES (100), CONTAINERS_BENCH_LOG_WARMUP_BYTES (10000000: one unmeasured stream through ours
# first, for the JIT), CONTAINERS_BENCH_TIMEOUT (1: restart timeout in s, both sides),
# CONTAINERS_BENCH_BUILD (0; 1 builds everything first, offline).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/test-server.sh # sources scripts/testenv/lib.sh too

list_n=${CONTAINERS_BENCH_LIST:-200}
restart_n=${CONTAINERS_BENCH_RESTART:-50}
list_rounds=${CONTAINERS_BENCH_LIST_ROUNDS:-20}
restart_rounds=${CONTAINERS_BENCH_RESTART_ROUNDS:-2}
log_rounds=${CONTAINERS_BENCH_LOG_ROUNDS:-1}
log_bytes=${CONTAINERS_BENCH_LOG_BYTES:-104857600}
line_bytes=${CONTAINERS_BENCH_LINE_BYTES:-100}
timeout_s=${CONTAINERS_BENCH_TIMEOUT:-1}
warmup_bytes=${CONTAINERS_BENCH_LOG_WARMUP_BYTES:-10000000}
builtin=$PWD/target/builtin-plugins

fail() {
  echo "containers.sh: $*" >&2
  exit 1
}
[ "$restart_n" -le "$list_n" ] || fail "CONTAINERS_BENCH_RESTART ($restart_n) must not exceed CONTAINERS_BENCH_LIST"
[ $((log_bytes % line_bytes)) = 0 ] || fail "CONTAINERS_BENCH_LOG_BYTES must be a multiple of CONTAINERS_BENCH_LINE_BYTES"
[ "$line_bytes" -ge 2 ] || fail "CONTAINERS_BENCH_LINE_BYTES must be 2 or more"
log_lines=$((log_bytes / line_bytes))
t_begin=$SECONDS
t_phase=$SECONDS
phases=
phase() { phases="$phases $1 $((SECONDS - t_phase)) s,"; t_phase=$SECONDS; }

if [ "${CONTAINERS_BENCH_BUILD:-0}" != 0 ]; then
  echo "building (./mvnw -o install, no tests)" >&2
  build_log=$(mktemp)
  ./mvnw -B -o -q install -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true -Dmaven.javadoc.skip=true \
    >"$build_log" 2>&1 || { tail -n 40 "$build_log" >&2; fail "the build failed"; }
  rm -f "$build_log"
fi
[ -f "$server_jar" ] || fail "no $server_jar: run ./mvnw install first"
for p in containers docker-runtime; do
  ls "$builtin"/porthole-plugin-$p-*.zip >/dev/null 2>&1 || fail "no $p plugin in $builtin: run ./mvnw install first"
done

scripts/testenv/sshd.sh start >/dev/null
scripts/testenv/docker.sh start >/dev/null
[ "$(prop ssh.available)" = true ] || fail "the test sshd is not available, see $TESTENV_PROPS"
[ "$(prop docker.available)" = true ] || fail "Docker is not available, see $TESTENV_PROPS"
image=$(prop docker.image)
py=$(python3 -c 'import sys; print(sys.executable)') # not a pyenv shim: its start-up is not a figure
helper=bench/containers.py

work=$(mktemp -d)
run=c$$-$RANDOM
label=porthole.bench.run=$run
list_label=porthole.bench.list=$run
restart_label=porthole.bench.restart=$run
client_pid=
reader_pid=
cleanup() {
  local pid
  for pid in $client_pid $reader_pid; do kill "$pid" 2>/dev/null || true; done
  for pid in $client_pid $reader_pid; do wait "$pid" 2>/dev/null || true; done
  docker ps -aq --filter "label=$label" | xargs -r docker rm -f >/dev/null 2>&1 || true
  stop_server
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

docker_ssh_setup "$work" # docker_ssh, ssh_host, ssh_port, user, key
docker_ssh version >/dev/null 2>&1 || fail "docker -H ssh://$user@$ssh_host:$ssh_port does not work here"

javac -d "$work/classes" bench/ContainerLogsClient.java || fail "compiling bench/ContainerLogsClient.java failed"

# ---- containers ----------------------------------------------------------------------------------------------------
echo "creating $list_n containers ($restart_n of them in the restart set), label $label" >&2
t_setup=$SECONDS
seq "$list_n" | xargs -P 4 -I{} sh -c '
  extra=; [ {} -le '"$restart_n"' ] && extra="--label '"$restart_label"'"
  exec docker run -d --init --label '"$label"' --label '"$list_label"' $extra --name '"bench-$run"'-{} '"$image"' sleep 3600
' >"$work/created" || fail "creating the containers failed"
made=$(docker ps -q --filter "label=$list_label" | wc -l)
[ "$made" = "$list_n" ] || fail "$made containers of $list_n run"
mapfile -t restart_ids < <(docker ps -aq --no-trunc --filter "label=$restart_label")
[ "${#restart_ids[@]}" = "$restart_n" ] || fail "${#restart_ids[@]} containers in the restart set, not $restart_n"
echo "  done in $((SECONDS - t_setup)) s" >&2
phase setup

# ---- the server ----------------------------------------------------------------------------------------------------
echo "starting the server" >&2
export PORTHOLE_PLUGINS_BUILTIN_DIR=$builtin
export PORTHOLE_PLUGIN_SETTINGS_CONTAINERS_RATE_LIMIT_PER_MINUTE=1000000
export PORTHOLE_PLUGIN_SETTINGS_CONTAINERS_RATE_LIMIT_BURST=1000000
start_server || fail "the server did not start"
token=$(admin_token)
[ -n "$token" ] || fail "signing in as admin failed"
auth=(-H "Authorization: Bearer $token")

api() { # METHOD PATH [BODY]: the response body; fails on an HTTP error, printing it
  local out=$work/api.out code data=()
  [ $# -ge 3 ] && data=(--data-binary "$3")
  code=$(curl -sS -o "$out" -w '%{http_code}' -X "$1" "${auth[@]}" -H 'Content-Type: application/json' \
    ${data[@]+"${data[@]}"} "$server_url$2") || code=000
  if [ "${code:0:1}" != 2 ]; then
    echo "$1 $2 -> $code: $(head -c 600 "$out" 2>/dev/null)" >&2
    return 1
  fi
  cat "$out"
}

api GET /api/plugins >"$work/plugins.json" || fail "GET /api/plugins failed"
for p in containers docker-runtime; do
  state=$("$py" -c '
import json, sys
for p in json.load(open(sys.argv[1])):
    if p.get("id") == sys.argv[2]:
        print(p.get("state"), p.get("reason") or "")
        break
else:
    print("ABSENT")' "$work/plugins.json" "$p")
  if [ "${state%% *}" != STARTED ]; then
    grep -E 'ERROR|WARN' "$server_log" | head -n 30 >&2 || true
    fail "plugin $p is not STARTED: $state"
  fi
done

json_key=$(sed 's/$/\\n/' "$key" | tr -d '\n')
host_id=$(api POST /api/hosts "{\"name\":\"bench\",\"address\":\"$ssh_host\",\"port\":$ssh_port,\"username\":\"$user\",
  \"authType\":\"key\",\"privateKey\":\"$json_key\",\"enableDocker\":true}" | "$py" "$helper" field id) ||
  fail "creating the inventory host failed"
env_local=$(api POST /api/environments \
  '{"name":"local","runtime":"docker","endpoint":{"socket":"/var/run/docker.sock"}}' | "$py" "$helper" field id) ||
  fail "creating the local environment failed"
env_ssh=$(api POST /api/environments "{\"name\":\"ssh\",\"runtime\":\"docker\",\"hostId\":$host_id}" |
  "$py" "$helper" field id) || fail "creating the SSH environment failed"
for e in "$env_local" "$env_ssh"; do
  deadline=$((SECONDS + 60))
  until [ "$(api POST "/api/environments/$e/check" | "$py" "$helper" field health.state)" = up ]; do
    [ "$SECONDS" -lt "$deadline" ] || { api GET "/api/environments/$e" >&2; fail "environment $e is not up"; }
    sleep 1
  done
done

phase server
list_url() { echo "$server_url/api/v1/containers?env=$1&label=${list_label/=/%3D}"; }
restart_url() { echo "$server_url/api/v1/containers/restart-all?env=$1&label=${restart_label/=/%3D}&timeout=$timeout_s"; }

# ms CMD...: runs CMD (failure fatal) and prints its wall time in ms.
ms() {
  local start end
  start=$EPOCHREALTIME
  "$@" || fail "failed: $*"
  end=$EPOCHREALTIME
  awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f\n", (e - s) * 1000 }'
}
check_list() { # FILE: the plugin's list must hold exactly the list set
  local n
  n=$("$py" "$helper" count "$list_label" <"$1") || fail "the list is not JSON: $(head -c 300 "$1")"
  [ "$n" = "$list_n" ] || fail "the plugin listed $n containers of the list set, not $list_n"
  n=$("$py" "$helper" count <"$1")
  [ "$n" = "$list_n" ] || fail "the plugin listed $n containers with label $list_label, $list_n carry it"
}
ours_list() { curl -fsS -o "$work/list.json" "${auth[@]}" "$(list_url "$1")"; }
ours_list_local() { ours_list "$env_local"; }
ours_list_ssh() { ours_list "$env_ssh"; }
cli_list_local() { docker ps -a --filter "label=$list_label" >/dev/null; }
cli_list_ssh() { docker_ssh ps -a --filter "label=$list_label" >/dev/null; }
socket_list() {
  curl -fsS -o /dev/null --unix-socket /var/run/docker.sock \
    "http://docker/containers/json?all=1&filters=%7B%22label%22%3A%5B%22${list_label/=/%3D}%22%5D%7D"
}

# ---- (1) list --------------------------------------------------------------------------------------------------------
n=$(docker ps -aq --filter "label=$list_label" | wc -l)
[ "$n" = "$list_n" ] || fail "docker ps lists $n, not $list_n"
n=$(docker_ssh ps -aq --filter "label=$list_label" | wc -l)
[ "$n" = "$list_n" ] || fail "docker -H ssh:// ps lists $n, not $list_n"
echo "list: $list_rounds rounds" >&2
for _ in 1 2 3 4 5; do ours_list_local; ours_list_ssh; cli_list_local; socket_list; done
cli_list_ssh
for i in $(seq "$list_rounds"); do
  if [ $((i % 2)) = 1 ]; then
    ms ours_list_local >>"$work/list_ours_local"; check_list "$work/list.json"
    ms cli_list_local >>"$work/list_cli_local"
    ms ours_list_ssh >>"$work/list_ours_ssh"; check_list "$work/list.json"
    ms cli_list_ssh >>"$work/list_cli_ssh"
  else
    ms cli_list_local >>"$work/list_cli_local"
    ms ours_list_local >>"$work/list_ours_local"; check_list "$work/list.json"
    ms cli_list_ssh >>"$work/list_cli_ssh"
    ms ours_list_ssh >>"$work/list_ours_ssh"; check_list "$work/list.json"
  fi
  ms socket_list >>"$work/list_socket"
done
"$py" "$helper" keepalive "$(list_url "$env_local")" "$token" "$((list_rounds + 5))" | tail -n "$list_rounds" \
  >"$work/list_warm_local" || fail "the warm client failed"
"$py" "$helper" keepalive "$(list_url "$env_ssh")" "$token" "$((list_rounds + 5))" | tail -n "$list_rounds" \
  >"$work/list_warm_ssh" || fail "the warm client failed"

phase list
# ---- (2) restart-all -------------------------------------------------------------------------------------------------
round_start=
restarted() { # every container of the restart set started after $round_start and runs
  docker inspect -f '{{.State.StartedAt}}' "${restart_ids[@]}" | "$py" "$helper" started-after "$round_start" \
    >/dev/null || fail "not every container of the restart set was restarted"
  local up
  up=$(docker ps -q --filter "label=$restart_label" | wc -l)
  [ "$up" = "$restart_n" ] || fail "$up containers of the restart set run after the restart, not $restart_n"
}
ours_restart() {
  curl -fsS --max-time 900 -o "$work/bulk.json" -X POST "${auth[@]}" "$(restart_url "$1")" || return 1
  "$py" "$helper" bulk "$restart_n" <"$work/bulk.json"
}
ours_restart_local() { ours_restart "$env_local"; }
ours_restart_ssh() { ours_restart "$env_ssh"; }
cli_restart_local() { docker restart -t "$timeout_s" "${restart_ids[@]}" >/dev/null; }
cli_restart_ssh() { docker_ssh restart -t "$timeout_s" "${restart_ids[@]}" >/dev/null; }
timed_restart() { # NAME FILE
  round_start=$EPOCHREALTIME
  ms "$1" >>"$2"
  restarted
}
cli_restart_parallel() { printf '%s\n' "${restart_ids[@]}" | xargs -P 5 -n 1 docker restart -t "$timeout_s" >/dev/null; }
echo "restart-all: $restart_rounds rounds, then docker restart 5 at once (once, context)" >&2
for i in $(seq "$restart_rounds"); do
  if [ $((i % 2)) = 1 ]; then
    timed_restart ours_restart_local "$work/restart_ours_local"
    timed_restart cli_restart_local "$work/restart_cli_local"
    timed_restart ours_restart_ssh "$work/restart_ours_ssh"
    timed_restart cli_restart_ssh "$work/restart_cli_ssh"
  else
    timed_restart cli_restart_local "$work/restart_cli_local"
    timed_restart ours_restart_local "$work/restart_ours_local"
    timed_restart cli_restart_ssh "$work/restart_cli_ssh"
    timed_restart ours_restart_ssh "$work/restart_ours_ssh"
  fi
  echo "  round $i: ours $(tail -n 1 "$work/restart_ours_local") / docker $(tail -n 1 "$work/restart_cli_local") ms" \
    "local, ours $(tail -n 1 "$work/restart_ours_ssh") / docker $(tail -n 1 "$work/restart_cli_ssh") ms over SSH" >&2
done
timed_restart cli_restart_parallel "$work/restart_cli_parallel"
phase restart-all

# ---- (3) log stream --------------------------------------------------------------------------------------------------
line=$(printf "%$((line_bytes - 1))s" '' | tr ' ' x)
hz=$(getconf CLK_TCK)
dockerd_pid=$(pgrep -xo dockerd || true) # read only: its CPU during each stream, for context
cpu_ticks() { # PID: user+system ticks so far (0 when unknown)
  if [ -n "$1" ] && [ -r "/proc/$1/stat" ]; then awk '{ print $14 + $15 }' "/proc/$1/stat"; else echo 0; fi
}
secs() { awk -v t="$1" -v hz="$hz" 'BEGIN { printf "%.2f\n", t / hz }'; }
write_calls() { awk '/^syscw:/ { print $2 }' "/proc/$1/io"; }
writer() { # a container that writes the log once /tmp/go exists, then exits; prints its id
  docker run -d --init --label "$label" --label "porthole.bench.logs=$run" "$image" \
    sh -c "while [ ! -e /tmp/go ]; do sleep 0.1; done; yes $line | head -c $log_bytes"
}
wait_for() { # FILE TEXT SECONDS
  local deadline=$((SECONDS + $3))
  until grep -q "$2" "$1" 2>/dev/null; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.05
  done
}
finished_after() { # CONTAINER T0: seconds from T0 to the container's FinishedAt
  local f
  f=$(docker inspect -f '{{.State.FinishedAt}}' "$1" | "$py" "$helper" epoch)
  awk -v f="$f" -v t="$2" 'BEGIN { printf "%.3f\n", f - t }'
}
ours_logs() { # SUFFIX: the files' suffix (empty for the measured rounds)
  local c t0 t1 got lines reason word stderr_lines client_cpu cpu0 cpu1 d0 d1 w0 w1
  c=$(writer)
  java -cp "$work/classes" ContainerLogsClient "ws://${server_url#http://}/api/v1/ws" "$token" "$env_local" \
    "${c:0:12}" 0 true >"$work/client.out" 2>"$work/client.err" &
  client_pid=$!
  wait_for "$work/client.out" started 30 || { cat "$work/client.err" >&2; fail "no container.logs.started"; }
  sleep 1 # the server opens Docker's log request after it said started
  cpu0=$(cpu_ticks "$server_pid") d0=$(cpu_ticks "$dockerd_pid") w0=$(write_calls "$server_pid")
  t0=$EPOCHREALTIME
  docker exec "$c" touch /tmp/go
  wait "$client_pid" || { cat "$work/client.out" "$work/client.err" >&2; client_pid=; fail "the log client failed"; }
  t1=$EPOCHREALTIME
  client_pid=
  cpu1=$(cpu_ticks "$server_pid") d1=$(cpu_ticks "$dockerd_pid") w1=$(write_calls "$server_pid")
  read -r word reason lines got stderr_lines client_cpu < <(grep '^ended' "$work/client.out") ||
    fail "the log client ended without a count"
  [ "$reason" = container_stopped ] || fail "the log stream ended with $reason, not container_stopped"
  [ "$got" = "$log_bytes" ] && [ "$lines" = "$log_lines" ] && [ "$stderr_lines" = 0 ] ||
    fail "ours streamed $lines lines ($stderr_lines stderr), $got bytes, not $log_lines lines, $log_bytes bytes"
  awk -v s="$t0" -v e="$t1" 'BEGIN { printf "%.3f\n", e - s }' >>"$work/logs_ours$1"
  finished_after "$c" "$t0" >>"$work/logs_ours_writer$1"
  secs "$((cpu1 - cpu0))" >>"$work/logs_ours_cpu$1"
  secs "$((d1 - d0))" >>"$work/logs_ours_dockerd$1"
  echo "$client_cpu" >>"$work/logs_ours_client$1"
  awk -v w="$((w1 - w0))" -v l="$lines" 'BEGIN { printf "%d %.2f\n", w, w / l }' >>"$work/logs_ours_writes$1"
  docker rm -f "$c" >/dev/null
}
cli_logs() {
  local c t0 t1 got d0 d1
  c=$(writer)
  (
    TIMEFORMAT='%U %S'
    { time docker logs -f --tail 0 "$c" | wc -c >"$work/cli.count"; } 2>"$work/cli.time"
  ) &
  reader_pid=$!
  sleep 1 # the CLI is attached (it starts in ~30 ms)
  d0=$(cpu_ticks "$dockerd_pid")
  t0=$EPOCHREALTIME
  docker exec "$c" touch /tmp/go
  wait "$reader_pid" || { reader_pid=; fail "docker logs -f failed"; }
  t1=$EPOCHREALTIME
  reader_pid=
  d1=$(cpu_ticks "$dockerd_pid")
  got=$(tr -d ' ' <"$work/cli.count")
  [ "$got" = "$log_bytes" ] || fail "docker logs -f gave $got bytes, not $log_bytes"
  awk -v s="$t0" -v e="$t1" 'BEGIN { printf "%.3f\n", e - s }' >>"$work/logs_cli"
  finished_after "$c" "$t0" >>"$work/logs_cli_writer"
  secs "$((d1 - d0))" >>"$work/logs_cli_dockerd"
  awk '{ printf "%.2f\n", $1 + $2 }' "$work/cli.time" >>"$work/logs_cli_client"
  # the same container's finished log, replayed (context: ours cannot replay more than 1000 lines)
  t0=$EPOCHREALTIME
  got=$(docker logs "$c" | wc -c)
  t1=$EPOCHREALTIME
  [ "$got" = "$log_bytes" ] || fail "docker logs gave $got bytes, not $log_bytes"
  awk -v s="$t0" -v e="$t1" 'BEGIN { printf "%.3f\n", e - s }' >>"$work/logs_replay"
  docker rm -f "$c" >/dev/null
}
echo "log stream: $log_rounds rounds of $log_bytes bytes ($log_lines lines of $line_bytes bytes)" >&2
# warm-up (JIT): a smaller log through ours, unmeasured
saved_bytes=$log_bytes saved_lines=$log_lines
log_lines=$((warmup_bytes / line_bytes)) log_bytes=$((warmup_bytes / line_bytes * line_bytes))
ours_logs .warmup
log_bytes=$saved_bytes log_lines=$saved_lines
for i in $(seq "$log_rounds"); do
  if [ $((i % 2)) = 1 ]; then ours_logs ""; cli_logs; else cli_logs; ours_logs ""; fi
  echo "  round $i: ours $(tail -n 1 "$work/logs_ours") s, docker logs -f $(tail -n 1 "$work/logs_cli") s" >&2
done
phase logs

# ---- the table -------------------------------------------------------------------------------------------------------
median() { sort -n "$1" | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
fmt() { awk -v v="$1" -v u="$2" 'BEGIN { printf (u == "s") ? "%.2f" : "%.1f", v }'; } # VALUE UNIT
minmax() { sort -n "$1" | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%s..%s", lo, hi }'; }
broke=0
row() { # NAME OURS_FILE REF_FILE GOAL_RATIO UNIT(ms|s)
  local o r ratio verdict
  o=$(fmt "$(median "$2")" "$5")
  r=$(fmt "$(median "$3")" "$5")
  ratio=$(awk -v o="$o" -v r="$r" 'BEGIN { printf "%.2f", o / r }')
  verdict=$(awk -v x="$ratio" -v g="$4" 'BEGIN { print (x <= g) ? "goal met" : "goal missed" }')
  printf '  %-40s %10s %-2s %10s %-2s %6sx  %6s  %s\n' "$1" "$o" "$5" "$r" "$5" "$ratio" "<=${4}x" "$verdict"
}
total=$(docker ps -aq | wc -l)
echo
echo "Containers benchmark (issue 14): docker $(docker version -f '{{.Server.Version}}') (CLI" \
  "$(docker version -f '{{.Client.Version}}')), $(nproc) CPUs, $total containers on the daemon during the run;"
echo "SSH: $user@$ssh_host:$ssh_port (the same daemon). Medians; list: $list_rounds rounds, restart-all:" \
  "$restart_rounds, log: $log_rounds. Ours and Docker alternate."
echo
printf '  %-40s %13s %13s %7s  %6s  %s\n' row ours reference ratio goal verdict
row "list $list_n, local socket" "$work/list_ours_local" "$work/list_cli_local" 1.5 ms
row "list $list_n, over SSH" "$work/list_ours_ssh" "$work/list_cli_ssh" 1.5 ms
row "restart-all $restart_n (-t $timeout_s), local" "$work/restart_ours_local" "$work/restart_cli_local" 1.0 ms
row "restart-all $restart_n (-t $timeout_s), over SSH" "$work/restart_ours_ssh" "$work/restart_cli_ssh" 1.0 ms
row "log $(awk -v b="$log_bytes" 'BEGIN { printf "%.4g", b / 1048576 }') MiB follow, local" "$work/logs_ours" "$work/logs_cli" 1.2 s
echo
echo "  ours: list = curl GET /api/v1/containers?env=E&label=$list_label (a new curl process per request);"
echo "        restart-all = curl POST /api/v1/containers/restart-all?env=E&label=$restart_label&timeout=$timeout_s;"
echo "        log = WebSocket /api/v1/ws, container.logs.subscribe tail=0 follow=true on a fresh container, from the"
echo "        trigger of its write of $log_bytes bytes ($log_lines lines) to container.logs.ended (client started before)"
echo "  reference: docker ps -a --filter label=$list_label; docker -H ssh://$user@$ssh_host:$ssh_port ps -a --filter ...;"
echo "        docker [-H ssh://...] restart -t $timeout_s <the same $restart_n ids>;"
echo "        docker logs -f --tail 0 <an identical fresh container> | wc -c, from the same trigger to the end"
echo
echo "  context (medians, min..max):"
printf '    %-64s %9s ms  (%s)\n' "ours list, local, warm client (one kept-alive connection)" \
  "$(median "$work/list_warm_local")" "$(minmax "$work/list_warm_local")"
printf '    %-64s %9s ms  (%s)\n' "ours list, over SSH, warm client" \
  "$(median "$work/list_warm_ssh")" "$(minmax "$work/list_warm_ssh")"
printf '    %-64s %9s ms  (%s)\n' "ours list, local, curl" "$(median "$work/list_ours_local")" "$(minmax "$work/list_ours_local")"
printf '    %-64s %9s ms  (%s)\n' "ours list, over SSH, curl" "$(median "$work/list_ours_ssh")" "$(minmax "$work/list_ours_ssh")"
printf '    %-64s %9s ms  (%s)\n' "docker ps -a --filter (local)" "$(median "$work/list_cli_local")" "$(minmax "$work/list_cli_local")"
printf '    %-64s %9s ms  (%s)\n' "docker -H ssh:// ps -a --filter" "$(median "$work/list_cli_ssh")" "$(minmax "$work/list_cli_ssh")"
printf '    %-64s %9s ms  (%s)\n' "curl --unix-socket /containers/json?all=1&filters=label" \
  "$(median "$work/list_socket")" "$(minmax "$work/list_socket")"
printf '    %-64s %9sx\n' "ours list over SSH (curl) / docker ps on the socket" \
  "$(awk -v o="$(median "$work/list_ours_ssh")" -v r="$(median "$work/list_cli_local")" 'BEGIN { printf "%.2f", o / r }')"
printf '    %-64s %9s ms  (%s)\n' "restart-all, ours, local" "$(median "$work/restart_ours_local")" \
  "$(minmax "$work/restart_ours_local")"
printf '    %-64s %9s ms  (%s)\n' "docker restart, local (one CLI, one after the other)" "$(median "$work/restart_cli_local")" \
  "$(minmax "$work/restart_cli_local")"
printf '    %-64s %9s ms  (%s)\n' "restart-all, ours, over SSH" "$(median "$work/restart_ours_ssh")" \
  "$(minmax "$work/restart_ours_ssh")"
printf '    %-64s %9s ms  (%s)\n' "docker -H ssh:// restart" "$(median "$work/restart_cli_ssh")" \
  "$(minmax "$work/restart_cli_ssh")"
printf '    %-64s %9s ms  (1 run)\n' "docker restart, local, 5 at once (xargs -P 5, as the plugin does)" \
  "$(median "$work/restart_cli_parallel")"
mib=$(awk -v b="$log_bytes" 'BEGIN { printf "%.4g", b / 1048576 }')
printf '    %-64s %9s s   (%s; %s MiB/s)\n' "log follow, ours" "$(median "$work/logs_ours")" "$(minmax "$work/logs_ours")" \
  "$(awk -v m="$mib" -v s="$(median "$work/logs_ours")" 'BEGIN { printf "%.1f", m / s }')"
printf '    %-64s %9s s   (%s; %s MiB/s)\n' "log follow, docker logs -f" "$(median "$work/logs_cli")" \
  "$(minmax "$work/logs_cli")" \
  "$(awk -v m="$mib" -v s="$(median "$work/logs_cli")" 'BEGIN { printf "%.1f", m / s }')"
printf '    %-64s %9s s\n' "  the writer's container finished (ours' round)" "$(median "$work/logs_ours_writer")"
printf '    %-64s %9s s\n' "  the writer's container finished (docker's round)" "$(median "$work/logs_cli_writer")"
printf '    %-64s %9s s\n' "  CPU of the server JVM during ours' stream" "$(median "$work/logs_ours_cpu")"
printf '    %-64s %9s s\n' "  CPU of the log client (JVM, start-up included) in ours' round" "$(median "$work/logs_ours_client")"
printf '    %-64s %9s s\n' "  CPU of docker logs -f | wc -c in docker's round" "$(median "$work/logs_cli_client")"
printf '    %-64s %9s s\n' "  CPU of dockerd during ours' stream" "$(median "$work/logs_ours_dockerd")"
printf '    %-64s %9s s\n' "  CPU of dockerd during docker's stream" "$(median "$work/logs_cli_dockerd")"
read -r writes per_line < <(sort -n "$work/logs_ours_writes" | awk '{ a[NR] = $0 } END { print a[int((NR + 1) / 2)] }')
printf '    %-64s %9s     (%s per line)\n' "  write syscalls of the server JVM during ours' stream" "$writes" "$per_line"
printf '    %-64s %9s s   (%s lines; unmeasured)\n' "  warm-up stream through ours" "$(median "$work/logs_ours.warmup")" \
  "$((warmup_bytes / line_bytes))"
printf '    %-64s %9s s   (%s MiB/s; ours: n/a, spec 004 tail <= 1000 lines)\n' \
  "docker logs <finished $mib MiB log> | wc -c (replay)" "$(median "$work/logs_replay")" \
  "$(awk -v m="$mib" -v s="$(median "$work/logs_replay")" 'BEGIN { printf "%.1f", m / s }')"
echo
warns=$(grep -c ' WARN ' "$server_log" || true)
errors=$(grep -c ' ERROR ' "$server_log" || true)
echo "  server log: $warns WARN, $errors ERROR lines"
grep -E ' (WARN|ERROR) ' "$server_log" | head -n 10 | cut -c1-300 | sed 's/^/    /' || true
echo "  time: ${phases%,} ($((SECONDS - t_begin)) s in all, before removing the containers)"
exit "$broke"
