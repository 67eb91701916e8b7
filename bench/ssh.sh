#!/usr/bin/env bash
# SSH benchmark (issue 4), against the test environment's OpenSSH sshd (docs/testing.md; started if it is down):
#  (1) login to first exec: a fresh connection + key exchange + host key check + key authentication (ph-key, ed25519)
#      + exec of `true`, through the SSH service as a plugin calls it, against the OpenSSH client doing the same with
#      its defaults (goal: at most half of OpenSSH's time) and, for context, with KexAlgorithms=curve25519-sha256;
#      ours' first round (cold JVM) is printed apart, since a server is long-running;
#  (2) exec of `true` on a pooled connection against `ssh -S` through an OpenSSH ControlMaster (goal: no slower);
#  (3) where a fresh login's time goes, stage by stage.
# Ours runs in-process (dev.porthole.platform.ssh.SshBench in platform's test sources: the platform booted on H2 in
# memory with a temporary data directory); each round of ours alternates with the reference's, so both see the same
# load. Medians and p90. Informative: exits 0 whether the goals are met or not, 1 when something broke.
# Usage: bench/ssh.sh [rounds]   (default 30)   Settings: BENCH_WARMUP=5 (unmeasured fresh-login rounds after the
# cold one); BENCH_JAVA_OPTS="-Dsshbench.log=DEBUG" prints MINA's messages with their times (where a login waits).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-30}
warmup=${BENCH_WARMUP:-5}
source scripts/testenv/lib.sh


if ! scripts/testenv/sshd.sh status >/dev/null 2>&1; then
  echo "starting the test environment's sshd (scripts/testenv/sshd.sh start)" >&2
  scripts/testenv/sshd.sh start >/dev/null
fi
[ "$(prop ssh.available)" = true ] || { echo "the test sshd is not available, see $TESTENV_PROPS" >&2; exit 1; }

work=$(mktemp -d)
host=$(prop ssh.host)
port=$(prop ssh.port)
user=$(prop user.key.name)
key=$(prop key.ed25519.private)
control=$work/cm
ssh_opts=(-F /dev/null -o BatchMode=yes -o StrictHostKeyChecking=yes -o "UserKnownHostsFile=$work/known_hosts"
  -o GlobalKnownHostsFile=/dev/null -o IdentitiesOnly=yes -i "$key" -p "$port" -l "$user")
cleanup() {
  ssh "${ssh_opts[@]}" -S "$control" -O exit "$host" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

known_hosts_of ssh >"$work/known_hosts"



# platform and its test classes, and their class path (plugin-api from this checkout, not from ~/.m2)
./mvnw -q -B -pl platform -am test-compile dependency:build-classpath -DskipTests \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >"$work/build.log" 2>&1 \
  || { cat "$work/build.log" >&2; exit 1; }
cp="platform/target/test-classes:platform/target/classes:$(cat platform/target/bench-classpath.txt)"

run() {
  # shellcheck disable=SC2086 # BENCH_JAVA_OPTS are several options
  java ${BENCH_JAVA_OPTS:-} -cp "$cp" dev.porthole.platform.ssh.SshBench "$rounds" "$work/known_hosts" "$control" "$warmup"
}
if [ -n "${BENCH_JAVA_OPTS:-}" ]; then
  run
else
  # the platform's start-up info lines are not figures
  run 2>&1 | { grep -v -E '^[0-9:.]{12} +INFO ' || true; }
fi
