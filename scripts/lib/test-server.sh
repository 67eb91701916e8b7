# Sourced by scripts and benchmarks that need a throw-away Porthole server: a fresh data directory, a free port,
# the built jar (never a build). Call from the repository root.
#
#   start_server        sets server_url, server_data, server_log, server_pid; waits for /health
#   stop_server         kills it and removes its data directory (safe to call twice; use in an EXIT trap)
#   admin_token         prints a bearer token of the admin

source scripts/testenv/lib.sh # free_port

server_jar=platform/target/porthole.jar

start_server() {
  [ -f "$server_jar" ] || { echo "no $server_jar: run ./mvnw install -DskipTests first" >&2; return 1; }
  local port
  port=$(free_port)
  server_data=$(mktemp -d)
  server_log=$server_data/server.log
  server_url=http://127.0.0.1:$port
  PORTHOLE_DATA_DIR=$server_data/data java -XX:+UseSerialGC -Dporthole.port="$port" -jar "$server_jar" \
    >"$server_log" 2>&1 &
  server_pid=$!
  local deadline=$((SECONDS + 60))
  until curl -fs -o /dev/null "$server_url/health"; do
    if ! kill -0 "$server_pid" 2>/dev/null || [ "$SECONDS" -ge "$deadline" ]; then
      echo "the server did not come up on $server_url; its log:" >&2
      tail -n 40 "$server_log" >&2
      return 1
    fi
    sleep 0.1
  done
}

stop_server() {
  if [ -n "${server_pid:-}" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=
  fi
  [ -n "${server_data:-}" ] && rm -rf "$server_data"
  server_data=
}

admin_token() {
  local password
  password=$(<"$server_data/data/admin-password.txt")
  curl -fsS -H 'Content-Type: application/json' --data-binary @- "$server_url/api/auth/login" \
    <<<"{\"username\":\"admin\",\"password\":\"$password\"}" |
    sed -n 's/.*"access_token" *: *"\([^"]*\)".*/\1/p'
}
