#!/usr/bin/env bash
# Measures every figure of the performance budget, release builds, and prints them as a table:
#
# 1. the criterion benchmarks of the core (hints, Markdown export, history at 10,000 reports) and
#    of the PDF export;
# 2. the real app in its window under Xvfb against an empty Tauri window built with the same
#    release profile (tests/bench/empty-window): time from process start to the library painted,
#    proportional set size of all the app's processes with a library of 10,000 reports open, and
#    the time of each save from the page to the committed store (tests/bench/app_bench.py);
# 3. the hint engine against alex and proselint on the same 100 KB text, and the PDF export
#    against pandoc's default PDF route on the same report, when pandoc and LaTeX are installed.
#
# The figures and how they are taken are described in docs/PERFORMANCE.md. Everything is written
# to target/bench/ (the last run's results). Settings, from the environment:
#   BENCH_CRITERION_ARGS  arguments for criterion (e.g. "--warm-up-time 1 --measurement-time 3")
#   BENCH_STARTS          measured starts of each window (5)
#   BENCH_SAVES           saves typed into a report (200)
#   BENCH_SKIP_CRITERION  1 to reuse the criterion results of the last run
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
RELEASE=$CARGO_TARGET_DIR/release
OUT=$CARGO_TARGET_DIR/bench
COMPARE=$ROOT/tests/bench/compare
read -r -a CRITERION_ARGS <<<"${BENCH_CRITERION_ARGS:-}"
mkdir -p "$OUT"

step() { printf '\n== %s\n' "$*" >&2; }

need() {
  command -v "$1" >/dev/null 2>&1 || {
    echo "bench: $1 is missing: $2" >&2
    exit 1
  }
}
need Xvfb "install it (Debian: apt-get install xvfb)"
need "${WEBKIT_WEBDRIVER:-WebKitWebDriver}" "install it (Debian: apt-get install webkit2gtk-driver) or set WEBKIT_WEBDRIVER"
need python3 "install Python 3.11 or newer"
need node "install Node.js 20 or newer"

load() { cut -d' ' -f1-3 /proc/loadavg; }
{
  echo "started=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "load_start=$(load)"
  echo "nproc=$(nproc)"
  echo "cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
  echo "memory_gib=$(awk '/MemTotal/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo)"
  echo "commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
} >"$OUT/machine.txt"

# The app's [profile.release] as --config flags, so that the other projects built here (the empty
# window, the comparison's report) are built exactly as the app is.
mapfile -t PROFILE < <(python3 - "$ROOT/Cargo.toml" <<'EOF'
import json, sys, tomllib
profile = tomllib.load(open(sys.argv[1], "rb")).get("profile", {}).get("release", {})
def flatten(prefix, table):
    for key, value in table.items():
        name = f'{prefix}."{key}"' if "*" in key or "-" in key else f"{prefix}.{key}"
        if isinstance(value, dict):
            yield from flatten(name, value)
        else:
            yield f"--config={name}={json.dumps(value)}"
print("\n".join(flatten("profile.release", profile)))
EOF
)

step "release builds: the UI, the app, the command line, the empty window, the comparison's report"
make -s ui >&2
cargo build --release -p debrief --bin debrief >&2
cargo build --release -p debrief-cli --bin debrief-cli >&2
cargo build --release "${PROFILE[@]}" --manifest-path tests/bench/empty-window/Cargo.toml >&2
cargo build --release "${PROFILE[@]}" --manifest-path tests/bench/report/Cargo.toml >&2

if [ "${BENCH_SKIP_CRITERION:-0}" != 1 ]; then
  step "criterion: hints, Markdown export, history at 10,000 reports (which also writes the library the app opens), PDF export"
  touch "$OUT/criterion.stamp"
  cargo bench -p debrief-core --bench lint -- "${CRITERION_ARGS[@]}" 2>&1 | tee "$OUT/lint.txt" >&2
  cargo bench -p debrief-core --bench export -- "${CRITERION_ARGS[@]}" 2>&1 | tee "$OUT/export.txt" >&2
  rm -f "$OUT/lib10k.db.new"
  HISTORY_BENCH_COPY=$OUT/lib10k.db.new \
    cargo bench -p debrief-core --bench history -- "${CRITERION_ARGS[@]}" 2>&1 | tee "$OUT/history.txt" >&2
  mv "$OUT/lib10k.db.new" "$OUT/lib10k.db"
  cargo bench -p debrief-pdf --bench pdf -- "${CRITERION_ARGS[@]}" 2>&1 | tee "$OUT/pdf.txt" >&2
