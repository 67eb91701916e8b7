#!/usr/bin/env bash
# The SSH side of the real test environment (docs/testing.md), run as root:
#   - test users ph-pass, ph-key, ph-totp, ph-keytotp, ph-nodocker with random passwords and TOTP secrets,
#   - client keys: ed25519, ecdsa, RSA 3072 (OpenSSH format), RSA PEM, encrypted ed25519, encrypted RSA PEM,
#     and one key that no user authorizes,
#   - a root sshd on 127.0.0.1:2222 (program name sshd-test, PAM service /etc/pam.d/sshd-test, TOTP for ph-totp and
#     ph-keytotp) and a bastion sshd on 127.0.0.1:2223 (sshd-bastion) with its own host keys,
#   - microsocks on 127.0.0.1:1080 (no auth) and 1081 (username/password), danted on 127.0.0.1:1082,
#   - $PORTHOLE_TESTENV_DIR/testenv.properties (default /tmp/porthole-testenv) describing all of it.
#
#   sshd.sh start    idempotent: what runs is left running, what exists is kept
#   sshd.sh stop     stops the daemons this script started; keeps users, keys and state for the next start
#   sshd.sh status   one line per daemon; exit 0 when all run
#   sshd.sh purge    stop, then remove the users, the PAM services and the state directory
set -euo pipefail
. "$(dirname "$0")/lib.sh"

SSH_DIR=$TESTENV_DIR/ssh
CLIENT_DIR=$TESTENV_DIR/client
RUN_DIR=$TESTENV_DIR/run
LOG_DIR=$TESTENV_DIR/log
SECRETS=$TESTENV_DIR/secrets.env

PAM_MAIN=/etc/pam.d/sshd-test
PAM_BASTION=/etc/pam.d/sshd-bastion

# client key name -> "type bits format passphrase?" (the passphrase comes from secrets.env)
CLIENT_KEYS=(ed25519 ecdsa rsa rsa-pem ed25519-enc rsa-pem-enc)

random_secret() { tr -dc 'A-Za-z0-9' </dev/urandom | head -c "${1:-20}"; }

ensure_secrets() {
  if [ ! -s "$SECRETS" ]; then
    umask 077
    {
      for u in "${TESTENV_USERS[@]}"; do echo "password_${u//-/_}=$u-$(random_secret 16)"; done
      echo "passphrase_ed25519_enc=ed-$(random_secret 16)"
      echo "passphrase_rsa_pem_enc=pem-$(random_secret 16)"
      echo "socks_user=ph-socks"
      echo "socks_password=socks-$(random_secret 16)"
    } >"$SECRETS"
    umask 022
  fi
  # shellcheck disable=SC1090
  . "$SECRETS"
}

password_of() {
  local var="password_${1//-/_}"
  printf '%s' "${!var}"
}

ensure_users() {
  local u
  for u in "${TESTENV_USERS[@]}"; do
    if ! id "$u" >/dev/null 2>&1; then
      useradd --create-home --shell /bin/bash --comment "Porthole testenv" "$u"
      log "created user $u"
    fi
    # always: a state directory made again after a purge-less wipe must still match the users
    printf '%s:%s\n' "$u" "$(password_of "$u")" | chpasswd
  done
}

ensure_host_keys() { # DIR
  local t
  mkdir -p "$1"
  for t in ed25519 ecdsa rsa; do
    [ -s "$1/ssh_host_${t}_key" ] || ssh-keygen -q -t "$t" -N '' -C "porthole-testenv-$(basename "$1")" \
      -f "$1/ssh_host_${t}_key" </dev/null
  done
}

