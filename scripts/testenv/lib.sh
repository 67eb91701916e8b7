# Sourced by scripts/testenv/*.sh: the state directory, the ports, and small helpers.
# Everything the test environment creates lives under $TESTENV_DIR, except the test users (ph-*), their TOTP
# files, the PAM services /etc/pam.d/sshd-test and /etc/pam.d/sshd-bastion, and /run/sshd.

TESTENV_DIR=${PORTHOLE_TESTENV_DIR:-/tmp/porthole-testenv}
TESTENV_PROPS=$TESTENV_DIR/testenv.properties

SSH_PORT=${PORTHOLE_TESTENV_SSH_PORT:-2222}
BASTION_PORT=${PORTHOLE_TESTENV_BASTION_PORT:-2223}
SOCKS_PORT=${PORTHOLE_TESTENV_SOCKS_PORT:-1080}
SOCKS_AUTH_PORT=${PORTHOLE_TESTENV_SOCKS_AUTH_PORT:-1081}
DANTE_PORT=${PORTHOLE_TESTENV_DANTE_PORT:-1082}
LOOPBACK=127.0.0.1

# The test users: name -> role.
#   ph-pass      password (keyboard-interactive or password method)
#   ph-key       public keys (all client keys authorized), member of docker
#   ph-totp      keyboard-interactive: "Password: " then "Verification code: " (PAM TOTP)
#   ph-keytotp   publickey, then keyboard-interactive asking only "Verification code: "
#   ph-nodocker  public keys and password, NOT in the docker group
TESTENV_USERS=(ph-pass ph-key ph-totp ph-keytotp ph-nodocker)
TESTENV_KEY_USERS=(ph-key ph-keytotp ph-nodocker)
TESTENV_TOTP_USERS=(ph-totp ph-keytotp)
TESTENV_DOCKER_USERS=(ph-pass ph-key ph-totp ph-keytotp)

log() { printf '%s: %s\n' "$(basename "$0")" "$*" >&2; }
die() {
  log "$*"
  exit 1
}

require_root() { [ "$(id -u)" -eq 0 ] || die "run as root (it creates users, PAM services and a root sshd)"; }

# proc_alive PID: a running process, not a zombie (PID 1 here may reap orphans late; kill -0 succeeds on zombies).
proc_alive() {
  kill -0 "$1" 2>/dev/null || return 1
  [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != Z ]
}

# pid_alive FILE: the pid in FILE names a live process.
pid_alive() {
  local pid
  [ -s "$1" ] || return 1
  pid=$(cat "$1" 2>/dev/null) || return 1
  [ -n "$pid" ] && proc_alive "$pid"
}

# port_open PORT: something accepts TCP connections on 127.0.0.1:PORT.
port_open() { (exec 3<>"/dev/tcp/$LOOPBACK/$1") 2>/dev/null; }

# free_port: a loopback port nothing listens on (for a check's own short-lived listeners)
free_port() {
  local port
  for _ in $(seq 50); do
    port=$((24000 + RANDOM % 8000))
    port_open "$port" || {
      echo "$port"
      return 0
    }
  done
  die "no free port found"
}

# wait_port PORT WHAT LOGFILE: up to 10 s.
wait_port() {
  local i
  for i in $(seq 100); do
    port_open "$1" && return 0
    sleep 0.1
  done
  [ -f "${3:-}" ] && tail -n 20 "$3" >&2
  die "$2 does not listen on $LOOPBACK:$1"
}

# stop_pidfile FILE WHAT [SECONDS]: TERM the process named in FILE (which this environment started), wait up to
# SECONDS (default 5), then KILL.
stop_pidfile() {
  local pid i
  if pid_alive "$1"; then
    pid=$(cat "$1")
    kill "$pid" 2>/dev/null || true
    for i in $(seq $((${3:-5} * 10))); do
      proc_alive "$pid" || break
      sleep 0.1
    done
    proc_alive "$pid" && kill -9 "$pid" 2>/dev/null || true
    log "stopped $2 (pid $pid)"
  fi
  rm -f "$1"
}

# prop KEY: the value of KEY in testenv.properties (empty when absent).
prop() { sed -n "s/^$(printf '%s' "$1" | sed 's/[.[\*^$/]/\\&/g')=//p" "$TESTENV_PROPS" 2>/dev/null | tail -n 1; }

# known_hosts_of ssh|bastion: known_hosts lines for the recorded host keys of that sshd, for clients that check keys
# strictly against them.
known_hosts_of() {
  local alg file
  for alg in ed25519 ecdsa rsa; do
    file=$(prop "$1.hostkey.$alg.file")
    [ -n "$file" ] && echo "[$(prop "$1.host")]:$(prop "$1.port") $(cut -d' ' -f1,2 "$file")"
  done
}

# docker_ssh_setup DIR: sets ssh_host, ssh_port, user and key, and makes docker_ssh, the Docker CLI over SSH to the
# test sshd as the key user, work. The Docker CLI runs `ssh` from PATH, and OpenSSH reads ~/.ssh from the passwd
# entry, not $HOME: a wrapper in DIR/bin gives it a config of its own with the key and the recorded host keys (checked
# strictly).
docker_ssh_setup() {
  local dir=$1
  ssh_host=$(prop ssh.host)
  ssh_port=$(prop ssh.port)
  user=$(prop user.key.name)
  key=$(prop key.ed25519.private)
  mkdir -p "$dir/bin"
  known_hosts_of ssh >"$dir/known_hosts"
  cat >"$dir/ssh_config" <<EOF
Host $ssh_host
  Port $ssh_port
  User $user
  IdentityFile $key
  IdentitiesOnly yes
  StrictHostKeyChecking yes
  UserKnownHostsFile $dir/known_hosts
  GlobalKnownHostsFile /dev/null
  BatchMode yes
EOF
  printf '#!/bin/sh\nexec %s -F %s "$@"\n' "$(command -v ssh)" "$dir/ssh_config" >"$dir/bin/ssh"
  chmod +x "$dir/bin/ssh"
  docker_ssh_dir=$dir
}
docker_ssh() { PATH=$docker_ssh_dir/bin:$PATH docker -H "ssh://$user@$ssh_host:$ssh_port" "$@"; }

# set_props FILE: replace the lines of testenv.properties whose keys FILE holds by FILE's lines (atomic).
set_props() {
  local tmp=$TESTENV_PROPS.tmp.$$
  {
    echo "# Porthole test environment (scripts/testenv, docs/testing.md). Generated; do not edit."
    {
      if [ -f "$TESTENV_PROPS" ]; then
        awk -F= 'NR == FNR { if ($0 !~ /^#/ && index($0, "=")) keep[$1] = 1; next }
                 $0 !~ /^#/ && index($0, "=") && !($1 in keep)' "$1" "$TESTENV_PROPS"
      fi
      grep -v '^#' "$1"
    } | sort
  } >"$tmp"
  chmod 644 "$tmp"
  mv -f "$tmp" "$TESTENV_PROPS"
}
