#!/usr/bin/env bash
# Tunnels benchmark (spec 001): the tunnels plugin's forwards against OpenSSH's own, same sshd, same key, same cipher,
# in the same run. Per cipher (chacha20-poly1305@openssh.com and aes128-gcm@openssh.com; the server is restarted with
# -Dporthole.ssh.ciphers=C, ssh gets -c C):
#  (1) one connection moving TUNNEL_BENCH_BYTES (default 1 GiB) one way to a counting sink (bench/tunnels.py), timed
#      from connect to the sink's answer that all bytes arrived: a local forward vs `ssh -L`, a remote forward vs
#      `ssh -R`, the SOCKS proxy (dynamic) vs `ssh -D`;
#  (2) 100 connections at once through one local forward, 10 MiB each, aggregate, vs the same through `ssh -L`;
#  (3) connection set-up through a local forward: connect + first byte echoed, vs `ssh -L`;
#  (4) the client relay WebSocket (spec 001's c2s, local mode): TUNNEL_BENCH_BYTES through one relay by a JDK WebSocket
#      client (bench/RelayClient.java), vs the same bytes through `ssh -W` (OpenSSH's one-connection stdio forward);
#  (5) reconnection: sshd's processes of the tunnel's connection killed (-9), until a byte is echoed through the local
#      forward again, against the issue's budget of the tunnel's retry interval (1 s here) + 1 s; OpenSSH's -L does
#      not reconnect at all.
# Everything runs on this machine's loopback: Porthole (one JVM) or ssh is the SSH client, the test environment's
# sshd (127.0.0.1:2222, started if it is down) the server, the sink the destination. Porthole and OpenSSH alternate
# (who goes first flips each round), after unmeasured warm-up transfers (JIT, see warm_local). Medians. Besides the
# figures, the CPU each side used while moving the bytes (% of one core: the Porthole JVM or ssh, and sshd), to show
# which end limits a figure, and where the JVM's CPU went by thread.
# Needs python3 (the sink and the clients) and a JDK 17; builds the platform and the plugin first (offline).
# Informative: exits 0 whatever the figures are, 1 when something broke (a Porthole tunnel that does not connect is
# "failed" in its rows, with the plugin's error under the table and the server log on stderr; the other rows still run).
# Usage: bench/tunnels.sh   Settings: TUNNEL_BENCH_BYTES (default 1073741824), TUNNEL_BENCH_ROUNDS (3),
# TUNNEL_BENCH_CONNS (100), TUNNEL_BENCH_CONN_BYTES (10485760), TUNNEL_BENCH_LATENCY_ROUNDS (60),
# TUNNEL_BENCH_WARMUP_BYTES (1073741824),
# TUNNEL_BENCH_CIPHERS ("chacha20-poly1305@openssh.com aes128-gcm@openssh.com"), TUNNEL_BENCH_BUILD (1; 0 uses the
# built platform/target/porthole.jar and target/builtin-plugins as they are), TUNNEL_BENCH_JAVA_OPTS (extra options
# for the server's JVM, e.g. -Dorg.apache.sshd.config.window-size=8388608 to try a MINA setting).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/testenv/lib.sh # prop, free_port, port_open, known_hosts_of

bytes=${TUNNEL_BENCH_BYTES:-1073741824}
rounds=${TUNNEL_BENCH_ROUNDS:-3}
conns=${TUNNEL_BENCH_CONNS:-100}
conn_bytes=${TUNNEL_BENCH_CONN_BYTES:-10485760}
latency_rounds=${TUNNEL_BENCH_LATENCY_ROUNDS:-60}
read -r -a ciphers <<<"${TUNNEL_BENCH_CIPHERS:-chacha20-poly1305@openssh.com aes128-gcm@openssh.com}"
modes=(local remote dynamic)
jar=platform/target/porthole.jar
builtin=$PWD/target/builtin-plugins