ensure_client_keys() {
  mkdir -p "$CLIENT_DIR"
  chmod 755 "$CLIENT_DIR"
  local k f
  for k in "${CLIENT_KEYS[@]}" unauthorized; do
    f=$CLIENT_DIR/id_$k
    [ -s "$f" ] && continue
    case $k in
      ed25519 | unauthorized) ssh-keygen -q -t ed25519 -N '' -C "ph-$k" -f "$f" </dev/null ;;
      ecdsa) ssh-keygen -q -t ecdsa -b 256 -N '' -C "ph-$k" -f "$f" </dev/null ;;
      rsa) ssh-keygen -q -t rsa -b 3072 -N '' -C "ph-$k" -f "$f" </dev/null ;;
      rsa-pem) ssh-keygen -q -t rsa -b 3072 -m PEM -N '' -C "ph-$k" -f "$f" </dev/null ;;
      ed25519-enc) ssh-keygen -q -t ed25519 -N "$passphrase_ed25519_enc" -C "ph-$k" -f "$f" </dev/null ;;
      rsa-pem-enc) ssh-keygen -q -t rsa -b 3072 -m PEM -N "$passphrase_rsa_pem_enc" -C "ph-$k" -f "$f" </dev/null ;;
    esac
  done
  # the formats are the point of these keys: prove them
  grep -q 'BEGIN OPENSSH PRIVATE KEY' "$CLIENT_DIR/id_rsa" || die "id_rsa is not in OpenSSH format"
  grep -q 'BEGIN RSA PRIVATE KEY' "$CLIENT_DIR/id_rsa-pem" || die "id_rsa-pem is not PEM"
  grep -q 'Proc-Type: 4,ENCRYPTED' "$CLIENT_DIR/id_rsa-pem-enc" || die "id_rsa-pem-enc is not an encrypted PEM"
  grep -q 'BEGIN RSA PRIVATE KEY' "$CLIENT_DIR/id_rsa-pem-enc" || die "id_rsa-pem-enc is not PEM"
  ssh-keygen -y -P '' -f "$CLIENT_DIR/id_ed25519-enc" >/dev/null 2>&1 && die "id_ed25519-enc is not encrypted"
  chmod 600 "$CLIENT_DIR"/id_*
  chmod 644 "$CLIENT_DIR"/id_*.pub
  # a non-root developer running the tests after `sudo sshd.sh start` may read the client keys
  if [ -n "${SUDO_UID:-}" ]; then chown -R "$SUDO_UID:${SUDO_GID:-$SUDO_UID}" "$CLIENT_DIR"; fi
}

ensure_authorized_keys() {
  local u k
  mkdir -p "$SSH_DIR/authorized_keys"
  chmod 755 "$SSH_DIR/authorized_keys"
  for u in "${TESTENV_KEY_USERS[@]}"; do
    for k in "${CLIENT_KEYS[@]}"; do cat "$CLIENT_DIR/id_$k.pub"; done >"$SSH_DIR/authorized_keys/$u"
    chmod 644 "$SSH_DIR/authorized_keys/$u"
  done
  # the others have no keys: an empty file says so
  for u in "${TESTENV_USERS[@]}"; do [ -e "$SSH_DIR/authorized_keys/$u" ] || : >"$SSH_DIR/authorized_keys/$u"; done
}

ensure_totp() {
  local u home
  for u in "${TESTENV_TOTP_USERS[@]}"; do
    home=$(getent passwd "$u" | cut -d: -f6)
    if [ ! -s "$home/.google_authenticator" ]; then
      # -D: a code may be used again within its window (tests log in several times in 30 s); -u: no rate limit
      google-authenticator -t -D -u -f -C -q -w 3 -Q NONE -e 0 -s "$home/.google_authenticator" </dev/null
      chown "$u:" "$home/.google_authenticator"
      chmod 600 "$home/.google_authenticator"
      log "made a TOTP secret for $u"
    fi
  done
}

totp_secret_of() { head -n 1 "$(getent passwd "$1" | cut -d: -f6)/.google_authenticator"; }

write_pam() {
  cat >"$PAM_MAIN" <<EOF
# Porthole test environment (scripts/testenv/sshd.sh): the PAM service of the test sshd (program name sshd-test)
# on $LOOPBACK:$SSH_PORT. /etc/pam.d/sshd is not used by it and stays untouched. Removed by \`sshd.sh purge\`.
# ph-keytotp has proved a key already (AuthenticationMethods publickey,keyboard-interactive): skip its password.
auth    [success=1 default=ignore]  pam_succeed_if.so quiet user = ph-keytotp
auth    requisite                   pam_unix.so
# users without ~/.google_authenticator pass (nullok); the others are asked "Verification code: "
auth    required                    pam_google_authenticator.so nullok
account include common-account
session include common-session
password include common-password
EOF
  cat >"$PAM_BASTION" <<EOF
# Porthole test environment (scripts/testenv/sshd.sh): the PAM service of the bastion sshd (program name
# sshd-bastion) on $LOOPBACK:$BASTION_PORT: plain passwords. Removed by \`sshd.sh purge\`.
auth    include common-auth
account include common-account
session include common-session
password include common-password
EOF
}

# sshd_common NAME ADDRESS:PORT HOSTKEY-DIR: the options both test sshds share.
sshd_common() {
  cat <<EOF
ListenAddress $2
PidFile $RUN_DIR/$1.pid
HostKey $3/ssh_host_ed25519_key
HostKey $3/ssh_host_ecdsa_key
HostKey $3/ssh_host_rsa_key
AuthorizedKeysFile $SSH_DIR/authorized_keys/%u
StrictModes no
UsePAM yes
PasswordAuthentication yes
KbdInteractiveAuthentication yes
PubkeyAuthentication yes
PermitRootLogin no
MaxStartups 200:30:400
MaxSessions 10
AllowTcpForwarding yes
GatewayPorts no
X11Forwarding no
PrintMotd no
PrintLastLog no
UseDNS no
LogLevel VERBOSE
AllowUsers ${TESTENV_USERS[*]}
EOF
}

write_sshd_configs() {
  mkdir -p "$RUN_DIR" "$LOG_DIR"
  {
    echo "# Porthole test sshd (scripts/testenv/sshd.sh). Started as $RUN_DIR/sshd-test (a symlink to /usr/sbin/sshd),"
    echo "# so its PAM service is $PAM_MAIN."
    sshd_common sshd-test "$LOOPBACK:$SSH_PORT" "$SSH_DIR/host-main"
    cat <<EOF
PermitEmptyPasswords no
MaxAuthTries 10
LoginGraceTime 60
AllowStreamLocalForwarding yes
PermitTunnel no
AcceptEnv LANG LC_*
Subsystem sftp internal-sftp

Match User ph-totp
    AuthenticationMethods keyboard-interactive
Match User ph-keytotp
    AuthenticationMethods publickey,keyboard-interactive
EOF
  } >"$SSH_DIR/sshd-test.conf"
  {
    echo "# Porthole bastion sshd (scripts/testenv/sshd.sh): a jump host. Started as $RUN_DIR/sshd-bastion (a symlink to"
    echo "# /usr/sbin/sshd), so its PAM service is $PAM_BASTION."
    sshd_common sshd-bastion "$LOOPBACK:$BASTION_PORT" "$SSH_DIR/host-bastion"
  } >"$SSH_DIR/sshd-bastion.conf"
  # 127.0.0.0/8 only: the proxies reach the test sshds and nothing else
  cat >"$TESTENV_DIR/proxy/danted.conf" <<EOF
# Porthole test environment (scripts/testenv/sshd.sh): the second hop of the SOCKS5 chain.
logoutput: $LOG_DIR/danted.log
internal: $LOOPBACK port = $DANTE_PORT
external: $LOOPBACK
clientmethod: none
socksmethod: none
user.privileged: root
user.unprivileged: nobody
client pass {
    from: 127.0.0.0/8
    to: 0.0.0.0/0
    log: error
}
socks pass {
    from: 127.0.0.0/8
    to: 127.0.0.0/8
    command: connect
    log: error
}
socks block {
    from: 0.0.0.0/0
    to: 0.0.0.0/0
    log: connect error
}
EOF
}

