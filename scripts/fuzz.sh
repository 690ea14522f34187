#!/usr/bin/env bash
# Builds and runs the fuzz targets of tests/fuzz (import, hints, markdown_export, typst_export)
# with cargo alone, on the stable toolchain: the targets are compiled with the flags that
# `cargo fuzz build --sanitizer none` passes (libFuzzer's coverage instrumentation, `--cfg
# fuzzing`, debug assertions), and each binary is libFuzzer's own command line (`-help=1`), so
# neither cargo-fuzz nor a nightly toolchain is needed.
#
#   scripts/fuzz.sh run SECONDS [TARGET...]    fuzz each target for SECONDS on its committed corpus,
#                                              which keeps the new inputs (release build)
#   scripts/fuzz.sh smoke SECONDS [TARGET...]  the short run of `make test`: each target for SECONDS
#                                              from the first SMOKE_SEEDS (24) inputs of its corpus,
#                                              copied (a quicker build: our crates at opt-level 1,
#                                              the dependencies unoptimised); the corpus is not changed
#   scripts/fuzz.sh cmin [TARGET...]           minimise each committed corpus: keep the smallest
#                                              inputs that reach every edge the corpus reaches
#   scripts/fuzz.sh build PROFILE              only build (release or smoke)
#
# A crash or a broken check stops the script with a failure; the input that caused it is written
# to tests/fuzz/artifacts/<target>/ (not committed) and can be replayed by passing that file to the
# target's binary. The build goes to tests/fuzz/target unless CARGO_TARGET_DIR is set.
set -euo pipefail
cd "$(dirname "$0")/.."

all_targets=(import hints markdown_export typst_export)
host=$(rustc -vV | sed -n 's/^host: //p')
target_dir=${CARGO_TARGET_DIR:-tests/fuzz/target}
# The flags cargo-fuzz 0.13 passes for `--sanitizer none` (read from `cargo fuzz build -v`).
flags=(
  -Cpasses=sancov-module
  -Cllvm-args=-sanitizer-coverage-level=4
  -Cllvm-args=-sanitizer-coverage-inline-8bit-counters
  -Cllvm-args=-sanitizer-coverage-pc-table
  -Cllvm-args=-sanitizer-coverage-trace-compares
  --cfg fuzzing
  -Cllvm-args=-simplifycfg-branch-fold-threshold=0
  -Cllvm-args=-sanitizer-coverage-stack-depth
  -Cdebug-assertions
)
# Each input is given this long, and this much memory, before libFuzzer calls it a failure.
limits=(-timeout=30 -rss_limit_mb=4096)

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
  exit 2
}

build() {
  local profile=$1 extra=() options=()
  # For release builds cargo-fuzz also asks for one codegen unit (the coverage passes otherwise
  # stop inlining across units) and line tables only; the same flags reuse its builds.
  if [ "$profile" = release ]; then
    extra=(-Ccodegen-units=1)
    options=(--config 'profile.release.debug="line-tables-only"')
  fi
  echo "fuzz.sh: building the fuzz targets ($profile, $target_dir)" >&2
  # `--target` keeps the flags off build scripts and procedural macros, as cargo-fuzz does.
  RUSTFLAGS="${flags[*]} ${extra[*]}" cargo build --quiet --locked \
    --manifest-path tests/fuzz/Cargo.toml --target "$host" --target-dir "$target_dir" \
    --profile "$profile" --bins "${options[@]}"
}

binary() { echo "$target_dir/$host/$1/$2"; }

targets() {
  if [ "$#" -eq 0 ]; then echo "${all_targets[@]}"; return; fi
  for target in "$@"; do
    [[ " ${all_targets[*]} " == *" $target "* ]] || { echo "fuzz.sh: no target $target" >&2; exit 2; }
  done
  echo "$@"
}

# Runs one target over a corpus folder; prints libFuzzer's last lines, or its whole tail on failure.
fuzz() {
  local profile=$1 target=$2 seconds=$3 corpus=$4 log
  log=$(mktemp)
  mkdir -p "tests/fuzz/artifacts/$target"
  local started=$SECONDS
  if "$(binary "$profile" "$target")" -max_total_time="$seconds" "${limits[@]}" \
    -print_final_stats=1 -artifact_prefix="tests/fuzz/artifacts/$target/" "$corpus" >"$log" 2>&1; then
    figure() { sed -n "s/^stat::$1: *//p" "$log"; }
    echo "fuzz.sh: $target: no crash in $((SECONDS - started)) s, $(figure number_of_executed_units) inputs tried ($(figure average_exec_per_sec)/s), $(figure new_units_added) new kept, corpus $(find "$corpus" -type f | wc -l) files"
    rm -f "$log"
  else
    tail -n 60 "$log" >&2
    echo "fuzz.sh: $target FAILED; the input is in tests/fuzz/artifacts/$target/ (replay it with $(binary "$profile" "$target") FILE); full log: $log" >&2
    return 1
  fi
}

command=${1:-}
[ -n "$command" ] || usage
shift
case $command in
  build)
    [ "$#" -eq 1 ] || usage
    build "$1"
    ;;
  run)
    [ "$#" -ge 1 ] || usage
    seconds=$1
    shift
    build release
    for target in $(targets "$@"); do
      mkdir -p "tests/fuzz/corpus/$target"
      fuzz release "$target" "$seconds" "tests/fuzz/corpus/$target"
    done
    ;;
  smoke)
    [ "$#" -ge 1 ] || usage
    seconds=$1
    shift
    build smoke
    copies=$(mktemp -d)
    trap 'rm -rf "$copies"' EXIT
    for target in $(targets "$@"); do
      # The whole corpus is replayed by `cargo test` (src-tauri/pdf/tests/fuzz_corpus.rs); here
      # the time goes to new inputs, mutated from the first SMOKE_SEEDS of it (by name, so every
      # run starts from the same seeds).
      mkdir -p "$copies/$target"
      mapfile -t seeds < <(find "tests/fuzz/corpus/$target" -type f | sort)
      seeds=("${seeds[@]:0:${SMOKE_SEEDS:-24}}")
      [ "${#seeds[@]}" -eq 0 ] || cp -t "$copies/$target" "${seeds[@]}"
      fuzz smoke "$target" "$seconds" "$copies/$target"
    done
    ;;
  cmin)
    build release
    for target in $(targets "$@"); do
      corpus=tests/fuzz/corpus/$target
      merged=$(mktemp -d)
      before=$(find "$corpus" -type f | wc -l)
      # -use_counters=0: an input is kept for the edges it reaches, not for how often it loops.
      "$(binary release "$target")" -merge=1 -use_counters=0 "${limits[@]}" "$merged" "$corpus" \
        >"$merged.log" 2>&1 || { tail -n 40 "$merged.log" >&2; exit 1; }
      find "$corpus" -type f -delete
      cp "$merged"/* "$corpus"/
      rm -rf "$merged" "$merged.log"
      echo "fuzz.sh: $target: $before inputs minimised to $(find "$corpus" -type f | wc -l), $(du -sb "$corpus" | cut -f1) bytes"
    done
    ;;
  *) usage ;;
esac