fi
[ -f "$OUT/lib10k.db" ] || HISTORY_BENCH_COPY=$OUT/lib10k.db cargo bench -p debrief-core --bench history -- none >&2
echo "load_after_criterion=$(load)" >>"$OUT/machine.txt"

step "the app and the empty window under Xvfb"
python3 tests/bench/app_bench.py --app "$RELEASE/debrief" --empty "$RELEASE/empty-window" \
  --library "$OUT/lib10k.db" --starts "${BENCH_STARTS:-5}" --saves "${BENCH_SAVES:-200}" >"$OUT/app.json"
echo "load_after_app=$(load)" >>"$OUT/machine.txt"

step "comparison: alex and proselint on the 100 KB text, pandoc on the 10-page report"
# Seconds one run of a command takes, whole (process start included); its exit status is ignored
# (linters exit non-zero when they find something), its output is kept for a look.
whole() {
  local name=$1
  shift
  python3 - "$OUT/$name.out" "$@" <<'EOF'
import statistics, subprocess, sys, time
times = []
for _ in range(3):
    start = time.perf_counter()
    with open(sys.argv[1], "wb") as out:
        done = subprocess.run(sys.argv[2:], stdout=out, stderr=subprocess.STDOUT)
    times.append(time.perf_counter() - start)
    if done.returncode > 1:
        sys.exit(f"bench: {sys.argv[2]} failed ({done.returncode}); see {sys.argv[1]}")
print(round(statistics.median(times) * 1000, 1))
EOF
}
TEXT=$OUT/corpus-100KB.txt
python3 "$COMPARE/corpus.py" "$TEXT"
if [ ! -f "$COMPARE/node_modules/.package-lock.json" ] || [ "$COMPARE/package-lock.json" -nt "$COMPARE/node_modules/.package-lock.json" ]; then
  (cd "$COMPARE" && npm ci --no-audit --no-fund >&2)
fi
VENV=$CARGO_TARGET_DIR/bench-venv
if [ ! -x "$VENV/bin/proselint" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet -r "$COMPARE/requirements.txt" >&2
fi
{
  echo "ours_whole_ms=$(whole ours-lint "$RELEASE/debrief-cli" lint "$TEXT")"
  echo "alex_whole_ms=$(whole alex-lint "$COMPARE/node_modules/.bin/alex" "$TEXT")"
  echo "proselint_whole_ms=$(whole proselint-lint "$VENV/bin/proselint" check "$TEXT")"
} >"$OUT/compare.txt"
node "$COMPARE/alex-bench.mjs" "$TEXT" 5 >"$OUT/alex.json"
"$VENV/bin/python" "$COMPARE/proselint_bench.py" "$TEXT" 5 >"$OUT/proselint.json"

REPORT_MD=$OUT/report-10-pages.md
"$RELEASE/bench-report" markdown "$REPORT_MD"
echo "ours_pdf_whole_ms=$(whole ours-pdf "$RELEASE/bench-report" pdf "$OUT/report-ours.pdf")" >>"$OUT/compare.txt"
if command -v pandoc >/dev/null 2>&1; then
  echo "pandoc_version=$(pandoc --version | head -1)" >>"$OUT/compare.txt"
  # pandoc's default route to PDF is LaTeX (pdflatex); it is timed when it works here.
  if (cd "$OUT" && pandoc "$REPORT_MD" -o "$OUT/report-pandoc.pdf" >"$OUT/pandoc-pdf.out" 2>&1); then
    echo "pandoc_pdf_whole_ms=$(cd "$OUT" && whole pandoc-pdf pandoc "$REPORT_MD" -o "$OUT/report-pandoc.pdf")" >>"$OUT/compare.txt"
  else
    echo "pandoc_pdf_error=$(tail -1 "$OUT/pandoc-pdf.out")" >>"$OUT/compare.txt"
  fi
  echo "pandoc_html_whole_ms=$(whole pandoc-html pandoc --standalone "$REPORT_MD" -o "$OUT/report-pandoc.html")" >>"$OUT/compare.txt"
fi
echo "load_end=$(load)" >>"$OUT/machine.txt"

step "the budget"
python3 tests/bench/budget.py "$OUT"