start_sshd() { # NAME PORT
  local name=$1 port=$2
  if pid_alive "$RUN_DIR/$name.pid"; then
    log "$name already runs (pid $(cat "$RUN_DIR/$name.pid"))"
    return 0
  fi
  port_open "$port" && die "port $port is taken by something else: $(ss -ltnpH "sport = :$port" 2>/dev/null)"
  ln -sfn /usr/sbin/sshd "$RUN_DIR/$name"
  "$RUN_DIR/$name" -t -f "$SSH_DIR/$name.conf" || die "$name: bad configuration"
  # sshd detaches itself and writes its PidFile; -E keeps its log in the state directory (no syslog here)
  "$RUN_DIR/$name" -f "$SSH_DIR/$name.conf" -E "$LOG_DIR/$name.log"
  wait_port "$port" "$name" "$LOG_DIR/$name.log"
  log "$name listens on $LOOPBACK:$port (pid $(cat "$RUN_DIR/$name.pid"))"
}

start_bg() { # NAME PORT COMMAND... : a foreground daemon, detached, its pid in run/NAME.pid
  local name=$1 port=$2
  shift 2
  if pid_alive "$RUN_DIR/$name.pid"; then
    log "$name already runs (pid $(cat "$RUN_DIR/$name.pid"))"
    return 0
  fi
  port_open "$port" && die "port $port is taken by something else: $(ss -ltnpH "sport = :$port" 2>/dev/null)"
  setsid "$@" >>"$LOG_DIR/$name.log" 2>&1 </dev/null &
  echo $! >"$RUN_DIR/$name.pid"
  wait_port "$port" "$name" "$LOG_DIR/$name.log"
  log "$name listens on $LOOPBACK:$port (pid $(cat "$RUN_DIR/$name.pid"))"
}

start_dante() {
  if pid_alive "$RUN_DIR/danted.pid"; then
    log "danted already runs (pid $(cat "$RUN_DIR/danted.pid"))"
    return 0
  fi
  port_open "$DANTE_PORT" && die "port $DANTE_PORT is taken by something else"
  danted -V -f "$TESTENV_DIR/proxy/danted.conf" >/dev/null || die "danted: bad configuration"
  danted -D -f "$TESTENV_DIR/proxy/danted.conf" -p "$RUN_DIR/danted.pid" -N 2
  wait_port "$DANTE_PORT" danted "$LOG_DIR/danted.log"
  log "danted listens on $LOOPBACK:$DANTE_PORT (pid $(cat "$RUN_DIR/danted.pid"))"
}

fingerprint() { ssh-keygen -l -E sha256 -f "$1" | awk '{print $2}'; }

write_properties() {
  local f=$TESTENV_DIR/.ssh-props.$$ u k t role
  {
    echo "testenv.dir=$TESTENV_DIR"
    echo "ssh.host=$LOOPBACK"
    echo "ssh.port=$SSH_PORT"
    echo "ssh.maxSessions=10"
    echo "bastion.host=$LOOPBACK"
    echo "bastion.port=$BASTION_PORT"
    for t in ed25519 ecdsa rsa; do
      echo "ssh.hostkey.$t.fingerprint=$(fingerprint "$SSH_DIR/host-main/ssh_host_${t}_key.pub")"
      echo "ssh.hostkey.$t.file=$SSH_DIR/host-main/ssh_host_${t}_key.pub"
      echo "bastion.hostkey.$t.fingerprint=$(fingerprint "$SSH_DIR/host-bastion/ssh_host_${t}_key.pub")"
      echo "bastion.hostkey.$t.file=$SSH_DIR/host-bastion/ssh_host_${t}_key.pub"
    done
    for u in "${TESTENV_USERS[@]}"; do
      role=${u#ph-}
      echo "user.$role.name=$u"
      echo "user.$role.password=$(password_of "$u")"
    done
    for u in "${TESTENV_TOTP_USERS[@]}"; do echo "user.${u#ph-}.totpSecret=$(totp_secret_of "$u")"; done
    echo "users.withKeys=$(
      IFS=,
      echo "${TESTENV_KEY_USERS[*]}"
    )"
    for k in "${CLIENT_KEYS[@]}" unauthorized; do
      echo "key.$k.private=$CLIENT_DIR/id_$k"
      echo "key.$k.public=$CLIENT_DIR/id_$k.pub"
      echo "key.$k.fingerprint=$(fingerprint "$CLIENT_DIR/id_$k.pub")"
    done
    echo "key.ed25519-enc.passphrase=$passphrase_ed25519_enc"
    echo "key.rsa-pem-enc.passphrase=$passphrase_rsa_pem_enc"
    echo "keys.authorized=$(
      IFS=,
      echo "${CLIENT_KEYS[*]}"
    )"
    echo "socks.host=$LOOPBACK"
    echo "socks.port=$SOCKS_PORT"
    echo "socks.auth.port=$SOCKS_AUTH_PORT"
    echo "socks.auth.username=$socks_user"
    echo "socks.auth.password=$socks_password"
    echo "dante.host=$LOOPBACK"
    echo "dante.port=$DANTE_PORT"
    echo "ssh.available=true"
  } >"$f"
  set_props "$f"
  rm -f "$f"
}

