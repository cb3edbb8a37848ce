#!/usr/bin/env bash
# Cold-start benchmark of the shipped launcher against peers, in one run on one machine (issue 12):
#   scan of a 51-package requirements.txt  vs  a naive Python matcher re-reading every OSV dump (scripts/bench/)
#   containers --json with 6 containers    vs  docker stats --no-stream (same engine, same containers)
#   --version, GUI first frame (window mapped under Xvfb; and the app's own "startup ms" log line)
# each for the app-image launcher, the bare `java -jar`, and the bare jar with a user-made AOT cache (the README's
# recipe). Every command runs RUNS times (default 5); medians and ratios are printed.
#
# Needs: an app-image (./mvnw -Pinstaller -Dinstaller.imageOnly=true package), target/bulwark.jar, JAVA_HOME (25),
# ../shared (OSV dumps, manifests), python3 with `packaging`, docker CLI, the private test engines
# (eval "$(scripts/test-services.sh --env)"; engine 2 is used, as nothing else runs there), Xvfb and xdotool.
# usage: scripts/cold-start-bench.sh [APP_IMAGE_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
IMAGE=$(realpath "${1:-target/installer/Bulwark}")
LAUNCHER=$IMAGE/bin/Bulwark   # the GUI launcher (jpackage's)
CLI=$IMAGE/bin/bulwark        # the CLI launcher /usr/bin/bulwark links to (Linux)
[ -x "$CLI" ] || CLI=$LAUNCHER
JAR=$(realpath target/bulwark.jar)
JAVA=${JAVA_HOME:?set JAVA_HOME to a JDK 25}/bin/java
SHARED=$(realpath "${BULWARK_SHARED:-../shared}")
MANIFEST=$SHARED/manifests/CMSgov_bluebutton-web-server_af141c050475_requirements.txt
RUNS=${RUNS:-5}
for f in "$LAUNCHER" "$JAR" "$MANIFEST"; do [ -e "$f" ] || { echo "cold-start-bench: missing $f" >&2; exit 2; }; done
export DOCKER_HOST=${BULWARK_TEST_DOCKER_HOST2:-${DOCKER_HOST:?run: eval \"\$(scripts/test-services.sh --env)\"}}

work=$(mktemp -d /tmp/bulwark-coldstart.XXXXXX)
export BULWARK_HOME=$work/home
containers=()
xvfb=
cleanup() {
  [ ${#containers[@]} -eq 0 ] || docker rm -f "${containers[@]}" >/dev/null 2>&1 || true
  [ -z "$xvfb" ] || kill "$xvfb" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# time_cmd NAME CMD...: RUNS timings in ms of CMD (stdout discarded; stderr kept in $work/NAME.err)
declare -A MED
time_cmd() {
  local name=$1; shift
  local t=()
  for _ in $(seq "$RUNS"); do
    local s; s=$(ms); "$@" >/dev/null 2>>"$work/$name.err" || true; t+=($(( $(ms) - s )))
  done
  MED[$name]=$(printf '%s\n' "${t[@]}" | median)
  printf '  %-34s median %6d ms   runs: %s\n' "$name" "${MED[$name]}" "${t[*]}"
}
ratio() { awk -v a="${MED[$1]}" -v b="${MED[$2]}" 'BEGIN {printf "%.2f", a / b}'; }

echo "machine: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg); $("$JAVA" -version 2>&1 | head -1)"
echo "app-image: $IMAGE ($(du -sh "$IMAGE" | cut -f1))"

# The advisory database every Bulwark variant scans against (the peer re-reads the dumps instead).
"$CLI" db import "$SHARED"/osv-db/*/all.zip >/dev/null
# The bare-jar user's own AOT cache, made as the README says.
"$JAVA" -XX:AOTCacheOutput="$work/user.aot" -XX:TieredStopAtLevel=1 --sun-misc-unsafe-memory-access=allow \
  -cp "$JAR" dev.bulwark.app.AotTraining "$SHARED" >/dev/null 2>&1
BARE=("$JAVA" -jar "$JAR")
TUNED=("$JAVA" -XX:AOTCache="$work/user.aot" -XX:TieredStopAtLevel=1 --sun-misc-unsafe-memory-access=allow -jar "$JAR")

for _ in 1 2 3 4 5 6; do
  containers+=("$(docker run -d --network none --label bulwark.coldstart=1 "${BULWARK_TEST_IMAGE:-bulwark/busybox:latest}" sleep 3600)")
done
running=$(docker ps -q | wc -l)

echo
echo "scan of $(basename "$MANIFEST") ($(grep -cE '^[A-Za-z0-9].*==' "$MANIFEST") pins)"
time_cmd peer-naive-matcher python3 scripts/bench/naive_osv_match.py "$SHARED/osv-db" "$MANIFEST"
time_cmd launcher-scan "$CLI" scan "$MANIFEST" --fail-on none
time_cmd bare-jar-scan "${BARE[@]}" scan "$MANIFEST" --fail-on none
time_cmd bare-jar+aot-scan "${TUNED[@]}" scan "$MANIFEST" --fail-on none
# Where one launcher scan's time goes (-Dbulwark.traceStartup marks: ms since the JVM started, +ms per step).
echo "  one launcher scan, step by step (-Dbulwark.traceStartup=true):"
JDK_JAVA_OPTIONS=-Dbulwark.traceStartup=true "$CLI" scan "$MANIFEST" --fail-on none 2>&1 >/dev/null \
  | grep '^bulwark: startup' | sed 's/^bulwark: startup /    /' || true
echo
echo "containers --json ($running running containers on $DOCKER_HOST)"
time_cmd peer-docker-stats docker stats --no-stream
time_cmd launcher-containers "$CLI" containers --json
time_cmd bare-jar-containers "${BARE[@]}" containers --json
time_cmd bare-jar+aot-containers "${TUNED[@]}" containers --json
echo
echo "--version"
# The floor: the image's own JVM starting and stopping, with the launcher's heap and JIT options and no app.
time_cmd runtime-java-version "$IMAGE/lib/runtime/bin/java" -Xmx512m -XX:TieredStopAtLevel=1 -version
time_cmd launcher-version "$CLI" --version
[ "$CLI" = "$LAUNCHER" ] || time_cmd jpackage-launcher-version "$LAUNCHER" --version
time_cmd bare-jar-version "${BARE[@]}" --version
time_cmd bare-jar+aot-version "${TUNED[@]}" --version

# GUI: from exec to the main window mapped (xdotool), under a private Xvfb; the app logs its own figure too.
gui_first_frame() {
  local name=$1; shift
  local t=() own=()
  for _ in $(seq "$RUNS"); do
    rm -rf "$BULWARK_HOME/config"
    local s; s=$(ms)
    "$@" >/dev/null 2>>"$work/$name.err" &
    local pid=$!
    if xdotool search --sync --onlyvisible --name '^Bulwark' >/dev/null 2>&1; then t+=($(( $(ms) - s ))); fi
    sleep 0.5
    own+=("$(grep -o 'startup ms=[0-9]*' "$BULWARK_HOME/data/logs/bulwark.log" | tail -1 | cut -d= -f2)")
    kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
  done
  MED[$name]=$(printf '%s\n' "${t[@]}" | median)
  printf '  %-34s median %6d ms   runs: %s   (app log, JVM start to 2nd pulse: %s)\n' "$name" "${MED[$name]}" "${t[*]}" "${own[*]}"
}
if command -v Xvfb >/dev/null && command -v xdotool >/dev/null; then
  display=:$(( 90 + RANDOM % 100 ))
  Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 & xvfb=$!
  sleep 1
  export DISPLAY=$display
  echo
  echo "GUI first frame (Xvfb $display)"
  gui_first_frame launcher-gui "$CLI"                       # what the .deb's menu entry runs
  [ "$CLI" = "$LAUNCHER" ] || gui_first_frame jpackage-launcher-gui "$LAUNCHER"
  gui_first_frame bare-jar-gui "${BARE[@]}"
  gui_first_frame bare-jar+aot-gui "${TUNED[@]}"
else
  echo "GUI first frame: skipped (needs Xvfb and xdotool)"
fi

echo
echo "ratios (goal in brackets)"
echo "  launcher scan / naive matcher:             $(ratio launcher-scan peer-naive-matcher)   [<= 0.35]"
echo "  bare jar scan / naive matcher:             $(ratio bare-jar-scan peer-naive-matcher)"
echo "  bare jar + AOT cache scan / naive matcher: $(ratio bare-jar+aot-scan peer-naive-matcher)"
echo "  launcher containers / docker stats:        $(ratio launcher-containers peer-docker-stats)   [<= 1.0]"
echo "  bare jar containers / docker stats:        $(ratio bare-jar-containers peer-docker-stats)"
echo "  bare jar + AOT containers / docker stats:  $(ratio bare-jar+aot-containers peer-docker-stats)"
for e in "$work"/launcher-*.err; do
  if [ -s "$e" ]; then echo "launcher stderr ($(basename "$e" .err)):"; sort -u "$e" | head -5; fi
done
