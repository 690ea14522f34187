#!/usr/bin/env bash
# Makes the fixture databases of every earlier schema version, tests/fixtures/schema-<N>.db, and a
# JSON dump of the reports in each, tests/fixtures/schema-<N>.json, that
# src-tauri/core/tests/schema_upgrade.rs upgrades and compares.
#
# Each database is written by the debrief-cli of that version, through its own commands: for
# version N, the last commit whose newest migration was N is checked out in a temporary git
# worktree, its debrief-cli is built, and it makes a library of the reports in
# tests/fixtures/reports/ (two imported from JSON, one exported by that version as Markdown and
# imported from the Markdown, and one new draft). The dump is what that version's `show --json`
# prints for each report. The file is then compacted (VACUUM). Needs git, jq and sqlite3.
#
#   scripts/schema-fixtures.sh          # every version before the current one
#   scripts/schema-fixtures.sh 2 3      # only these versions
#
# The builds share the repository's target directory (CARGO_TARGET_DIR to choose another). When a
# migration is added, run this script for the version before it and commit the new fixture: the
# upgrade test fails until a fixture of the previous version exists.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

for tool in git jq sqlite3 cargo; do
  command -v "$tool" >/dev/null || { echo "schema-fixtures.sh: $tool is missing" >&2; exit 1; }
done

migrations=src-tauri/core/src/store/migrations
latest=$(find "$migrations" -name '[0-9][0-9][0-9][0-9]_*.sql' | wc -l)
if [ "$#" -gt 0 ]; then versions=("$@"); else versions=($(seq 1 $((latest - 1)))); fi

export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target}
work=$(mktemp -d)
trap 'for tree in "$work"/tree-*; do [ -d "$tree" ] && git worktree remove --force "$tree"; done; rm -rf "$work"' EXIT

for version in "${versions[@]}"; do
  if ! [ "$version" -ge 1 ] 2>/dev/null || [ "$version" -ge "$latest" ]; then
    echo "schema-fixtures.sh: $version is not an earlier schema version (1 to $((latest - 1)))" >&2
    exit 2
  fi
  # The commit that added migration version+1; its parent is the last commit at `version`.
  next=$(printf '%s/%04d_*.sql' "$migrations" $((version + 1)))
  added=$(git log --diff-filter=A --format=%H -- "$next" | tail -n 1)
  [ -n "$added" ] || { echo "schema-fixtures.sh: no commit adds $next" >&2; exit 1; }
  commit=$(git rev-parse "$added^")
  echo "== schema $version: debrief-cli of $(git log -1 --format='%h %s' "$commit" | cut -c 1-72)"

  tree=$work/tree-$version
  git worktree add --detach --quiet "$tree" "$commit"
  (cd "$tree" && cargo build --quiet -p debrief-cli)
  cli=$work/debrief-cli-$version
  cp "$CARGO_TARGET_DIR/debug/debrief-cli" "$cli"
  git worktree remove --force "$tree"

  library=$work/schema-$version.db
  scratch=$work/scratch-$version.db
  rm -f "$library" "$scratch"
  "$cli" --db "$library" import tests/fixtures/reports/pool-timeouts.json
  "$cli" --db "$library" import tests/fixtures/reports/sale-pool-exhausted.json
  # The third report goes through this version's own Markdown: exported, then imported.
  "$cli" --db "$scratch" import tests/fixtures/reports/search-lag.json >/dev/null
  scratch_id=$("$cli" --db "$scratch" list --json | jq -r '.[0].id')
  "$cli" --db "$scratch" export "$scratch_id" --audience internal --format md \
    --output "$work/search-lag-$version.md"
  "$cli" --db "$library" import "$work/search-lag-$version.md"
  "$cli" --db "$library" new --title "Draft: queue consumer restarts" --time-zone Europe/Berlin
  "$cli" --db "$library" check

  found=$(sqlite3 "$library" 'PRAGMA user_version')
  [ "$found" = "$version" ] || { echo "schema-fixtures.sh: made version $found, not $version" >&2; exit 1; }
  "$cli" --db "$library" list --json | jq -r '.[].id' | while read -r id; do
    "$cli" --db "$library" show "$id" --json
  done | jq -s 'sort_by(.id)' > "tests/fixtures/schema-$version.json"
  # Compacted with 1 KiB pages (the tables and search index hold little; most 4 KiB pages would
  # be empty), then back in the write-ahead-log mode the store left it in.
  sqlite3 "$library" 'PRAGMA journal_mode=DELETE; PRAGMA page_size=1024; VACUUM; PRAGMA journal_mode=WAL;' >/dev/null
  cp "$library" "tests/fixtures/schema-$version.db"
  echo "   tests/fixtures/schema-$version.db: $(stat -c %s "tests/fixtures/schema-$version.db") bytes, $(jq length "tests/fixtures/schema-$version.json") reports"
done
