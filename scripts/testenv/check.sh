#!/usr/bin/env bash
# Proves every login path of the test environment with the real OpenSSH client, non-interactively, from
# testenv.properties alone (docs/testing.md). One line per check; exit 1 when any fails.
#
#   scripts/testenv/check.sh            all checks (docker ones only when docker.available=true)
#
# Host keys are checked strictly against a known_hosts file built here from the recorded host keys, after their
# fingerprints were compared with the recorded ones. Never an accept-all.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
SOCKS_CHAIN=$(cd "$(dirname "$0")" && pwd)/socks5-chain.sh

[ -f "$TESTENV_PROPS" ] || die "no $TESTENV_PROPS: run scripts/testenv/sshd.sh start"
[ "$(prop ssh.available)" = true ] || die "ssh.available is not true in $TESTENV_PROPS: run scripts/testenv/sshd.sh start"

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
unset SSH_AUTH_SOCK # no agent keys: each check offers exactly the key it names

HOST=$(prop ssh.host) PORT=$(prop ssh.port) BHOST=$(prop bastion.host) BPORT=$(prop bastion.port)
failures=0 checks=0

pass() { printf 'ok    %s\n' "$1"; }
fail() {
  printf 'FAIL  %s: %s\n' "$1" "$2"
  failures=$((failures + 1))
}

# check NAME EXPECTED COMMAND...: the command's stdout (last line) must be EXPECTED
check() {
  local name=$1 expected=$2 out
  shift 2
  checks=$((checks + 1))
  out=$("$@" 2>"$WORK/err" </dev/null | tail -n 1)
  if [ "$out" = "$expected" ]; then
    pass "$name"
  else
    fail "$name" "expected '$expected', got '${out}' $(tr '\n' ' ' <"$WORK/err" | cut -c1-300)"
  fi
}

# refuse NAME COMMAND...: the command must fail
refuse() {
  local name=$1
  shift
  checks=$((checks + 1))
  if "$@" >"$WORK/out" 2>"$WORK/err" </dev/null; then
    fail "$name" "succeeded but must not: $(head -c 200 "$WORK/out")"
  else
    pass "$name"
  fi
}

# --- known_hosts from the recorded host keys, fingerprints checked ---------------------------------------------
checks=$((checks + 1))
kh_ok=1
: >"$WORK/known_hosts"
for side in ssh bastion; do
  [ $side = ssh ] && hp="[$HOST]:$PORT" || hp="[$BHOST]:$BPORT"
  for t in ed25519 ecdsa rsa; do
    file=$(prop "$side.hostkey.$t.file") want=$(prop "$side.hostkey.$t.fingerprint")
    got=$(ssh-keygen -l -E sha256 -f "$file" 2>/dev/null | awk '{print $2}')
    if [ -z "$want" ] || [ "$got" != "$want" ]; then
      kh_ok=0
      fail "host key $side $t" "recorded $want, file $file has '$got'"
    fi
    printf '%s %s\n' "$hp" "$(cut -d' ' -f1,2 "$file")" >>"$WORK/known_hosts"
  done
done
# and what the daemons really present matches
for side in ssh bastion; do
  [ $side = ssh ] && p=$PORT || p=$BPORT
  for t in ed25519 ecdsa rsa; do
    want=$(prop "$side.hostkey.$t.fingerprint")
    got=$(ssh-keyscan -p "$p" -t "$t" "$HOST" 2>/dev/null | ssh-keygen -l -E sha256 -f - 2>/dev/null | awk '{print $2}')
    [ "$got" = "$want" ] || {
      kh_ok=0
      fail "host key served by $side $t" "recorded $want, served '$got'"
    }
  done
done
((kh_ok)) && pass "known_hosts built from the 6 recorded host keys; fingerprints match the served keys"

# --- ssh client configuration ----------------------------------------------------------------------------------
cat >"$WORK/ssh_config" <<EOF
Host bastion
    HostName $BHOST
    Port $BPORT
    User ph-key
    IdentityFile $(prop key.ed25519.private)
Host *
    UserKnownHostsFile $WORK/known_hosts
    GlobalKnownHostsFile /dev/null
    StrictHostKeyChecking yes
    CheckHostIP no
    UpdateHostKeys no
    IdentitiesOnly yes
    IdentityAgent none
    ConnectTimeout 10
    ServerAliveInterval 0
    LogLevel ERROR
    ControlMaster no
EOF
SSH=(ssh -F "$WORK/ssh_config")