work=$(mktemp -d)
server_pid=
sink_pid=
ssh_pids=()
cleanup() {
  local pid
  for pid in ${ssh_pids[@]+"${ssh_pids[@]}"} $server_pid $sink_pid; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in ${ssh_pids[@]+"${ssh_pids[@]}"} $server_pid $sink_pid; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
fail() {
  echo "tunnels.sh: $*" >&2
  exit 1
}

if ! scripts/testenv/sshd.sh status >/dev/null 2>&1; then
  echo "starting the test environment's sshd (scripts/testenv/sshd.sh start)" >&2
  scripts/testenv/sshd.sh start >/dev/null
fi
[ "$(prop ssh.available)" = true ] || fail "the test sshd is not available, see $TESTENV_PROPS"
ssh_host=$(prop ssh.host)
ssh_port=$(prop ssh.port)
user=$(prop user.key.name)
key=$(prop key.ed25519.private)
sshd_pid=$(cat "$TESTENV_DIR/run/sshd-test.pid") # compared at the end: something else may restart it
known_hosts_of ssh >"$work/known_hosts"
py=$(python3 -c 'import sys; print(sys.executable)') # not the pyenv shim: its start-up is not a figure
helper=bench/tunnels.py
hz=$(getconf CLK_TCK)

if [ "${TUNNEL_BENCH_BUILD:-1}" != 0 ]; then
  echo "building the platform and the tunnels plugin" >&2
  ./mvnw -B -o -q install -pl platform,plugins/tunnels -am -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true \
    -Dmaven.javadoc.skip=true >"$work/build.log" 2>&1 || { tail -n 40 "$work/build.log" >&2; fail "the build failed"; }
fi
[ -f "$jar" ] || fail "no $jar: build first"
ls "$builtin"/porthole-plugin-tunnels-*.zip >/dev/null 2>&1 || fail "no tunnels plugin in $builtin: build first"

# distinct free loopback ports
used_ports=" "
port() {
  local p
  while :; do
    p=$(free_port)
    case $used_ports in *" $p "*) continue ;; esac
    used_ports="$used_ports$p "
    echo "$p"
    return
  done
}

