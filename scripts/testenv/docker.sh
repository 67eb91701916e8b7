#!/usr/bin/env bash
# The Docker side of the real test environment (docs/testing.md), run as root after `sshd.sh start`:
#   - a dockerd (Debian docker.io) started with setsid, its log in $PORTHOLE_TESTENV_DIR/log/dockerd.log, unless
#     one already answers on /var/run/docker.sock (then that one is used and never stopped),
#   - offline images: local/busybox:1 (a busybox-static root filesystem, imported) and local/busybox-web:1
#     (FROM it: busybox httpd on port 80 with a health check); there is no registry here,
#   - the docker group: ph-pass, ph-key, ph-totp, ph-keytotp in it, ph-nodocker not,
#   - docker.* keys in testenv.properties.
#
#   docker.sh start    idempotent
#   docker.sh stop     stops dockerd if this script started it; images and group memberships stay
#   docker.sh status   exit 0 when `docker version` answers
set -euo pipefail
. "$(dirname "$0")/lib.sh"

DOCKER_DIR=$TESTENV_DIR/docker
RUN_DIR=$TESTENV_DIR/run
LOG_DIR=$TESTENV_DIR/log
SOCKET=/var/run/docker.sock
IMAGE=local/busybox:1
WEB_IMAGE=local/busybox-web:1
NO_DOCKER_USER=ph-nodocker

docker_answers() { timeout 5 docker -H "unix://$SOCKET" version >/dev/null 2>&1; }

start_dockerd() {
  if docker_answers; then
    if pid_alive "$RUN_DIR/dockerd.pid"; then
      log "dockerd already runs (pid $(cat "$RUN_DIR/dockerd.pid"))"
    else
      log "a dockerd not started by this script answers on $SOCKET: using it (docker.sh stop leaves it alone)"
    fi
    return 0
  fi
  command -v dockerd >/dev/null || die "no dockerd: run scripts/install-test-deps.sh"
  mkdir -p "$RUN_DIR" "$LOG_DIR"
  setsid dockerd >>"$LOG_DIR/dockerd.log" 2>&1 </dev/null &
  echo $! >"$RUN_DIR/dockerd.pid"
  local i
  for i in $(seq 300); do
    docker_answers && break
    pid_alive "$RUN_DIR/dockerd.pid" || {
      tail -n 30 "$LOG_DIR/dockerd.log" >&2
      die "dockerd exited"
    }
    sleep 0.1
  done
  docker_answers || {
    tail -n 30 "$LOG_DIR/dockerd.log" >&2
    die "dockerd does not answer on $SOCKET after 30 s"
  }
  log "dockerd answers on $SOCKET (pid $(cat "$RUN_DIR/dockerd.pid"))"
}

build_images() {
  mkdir -p "$DOCKER_DIR"
  if ! docker image inspect "$IMAGE" >/dev/null 2>&1; then
    local rootfs=$DOCKER_DIR/rootfs applet
    rm -rf "$rootfs"
    mkdir -p "$rootfs"/{bin,etc,root,tmp,www,proc,sys,dev,var/run}
    chmod 1777 "$rootfs/tmp"
    cp /bin/busybox "$rootfs/bin/busybox"
    for applet in $("$rootfs/bin/busybox" --list); do
      [ -e "$rootfs/bin/$applet" ] || ln -s busybox "$rootfs/bin/$applet"
    done
    printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' \
      >"$rootfs/etc/passwd"
    printf 'root:x:0:\nnogroup:x:65534:\n' >"$rootfs/etc/group"
    tar -C "$rootfs" -c . | docker import -c 'ENV PATH=/bin' -c 'CMD ["/bin/sh"]' - "$IMAGE" >/dev/null
    rm -rf "$rootfs"
    log "imported $IMAGE"
  fi
  if ! docker image inspect "$WEB_IMAGE" >/dev/null 2>&1; then
    mkdir -p "$DOCKER_DIR/web"
    cat >"$DOCKER_DIR/web/Dockerfile" <<EOF
FROM $IMAGE
RUN mkdir -p /www && echo 'porthole testenv web' > /www/index.html
EXPOSE 80
HEALTHCHECK --interval=2s --timeout=2s --retries=3 CMD wget -q -O /dev/null http://127.0.0.1/ || exit 1
CMD ["httpd", "-f", "-p", "80", "-h", "/www"]
EOF
    # the classic builder: BuildKit would want a registry for its frontend
    DOCKER_BUILDKIT=0 docker build -q -t "$WEB_IMAGE" "$DOCKER_DIR/web" >/dev/null 2>"$LOG_DIR/docker-build.log" || {
      cat "$LOG_DIR/docker-build.log" >&2
      die "cannot build $WEB_IMAGE"
    }
    log "built $WEB_IMAGE"
  fi
}

docker_group() {
  getent group docker >/dev/null || groupadd --system docker
  local u
  for u in "${TESTENV_DOCKER_USERS[@]}"; do
    id "$u" >/dev/null 2>&1 || die "no user $u: run scripts/testenv/sshd.sh start first"
    id -nG "$u" | tr ' ' '\n' | grep -qx docker || usermod -aG docker "$u"
  done
  if id -nG "$NO_DOCKER_USER" 2>/dev/null | tr ' ' '\n' | grep -qx docker; then gpasswd -d "$NO_DOCKER_USER" docker; fi
}

write_properties() {
  local f=$TESTENV_DIR/.docker-props.$$ users
  users=$(
    IFS=,
    echo "${TESTENV_DOCKER_USERS[*]}"
  )
  {
    echo "docker.available=true"
    echo "docker.host=unix://$SOCKET"
    echo "docker.serverVersion=$(docker version --format '{{.Server.Version}}')"
    echo "docker.apiVersion=$(docker version --format '{{.Server.APIVersion}}')"
    echo "docker.image=$IMAGE"
    echo "docker.webImage=$WEB_IMAGE"
    echo "docker.webImage.port=80"
    echo "docker.users=$users"
    echo "docker.noDockerUser=$NO_DOCKER_USER"
    echo "docker.sshHost=ssh://ph-key@$LOOPBACK:$SSH_PORT"
    if pid_alive "$RUN_DIR/dockerd.pid"; then echo "docker.startedByTestenv=true"; else echo "docker.startedByTestenv=false"; fi
  } >"$f"
  set_props "$f"
  rm -f "$f"
}

cmd_start() {
  require_root
  mkdir -p "$TESTENV_DIR" "$RUN_DIR" "$LOG_DIR"
  start_dockerd
  build_images
  docker_group
  write_properties
  log "ready: $IMAGE, $WEB_IMAGE; docker users ${TESTENV_DOCKER_USERS[*]}; not $NO_DOCKER_USER"
}

cmd_stop() {
  # dockerd stops its containers first: give it time before a KILL
  stop_pidfile "$RUN_DIR/dockerd.pid" dockerd 30
  if [ -f "$TESTENV_PROPS" ]; then
    printf 'docker.available=false\n' >"$TESTENV_DIR/.docker-props.$$"
    set_props "$TESTENV_DIR/.docker-props.$$"
    rm -f "$TESTENV_DIR/.docker-props.$$"
  fi
}

cmd_status() {
  if docker_answers; then
    echo "dockerd: running ($(docker version --format 'server {{.Server.Version}}, API {{.Server.APIVersion}}'))" \
      "$(pid_alive "$RUN_DIR/dockerd.pid" && echo "pid $(cat "$RUN_DIR/dockerd.pid")" || echo "not started by docker.sh")"
  else
    echo "dockerd: stopped"
    return 3
  fi
}

case ${1:-} in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *)
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac
