#!/usr/bin/env bash
# Makes the app's PNG icons from their SVG sources in icons/: the sizes tauri.conf.json's
# `bundle.icon` lists (the window icon and the .deb's hicolor icons) and the README's.
#
#   scripts/icons.sh
#
# icons/icon.svg is the icon; icons/icon-32.svg is the same drawing on the 32 px grid, for the
# smallest size. Needs rsvg-convert (Debian: librsvg2-bin), installed through apt when missing.
# Running it again writes the same files.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v rsvg-convert >/dev/null; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  echo "icons.sh: installing librsvg2-bin (rsvg-convert)"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq librsvg2-bin
fi

# output file, size in pixels, source
icons=(
  "icons/32x32.png 32 icons/icon-32.svg"
  "icons/128x128.png 128 icons/icon.svg"
  "icons/256x256.png 256 icons/icon.svg"
  "icons/icon.png 512 icons/icon.svg"
)
for entry in "${icons[@]}"; do
  read -r output size source <<<"$entry"
  rsvg-convert --width "$size" --height "$size" --format png --output "$output" "$source"
  echo "$output (${size}x${size})"
done

# Every PNG the bundle lists must be one made here.
made=" ${icons[*]} "
for path in $(grep -o '"icons/[^"]*\.png"' tauri.conf.json | tr -d '"'); do
  case "$made" in
    *" $path "*) ;;
    *) echo "icons.sh: tauri.conf.json lists $path; add it to the list in this script" >&2; exit 1 ;;
  esac
done
