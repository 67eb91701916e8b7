#!/usr/bin/env bash
# Server-stats benchmark (spec 002): the cost of watching STATS_BENCH_HOSTS (1,000) hosts, status every 30 s for all of
# them and metrics every 30 s for STATS_BENCH_VIEWED (100) hosts with a viewer, in the server-stats plugin's own design
# (one exec per metrics poll, on the pooled connection) against Termix's design (23 execs per poll, run one after the
# other), measured the same way in the same run: the plugin's POLL_MODE=exec-per-section runs each of its script's
# sections as its own exec, sequentially, which approximates Termix (it prints the execs per poll it measured).
# Per row, a fresh server (own data directory; the hosts created again):
#   server CPU   utime+stime of the Porthole JVM (/proc/PID/stat) over the window, % of one core (2 cores here: nproc);
#   sshd CPU     the same over every process of the benchmark's sshd and the commands it ran (its network namespace's
#                processes, children's times included once reaped): informative, the hosts' side;
#   execs/poll   sshd-side: "Starting session: command" lines (LogLevel VERBOSE) in the window / the plugin's polls in
#                the window; plugin-side: porthole_stats_metrics_execs_total / _polls_total, deltas over the window;
#   p50/p99      poll latency: the plugin's summary porthole_stats_metrics_poll_duration_seconds (its last 4096 polls, so
#                the start-up polls, which log in, are among them; the window's own mean from the _sum and _count
#                deltas is printed under the table), and sshd-side, the window's polls only: from a poll's first
#                session start to its last session close, as a follower of the sshd log saw them (within ~10 ms);
#   heap         used after a full GC (jcmd GC.run, then GC.heap_info) at the end of the window;
#   status/s     status checks per second achieved, sshd-side (the probes it logged, "probed from ... Probe-Porthole",
#                in the window), vs the expected hosts/interval (the scheduler adds 0-10 % to each period:
#                ~hosts/(1.05 x interval)); and "fresh": the hosts whose status (GET /status) at the end of the window
#                is at most 1.5 x interval old, of all hosts.
# Measured in steady state: after every host has a status and every viewed host metrics, STATS_BENCH_SETTLE seconds
# more, then STATS_BENCH_WINDOW seconds. Viewers are heartbeated every 30 s, spread evenly (bench/stats.py).
# The hosts: ONE OpenSSH sshd (own config, host key, client key, LogLevel VERBOSE, MaxStartups 200:30:400, no PAM)
# listening on 0.0.0.0:22 inside its own network namespace, which holds STATS_BENCH_NET.0.0/18 as a local route on lo
# (every address of it is the namespace's own, none of them on an interface: the metrics script's `ip addr` sees two),
# reached from the root namespace through one veth pair and one route: host i is STATS_BENCH_NET.(i/254).(i%254+1), so
# the server connects to STATS_BENCH_HOSTS different addresses (its pool and trust-on-first-use host keys see as many
# hosts); the login user is the test environment's ph-key (scripts/testenv/sshd.sh start makes it, if missing).
# Everything (namespace, veth, route, sshd, servers, helpers) is removed on exit. Needs root, iproute2, python3, a JDK 17
# (jcmd). Builds the platform and the plugin first (offline).
# Informative: exits 0 whatever the figures are, 1 when something broke (a server that does not start, a host that does
# not get a status, a viewed host without metrics, a failed poll in the window).
# Usage: bench/stats.sh   Settings: STATS_BENCH_HOSTS (1000), STATS_BENCH_VIEWED (100), STATS_BENCH_WINDOW (120),
# STATS_BENCH_BUILD (1; 0 uses platform/target/porthole.jar and target/builtin-plugins as they are), STATS_BENCH_SETTLE
# (60), STATS_BENCH_INTERVAL (30: status and metrics interval, seconds, 10-3600), STATS_BENCH_MODES ("one-exec
# exec-per-section"), STATS_BENCH_NET (10.201: the first two octets of the hosts' addresses), STATS_BENCH_USER (ph-key),
# STATS_BENCH_JAVA_OPTS (extra options for the server's JVM). PORTHOLE_PLUGINS_THREADS and the plugin's other
# PORTHOLE_PLUGIN_SETTINGS_SERVER_STATS_* (STATUS_CONCURRENCY, METRICS_CONCURRENCY) apply to every row as they are set.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/testenv/lib.sh # free_port, port_open