cmd_start() {
  require_root
  command -v /usr/sbin/sshd >/dev/null || die "no /usr/sbin/sshd: run scripts/install-test-deps.sh"
  mkdir -p "$TESTENV_DIR" "$SSH_DIR" "$RUN_DIR" "$LOG_DIR" "$TESTENV_DIR/proxy"
  chmod 755 "$TESTENV_DIR"
  mkdir -p /run/sshd
  chmod 755 /run/sshd
  ensure_secrets
  ensure_users
  ensure_host_keys "$SSH_DIR/host-main"
  ensure_host_keys "$SSH_DIR/host-bastion"
  ensure_client_keys
  ensure_authorized_keys
  ensure_totp
  write_pam
  write_sshd_configs
  start_sshd sshd-test "$SSH_PORT"
  start_sshd sshd-bastion "$BASTION_PORT"
  start_bg microsocks "$SOCKS_PORT" microsocks -i "$LOOPBACK" -p "$SOCKS_PORT" -b "$LOOPBACK"
  start_bg microsocks-auth "$SOCKS_AUTH_PORT" \
    microsocks -i "$LOOPBACK" -p "$SOCKS_AUTH_PORT" -b "$LOOPBACK" -u "$socks_user" -P "$socks_password"
  start_dante
  write_properties
  log "ready: $TESTENV_PROPS"
}

cmd_stop() {
  local n
  for n in danted microsocks-auth microsocks sshd-bastion sshd-test; do stop_pidfile "$RUN_DIR/$n.pid" "$n"; done
  if [ -f "$TESTENV_PROPS" ]; then
    printf 'ssh.available=false\n' >"$TESTENV_DIR/.ssh-props.$$"
    set_props "$TESTENV_DIR/.ssh-props.$$"
    rm -f "$TESTENV_DIR/.ssh-props.$$"
  fi
}

cmd_status() {
  local n port rc=0
  for n in sshd-test:$SSH_PORT sshd-bastion:$BASTION_PORT microsocks:$SOCKS_PORT microsocks-auth:$SOCKS_AUTH_PORT \
    danted:$DANTE_PORT; do
    port=${n#*:}
    n=${n%%:*}
    if pid_alive "$RUN_DIR/$n.pid" && port_open "$port"; then
      echo "$n: running (pid $(cat "$RUN_DIR/$n.pid"), $LOOPBACK:$port)"
    else
      echo "$n: stopped"
      rc=3
    fi
  done
  return $rc
}

cmd_purge() {
  require_root
  [ -x "$(dirname "$0")/docker.sh" ] && "$(dirname "$0")/docker.sh" stop
  cmd_stop
  local u
  for u in "${TESTENV_USERS[@]}"; do
    if id "$u" >/dev/null 2>&1; then
      pkill -u "$u" 2>/dev/null || true # processes of the test users only
      userdel -r "$u" 2>/dev/null || userdel "$u"
      log "removed user $u"
    fi
  done
  rm -f "$PAM_MAIN" "$PAM_BASTION"
  # only a directory this environment made (it holds secrets.env) is removed
  if [ -f "$SECRETS" ]; then rm -rf "${TESTENV_DIR:?}"; fi
  log "purged"
}

case ${1:-} in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  purge) cmd_purge ;;
  *)
    echo "usage: $0 start|stop|status|purge" >&2
    exit 2
    ;;
esac
