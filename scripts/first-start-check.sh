#!/usr/bin/env bash
# A newcomer's first command, checked as they run it: the README's `./porthole` in a fresh clone of this repository
# (committed HEAD), with no PORTHOLE_* variables and no data/, on its default address. It must build, answer 200 on
# /health, accept the admin's generated password from data/admin-password.txt and list the built-in plugins as
# STARTED; then the same again on a restart (the launcher's class-data archive is in use from then on).
# Exits 1 with the server's log on any failure. Needs port 8080 free.
set -euo pipefail
cd "$(dirname "$0")/.."

url=http://127.0.0.1:8080
builtins=(docker-ssh tunnels server-stats containers docker-runtime)
work=$(mktemp -d)
clone=$work/porthole
pid=

fail() {
  echo "first-start-check: FAIL: $*" >&2
  [ -f "$work/server.log" ] && { echo "--- server log (tail)" >&2; tail -n 40 "$work/server.log" >&2; }
  exit 1
}
stop() {
  if [ -n "$pid" ]; then
    kill -- "-$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    pid=
  fi
}
trap 'stop; rm -rf "$work"' EXIT

if curl -s -o /dev/null "$url/health"; then
  fail "something already answers on $url; the check runs the server on its default address"
fi
git clone -q "$PWD" "$clone"
while read -r name; do unset "$name"; done < <(compgen -e | grep '^PORTHOLE_' || true)
unset JAVA_OPTS

# start LABEL SECONDS: the README's command in the clone, until /health answers 200.
start() {
  local label=$1 deadline=$((SECONDS + $2))
  (cd "$clone" && exec setsid ./porthole </dev/null >"$work/server.log" 2>&1) &
  pid=$!
  until curl -fs -o /dev/null "$url/health"; do
    kill -0 "$pid" 2>/dev/null || fail "$label: ./porthole exited before /health answered"
    [ "$SECONDS" -lt "$deadline" ] || fail "$label: no 200 on /health within $2 s"
    sleep 0.2
  done
  echo "first-start-check: $label: /health answers 200"
}

check_login_and_plugins() {
  local label=$1 password token plugins
  [ -f "$clone/data/admin-password.txt" ] || fail "$label: no data/admin-password.txt"
  password=$(<"$clone/data/admin-password.txt")
  token=$(curl -fsS -H 'Content-Type: application/json' --data-binary @- "$url/api/auth/login" \
    <<<"{\"username\":\"admin\",\"password\":\"$password\"}" | sed -n 's/.*"access_token" *: *"\([^"]*\)".*/\1/p') ||
    fail "$label: the admin cannot sign in with the generated password"
  [ -n "$token" ] || fail "$label: the login answer has no access_token"
  plugins=$(curl -fsS -H "Authorization: Bearer $token" "$url/api/plugins") || fail "$label: GET /api/plugins failed"
  for id in "${builtins[@]}"; do
    grep -Eq "\"id\" *: *\"$id\"[^}]*\"state\" *: *\"STARTED\"" <<<"$plugins" ||
      fail "$label: built-in plugin $id is not STARTED: $plugins"
  done
  echo "first-start-check: $label: admin signed in; built-in plugins STARTED: ${builtins[*]}"
}

# The first start builds the project (dependencies come from the local Maven repository or Maven Central).
start "first start" 900
check_login_and_plugins "first start"
stop
start "restart" 120
check_login_and_plugins "restart"
stop
echo "first-start-check: OK"