# An SSH_ASKPASS program that answers by the text of the prompt: passphrase, password, or a fresh TOTP code.
cat >"$WORK/askpass" <<'EOF'
#!/bin/sh
case "$1" in
  *[Pp]assphrase*) printf '%s\n' "$ASK_PASSPHRASE" ;;
  *"Verification code"*) oathtool --totp -b "$ASK_TOTP_SECRET" ;;
  *[Pp]assword*) printf '%s\n' "$ASK_PASSWORD" ;;
  *) echo "askpass: unexpected prompt: $1" >&2; exit 1 ;;
esac
EOF
chmod 700 "$WORK/askpass"
askpass() { # VAR=VALUE... COMMAND...: run COMMAND with the askpass program forced
  env SSH_ASKPASS="$WORK/askpass" SSH_ASKPASS_REQUIRE=force DISPLAY=none "$@"
}

key=(-o BatchMode=yes -o PreferredAuthentications=publickey)

# --- password --------------------------------------------------------------------------------------------------
u=$(prop user.pass.name) pw=$(prop user.pass.password)
check "password (sshpass, password method) as $u" "$u" \
  sshpass -p "$pw" "${SSH[@]}" -o PreferredAuthentications=password -p "$PORT" "$u@$HOST" id -un
check "password (keyboard-interactive, askpass) as $u" "$u" \
  askpass ASK_PASSWORD="$pw" "${SSH[@]}" -o PreferredAuthentications=keyboard-interactive -p "$PORT" "$u@$HOST" id -un
refuse "wrong password refused for $u" \
  sshpass -p "wrong-$pw" "${SSH[@]}" -o PreferredAuthentications=password -p "$PORT" "$u@$HOST" true

# --- keys ------------------------------------------------------------------------------------------------------
u=$(prop user.key.name)
for k in ed25519 ecdsa rsa rsa-pem; do
  check "key $k as $u" "$u" "${SSH[@]}" "${key[@]}" -i "$(prop key.$k.private)" -p "$PORT" "$u@$HOST" id -un
done
check "key rsa signs with rsa-sha2-512 only (ssh-rsa/SHA-1 refused by OpenSSH 9.2)" "$u" \
  "${SSH[@]}" "${key[@]}" -o PubkeyAcceptedAlgorithms=rsa-sha2-512 -i "$(prop key.rsa.private)" -p "$PORT" "$u@$HOST" id -un
for k in ed25519-enc rsa-pem-enc; do
  f=$(prop key.$k.private) pp=$(prop key.$k.passphrase)
  check "key $k: passphrase opens it (ssh-keygen -y -P)" "$(cut -d' ' -f1,2 "$(prop key.$k.public)")" \
    sh -c 'ssh-keygen -y -P "$1" -f "$2" | cut -d" " -f1,2' - "$pp" "$f"
  refuse "key $k: a wrong passphrase does not open it" ssh-keygen -y -P "wrong" -f "$f"
  check "key $k as $u (passphrase through askpass)" "$u" \
    askpass ASK_PASSPHRASE="$pp" "${SSH[@]}" -o PreferredAuthentications=publickey -i "$f" -p "$PORT" "$u@$HOST" id -un
done
refuse "unauthorized key refused for $u" \
  "${SSH[@]}" "${key[@]}" -i "$(prop key.unauthorized.private)" -p "$PORT" "$u@$HOST" true
refuse "ph-pass has no authorized keys" \
  "${SSH[@]}" "${key[@]}" -i "$(prop key.ed25519.private)" -p "$PORT" "ph-pass@$HOST" true

# --- TOTP ------------------------------------------------------------------------------------------------------
u=$(prop user.totp.name)
check "TOTP: $u answers Password then Verification code (keyboard-interactive)" "$u" \
  askpass ASK_PASSWORD="$(prop user.totp.password)" ASK_TOTP_SECRET="$(prop user.totp.totpSecret)" \
  "${SSH[@]}" -o PreferredAuthentications=keyboard-interactive -p "$PORT" "$u@$HOST" id -un
check "TOTP: the same code again works (-D: reuse allowed)" "$u" \
  askpass ASK_PASSWORD="$(prop user.totp.password)" ASK_TOTP_SECRET="$(prop user.totp.totpSecret)" \
  "${SSH[@]}" -o PreferredAuthentications=keyboard-interactive -p "$PORT" "$u@$HOST" id -un
refuse "TOTP: $u with the password alone is refused (password method)" \
  sshpass -p "$(prop user.totp.password)" "${SSH[@]}" -o PreferredAuthentications=password -p "$PORT" "$u@$HOST" true
