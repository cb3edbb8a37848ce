#!/usr/bin/env bash
# Launches the GUI under Xvfb, visits every view (clicking the navigation rail through xdotool: Ctrl+1..6 are not
# delivered reliably without a window manager), opens About, and writes one PNG per view and theme to
# target/screenshots/ (about-<theme>.png is the dialog's window alone). Open them and judge them.
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
  local theme; theme=$(echo "$1" | tr 'A-Z' 'a-z')
  # Rail buttons, window-relative (the window is at 0,0, 1440x900): one every 65 px from y=41; About 132 px above
  # the bottom. The pointer is parked at the top edge before each shot so no button shows its hover state and no
  # tile its tooltip. A first click right after startup can be lost: click Overview once before the loop.
  xdotool mousemove --window "$wid" 58 41 click 1 mousemove 760 4; sleep 1.5
  local y=41
  for view in overview containers vulnerabilities ratelimiter gateway settings; do
    xdotool mousemove --window "$wid" 58 "$y" click 1 mousemove 760 4
    sleep 2.5  # a view is built the first time it is shown: give a loaded machine time
    if [ -n "${SCREENSHOT_VIEW_HOOK:-}" ]; then VIEW="$view" bash -c "$SCREENSHOT_VIEW_HOOK"; sleep 0.5; fi
    import -window root "$OUT/$view-$theme.png"
    y=$((y + 65))
  done
  xdotool mousemove --window "$wid" 58 768 click 1 mousemove 760 4
  sleep 1.5
  local about; about=$(xdotool search --onlyvisible --name '^About Bulwark$' | head -1)
  if [ -n "$about" ]; then
    # Without a window manager the dialog opens 600 px wide, which hides the Licence column: widen it as a user would.
    xdotool windowsize "$about" 900 640; sleep 1
    import -window "$about" "$OUT/about-$theme.png"
    xdotool key --window "$about" Escape 2>/dev/null || true; sleep 0.5
  else
    echo "About dialog did not open" >&2
  fi
  kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=
}

shoot_theme DARK
shoot_theme LIGHT
ls -1 "$OUT"/*.png
