#!/usr/bin/env bash
# Starts the real services Bulwark's tests use, privately, on this machine only:
#   - two Docker engines (the second one for the cluster view), each with --bridge=none and
#     --iptables=false, data under a temp dir; containers must run with --network none;
#   - an image "bulwark/busybox:latest" imported into each engine from Debian's busybox-static
#     (no registry is reachable);
#   - redis-server on 127.0.0.1.
# Missing packages are installed with apt when running as root.
#
#   scripts/test-services.sh            start (idempotent) and print the environment to source
#   scripts/test-services.sh --stop     stop only what this script started, by PID
#   eval "$(scripts/test-services.sh --env)"   export DOCKER_HOST, BULWARK_TEST_REDIS, ...
set -euo pipefail

STATE="${BULWARK_SERVICES_DIR:-/tmp/bulwark-services}"
REDIS_PORT="${BULWARK_REDIS_PORT:-6399}"
IMAGE="bulwark/busybox:latest"

log() { printf '[test-services] %s\n' "$*" >&2; }

need() {
  local missing=()
  command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
  command -v docker >/dev/null 2>&1 || missing+=(docker.io)
  [ -x /bin/busybox ] || missing+=(busybox-static)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then
      log "missing packages: ${missing[*]} (run as root or install them)"; exit 1
    fi
    log "installing: ${missing[*]}"
    apt-get update -q >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >&2
  fi
  # The busybox package (not -static) may be dynamically linked; the image needs the static one.
  if ! file -L /bin/busybox 2>/dev/null | grep -q 'statically linked'; then
    if command -v file >/dev/null 2>&1; then
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q busybox-static >&2
    fi
  fi
}

# A pid file names a live process (not a zombie left by a killed session).
alive() {
  [ -f "$1" ] || return 1
  local pid; pid=$(cat "$1")
  kill -0 "$pid" 2>/dev/null || return 1
  [ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" != "Z" ]
}
engine_answers() { DOCKER_HOST="unix://$1/docker.sock" docker version >/dev/null 2>&1; }
redis_answers() { redis-cli -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; }

start_engine() {  # $1 = name
  local dir="$STATE/$1"
  mkdir -p "$dir"
  if alive "$dir/docker.pid" && engine_answers "$dir"; then
    log "engine $1 already running (pid $(cat "$dir/docker.pid"))"; return
  fi
  # A killed engine leaves its containerd behind only if that survived; stop it by its pid file.
  if alive "$dir/exec/containerd/containerd.pid"; then
    kill "$(cat "$dir/exec/containerd/containerd.pid")" 2>/dev/null || true
  fi
  # Left over from an engine that was killed: a stale socket or pid file would confuse dockerd.
  rm -f "$dir/docker.sock" "$dir/docker.pid"
  log "starting engine $1 at unix://$dir/docker.sock"
  # setsid: the engine must not share our process group (CI kills that group at the end).
  setsid dockerd --host "unix://$dir/docker.sock" --data-root "$dir/root" --exec-root "$dir/exec" \
    --pidfile "$dir/docker.pid" --bridge=none --iptables=false --ip-masq=false --ip6tables=false \
    >"$dir/dockerd.log" 2>&1 < /dev/null &
  echo $! >"$dir/launcher.pid"
  for _ in $(seq 1 120); do
    if DOCKER_HOST="unix://$dir/docker.sock" docker version >/dev/null 2>&1; then return; fi
    sleep 0.5
  done
  log "engine $1 did not come up; last log lines:"; tail -n 30 "$dir/dockerd.log" >&2; exit 1
}

import_image() {  # $1 = name
  local host="unix://$STATE/$1/docker.sock"
  if DOCKER_HOST="$host" docker image inspect "$IMAGE" >/dev/null 2>&1; then return; fi
  local root="$STATE/image-root"
  if [ ! -f "$STATE/busybox.tar" ]; then
    rm -rf "$root"; mkdir -p "$root/bin" "$root/tmp" "$root/etc"
    cp /bin/busybox "$root/bin/busybox"
    for applet in $(/bin/busybox --list); do
      [ "$applet" = busybox ] || ln -sf busybox "$root/bin/$applet"
    done
    echo 'root:x:0:0:root:/root:/bin/sh' >"$root/etc/passwd"
    tar -C "$root" -cf "$STATE/busybox.tar" .
  fi
  log "importing $IMAGE into engine $1"
  DOCKER_HOST="$host" docker import --change 'ENV PATH=/bin' --change 'CMD ["/bin/sh"]' \
    "$STATE/busybox.tar" "$IMAGE" >/dev/null
}

start_redis() {
  if alive "$STATE/redis.pid" && redis_answers; then log "redis already running on $REDIS_PORT"; return; fi
  rm -f "$STATE/redis.pid"
  mkdir -p "$STATE/redis"
  log "starting redis-server on 127.0.0.1:$REDIS_PORT"
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$STATE/redis" \
    --daemonize yes --pidfile "$STATE/redis.pid" --logfile "$STATE/redis/redis.log" >&2
  for _ in $(seq 1 50); do
    if redis_answers; then return; fi
    sleep 0.1
  done
  log "redis did not answer"; exit 1
}

print_env() {
  cat <<EOF
export BULWARK_SERVICES_DIR=$STATE
export DOCKER_HOST=unix://$STATE/engine1/docker.sock
export BULWARK_TEST_DOCKER_HOST2=unix://$STATE/engine2/docker.sock
export BULWARK_TEST_IMAGE=$IMAGE
export BULWARK_TEST_REDIS=redis://127.0.0.1:$REDIS_PORT
EOF
}

stop_all() {
  if alive "$STATE/redis.pid"; then
    log "stopping redis (pid $(cat "$STATE/redis.pid"))"; kill "$(cat "$STATE/redis.pid")" || true
  fi
  for e in engine1 engine2; do
    local dir="$STATE/$e"
    if [ -S "$dir/docker.sock" ] && alive "$dir/docker.pid"; then
      # Remove test containers first so no containerd shim outlives its engine.
      local ids
      ids=$(DOCKER_HOST="unix://$dir/docker.sock" docker ps -aq 2>/dev/null || true)
      [ -z "$ids" ] || DOCKER_HOST="unix://$dir/docker.sock" docker rm -f $ids >/dev/null 2>&1 || true
      log "stopping engine $e (pid $(cat "$dir/docker.pid"))"
      local pid; pid=$(cat "$dir/docker.pid")
      kill "$pid" || true
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
  done
}

case "${1:-start}" in
  --env) print_env ;;
  --stop|stop) stop_all ;;
  start|--start)
    need
    mkdir -p "$STATE"
    start_engine engine1
    start_engine engine2
    import_image engine1
    import_image engine2
    start_redis
    print_env >"$STATE/env"
    print_env
    ;;
  *) echo "usage: $0 [--start|--stop|--env]" >&2; exit 2 ;;
esac
