#!/usr/bin/env bash
# Installs a Debrief .deb on this machine, starts the installed app in a window of its own (Xvfb)
# on a throwaway database, checks over WebDriver that the library shows (the end-to-end test
# `library::a_new_report_is_saved_as_typed_and_is_there_after_a_restart`, run against
# /usr/bin/debrief instead of the cargo-built binary), then removes the package again.
#
#   scripts/package-test.sh target/release/bundle/deb/Debrief_0.1.0_amd64.deb
#   scripts/package-test.sh --keep <deb>    # leave the package installed
#
# Needs root or sudo, Xvfb and WebKitWebDriver (`make deps` installs them). A Debrief package that
# was installed before the test is left installed (at the tested version).
set -euo pipefail
cd "$(dirname "$0")/.."

keep=""
if [ "${1:-}" = --keep ]; then keep=yes; shift; fi
deb=${1:?usage: scripts/package-test.sh [--keep] <package.deb>}
[ -f "$deb" ] || { echo "package-test.sh: no package at $deb" >&2; exit 1; }
deb=$(realpath "$deb")

sudo=""
[ "$(id -u)" = 0 ] || sudo=sudo
package=$(dpkg-deb --field "$deb" Package)
binary=/usr/bin/debrief

if dpkg-query --show --showformat='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
  echo "package-test.sh: $package was installed before; it stays installed after the test"
  keep=yes
fi

remove() {
  if [ -z "$keep" ]; then
    echo "Removing $package"
    $sudo dpkg --remove "$package" >/dev/null || echo "package-test.sh: could not remove $package" >&2
  fi
}
trap remove EXIT

echo "Installing $deb"
if ! $sudo dpkg --install "$deb"; then
  # dpkg leaves the package unconfigured when a dependency is missing; apt installs it and finishes.
  echo "Installing the missing dependencies"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install --fix-broken --yes -qq
fi
dpkg-query --show --showformat='${Status}\n' "$package" | grep -q "install ok installed" || {
  echo "package-test.sh: $package did not install" >&2
  exit 1
}

# Everything the package should have put in place.
for file in "$binary" /usr/share/applications/Debrief.desktop \
  /usr/share/icons/hicolor/32x32/apps/debrief.png /usr/share/icons/hicolor/128x128/apps/debrief.png \
  /usr/share/icons/hicolor/256x256/apps/debrief.png /usr/share/icons/hicolor/512x512/apps/debrief.png; do
  [ -e "$file" ] || { echo "package-test.sh: the package did not install $file" >&2; exit 1; }
done
if missing=$(ldd "$binary" | grep "not found"); then
  echo "package-test.sh: libraries of $binary are missing:" >&2
  echo "$missing" >&2
  exit 1
fi
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate /usr/share/applications/Debrief.desktop
fi
installed_bytes=$(dpkg-query --listfiles "$package" | while read -r file; do
  if [ -f "$file" ]; then stat -c %s "$file"; fi
done | awk '{ total += $1 } END { print total }')
echo "Installed files: $((installed_bytes / 1024)) KiB"

echo "Starting the installed app"
DEBRIEF_E2E_APP=$binary cargo test -p debrief --test e2e -- --exact \
  library::a_new_report_is_saved_as_typed_and_is_there_after_a_restart
echo "package-test.sh: the installed app starts and shows the library"