hosts=${STATS_BENCH_HOSTS:-1000}
viewed=${STATS_BENCH_VIEWED:-100}
window=${STATS_BENCH_WINDOW:-120}
settle=${STATS_BENCH_SETTLE:-60}
interval=${STATS_BENCH_INTERVAL:-30}
net=${STATS_BENCH_NET:-10.201}
user=${STATS_BENCH_USER:-ph-key}
read -r -a modes <<<"${STATS_BENCH_MODES:-one-exec exec-per-section}"
heartbeat=30
jar=platform/target/porthole.jar
builtin=$PWD/target/builtin-plugins
hz=$(getconf CLK_TCK)
py=$(python3 -c 'import sys; print(sys.executable)') # not the pyenv shim
helper=$PWD/bench/stats.py

fail() {
  echo "stats.sh: $*" >&2
  exit 1
}
[ "$(id -u)" = 0 ] || fail "run as root (it makes a network namespace and runs an sshd)"
[ "$viewed" -le "$hosts" ] || fail "STATS_BENCH_VIEWED ($viewed) is more than STATS_BENCH_HOSTS ($hosts)"
[ "$hosts" -le $((64 * 254)) ] || fail "at most $((64 * 254)) hosts fit in $net.0.0/18"
command -v jcmd >/dev/null || fail "no jcmd (a JDK 17 is needed)"

work=$(mktemp -d)
chmod 755 "$work" # sshd reads the authorized keys as the user
ns=phstats$$
veth=phst$$
server_pid=
viewers_pid=
follow_pid=
sshd_pid=
cleanup() {
  local pid
  for pid in $follow_pid $viewers_pid $server_pid; do kill "$pid" 2>/dev/null || true; done
  for pid in $follow_pid $viewers_pid $server_pid; do wait "$pid" 2>/dev/null || true; done
  if [ -n "$sshd_pid" ]; then kill "$sshd_pid" 2>/dev/null || true; fi
  if ip netns list 2>/dev/null | grep -qw "$ns"; then
    # what is left in the namespace was started by this sshd (sessions of the server that just stopped)
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill "$pid" 2>/dev/null || true; done
    sleep 0.2
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$pid" 2>/dev/null || true; done
    ip netns del "$ns" 2>/dev/null || true # takes the veth pair and its route along
  fi
  ip link del "$veth" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# ---- build -----------------------------------------------------------------------------------------------------------
if [ "${STATS_BENCH_BUILD:-1}" != 0 ]; then
  echo "building the platform and the server-stats plugin" >&2
  ./mvnw -B -o -q install -pl platform,plugins/server-stats -am -DskipTests -Dspotless.check.skip=true \
    -Djacoco.skip=true -Dmaven.javadoc.skip=true >"$work/build.log" 2>&1 ||
    { tail -n 40 "$work/build.log" >&2; fail "the build failed"; }
fi
[ -f "$jar" ] || fail "no $jar: build first"
ls "$builtin"/porthole-plugin-server-stats-*.zip >/dev/null 2>&1 || fail "no server-stats plugin in $builtin: build first"

# the machine's busy CPU over a second, % of one core (this bench wants the machine to itself)
machine_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }
busy_before=$({ a=$(machine_ticks); sleep 1; b=$(machine_ticks); echo $(((b - a) * 100 / hz)); })
[ "$busy_before" -lt 20 ] || echo "warning: the machine is busy already ($busy_before% of one core): figures will be skewed" >&2

# ---- the hosts: one sshd in a network namespace, STATS_BENCH_HOSTS addresses ------------------------------------------
if ! id "$user" >/dev/null 2>&1; then
  echo "no user $user: starting the test environment (scripts/testenv/sshd.sh start) to make it" >&2
  scripts/testenv/sshd.sh start >/dev/null
  id "$user" >/dev/null 2>&1 || fail "no user $user"
fi
[ -z "$(ip route show "$net.0.0/18")" ] && ! ip -br addr | grep -q " $net\." ||
  fail "$net.0.0/18 is in use on this machine already (another run?): set STATS_BENCH_NET"
hosts_net=$net.0.0/18
link_root=$net.255.253 # the veth pair's /30, outside the hosts' /18
link_ns=$net.255.254
address() { echo "$net.$(($1 / 254)).$(($1 % 254 + 1))"; }

