#!/usr/bin/env bash
# A SOCKS5 client for ssh's ProxyCommand, through one proxy or a chain of them (RFC 1928, RFC 1929
# username/password), in bash alone: netcat-openbsd's `nc -X 5` knows one proxy and no SOCKS5 password, and
# Debian 12's socat (1.7.4) speaks SOCKS4 only.
#
#   socks5-chain.sh HOST PORT [USER:PASS@]PROXY_HOST:PROXY_PORT [[USER:PASS@]PROXY_HOST:PROXY_PORT ...]
#   ssh -o ProxyCommand='socks5-chain.sh %h %p 127.0.0.1:1080 127.0.0.1:1082' ...
#
# It connects to the first proxy, asks it for the second (and so on), asks the last for HOST:PORT, then relays
# stdin/stdout. Written for the test environment: IPv4 literals or names, no IPv6.
set -euo pipefail
[ $# -ge 3 ] || {
  echo "usage: $0 HOST PORT [USER:PASS@]PROXY_HOST:PROXY_PORT..." >&2
  exit 2
}
target_host=$1 target_port=$2
shift 2
proxies=("$@")

fail() {
  echo "socks5-chain: $*" >&2
  exit 1
}

# read N bytes from the proxy as decimal numbers
read_bytes() { head -c "$1" <&3 | od -An -v -tu1 | tr -s ' \n' ' '; }

hex() { printf '\\x%02x' "$@"; }

# socks5_connect CREDENTIALS HOST PORT: on fd 3, already connected to a SOCKS5 proxy
socks5_connect() {
  local creds=$1 host=$2 port=$3 reply user pass addr
  if [ -n "$creds" ]; then
    printf '\x05\x02\x00\x02' >&3 # methods: none, username/password
  else
    printf '\x05\x01\x00' >&3
  fi
  read -r -a reply <<<"$(read_bytes 2)"
  [ "${reply[0]:-}" = 5 ] || fail "not a SOCKS5 proxy on the way to $host:$port"
  case ${reply[1]} in
    0) ;;
    2)
      [ -n "$creds" ] || fail "the proxy wants a username and password"
      user=${creds%%:*} pass=${creds#*:}
      # shellcheck disable=SC2059
      printf "$(hex 1 ${#user})%s$(hex ${#pass})%s" "$user" "$pass" >&3
      read -r -a reply <<<"$(read_bytes 2)"
      [ "${reply[1]:-}" = 0 ] || fail "the proxy refused the username and password"
      ;;
    *) fail "the proxy accepts none of our methods (${reply[1]})" ;;
  esac
  if [[ $host =~ ^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
    IFS=. read -r -a addr <<<"$host"
    addr="$(hex 1) $(hex "${addr[@]}")"
  else
    addr="$(hex 3 ${#host})$(printf %s "$host" | od -An -v -tx1 | tr -s ' \n' ' ' | sed 's/ \([0-9a-f][0-9a-f]\)/\\x\1/g')"
  fi
  # shellcheck disable=SC2059
  printf "\x05\x01\x00${addr// /}$(hex $((port >> 8)) $((port & 255)))" >&3
  read -r -a reply <<<"$(read_bytes 4)"
  [ "${reply[1]:-}" = 0 ] || fail "the proxy refused CONNECT $host:$port (reply ${reply[1]:-none})"
  case ${reply[3]} in # skip the bound address and port
    1) read_bytes 6 >/dev/null ;;
    4) read_bytes 18 >/dev/null ;;
    3) read_bytes $(($(read_bytes 1) + 2)) >/dev/null ;;
  esac
}

split() { # [USER:PASS@]HOST:PORT -> creds host port
  local spec=$1
  creds='' && [[ $spec == *@* ]] && creds=${spec%@*} && spec=${spec##*@}
  host=${spec%:*} port=${spec##*:}
}

split "${proxies[0]}"
exec 3<>"/dev/tcp/$host/$port" || fail "cannot connect to $host:$port"
for ((i = 1; i <= ${#proxies[@]}; i++)); do
  proxy_creds=$creds
  if ((i < ${#proxies[@]})); then
    split "${proxies[i]}"
    socks5_connect "$proxy_creds" "$host" "$port"
  else
    socks5_connect "$proxy_creds" "$target_host" "$target_port"
  fi
done

cat <&3 &
cat >&3
wait
