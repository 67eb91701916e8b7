#!/usr/bin/env bash
# End-to-end check of examples/hello-plugin as a third party would use it: build it against the installed plugin-api,
# install it with `./porthole plugin install` into a fresh server, call its routes and stream, see its job run, remove
# it and check that nothing of it is left. Needs a built tree (`./mvnw install -DskipTests`); exits 1 on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/test-server.sh

fail() {
  echo "example-smoke: FAIL: $*" >&2
  [ -n "${server_log:-}" ] && [ -f "$server_log" ] && { echo "--- server log (tail)" >&2; tail -n 30 "$server_log" >&2; }
  exit 1
}
step() { echo "example-smoke: $*"; }
trap stop_server EXIT

step "building examples/hello-plugin"
(cd examples/hello-plugin && ../../mvnw -B -q package) || fail "the example does not build"
plugin=$(ls examples/hello-plugin/target/hello-plugin-*.jar)

step "starting a server"
start_server || fail "no server"
export PORTHOLE_URL=$server_url PORTHOLE_DATA_DIR=$server_data/data
token=$(admin_token)
[ -n "$token" ] || fail "admin sign-in failed"

# status METHOD PATH [curl args...]: prints the HTTP status, the body goes to $body.
body=$server_data/body
status() {
  local method=$1 path=$2
  shift 2
  curl -sS -X "$method" -o "$body" -w '%{http_code}' "$@" "$server_url$path"
}
expect() {
  local want=$1 what=$2 got
  shift 2
  got=$(status "$@")
  [ "$got" = "$want" ] || fail "$what: expected HTTP $want, got $got: $(cat "$body")"
}
auth=(-H "Authorization: Bearer $token")

step "installing $plugin"
./porthole plugin install "$plugin" >/dev/null || fail "./porthole plugin install failed"

expect 200 "anonymous GET /hello/greetings/world" GET /hello/greetings/world
grep -q '"Hello, world!"' "$body" || fail "unexpected greeting: $(cat "$body")"
expect 401 "anonymous POST /hello/greetings" POST /hello/greetings -H 'Content-Type: application/json' -d '{}'
expect 400 "POST /hello/greetings without a name" POST /hello/greetings "${auth[@]}" \
  -H 'Content-Type: application/json' -d '{"message":"hi"}'
expect 201 "POST /hello/greetings" POST /hello/greetings "${auth[@]}" \
  -H 'Content-Type: application/json' -d '{"name":"smoke","message":"hi from the smoke test"}'
expect 200 "GET /hello/greetings" GET /hello/greetings "${auth[@]}"
grep -q '"hi from the smoke test"' "$body" || fail "the stored greeting is not listed: $(cat "$body")"

step "waiting for a tick on /hello/ticks/stream (the job runs every 5 s)"
ticks=$(curl -sN --max-time 12 "${auth[@]}" "$server_url/hello/ticks/stream" | grep -m1 -o 'event: *tick' || true)
[ -n "$ticks" ] || fail "no tick event on /hello/ticks/stream within 12 s"

expect 200 "GET /api/plugins/hello" GET /api/plugins/hello "${auth[@]}"
runs=$(sed -n 's/.*"runs" *: *\([0-9][0-9]*\).*/\1/p' "$body")
[ "${runs:-0}" -gt 0 ] || fail "the tick job has not run: $(cat "$body")"
step "job runs: $runs"

step "removing hello"
./porthole plugin remove hello >/dev/null || fail "./porthole plugin remove failed"
expect 404 "GET /hello/greetings/world after remove" GET /hello/greetings/world
leftovers=$(find "$PORTHOLE_DATA_DIR/plugins" -iname '*hello*' 2>/dev/null)
[ -z "$leftovers" ] || fail "files of the removed plugin are left: $leftovers"

step "OK"
