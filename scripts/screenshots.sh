#!/usr/bin/env bash
# Launches the GUI under Xvfb, visits every view (Ctrl+1..6 through xdotool),
# and writes one PNG per view and theme to target/screenshots/. Open them and judge them.
#   scripts/screenshots.sh            (needs target/bulwark.jar: ./mvnw -DskipTests package)
# SCREENSHOT_SETTINGS_EXTRA is added to the settings object (e.g. ',"gateway":{"url":"ws://127.0.0.1:18555",
# "autoConnect":true}'); SCREENSHOT_HOOK is run once the GUI is up (e.g. publish a few gateway messages);
# SCREENSHOT_HOME: a prepared BULWARK_HOME (advisory database, scan history) copied in before each start;
# SCREENSHOT_VIEW_HOOK before each shot, with VIEW set (e.g. click a row so a detail pane shows something).
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
OUT=target/screenshots
mkdir -p "$OUT"
[ -f target/bulwark.jar ] || ./mvnw -q -B -DskipTests package
command -v Xvfb >/dev/null || { apt-get update -q && apt-get install -y -q xvfb libgtk-3-0 imagemagick; }
command -v xdotool >/dev/null || apt-get install -y -q xdotool >/dev/null

DISPLAY_NUM="${SCREENSHOT_DISPLAY:-:97}"
Xvfb "$DISPLAY_NUM" -screen 0 1440x900x24 -nolisten tcp >/dev/null 2>&1 &
XVFB_PID=$!
HOME_DIR=$(mktemp -d)
cleanup() { [ -n "${APP_PID:-}" ] && kill "$APP_PID" 2>/dev/null; kill "$XVFB_PID" 2>/dev/null; rm -rf "$HOME_DIR"; }
trap cleanup EXIT
export DISPLAY="$DISPLAY_NUM"
sleep 1

shoot_theme() {  # $1 = theme (DARK|LIGHT)
  mkdir -p "$HOME_DIR/config"
  if [ -n "${SCREENSHOT_HOME:-}" ]; then cp -a "$SCREENSHOT_HOME"/. "$HOME_DIR"/; fi
  printf '{"theme":"%s","lastView":"overview","window":{"x":0,"y":0,"width":1440,"height":900,"maximized":false}%s}' \
    "$1" "${SCREENSHOT_SETTINGS_EXTRA:-}" >"$HOME_DIR/config/settings.json"
  BULWARK_HOME="$HOME_DIR" "$JAVA_HOME/bin/java" -jar target/bulwark.jar >"$OUT/app-$1.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 60); do
    grep -q 'startup ms=' "$OUT/app-$1.log" 2>/dev/null && break; sleep 0.5
  done
  grep -o 'startup ms=[0-9]*' "$OUT/app-$1.log" || { echo "GUI did not start:"; cat "$OUT/app-$1.log"; exit 1; }
  sleep 1
  if [ -n "${SCREENSHOT_HOOK:-}" ]; then bash -c "$SCREENSHOT_HOOK"; sleep 0.5; fi
  local wid; wid=$(xdotool search --name '^Bulwark$' | head -1)
  local i=1
  for view in overview containers vulnerabilities ratelimiter gateway settings; do
    xdotool windowactivate --sync "$wid" key "ctrl+$i" 2>/dev/null || xdotool key "ctrl+$i"
    sleep 1.2
    if [ -n "${SCREENSHOT_VIEW_HOOK:-}" ]; then VIEW="$view" bash -c "$SCREENSHOT_VIEW_HOOK"; sleep 0.5; fi
    import -window root "$OUT/$view-$(echo "$1" | tr 'A-Z' 'a-z').png"
    i=$((i + 1))
  done
  kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=
}

shoot_theme DARK
shoot_theme LIGHT
ls -1 "$OUT"/*.png
