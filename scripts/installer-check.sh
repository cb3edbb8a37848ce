#!/usr/bin/env bash
# CI check of the native installer (Linux), run by .ci/run after `./mvnw verify`:
#  1. builds the app-image and the .deb from the jar verify built (the installer profile's pipeline only:
#     jpackage, AOT training, jpackage deb), unless target/installer already holds them (INSTALLER_REUSE=1);
#  2. the app-image: under 150 MB (decimal); `--version` and an unknown command through the launcher, with nothing on
#     stderr but Bulwark's own lines; the GUI under Xvfb until its main window is mapped (xdotool), a screenshot
#     in target/installer-check/, and no JDK or JavaFX warning on stderr;
#  3. the .deb: `dpkg-deb -I` (package name, libgtk-3-0 dependency, postinst linking /usr/bin/bulwark) and
#     `dpkg-deb -c` (launcher, jar, AOT cache, desktop entry, icon under /opt/bulwark).
# Needs: JAVA_HOME (25), fakeroot, dpkg-deb, Xvfb, xdotool, ImageMagick (import), binutils (strip).
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/installer-check
mkdir -p "$out"
fail() { echo "installer-check: FAIL: $*" >&2; exit 1; }
log() { echo "installer-check: $*"; }

if [ "${INSTALLER_REUSE:-0}" != 1 ] || ! ls target/installer/bulwark_*.deb >/dev/null 2>&1; then
  [ -f target/bulwark.jar ] || ./mvnw -B -ntp -q -DskipTests package
  start=$(date +%s)
  ./mvnw -B -ntp -q -Pinstaller antrun:run@installer > "$out/build.log" 2>&1 || { tail -40 "$out/build.log"; fail "installer build"; }
  log "app-image and .deb built in $(( $(date +%s) - start )) s"
fi
image=target/installer/Bulwark
deb=$(ls target/installer/bulwark_*.deb | head -1)

# --- app-image
# The limit is issue 12's "under 150 MB", decimal: 150,000,000 bytes (du -sb: apparent sizes, as in the .deb).
limit=150000000
size=$(du -sb "$image" | cut -f1)
deb_size=$(stat -c %s "$deb")
log "app-image $size bytes ($(( size / 1000000 )) MB; limit $limit), .deb $deb_size bytes ($(( deb_size / 1000000 )) MB)"
[ "$size" -lt "$limit" ] || fail "app-image is $size bytes, not under $limit"
[ -s "$image/lib/app/bulwark.aot" ] || fail "no AOT cache in the app-image"
export BULWARK_HOME=$PWD/$out/home
rm -rf "$BULWARK_HOME"
"$image/bin/Bulwark" --version > "$out/version.out" 2> "$out/version.err" || fail "--version exited $?"
grep -q '^Bulwark ' "$out/version.out" || fail "--version printed: $(cat "$out/version.out")"
[ ! -s "$out/version.err" ] || fail "--version wrote to stderr: $(head -3 "$out/version.err")"
set +e
"$image/bin/Bulwark" no-such-command > /dev/null 2> "$out/usage.err"; rc=$?
set -e
[ "$rc" -eq 2 ] && grep -q 'Usage: bulwark' "$out/usage.err" || fail "unknown command: exit $rc"
# bin/bulwark, the CLI launcher /usr/bin/bulwark links to: same output, nothing on stderr
"$image/bin/bulwark" --version > "$out/cli-version.out" 2> "$out/cli-version.err" || fail "bin/bulwark --version exited $?"
cmp -s "$out/version.out" "$out/cli-version.out" || fail "bin/bulwark --version differs from bin/Bulwark's"
[ ! -s "$out/cli-version.err" ] || fail "bin/bulwark --version wrote to stderr: $(head -3 "$out/cli-version.err")"
# The launcher uses its AOT cache (a cache that does not match is skipped silently: check it is mapped).
"$image/lib/runtime/bin/java" -Xlog:aot -XX:AOTCache="$image/lib/app/bulwark.aot" -Xmx512m -XX:TieredStopAtLevel=1 \
  --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -cp "$PWD/$image/lib/app/bulwark.jar" \
  dev.bulwark.app.Main --version 2>&1 | grep -q 'Opened AOT cache' || fail "the app-image's AOT cache does not load"