ip netns add "$ns"
ip link add "$veth" type veth peer name "${veth}n" netns "$ns"
ip addr add "$link_root/30" dev "$veth"
ip link set "$veth" up
ip -n "$ns" addr add "$link_ns/30" dev "${veth}n"
ip -n "$ns" link set "${veth}n" up
ip -n "$ns" link set lo up
ip -n "$ns" route add local "$hosts_net" dev lo # AnyIP: every address of the /18 is the namespace's own
ip route add "$hosts_net" via "$link_ns" dev "$veth"

ssh-keygen -q -t ed25519 -N '' -C stats-bench-host -f "$work/ssh_host_ed25519_key" </dev/null
ssh-keygen -q -t ecdsa -b 256 -N '' -C stats-bench-host -f "$work/ssh_host_ecdsa_key" </dev/null
ssh-keygen -q -t ed25519 -N '' -C stats-bench-client -f "$work/id_ed25519" </dev/null
mkdir -p "$work/authorized_keys"
cp "$work/id_ed25519.pub" "$work/authorized_keys/$user"
chmod 755 "$work/authorized_keys"
chmod 644 "$work/authorized_keys/$user"
cat >"$work/sshd.conf" <<EOF
# bench/stats.sh: the hosts' sshd, alone in network namespace $ns
Port 22
ListenAddress 0.0.0.0
PidFile $work/sshd.pid
HostKey $work/ssh_host_ed25519_key
HostKey $work/ssh_host_ecdsa_key
AuthorizedKeysFile $work/authorized_keys/%u
StrictModes no
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
PermitRootLogin no
AllowUsers $user
MaxStartups 200:30:400
MaxSessions 10
PrintMotd no
PrintLastLog no
UseDNS no
LogLevel VERBOSE
EOF
mkdir -p /run/sshd
ln -s /usr/sbin/sshd "$work/sshd-stats" # its own program name (ps, and no PAM service is shared)
ip netns exec "$ns" "$work/sshd-stats" -t -f "$work/sshd.conf" || fail "sshd: bad configuration"
ip netns exec "$ns" "$work/sshd-stats" -f "$work/sshd.conf" -E "$work/sshd.log" # detaches, writes its PidFile
for _ in $(seq 50); do [ -s "$work/sshd.pid" ] && break; sleep 0.1; done
sshd_pid=$(cat "$work/sshd.pid" 2>/dev/null) || fail "sshd did not start: $(cat "$work/sshd.log" 2>/dev/null)"
ssh_check=(-F /dev/null -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR
  -o ConnectTimeout=5 -o IdentitiesOnly=yes -i "$work/id_ed25519" -l "$user")
for i in 0 $((hosts / 2)) $((hosts - 1)); do
  got=$(ssh "${ssh_check[@]}" "$(address "$i")" 'echo $SSH_CONNECTION' </dev/null) ||
    fail "ssh to host $i ($(address "$i")) failed: $(tail -n 5 "$work/sshd.log")"
  [ "$(echo "$got" | awk '{ print $3 }')" = "$(address "$i")" ] || fail "host $i: sshd saw '$got'"
done
echo "sshd (pid $sshd_pid) answers at $(address 0) ... $(address $((hosts - 1))) (port 22, namespace $ns)" >&2