refuse "TOTP: $u with a wrong code is refused" \
  askpass ASK_PASSWORD="$(prop user.totp.password)" ASK_TOTP_SECRET="$(prop user.keytotp.totpSecret)" \
  "${SSH[@]}" -o PreferredAuthentications=keyboard-interactive -o NumberOfPasswordPrompts=1 -p "$PORT" "$u@$HOST" true

u=$(prop user.keytotp.name)
# the askpass program knows no password here: a "Password" prompt would fail the check
check "key+TOTP: $u key, then only the Verification code" "$u" \
  askpass ASK_TOTP_SECRET="$(prop user.keytotp.totpSecret)" \
  "${SSH[@]}" -o PreferredAuthentications=publickey,keyboard-interactive -i "$(prop key.ed25519.private)" \
  -p "$PORT" "$u@$HOST" id -un
refuse "key+TOTP: $u with the key alone is refused" \
  "${SSH[@]}" "${key[@]}" -i "$(prop key.ed25519.private)" -p "$PORT" "$u@$HOST" true

# --- jump host -------------------------------------------------------------------------------------------------
u=$(prop user.key.name)
check "ProxyJump through the bastion $BHOST:$BPORT as $u" "$u" \
  "${SSH[@]}" "${key[@]}" -J bastion -i "$(prop key.ed25519.private)" -p "$PORT" "$u@$HOST" id -un
u=$(prop user.pass.name)
check "ProxyJump: password on the bastion, password on the target, as $u" "$u" \
  sshpass -p "$(prop user.pass.password)" "${SSH[@]}" -o PreferredAuthentications=password \
  -o ProxyCommand="sshpass -p $(prop user.pass.password) ssh -F $WORK/ssh_config -o PreferredAuthentications=password -W %h:%p -p $BPORT $u@$BHOST" \
  -p "$PORT" "$u@$HOST" id -un

# --- SOCKS5 ----------------------------------------------------------------------------------------------------
u=$(prop user.key.name)
SOCKS=$(prop socks.host):$(prop socks.port)
SOCKS_AUTH=$(prop socks.auth.username):$(prop socks.auth.password)@$(prop socks.host):$(prop socks.auth.port)
DANTE=$(prop dante.host):$(prop dante.port)
check "SOCKS5 $SOCKS without auth (nc -X 5)" "$u" \
  "${SSH[@]}" "${key[@]}" -o ProxyCommand="nc -X 5 -x $SOCKS %h %p" -i "$(prop key.ed25519.private)" -p "$PORT" "$u@$HOST" id -un
check "SOCKS5 $(prop socks.host):$(prop socks.auth.port) with username/password (RFC 1929)" "$u" \
  "${SSH[@]}" "${key[@]}" -o ProxyCommand="$SOCKS_CHAIN %h %p $SOCKS_AUTH" -i "$(prop key.ed25519.private)" \
  -p "$PORT" "$u@$HOST" id -un
refuse "SOCKS5 with auth refuses a wrong password" \
  "${SSH[@]}" "${key[@]}" -o ProxyCommand="$SOCKS_CHAIN %h %p x:wrong@$(prop socks.host):$(prop socks.auth.port)" \
  -i "$(prop key.ed25519.private)" -p "$PORT" "$u@$HOST" true
check "SOCKS5 chain microsocks $SOCKS -> dante $DANTE -> sshd" "$u" \
  "${SSH[@]}" "${key[@]}" -o ProxyCommand="$SOCKS_CHAIN %h %p $SOCKS $DANTE" -i "$(prop key.ed25519.private)" \
  -p "$PORT" "$u@$HOST" id -un
check "SOCKS5 chain microsocks with auth -> dante -> sshd" "$u" \
  "${SSH[@]}" "${key[@]}" -o ProxyCommand="$SOCKS_CHAIN %h %p $SOCKS_AUTH $DANTE" -i "$(prop key.ed25519.private)" \
  -p "$PORT" "$u@$HOST" id -un
check "SOCKS5 dante $DANTE alone (nc -X 5)" "$u" \
  "${SSH[@]}" "${key[@]}" -o ProxyCommand="nc -X 5 -x $DANTE %h %p" -i "$(prop key.ed25519.private)" -p "$PORT" "$u@$HOST" id -un
# the same chain with stock tools only: a socat listener whose every connection is nc through microsocks to
# dante, and nc speaking SOCKS5 to dante through it (socat takes ':' as its separator: escape it)
relay_port=$(free_port)
setsid socat "TCP-LISTEN:$relay_port,bind=127.0.0.1,reuseaddr,fork" "EXEC:nc -X 5 -x ${SOCKS//:/\\:} ${DANTE%:*} ${DANTE##*:}" </dev/null \
  >/dev/null 2>&1 &