display=:$(( 150 + RANDOM % 100 ))
Xvfb "$display" -screen 0 1400x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
gui=
trap 'kill $gui $xvfb 2>/dev/null || true' EXIT
sleep 1
DISPLAY=$display "$image/bin/Bulwark" > "$out/gui.out" 2> "$out/gui.err" &
gui=$!
if ! DISPLAY=$display timeout 90 xdotool search --sync --onlyvisible --name '^Bulwark' > "$out/window.id"; then
  tail -20 "$out/gui.err"; fail "the main window did not appear within 90 s"
fi
sleep 3   # let the first views render before the screenshot
DISPLAY=$display import -window root "$out/app-image-gui.png"
log "main window $(DISPLAY=$display xdotool getwindowname "$(head -1 "$out/window.id")") mapped; screenshot $out/app-image-gui.png"
kill "$gui"; wait "$gui" 2>/dev/null || true
if grep -E '^WARNING:|Unsupported JavaFX|sun\.misc\.Unsafe|restricted method' "$out/gui.err"; then
  fail "the GUI printed JDK/JavaFX warnings on stderr"
fi

# --- .deb
dpkg-deb -I "$deb" > "$out/deb-info.txt"
dpkg-deb -c "$deb" > "$out/deb-contents.txt"
dpkg-deb -I "$deb" postinst > "$out/deb-postinst.txt"
grep -q '^ Package: bulwark$' "$out/deb-info.txt" || fail "package name"
grep -q '^ Depends:.*libgtk-3-0' "$out/deb-info.txt" || fail "libgtk-3-0 is not a dependency"
grep -q 'ln -sfn /opt/bulwark/bin/bulwark /usr/bin/bulwark' "$out/deb-postinst.txt" || fail "postinst does not link /usr/bin/bulwark"
grep -q 'xdg-desktop-menu install /opt/bulwark/lib/bulwark-Bulwark.desktop' "$out/deb-postinst.txt" || fail "postinst installs no menu entry"
grep -Eq 'touch -c -d @[0-9]+ ' "$out/deb-postinst.txt" || fail "postinst does not restore the AOT timestamps"
for f in ./opt/bulwark/bin/Bulwark ./opt/bulwark/bin/bulwark ./opt/bulwark/lib/app/bulwark.jar ./opt/bulwark/lib/app/bulwark.aot \
         ./opt/bulwark/lib/app/Bulwark.cfg ./opt/bulwark/lib/bulwark-Bulwark.desktop ./opt/bulwark/lib/Bulwark.png \
         ./opt/bulwark/lib/runtime/lib/modules; do
  grep -q " $f\$" "$out/deb-contents.txt" || fail ".deb lacks $f"
done
# The menu entry starts the GUI through bin/bulwark, as the CLI does: jpackage's bin/Bulwark looks its own path up
# with `rpm -qf` and `dpkg -S` at every start (~0.3 s before the JVM starts).
dpkg-deb --fsys-tarfile "$deb" | tar -xO ./opt/bulwark/lib/bulwark-Bulwark.desktop > "$out/deb-desktop.txt"
grep -qx 'Exec=/opt/bulwark/bin/bulwark' "$out/deb-desktop.txt" || fail "the menu entry does not run /opt/bulwark/bin/bulwark"
grep -qx 'Icon=/opt/bulwark/lib/Bulwark.png' "$out/deb-desktop.txt" || fail "the menu entry has no icon"
grep -qx 'Name=Bulwark' "$out/deb-desktop.txt" || fail "the menu entry has no name"
log ".deb control and contents OK ($deb)"
log "passed"