# %-of-one-core: TICKS over SECONDS
pct() { awk -v t="$1" -v s="$2" -v hz="$hz" 'BEGIN { printf "%.0f", t / hz / s * 100 }'; }
# "tid ticks name" of each thread of PID
thread_ticks() {
  { cat /proc/"$1"/task/*/stat 2>/dev/null || true; } | awk '{
    i = index($0, " ("); j = index($0, ") "); split(substr($0, j + 2), f, " ")
    print $1, f[12] + f[13], substr($0, i + 2, j - i - 2) }'
}

sink_port=$(port)
"$py" "$helper" sink "$sink_port" 2>"$work/sink.log" &
sink_pid=$!
for _ in $(seq 50); do port_open "$sink_port" && break; sleep 0.1; done
port_open "$sink_port" || fail "the sink does not listen on $sink_port"

# ---- Porthole --------------------------------------------------------------------------------------------------------
admin_password=bench-$RANDOM$RANDOM$RANDOM
start_porthole() { # CIPHER: a fresh server offering only that cipher
  local port
  port=$(port)
  server_data=$work/server-$1
  mkdir -p "$server_data"
  server_url=http://127.0.0.1:$port
  # shellcheck disable=SC2086 # the extra options are several words
  PORTHOLE_DATA_DIR=$server_data/data PORTHOLE_ADMIN_PASSWORD=$admin_password \
    java -XX:+UseSerialGC ${TUNNEL_BENCH_JAVA_OPTS:-} -Dporthole.port="$port" -Dporthole.plugins.builtin-dir="$builtin" \
    -Dporthole.ssh.ciphers="$1" -jar "$jar" >"$server_data/server.log" 2>&1 </dev/null &
  server_pid=$!
  local deadline=$((SECONDS + 90))
  until curl -fs -o /dev/null "$server_url/health"; do
    if ! kill -0 "$server_pid" 2>/dev/null || [ "$SECONDS" -ge "$deadline" ]; then
      tail -n 40 "$server_data/server.log" >&2
      fail "the server did not come up on $server_url"
    fi
    sleep 0.2
  done
  token=$(curl -fsS -H 'Content-Type: application/json' --data-binary @- "$server_url/api/auth/login" \
    <<<"{\"username\":\"admin\",\"password\":\"$admin_password\"}" | "$py" -c 'import json, sys; print(json.load(sys.stdin)["access_token"])')
  auth=(-H "Authorization: Bearer $token")
}
stop_porthole() {
  [ -n "$server_pid" ] || return 0
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=
}
api() { # METHOD PATH [BODY]: the response body; fails on an HTTP error, printing it
  local out code data=()
  out=$work/api.out
  [ $# -ge 3 ] && data=(--data-binary "$3")
  code=$(curl -sS -o "$out" -w '%{http_code}' -X "$1" "${auth[@]}" -H 'Content-Type: application/json' \
    ${data[@]+"${data[@]}"} "$server_url$2") || code=000
  if [ "${code:0:1}" != 2 ]; then
    echo "$1 $2 -> $code: $(cat "$out" 2>/dev/null)" >&2
    return 1
  fi
  cat "$out"
}
json() { "$py" -c "import json, sys; d = json.load(sys.stdin); print($1)"; }
urlencode() { "$py" -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }

# CIPHER: the host with a local, a remote and a dynamic tunnel, connected; sets p_port[mode], p_name[mode] and
# p_error[mode] (empty when connected)
declare -A p_port p_name p_error o_port o_pid
porthole_tunnels() {
  local mode i body host_id name status deadline
  for mode in "${modes[@]}"; do p_port[$mode]=$(port); done
  body=$(KEY_FILE=$key "$py" - "$ssh_host" "$ssh_port" "$user" "$sink_port" "${p_port[local]}" "${p_port[remote]}" \
    "${p_port[dynamic]}" "$retry_ms" <<'EOF'
import json, os, sys
host, port, user, sink, local, remote, dynamic, RETRY_MS = sys.argv[1:]
RETRY_MS = int(RETRY_MS)
tunnel = lambda mode, p, **kw: dict(dict(mode=mode, sourcePort=int(p), maxRetries=0), **kw)
print(json.dumps(dict(name="bench", address=host, port=int(port), username=user, authType="key",
    privateKey=open(os.environ["KEY_FILE"]).read(), enableTunnels=True, tunnels=[
        tunnel("local", local, endpointHost="127.0.0.1", endpointPort=int(sink), maxRetries=5, retryInterval=RETRY_MS),
        tunnel("remote", remote, endpointHost="127.0.0.1", endpointPort=int(sink)),
        tunnel("dynamic", dynamic)])))
EOF
  )
  host_id=$(api POST /api/hosts "$body" | json 'd["id"]') || fail "creating the host failed"
  bench_host=$host_id
  i=0
  for mode in "${modes[@]}"; do
    if [ "$mode" = dynamic ]; then
      name="$host_id::$i::bench::${p_port[$mode]}::::"
    else
      name="$host_id::$i::bench::${p_port[$mode]}::127.0.0.1::$sink_port"
    fi
    p_name[$mode]=$name
    p_error[$mode]=
    api POST /ssh/tunnel/connect "{\"name\":\"$name\"}" >/dev/null 2>"$work/err" ||
      p_error[$mode]="connect refused: $(cat "$work/err")"
    i=$((i + 1))
  done
  for mode in "${modes[@]}"; do
    [ -z "${p_error[$mode]}" ] || continue
    deadline=$((SECONDS + 30))
    while :; do
      status=$(api GET "/ssh/tunnel/status/$(urlencode "${p_name[$mode]}")" 2>/dev/null | json 'd["status"]["status"]') ||
        status=unknown
      [ "$status" = connected ] && break
      case $status in failed | disconnected)
        p_error[$mode]="status $status: $(api GET "/ssh/tunnel/status/$(urlencode "${p_name[$mode]}")" 2>&1)"
        break ;;
      esac
      if [ "$SECONDS" -ge "$deadline" ]; then
        p_error[$mode]="not connected after 30 s (status $status)"
        break
      fi
      sleep 0.2
    done
    if [ -z "${p_error[$mode]}" ]; then
      for _ in $(seq 50); do port_open "${p_port[$mode]}" && break; sleep 0.1; done
      port_open "${p_port[$mode]}" || p_error[$mode]="connected, but nothing listens on ${p_port[$mode]}"
    fi
    if [ -n "${p_error[$mode]}" ]; then
      echo "Porthole $mode tunnel ${p_name[$mode]}: ${p_error[$mode]}" >&2
      echo "--- server log (last 30 lines) ---" >&2
      tail -n 30 "$server_data/server.log" >&2
      echo "---" >&2
    fi
  done
}
disconnect_tunnels() {
  local mode
  for mode in "${modes[@]}"; do
    api POST /ssh/tunnel/disconnect "{\"tunnelName\":\"${p_name[$mode]}\"}" >/dev/null 2>&1 || true
  done
}

# ---- OpenSSH ---------------------------------------------------------------------------------------------------------
# CIPHER: `ssh -N` with -L, -R and -D, one process each; sets o_port[mode] and o_pid[mode]
ssh_common=(-F /dev/null -o BatchMode=yes -o StrictHostKeyChecking=yes -o "UserKnownHostsFile=$work/known_hosts"
  -o GlobalKnownHostsFile=/dev/null -o IdentitiesOnly=yes -i "$key" -o Compression=no -p "$ssh_port" -l "$user")
openssh_tunnels() {
  local mode spec
  for mode in "${modes[@]}"; do
    o_port[$mode]=$(port)
    case $mode in
      local) spec=(-L "127.0.0.1:${o_port[$mode]}:127.0.0.1:$sink_port") ;;
      remote) spec=(-R "127.0.0.1:${o_port[$mode]}:127.0.0.1:$sink_port") ;;
      dynamic) spec=(-D "127.0.0.1:${o_port[$mode]}") ;;
    esac
    ssh "${ssh_common[@]}" -N -v -E "$work/ssh-$1-$mode.log" -o ExitOnForwardFailure=yes -c "$1" "${spec[@]}" \
      "$ssh_host" </dev/null &
    o_pid[$mode]=$!
    ssh_pids+=("$!")
  done
  for mode in "${modes[@]}"; do
    for _ in $(seq 100); do port_open "${o_port[$mode]}" && break; sleep 0.1; done
    port_open "${o_port[$mode]}" || { tail -n 20 "$work/ssh-$1-$mode.log" >&2; fail "ssh ($mode) does not listen"; }
    grep -q "cipher: $1" "$work/ssh-$1-$mode.log" || fail "ssh ($mode) did not negotiate $1"
  done
}
stop_openssh() {
  local mode
  for mode in "${modes[@]}"; do
    kill "${o_pid[$mode]}" 2>/dev/null || true
    wait "${o_pid[$mode]}" 2>/dev/null || true
  done
  ssh_pids=()
}

# ---- measuring -------------------------------------------------------------------------------------------------------
# client args for MODE through PORT
target() { if [ "$1" = dynamic ]; then echo "127.0.0.1 $2 --socks 127.0.0.1:$sink_port"; else echo "127.0.0.1 $2"; fi; }

# "client sshd ours machine" CPU ticks now: the client's (JVM or ssh), every sshd-test process's (sessions fork, and the
# count survives a restart of the sshd), this bench's (the sink and the waited-for helper clients) and the machine's
sample() {
  local ours
  ours=$(awk '{ i = index($0, ") "); split(substr($0, i + 2), f, " "); print f[14] + f[15] }' /proc/$$/stat)
  { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v client="$1" -v sink="$sink_pid" -v ours="$ours" '
    { i = index($0, " ("); j = index($0, ") "); split(substr($0, j + 2), f, " "); t = f[12] + f[13]
      if ($1 == client) c += t; else if (substr($0, i + 2, j - i - 2) == "sshd-test") s += t; else if ($1 == sink) ours += t }
    END { while ((getline line < "/proc/stat") > 0) if (line ~ /^cpu /) { split(line, m, " "); all = m[2] + m[3] + m[4] + m[7] + m[8] + m[9] }
          print c + 0, s + 0, ours, all }'
}
# FILE CLIENT_PID KIND ARGS...: runs the helper with KIND ARGS, appends "seconds client% sshd% others%" to FILE, others
# being everything on the machine but the client, sshd and this bench (other work running meanwhile skews a figure)
timed() {
  local file=$1 client=$2 kind=$3 before after secs t0 t1
  shift 3
  t0=$EPOCHREALTIME
  before=$(sample "$client")
  secs=$("$py" "$helper" "$kind" "$@") || return 1
  after=$(sample "$client")
  t1=$EPOCHREALTIME
  # CPU over the whole window (the helper's start and the samples included), so that the shares add up
  awk -v b="$before" -v a="$after" -v secs="$secs" -v w="$(awk -v s="$t0" -v e="$t1" 'BEGIN { print e - s }')" -v hz="$hz" 'BEGIN {
    split(b, x, " "); split(a, y, " "); for (k = 1; k <= 4; k++) d[k] = (y[k] - x[k]) / hz / w * 100
    o = d[4] - d[1] - d[2] - d[3]; printf "%s %.0f %.0f %.0f\n", secs, d[1], d[2], (o < 0 ? 0 : o) }' >>"$file"
}

# IMPL MODE CIPHER: one throughput round; for Porthole, also the CPU of each JVM thread meanwhile, as
# "round %-of-one-core name" lines in thr-CIPHER-MODE
throughput() {
  local impl=$1 mode=$2 cipher=$3 port pid file
  if [ "$impl" = porthole ]; then port=${p_port[$mode]} pid=$server_pid; else port=${o_port[$mode]} pid=${o_pid[$mode]}; fi
  file=$work/tp-$cipher-$mode-$impl
  [ "$impl" = porthole ] && thread_ticks "$pid" >"$work/threads.before"
  # shellcheck disable=SC2046 # target is several words
  timed "$file" "$pid" send $(target "$mode" "$port") "$bytes" || {
    echo "$impl $mode ($cipher): transfer failed" >&2
    return 0
  }
  [ "$impl" = porthole ] || return 0
  thread_ticks "$pid" | awk -v secs="$(tail -n 1 "$file" | cut -d' ' -f1)" -v hz="$hz" -v round="$(wc -l <"$file")" '
    NR == FNR { before[$1] = $2; next }
    { d = $2 - before[$1]; n = $3; for (i = 4; i <= NF; i++) n = n " " $i
      if (d > 0) printf "%d %.0f %s\n", round, d / hz / secs * 100, n }' "$work/threads.before" - \
    >>"$work/thr-$cipher-$mode"
}
# CIPHER: ms from killing the local tunnel's SSH connection (every sshd process of the bench user) to a byte echoed
# through the forward again
retry_ms=1000
reconnect_round() {
  local start status
  "$py" "$helper" probe 127.0.0.1 "${p_port[local]}" || { echo "reconnect ($1): the tunnel did not carry a byte" >&2; return 1; }
  pkill -9 -f "^sshd-test: $user" || { echo "reconnect ($1): no sshd process of $user to kill" >&2; return 1; }
  start=$(date +%s%N)
  # until the break is noticed the old forward still accepts (and fails) connections: wait for it first
  for _ in $(seq 250); do
    status=$(api GET "/ssh/tunnel/status/$(urlencode "${p_name[local]}")" 2>/dev/null | json 'd["status"]["status"]') || status=unknown
    [ "$status" = connected ] || break
    sleep 0.02
  done
  until "$py" "$helper" probe 127.0.0.1 "${p_port[local]}"; do
    if [ $((($(date +%s%N) - start) / 1000000)) -gt 30000 ]; then
      echo "reconnect ($1): not carrying bytes again after 30 s" >&2
      return 1
    fi
    sleep 0.02
  done
  echo "$((($(date +%s%N) - start) / 1000000))" >>"$work/rec-$1"
}
parallel_round() {
  local impl=$1 cipher=$2 port pid
  if [ "$impl" = porthole ]; then port=${p_port[local]} pid=$server_pid; else port=${o_port[local]} pid=${o_pid[local]}; fi
  timed "$work/par-$cipher-$impl" "$pid" parallel 127.0.0.1 "$port" "$conns" "$conn_bytes" ||
    echo "$impl parallel ($cipher): failed" >&2
}
latency_batch() {
  local impl=$1 cipher=$2 n=$3 port
  if [ "$impl" = porthole ]; then port=${p_port[local]}; else port=${o_port[local]}; fi
  "$py" "$helper" latency 127.0.0.1 "$port" "$n" >>"$work/lat-$cipher-$impl" || echo "$impl latency ($cipher): failed" >&2
}

# column N of FILE: median
median() {
  [ -s "$1" ] || { echo -; return; }
  awk -v c="$2" '{ print $c }' "$1" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}
mibs() { [ "$2" = - ] && echo - || awk -v b="$1" -v s="$2" 'BEGIN { printf "%.0f", b / 1048576 / s }'; }

# the machine's busy CPU over a second, % of one core (this bench wants the machine to itself)
busy() {
  local a b
  a=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat)
  sleep 1
  b=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat)
  pct $((b - a)) 1
}
busy_before=$(busy)
[ "$busy_before" -lt 20 ] || echo "warning: the machine is busy already ($busy_before% of one core): figures will be skewed" >&2
total_bytes=$((conns * conn_bytes))
# HotSpot's C2 is still compiling MINA's cipher and channel code after the first GiB or so through the tunnel: Porthole
# gets TUNNEL_BENCH_WARMUP_BYTES (default 1 GiB) through its local forward and 256 MiB through each of the others
# IMPL CIPHER: one transfer of BYTES through a relay WebSocket (a local relay to the sink) or through `ssh -W`, each
# timed from its start (WebSocket handshake and channel open; ssh's login) to the sink's answer
relay_round() {
  local impl=$1 cipher=$2 secs
  if [ "$impl" = porthole ]; then
    secs=$(java -cp "$work/relay" RelayClient "ws://${server_url#http://}/ssh/tunnel/c2s/stream" "$token" "$bench_host" \
      "$sink_port" "$bytes") || { echo "porthole relay ($cipher): transfer failed" >&2; return 0; }
  else
    secs=$("$py" "$helper" stdio "$bytes" ssh "${ssh_common[@]}" -c "$cipher" -W "127.0.0.1:$sink_port" "$ssh_host") ||
      { echo "ssh -W ($cipher): transfer failed" >&2; return 0; }
  fi
  echo "$secs" >>"$work/relay-$cipher-$impl"
}
javac -d "$work/relay" bench/RelayClient.java || fail "compiling bench/RelayClient.java failed"

# before anything is measured; OpenSSH 64 MiB each (no JIT, only the first connection)
warm_local=${TUNNEL_BENCH_WARMUP_BYTES:-1073741824}
warm_bytes=268435456
warm_ssh=67108864
lat_batch=$(((latency_rounds + rounds - 1) / rounds))
echo "tunnels bench: $(awk -v b="$bytes" 'BEGIN { printf "%.0f MiB", b / 1048576 }') per transfer, $rounds rounds;" \
  "$conns x $(awk -v b="$conn_bytes" 'BEGIN { printf "%.0f MiB", b / 1048576 }') parallel; $((lat_batch * rounds)) set-ups;" \
  "ciphers: ${ciphers[*]}" >&2
impls() { if [ $(($1 % 2)) = 1 ]; then echo porthole openssh; else echo openssh porthole; fi; }
for cipher in "${ciphers[@]}"; do
  echo "[$cipher] starting Porthole and ssh" >&2
  start_porthole "$cipher"
  porthole_tunnels
  openssh_tunnels "$cipher"
  for mode in "${modes[@]}"; do # warm-up, not measured
    # shellcheck disable=SC2046 # target is several words
    warm=$warm_bytes
    [ "$mode" = local ] && warm=$warm_local
    if [ -z "${p_error[$mode]}" ] && ! "$py" "$helper" send $(target "$mode" "${p_port[$mode]}") "$warm" >/dev/null; then
      p_error[$mode]="the warm-up transfer failed"
      echo "Porthole $mode: ${p_error[$mode]}; server log:" >&2
      tail -n 30 "$server_data/server.log" >&2
    fi
    # shellcheck disable=SC2046
    "$py" "$helper" send $(target "$mode" "${o_port[$mode]}") "$warm_ssh" >/dev/null || fail "ssh $mode: transfer failed"
  done
  bytes=$warm_bytes relay_round porthole "$cipher" && rm -f "$work/relay-$cipher-porthole" # warm-up
  for r in $(seq "$rounds"); do
    echo "[$cipher] round $r of $rounds" >&2
    for mode in "${modes[@]}"; do
      for impl in $(impls "$r"); do
        [ "$impl" = porthole ] && [ -n "${p_error[$mode]}" ] && continue
        throughput "$impl" "$mode" "$cipher"
      done
    done
    for impl in $(impls "$r"); do
      [ "$impl" = porthole ] && [ -n "${p_error[local]}" ] && continue
      parallel_round "$impl" "$cipher"
      latency_batch "$impl" "$cipher" "$lat_batch"
      relay_round "$impl" "$cipher"
    done
  done
  # where the JVM's CPU went over this server's life (start-up and JIT included)
  for t in /proc/"$server_pid"/task/*; do
    stat=$(cat "$t/stat" 2>/dev/null) || continue
    name=${stat#*(}
    name=${name%)*}
    rest=${stat##*) }
    # shellcheck disable=SC2086
    set -- $rest
    echo "$((${12} + ${13})) $name"
  done | awk -v hz="$hz" '{ n = $2; for (i = 3; i <= NF; i++) n = n " " $i; sub(/[-#]?[0-9]+$/, "", n); s[n] += $1; c[n]++ }
    END { for (n in s) printf "%.1f %s (%d)\n", s[n] / hz, n, c[n] }' | sort -rg | awk "NR <= 6" >"$work/threads-$cipher"
  for mode in "${modes[@]}"; do
    [ -z "${p_error[$mode]}" ] || echo "$mode: ${p_error[$mode]}" >>"$work/errors-$cipher"
  done
  # last: killing the user's sshd processes ends ssh's tunnels and Porthole's others (they do not retry)
  stop_openssh
  if [ -z "${p_error[local]}" ]; then
    for r in $(seq "$rounds"); do
      echo "[$cipher] reconnect $r of $rounds" >&2
      reconnect_round "$cipher" || break
    done
  fi
  disconnect_tunnels
  stop_porthole
done

# ---- the table -------------------------------------------------------------------------------------------------------
ratio() { [ "$1" = - ] || [ "$2" = - ] || [ "$1" = failed ] && echo - || awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
cpu() { [ -s "$1" ] && printf '%.0f/%.0f/%.0f' "$(median "$1" 2)" "$(median "$1" 3)" "$(median "$1" 4)" || echo -; }
val() { case $1 in - | failed) echo "$1" ;; *) echo "$1 $2" ;; esac; }
ms2() { [ "$1" = - ] && echo - || printf '%.2f' "$1"; }
line() { printf '%-58s %11s %11s %6s   %-11s %-11s\n' "$@"; }
short() { case $1 in chacha20*) echo chacha20 ;; aes128-gcm*) echo aes128-gcm ;; *) echo "$1" ;; esac; }
declare -A ref=([local]="ssh -L" [remote]="ssh -R" [dynamic]="ssh -D")
echo
echo "Tunnels vs OpenSSH on loopback, test sshd $ssh_host:$ssh_port as $user, $(ssh -V 2>&1 | cut -d, -f1), $(nproc) cores;" \
  "medians of $rounds rounds, alternating"
echo "ratio = Porthole / OpenSSH (throughput: above 1 is faster; latency: below 1 is faster; reconnect: Porthole / the" \
  "budget, below 1 is within it, OpenSSH's -L does not reconnect)." \
  "cpu = % of one core, client (Porthole JVM or ssh) / sshd / everything else on the machine"
line figure Porthole OpenSSH ratio "cpu P" "cpu O"
for cipher in "${ciphers[@]}"; do
  c=$(short "$cipher")
  for mode in "${modes[@]}"; do
    p=$(mibs "$bytes" "$(median "$work/tp-$cipher-$mode-porthole" 1)")
    o=$(mibs "$bytes" "$(median "$work/tp-$cipher-$mode-openssh" 1)")
    label="$mode forward vs ${ref[$mode]}, $c"
    [ "$mode" = dynamic ] && label="SOCKS (dynamic) vs ${ref[$mode]}, $c"
    [ -s "$work/tp-$cipher-$mode-porthole" ] || p=failed
    line "$label" "$(val "$p" MiB/s)" "$(val "$o" MiB/s)" "$(ratio "$p" "$o")" "$(cpu "$work/tp-$cipher-$mode-porthole")" \
      "$(cpu "$work/tp-$cipher-$mode-openssh")"
  done
  p=$(mibs "$total_bytes" "$(median "$work/par-$cipher-porthole" 1)")
  o=$(mibs "$total_bytes" "$(median "$work/par-$cipher-openssh" 1)")
  [ -s "$work/par-$cipher-porthole" ] || p=failed
  line "$conns parallel conns x $((conn_bytes / 1048576)) MiB, local vs ssh -L, $c" "$(val "$p" MiB/s)" "$(val "$o" MiB/s)" "$(ratio "$p" "$o")" \
    "$(cpu "$work/par-$cipher-porthole")" "$(cpu "$work/par-$cipher-openssh")"
  p=$(ms2 "$(median "$work/lat-$cipher-porthole" 1)")
  o=$(ms2 "$(median "$work/lat-$cipher-openssh" 1)")
  [ -s "$work/lat-$cipher-porthole" ] || p=failed
  line "connect + first byte echoed, local vs ssh -L, $c" "$(val "$p" ms)" "$(val "$o" ms)" "$(ratio "$p" "$o")" - -
  p=$(mibs "$bytes" "$(median "$work/relay-$cipher-porthole" 1)")
  o=$(mibs "$bytes" "$(median "$work/relay-$cipher-openssh" 1)")
  [ -s "$work/relay-$cipher-porthole" ] || p=failed
  line "relay WebSocket (c2s, local) vs ssh -W, $c" "$(val "$p" MiB/s)" "$(val "$o" MiB/s)" "$(ratio "$p" "$o")" - -
  p=$(median "$work/rec-$cipher" 1)
  [ -s "$work/rec-$cipher" ] || p=failed
  line "reconnect after sshd kill -9 vs retry+1 s, $c" "$(val "$p" ms)" "$((retry_ms + 1000)) ms" \
    "$(ratio "$p" "$((retry_ms + 1000))")" - -
done
echo
echo "Porthole JVM while one connection moves the bytes, % of one core by thread group (median over rounds), and the"
echo "busiest single thread:"
for cipher in "${ciphers[@]}"; do
  for mode in "${modes[@]}"; do
    [ -s "$work/thr-$cipher-$mode" ] || continue
    printf '  %-22s' "$mode, $(short "$cipher"):"
    awk '
      function med(list,   m, a, i, j, t) {
        m = split(substr(list, 2), a, " ")
        for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
        return a[int((m + 1) / 2)]
      }
      { n = $3; for (i = 4; i <= NF; i++) n = n " " $i; sub(/[-#]?[0-9]+$/, "", n)
        g[$1 SUBSEP n] += $2; names[n] = 1; rounds[$1] = 1; if ($2 > top[$1]) top[$1] = $2 }
      END {
        for (n in names) { l = ""; for (r in rounds) l = l " " ((r SUBSEP n) in g ? g[r SUBSEP n] : 0); v[n] = med(l) }
        k = 0; for (n in v) order[++k] = n
        for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (v[order[j]] > v[order[i]]) { t = order[i]; order[i] = order[j]; order[j] = t }
        for (i = 1; i <= k && i <= 4; i++) if (v[order[i]] > 0) printf " %s %s%%,", order[i], v[order[i]]
        l = ""; for (r in rounds) l = l " " top[r]; printf " busiest thread %s%%\n", med(l)
      }' "$work/thr-$cipher-$mode"
  done
done
for cipher in "${ciphers[@]}"; do
  echo "Porthole JVM CPU seconds by thread group over the $(short "$cipher") server's life (number of threads):"
  sed 's/^/  /' "$work/threads-$cipher"
done
echo "machine busy before the run: $busy_before% of one core; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$(cat "$TESTENV_DIR/run/sshd-test.pid" 2>/dev/null)" != "$sshd_pid" ]; then
  echo "WARNING: the test sshd was restarted during the run (not by this bench): tunnels broke, figures are incomplete"
fi
for cipher in "${ciphers[@]}"; do
  [ -s "$work/errors-$cipher" ] && { echo "Porthole failures with $(short "$cipher"):"; sed 's/^/  /' "$work/errors-$cipher"; }
done
if [ -s "$work/sink.log" ]; then
  echo "the sink reported:"
  awk "NR <= 10 { print \"  \" \$0 }" "$work/sink.log"
fi
