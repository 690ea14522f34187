#!/usr/bin/env bash
# Makes the README's screenshots in docs/screenshots/: the library, the walkthrough and the hints
# panel, taken in the real window over WebDriver (the same set-up as the end-to-end tests) on a
# throwaway database of sample reports (tests/e2e/samples.rs). Needs xvfb and WebKitWebDriver.
#
#   scripts/screenshot.sh             # writes docs/screenshots/{library,walkthrough,hints}.png
#   scripts/screenshot.sh out/        # writes them elsewhere
set -euo pipefail
cd "$(dirname "$0")/.."

output=$(realpath -m "${1:-docs/screenshots}")
mkdir -p "$output"
for tool in Xvfb WebKitWebDriver; do
  command -v "$tool" >/dev/null || { echo "screenshot.sh: $tool is missing" >&2; exit 1; }
done

(cd ui && npm run build)
DEBRIEF_SCREENSHOT_DIR=$output \
  cargo test -p debrief --test e2e -- --ignored readme_screenshots --nocapture
