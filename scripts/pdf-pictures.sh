#!/usr/bin/env bash
# Makes the README's pictures of the PDF export in docs/: the first page of the internal report and
# the external message of the sample report (src-tauri/pdf/tests/common), at 100 dpi. Needs
# pdftoppm (Debian: poppler-utils).
#
#   scripts/pdf-pictures.sh           # writes docs/pdf-internal.png and docs/pdf-external.png
#   scripts/pdf-pictures.sh out/      # writes them elsewhere
set -euo pipefail
cd "$(dirname "$0")/.."

output=$(realpath -m "${1:-docs}")
mkdir -p "$output"
command -v pdftoppm >/dev/null || { echo "pdf-pictures.sh: pdftoppm is missing (poppler-utils)" >&2; exit 1; }

pdfs=$(mktemp -d)
trap 'rm -rf "$pdfs"' EXIT
DEBRIEF_PDF_OUT=$pdfs cargo test -p debrief-pdf --test samples -- --ignored write_samples
for name in internal external; do
  pdftoppm -png -r 100 -f 1 -l 1 -singlefile "$pdfs/$name.pdf" "$output/pdf-$name"
done
echo "wrote $output/pdf-internal.png and $output/pdf-external.png"