relay_pid=$!
for _ in $(seq 50); do port_open "$relay_port" && break; sleep 0.05; done
check "SOCKS5 chain with stock tools (socat + nc -X 5 -> microsocks -> dante -> sshd)" "$u" \
  "${SSH[@]}" "${key[@]}" -o ProxyCommand="nc -X 5 -x 127.0.0.1:$relay_port %h %p" -i "$(prop key.ed25519.private)" \
  -p "$PORT" "$u@$HOST" id -un
kill "$relay_pid" 2>/dev/null
wait "$relay_pid" 2>/dev/null

# --- forwarding on the main sshd (the tunnel plugin needs it) ----------------------------------------------------
# forward_banner OPTION LISTEN_PORT READER...: ssh with OPTION (-L or -D spec) in the background, then READER
# prints what comes through the forward
forward_banner() {
  local opt=$1 lport=$2 pid
  shift 2
  "${SSH[@]}" "${key[@]}" -i "$(prop key.ed25519.private)" -o ExitOnForwardFailure=yes $opt -p "$PORT" "$u@$HOST" \
    "sleep 5" </dev/null >/dev/null 2>"$WORK/fwd.err" &
  pid=$!
  for _ in $(seq 50); do port_open "$lport" && break; sleep 0.1; done
  "$@"
  kill "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
}
read_banner() { timeout 5 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1"; head -c 7 <&3; echo' - "$1"; }
socks_banner() { (sleep 1) | timeout 5 nc -X 5 -x "127.0.0.1:$1" "$HOST" "$PORT" | head -c 7; echo; }
p1=$(free_port) p2=$(free_port) p3=$(free_port)
check "local forward (-L 127.0.0.1:$p1 -> sshd) carries the sshd banner" "SSH-2.0" \
  forward_banner "-L 127.0.0.1:$p1:$HOST:$PORT" "$p1" read_banner "$p1"
check "remote forward (-R 127.0.0.1:$p2 on the server -> sshd) carries the sshd banner" "SSH-2.0" \
  forward_banner "-R 127.0.0.1:$p2:$HOST:$PORT" "$p2" read_banner "$p2"
check "dynamic forward (-D 127.0.0.1:$p3, SOCKS5) carries the sshd banner" "SSH-2.0" \
  forward_banner "-D 127.0.0.1:$p3" "$p3" socks_banner "$p3"

# --- docker over ssh -------------------------------------------------------------------------------------------
if [ "$(prop docker.available)" = true ]; then
  # docker's ssh:// transport runs `ssh ... docker system dial-stdio`; it finds ssh on PATH, so a wrapper gives
  # it this known_hosts file and the key
  mkdir -p "$WORK/bin"
  cat >"$WORK/bin/ssh" <<EOF
#!/bin/sh
exec /usr/bin/ssh -F $WORK/ssh_config -o BatchMode=yes -i $(prop key.ed25519.private) "\$@"
EOF
  chmod 755 "$WORK/bin/ssh"
  dssh() { env PATH="$WORK/bin:$PATH" DOCKER_HOST= "$@"; }
  u=$(prop user.key.name)
  check "docker system dial-stdio over ssh: docker -H ssh://$u@$HOST:$PORT version" "$(prop docker.apiVersion)" \
    dssh docker -H "ssh://$u@$HOST:$PORT" version --format '{{.Server.APIVersion}}'
  check "docker over ssh: run --rm --init $(prop docker.image)" "hello from busybox" \
    dssh docker -H "ssh://$u@$HOST:$PORT" run --rm --init "$(prop docker.image)" echo hello from busybox
  check "docker over ssh: images lists $(prop docker.webImage)" "$(prop docker.webImage)" \
    sh -c 'env PATH="$1:$PATH" DOCKER_HOST= docker -H "$2" images --format "{{.Repository}}:{{.Tag}}" | grep -x "$3"' \
    - "$WORK/bin" "ssh://$u@$HOST:$PORT" "$(prop docker.webImage)"
  u=$(prop docker.noDockerUser)
  refuse "docker over ssh refused for $u (not in the docker group)" \
    dssh docker -H "ssh://$u@$HOST:$PORT" ps
else
  echo "skip  docker over ssh: docker.available is not true (scripts/testenv/docker.sh start)"
fi

echo "$((checks - failures))/$checks checks passed"
((failures == 0))