# utime+stime+cutime+cstime of every process in the namespace: the sshd, its sessions and the commands they ran
sshd_ticks() {
  local pids
  pids=$(ip netns pids "$ns" | sort -n | sed 's|.*|/proc/&/stat|')
  # shellcheck disable=SC2086
  { [ -z "$pids" ] || cat $pids 2>/dev/null || true; } | awk '{ j = index($0, ") "); split(substr($0, j + 2), f, " ")
    t += f[12] + f[13] + f[14] + f[15] } END { print t + 0 }'
}
jvm_ticks() { awk '{ j = index($0, ") "); split(substr($0, j + 2), f, " "); print f[12] + f[13] }' "/proc/$1/stat"; }
# "ticks name" of each thread of PID
thread_ticks() {
  { cat /proc/"$1"/task/*/stat 2>/dev/null || true; } | awk '{
    i = index($0, " ("); j = index($0, ") "); split(substr($0, j + 2), f, " ")
    print $1, f[12] + f[13], substr($0, i + 2, j - i - 2) }'
}
pct() { awk -v t="$1" -v s="$2" -v hz="$hz" 'BEGIN { printf "%.1f", t / hz / s * 100 }'; }
log_lines() { wc -l <"$work/sshd.log"; }
# FROM TO PATTERN: lines of the sshd log in (FROM, TO] matching PATTERN
log_count() { sed -n "$(($1 + 1)),$2p" "$work/sshd.log" | grep -c -e "$3" || true; }

# ---- one row: a fresh server ----------------------------------------------------------------------------------------
admin_password=bench-$RANDOM$RANDOM$RANDOM
api() { # METHOD PATH [BODY]: the response body; fails on an HTTP error, printing it
  local out=$work/api.out code data=()
  [ $# -ge 3 ] && data=(--data-binary "$3")
  code=$(curl -sS -o "$out" -w '%{http_code}' -X "$1" -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' ${data[@]+"${data[@]}"} "$server_url$2") || code=000
  if [ "${code:0:1}" != 2 ]; then
    echo "$1 $2 -> $code: $(head -c 500 "$out" 2>/dev/null)" >&2
    return 1
  fi
  cat "$out"
}

declare -A r_cpu r_sshd r_other r_execs_sshd r_execs_plugin r_polls r_failures r_p50 r_p99 r_mean r_heap r_rss
declare -A r_status_sshd r_fresh r_online r_logins r_addrs r_threads r_setup r_notes r_sp50 r_sp99 r_spolls
declare -A r_period
broke=0
note() { # MODE TEXT
  r_notes[$1]="${r_notes[$1]:-}  $2"$'\n'
}
run_row() {
  local mode=$1 dir port t_start t0 t1 secs j0 j1 s0 s1 m0 m1 l_row l0 l1 p0 p1 ready_out
  dir=$work/server-$mode
  mkdir -p "$dir"
  port=$(free_port)
  server_url=http://127.0.0.1:$port
  echo "[$mode] starting the server on $server_url" >&2
  l_row=$(log_lines)
  t_start=$SECONDS
  # shellcheck disable=SC2086 # the extra options are several words
  PORTHOLE_DATA_DIR=$dir/data PORTHOLE_ADMIN_PASSWORD=$admin_password \
    PORTHOLE_PLUGIN_SETTINGS_SERVER_STATS_POLL_MODE=$mode \
    java -XX:+UseSerialGC -Xms32m ${STATS_BENCH_JAVA_OPTS:-} -Dporthole.port="$port" \
    -Dporthole.plugins.builtin-dir="$builtin" -jar "$jar" >"$dir/server.log" 2>&1 </dev/null &
  server_pid=$!
  local deadline=$((SECONDS + 90))
  until curl -fs -o /dev/null "$server_url/health"; do
    if ! kill -0 "$server_pid" 2>/dev/null || [ "$SECONDS" -ge "$deadline" ]; then
      tail -n 40 "$dir/server.log" >&2
      fail "the server did not come up on $server_url"
    fi
    sleep 0.2
  done
  token=$(curl -fsS -H 'Content-Type: application/json' --data-binary @- "$server_url/api/auth/login" \
    <<<"{\"username\":\"admin\",\"password\":\"$admin_password\"}" |
    "$py" -c 'import json, sys; print(json.load(sys.stdin)["access_token"])') || fail "login failed"
  until api GET /status >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || { tail -n 40 "$dir/server.log" >&2; fail "GET /status does not answer 200"; }
    sleep 0.5
  done
  api POST /global-settings "{\"statusCheckInterval\":$interval,\"metricsInterval\":$interval}" >/dev/null ||
    fail "setting the intervals failed"

  echo "[$mode] creating $hosts hosts" >&2
  local c0=$SECONDS
  "$py" "$helper" hosts "$server_url" "$token" "$hosts" "$work/id_ed25519" "$user" 22 "$net" >"$dir/ids" ||
    fail "creating the hosts failed"
  [ "$(wc -l <"$dir/ids")" = "$hosts" ] || fail "created $(wc -l <"$dir/ids") hosts, not $hosts"
  local created=$((SECONDS - c0))
  head -n "$viewed" "$dir/ids" >"$dir/viewed"
  "$py" "$helper" viewers "$server_url" "$token" "$dir/viewed" "$dir/viewers.ready" "$heartbeat" \
    2>"$dir/viewers.log" &
  viewers_pid=$!
  for _ in $(seq 600); do [ -s "$dir/viewers.ready" ] && break; kill -0 "$viewers_pid" 2>/dev/null || break; sleep 0.1; done
  [ -s "$dir/viewers.ready" ] || fail "registering the viewers failed: $(cat "$dir/viewers.log")"
  echo "[$mode] $hosts hosts created in ${created} s, $viewed viewers registered; waiting for statuses and metrics" >&2
  if ready_out=$("$py" "$helper" ready "$server_url" "$token" "$dir/ids" "$dir/viewed" $((120 + 2 * interval))); then
    echo "[$mode] ready after $((SECONDS - t_start)) s: $ready_out" >&2
  else
    echo "[$mode] $ready_out" >&2
    note "$mode" "$ready_out"
    broke=1
  fi
  r_setup[$mode]=$((SECONDS - t_start))
  echo "[$mode] settling $settle s, then measuring $window s" >&2
  "$py" "$helper" follow "$work/sshd.log" "$dir/sessions" &
  follow_pid=$!
  sleep "$settle"

  # ---- the window: the plugin's counters and the sshd log's line count taken back to back with the CPU samples ----
  thread_ticks "$server_pid" >"$dir/threads.before"
  p0=$("$py" "$helper" prom "$server_url" "$token") || fail "GET /metrics/prometheus failed"
  l0=$(log_lines)
  t0=$EPOCHREALTIME
  j0=$(jvm_ticks "$server_pid")
  s0=$(sshd_ticks)
  m0=$(machine_ticks)
  sleep "$window"
  j1=$(jvm_ticks "$server_pid")
  s1=$(sshd_ticks)
  m1=$(machine_ticks)
  t1=$EPOCHREALTIME
  l1=$(log_lines)
  p1=$("$py" "$helper" prom "$server_url" "$token") || fail "GET /metrics/prometheus failed"
  thread_ticks "$server_pid" >"$dir/threads.after"
  local fresh_out
  fresh_out=$("$py" "$helper" fresh "$server_url" "$token" "$dir/ids" $((interval * 3 / 2))) ||
    fail "GET /status failed"
  sleep 1 # the follower reads every 10 ms
  kill "$follow_pid" 2>/dev/null || true
  wait "$follow_pid" 2>/dev/null || true
  follow_pid=
  read -r r_spolls[$mode] r_sp50[$mode] r_sp99[$mode] r_period[$mode] \
    <<<"$("$py" "$helper" polls "$dir/sessions" "$t0" "$t1" 5)"
  secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')

  r_cpu[$mode]=$(pct $((j1 - j0)) "$secs")
  r_sshd[$mode]=$(pct $((s1 - s0)) "$secs")
  r_other[$mode]=$(awk -v m=$((m1 - m0 - (j1 - j0) - (s1 - s0))) -v s="$secs" -v hz="$hz" \
    'BEGIN { v = m / hz / s * 100; printf "%.0f", v < 0 ? 0 : v }')
  # the plugin's figures: polls execs failures count sum p50 p90 p99
  read -r -a a <<<"$p0"
  read -r -a b <<<"$p1"
  local polls execs sessions probes logins
  polls=$(awk -v x="${a[0]}" -v y="${b[0]}" 'BEGIN { printf "%d", y - x }')
  execs=$(awk -v x="${a[1]}" -v y="${b[1]}" 'BEGIN { printf "%d", y - x }')
  r_polls[$mode]=$polls
  r_failures[$mode]=$(awk -v x="${a[2]}" -v y="${b[2]}" 'BEGIN { printf "%d", y - x }')
  [ "${r_failures[$mode]}" = 0 ] || { note "$mode" "${r_failures[$mode]} polls failed in the window (server log: $(grep -c 'metrics poll of host' "$dir/server.log") poll failures logged)"; broke=1; }
  sessions=$(log_count "$l0" "$l1" 'Starting session: command for')
  probes=$(log_count "$l0" "$l1" '^probed from .* with SSH-2.0-Probe-Porthole')
  logins=$(log_count "$l0" "$l1" '^Accepted publickey for ')
  r_logins[$mode]=$logins
  if [ "$polls" -gt 0 ]; then
    r_execs_sshd[$mode]=$(awk -v e="$sessions" -v p="$polls" 'BEGIN { printf "%.2f", e / p }')
    r_execs_plugin[$mode]=$(awk -v e="$execs" -v p="$polls" 'BEGIN { printf "%.2f", e / p }')
  else
    r_execs_sshd[$mode]=-
    r_execs_plugin[$mode]=-
    note "$mode" "no metrics poll in the window"
    broke=1
  fi
  ms() { [ "$1" = - ] && echo - || awk -v v="$1" 'BEGIN { printf "%.0f", v * 1000 }'; }
  r_p50[$mode]=$(ms "${b[5]}")
  r_p99[$mode]=$(ms "${b[7]}")
  r_mean[$mode]=$(awk -v c0="${a[3]}" -v c1="${b[3]}" -v s0="${a[4]}" -v s1="${b[4]}" \
    'BEGIN { if (c1 > c0) printf "%.0f", (s1 - s0) / (c1 - c0) * 1000; else print "-" }')
  r_status_sshd[$mode]=$(awk -v c="$probes" -v s="$secs" 'BEGIN { printf "%.1f", c / s }')
  local f_with f_online f_fresh f_oldest
  read -r f_with f_online f_fresh f_oldest <<<"$fresh_out"
  r_fresh[$mode]="$f_fresh/$hosts"
  r_online[$mode]="$f_with with a status, $f_online online, the oldest ${f_oldest} s old"
  [ "$f_online" = "$hosts" ] ||
    { note "$mode" "only $f_online of $hosts hosts have an online status at the end of the window"; broke=1; }
  # the distinct addresses sshd was reached at since this server started
  r_addrs[$mode]=$(sed -n "$((l_row + 1)),${l1}p" "$work/sshd.log" |
    awk '/^Connection from / { for (i = 1; i < NF; i++) if ($i == "on") a[$(i + 1)] = 1 } END { print length(a) }')
  # where the JVM's CPU went in the window, by thread group (names without their numbers)
  r_threads[$mode]=$(awk -v hz="$hz" -v s="$secs" 'NR == FNR { before[$1] = $2; next }
    { n = $3; for (i = 4; i <= NF; i++) n = n " " $i; sub(/[-#]?[0-9]+$/, "", n); d = $2 - before[$1]
      if (d > 0) { g[n] += d; c[n]++ } }
    END { for (n in g) printf "%.1f %s (%d)\n", g[n] / hz / s * 100, n, c[n] }' "$dir/threads.before" "$dir/threads.after" |
    sort -rg | awk 'NR <= 6 { printf "%s%s%% %s", (NR > 1 ? ", " : ""), $1, substr($0, index($0, " ") + 1) }')

  # heap after a full GC, and the resident set
  jcmd "$server_pid" GC.run >/dev/null 2>&1 || true
  r_heap[$mode]=$(jcmd "$server_pid" GC.heap_info 2>/dev/null | awk '
    /generation|garbage-first heap|ParOldGen|PSYoungGen|region/ && /used/ && !/Metaspace|class space/ {
      for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/[K,]+$/, "", v); u += v } }
    END { if (u > 0) printf "%.1f", u / 1024; else print "-" }')
  r_rss[$mode]=$(awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$server_pid/status")
  grep -q . "$dir/viewers.log" && note "$mode" "viewers: $(tail -n 2 "$dir/viewers.log" | tr '\n' ' ')"

  kill "$viewers_pid" 2>/dev/null || true
  wait "$viewers_pid" 2>/dev/null || true
  viewers_pid=
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=
  echo "[$mode] done: server ${r_cpu[$mode]}% of one core, sshd ${r_sshd[$mode]}%, ${r_execs_sshd[$mode]} execs/poll" >&2
}

t_bench=$SECONDS
for mode in "${modes[@]}"; do run_row "$mode"; done

# ---- the table -------------------------------------------------------------------------------------------------------
label() { case $1 in one-exec) echo "one-exec (Porthole)" ;; exec-per-section) echo "exec-per-section (~Termix)" ;; *) echo "$1" ;; esac; }
expected_status=$(awk -v h="$hosts" -v i="$interval" 'BEGIN { printf "%.1f", h / i }')
expected_jitter=$(awk -v h="$hosts" -v i="$interval" 'BEGIN { printf "%.1f", h / (1.05 * i) }')
expected_polls=$(awk -v v="$viewed" -v i="$interval" -v w="$window" 'BEGIN { printf "%.0f", v * w / (1.05 * i) }')
echo
echo "Server stats: $hosts hosts ($hosts addresses of one sshd in a network namespace, $(ssh -V 2>&1 | cut -d, -f1)), $viewed" \
  "of them viewed; status and metrics every $interval s; ${window} s window after $settle s of steady state;" \
  "$(nproc) cores (nproc), CPU as % of ONE core"
row() { printf '%-27s %7s %7s %13s %9s %11s %11s %6s %8s %9s\n' "$@"; }
row "" "server" "sshd" "execs/poll" "polls" "p50/p99 ms" "p50/p99 ms" "heap" "status" "fresh"
row "row" "CPU %" "CPU %" "sshd/plugin" "(failed)" "plugin" "sshd-side" "MiB" "checks/s" "statuses"
for mode in "${modes[@]}"; do
  row "$(label "$mode")" "${r_cpu[$mode]}" "${r_sshd[$mode]}" "${r_execs_sshd[$mode]} / ${r_execs_plugin[$mode]}" \
    "${r_polls[$mode]} (${r_failures[$mode]})" "${r_p50[$mode]} / ${r_p99[$mode]}" \
    "${r_sp50[$mode]} / ${r_sp99[$mode]}" "${r_heap[$mode]}" "${r_status_sshd[$mode]}" "${r_fresh[$mode]}"
done
echo "expected: $expected_polls polls in the window ($viewed hosts / (1.05 x $interval s) x $window s), status checks" \
  "$expected_status/s ($hosts / $interval s; $expected_jitter/s with the scheduler's 0-10 % jitter), fresh statuses" \
  "(at most $((interval * 3 / 2)) s old) $hosts/$hosts; execs/poll goal:" \
  "exactly 1 (one-exec). Termix's design runs ~23 execs per poll, sequentially: the exec-per-section row runs the" \
  "plugin's script one section per exec, sequentially (the execs/poll above), so it approximates Termix from below."
echo "p50/p99 plugin: its summary over its last <= 4096 polls (each host's first poll, which logs in, is among them);" \
  "sshd-side: the window's polls only, first session start to last session close. heap: used after a full GC" \
  "(SerialGC, as ./porthole runs)."
if [ -n "${r_cpu[one-exec]:-}" ]; then
  met=$(awk -v c="${r_cpu[one-exec]}" 'BEGIN { print (c < 50) ? "met" : "NOT met" }')
  scale=
  [ "$hosts" = 1000 ] || scale=" (this run has $hosts hosts: the goal is stated for 1,000)"
  echo "goal: < 50 % of one core at 1,000 hosts (one-exec): ${r_cpu[one-exec]} % -> $met$scale"
  if [ -n "${r_cpu[exec-per-section]:-}" ]; then
    echo "exec-per-section / one-exec: server CPU x$(awk -v a="${r_cpu[exec-per-section]}" -v b="${r_cpu[one-exec]}" \
      'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'), sshd CPU x$(awk -v a="${r_sshd[exec-per-section]}" \
      -v b="${r_sshd[one-exec]}" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')"
  fi
fi
echo
for mode in "${modes[@]}"; do
  echo "$(label "$mode"): ready ${r_setup[$mode]} s after the server's start; at the end ${r_online[$mode]};" \
    "sshd reached at ${r_addrs[$mode]} distinct addresses; new SSH logins in the window ${r_logins[$mode]}; the rest of" \
    "the machine ${r_other[$mode]}% of one core"
  echo "  window: poll mean ${r_mean[$mode]} ms (plugin), ${r_spolls[$mode]} polls seen sshd-side, median time from" \
    "a host's poll to its next ${r_period[$mode]} ms; JVM resident set ${r_rss[$mode]} MiB"
  echo "  JVM threads in the window (% of one core): ${r_threads[$mode]}"
  [ -z "${r_notes[$mode]:-}" ] || printf '%s' "${r_notes[$mode]}"
done
echo "machine busy before the run: $busy_before% of one core; whole run $((SECONDS - t_bench)) s; load average at the end:" \
  "$(cut -d' ' -f1-3 /proc/loadavg)"
exit "$broke"
