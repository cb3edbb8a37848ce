#!/usr/bin/env bash
# Makes the installer icons from one source: assets/icons/bulwark-<N>.png (N = 16 ... 512), which
# `--from-svg` first renders from assets/logo.svg. Writes assets/icons/bulwark.ico and the jpackage resources
# jpackage/Bulwark.png (Linux, 256 px), jpackage/Bulwark.ico (Windows: 16, 32, 48, 256) and jpackage/Bulwark.icns
# (macOS: 16, 32, 48, 128, 256, 512). Needs ImageMagick (`convert`) and `png2icns` (Debian: icnsutils).
set -euo pipefail
cd "$(dirname "$0")/.."
icons=assets/icons
if [ "${1:-}" = --from-svg ]; then
  for n in 16 32 48 64 128 256 512; do
    convert -background none -density 384 assets/logo.svg -resize "${n}x${n}" "PNG32:$icons/bulwark-$n.png"
  done
fi
for n in 16 32 48 128 256 512; do
  [ -f "$icons/bulwark-$n.png" ] || { echo "make-icons: missing $icons/bulwark-$n.png (try --from-svg)" >&2; exit 2; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# png2icns wants 8-bit RGBA
for n in 16 32 48 128 256 512; do convert "$icons/bulwark-$n.png" -depth 8 "PNG32:$tmp/$n.png"; done
convert "$icons/bulwark-16.png" "$icons/bulwark-32.png" "$icons/bulwark-48.png" "$icons/bulwark-256.png" "$icons/bulwark.ico"
cp "$icons/bulwark.ico" jpackage/Bulwark.ico
cp "$icons/bulwark-256.png" jpackage/Bulwark.png
png2icns jpackage/Bulwark.icns "$tmp"/{16,32,48,128,256,512}.png >/dev/null
ls -l "$icons/bulwark.ico" jpackage/Bulwark.png jpackage/Bulwark.ico jpackage/Bulwark.icns
