#!/usr/bin/env bash
# Installs what the test suite needs on a fresh Debian 12 machine (run as root). Idempotent: packages already
# installed are skipped, and nothing is fetched when all are present. Works without a terminal (CI=true).
#
# The JDK builds and runs the tests; the rest is the real end-to-end test environment started by
# scripts/testenv/{sshd,docker}.sh (OpenSSH sshd with PAM TOTP, SOCKS5 proxies, dockerd): see docs/testing.md.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

packages=(
  openjdk-17-jdk-headless curl procps
  # scripts/testenv: sshd + bastion, PAM TOTP, SOCKS5 proxies, dockerd with offline images, check.sh clients
  openssh-server openssh-client libpam-google-authenticator oathtool sshpass
  microsocks dante-server socat netcat-openbsd iproute2
  docker.io busybox-static
  # server-stats: its Prometheus endpoint is parsed in a test by the Prometheus Python client's own parser
  python3 python3-prometheus-client
)

if [ "$(id -u)" -ne 0 ]; then
  echo "install-test-deps.sh: run as root" >&2
  exit 1
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  echo "install-test-deps.sh: all ${#packages[@]} packages present"
  exit 0
fi

# Keep package scripts from starting system daemons (sshd on :22, danted, dockerd, containerd) while installing.
# A policy-rc.d that was already there (Docker base images ship one) is kept as it was.
policy=/usr/sbin/policy-rc.d
if [ -e "$policy" ]; then
  cp -p "$policy" "$policy.porthole-saved"
  restore_policy() { mv -f "$policy.porthole-saved" "$policy"; }
else
  restore_policy() { rm -f "$policy"; }
fi
trap restore_policy EXIT
printf '#!/bin/sh\nexit 101\n' >"$policy"
chmod 755 "$policy"

echo "install-test-deps.sh: installing ${missing[*]}"
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null
