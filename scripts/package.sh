#!/usr/bin/env bash
# Builds the Debian package of the app with the Tauri bundler, then tests it on this machine
# (scripts/package-test.sh: install, start the installed app in a window, check the library shows,
# remove it again).
#
#   scripts/package.sh              # build target/release/bundle/deb/Debrief_<version>_amd64.deb, test it
#   scripts/package.sh --keep       # ... and leave the package installed after the test
#   scripts/package.sh --no-test    # build only
#
# The release build is the one in target/release (the same the benchmarks measure); the bundler's
# `beforeBuildCommand` builds the UI first. Package metadata, dependencies, icons and the desktop
# entry are in tauri.conf.json's `bundle` section.
set -euo pipefail
cd "$(dirname "$0")/.."

keep=""
test_it=yes
for argument in "$@"; do
  case "$argument" in
    --keep) keep=--keep ;;
    --no-test) test_it="" ;;
    *) echo "package.sh: unknown option $argument (use --keep or --no-test)" >&2; exit 2 ;;
  esac
done

tauri=ui/node_modules/.bin/tauri
[ -x "$tauri" ] || {
  echo "package.sh: $tauri is missing: run \`make deps\` first (it installs the UI's packages)" >&2
  exit 1
}

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
arch=$(dpkg --print-architecture)
deb="target/release/bundle/deb/Debrief_${version}_${arch}.deb"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# The CLI finds tauri.conf.json in the folder it starts in (the repository root). AppImage and RPM
# are left out: the AppImage tools are fetched over the network at build time. The binary is not
# patched with the bundle type (only the updater reads it, and Debrief has none).
started=$(date +%s)
if ! "$tauri" build --bundles deb --ci --no-binary-patching 2>&1 | tee "$scratch/build.log"; then
  # After writing the package, the CLI rewrites target/release/debrief in place; while that binary
  # runs (a benchmark, a test), the write fails with "Text file busy", and the package is whole.
  if grep -q "Text file busy" "$scratch/build.log" && [ -f "$deb" ] &&
    [ "$(stat -c %Y "$deb")" -ge "$started" ]; then
    echo "package.sh: target/release/debrief is running, so the bundler could not rewrite it;" \
      "the package was written before that and is complete"
  else
    exit 1
  fi
fi
[ -f "$deb" ] || { echo "package.sh: the bundler did not write $deb" >&2; exit 1; }

size=$(stat -c %s "$deb")
installed_kib=$(dpkg-deb --field "$deb" Installed-Size)
echo
echo "Package:        $deb"
echo "Package size:   $((size / 1024)) KiB ($(awk "BEGIN { printf \"%.1f\", $size / 1048576 }") MiB)"
echo "Installed size: ${installed_kib} KiB ($(awk "BEGIN { printf \"%.1f\", $installed_kib / 1024 }") MiB)"
echo "Depends:        $(dpkg-deb --field "$deb" Depends)"

# Every library package the binary links must be declared: dpkg-shlibdeps names them from the
# binary's dynamic section. The bundler adds libwebkit2gtk-4.1-0 and libgtk-3-0 itself; the
# others are listed in tauri.conf.json, bundle.linux.deb.depends.
mkdir "$scratch/debian"
printf 'Source: debrief\n\nPackage: debrief\nArchitecture: any\n' >"$scratch/debian/control"
binary=$(realpath target/release/debrief)
needed=$(cd "$scratch" && dpkg-shlibdeps -O "$binary" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
declared=$(dpkg-deb --field "$deb" Depends)
for library in $(echo "$needed" | tr ',' '\n' | sed 's/^ *//; s/[ (].*//'); do
  case ", $declared," in
    *", $library "* | *", $library,"*) ;;
    *) echo "package.sh: the binary links $library, which bundle.linux.deb.depends does not list" \
      "(dpkg-shlibdeps: $needed)" >&2
      exit 1 ;;
  esac
done

if [ -n "$test_it" ]; then
  scripts/package-test.sh $keep "$deb"
fi
