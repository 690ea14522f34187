# Debrief: `make run` starts the app, `make test` runs every check. Both install what is missing.

SHELL := /bin/bash
.DEFAULT_GOAL := run

# Debian/Ubuntu packages needed to build and test the desktop app.
APT_PACKAGES := libwebkit2gtk-4.1-dev build-essential pkg-config libssl-dev xvfb dbus webkit2gtk-driver xdotool
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test deps system-deps ui-deps ui lint rust-test ui-test bindings bench package stress fuzz fuzz-smoke clean

run: deps ui
	cargo run --bin debrief

test: deps
	cargo fmt --all --check
	$(MAKE) ui
	cd ui && npm run check && npm test
	cargo clippy --workspace --all-targets -- -D warnings
	cargo test --workspace
	$(MAKE) fuzz-smoke

deps: system-deps ui-deps

system-deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg -s "$$p" >/dev/null 2>&1 || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

# npm ci when the lock file changed since the last install.
ui-deps: ui/node_modules/.installed

ui/node_modules/.installed: ui/package.json ui/package-lock.json
	cd ui && npm ci --no-audit --no-fund
	touch $@

ui: ui-deps
	cd ui && npm run build

# Writes the TypeScript types generated from the Rust model into ui/src/lib/bindings.
bindings:
	UPDATE_BINDINGS=1 cargo test -p debrief-core --test bindings

# Measures every figure of the performance budget (release builds, the real app under Xvfb, the
# comparison with other tools) and prints them as a table; see docs/PERFORMANCE.md.
bench: deps ui
	scripts/bench.sh

# Builds the Debian package and tests it: installs it, starts the installed app, removes it.
package: deps
	scripts/package.sh

# Kills the writer of an open report at random moments while it saves edits, KILLS times, and
# checks after each kill that no acknowledged edit is lost and at the end that the database passes
# its checks. `make test` runs the same test with 100 kills. See docs/RELIABILITY.md.
KILLS ?= 1000
stress:
	KILLS=$(KILLS) cargo test -p debrief-core --test edit_crash
	cargo test -p debrief-cli --test crash

# Fuzzes the Markdown import, the hint engine and the Markdown and PDF exports, one target after
# the other, FUZZ_SECONDS each (10 minutes by default), on the stable toolchain (no sanitizer),
# built with cargo alone (scripts/fuzz.sh; no cargo-fuzz needed). New inputs that reach new code
# are added to tests/fuzz/corpus/<target>; minimise the corpora with `scripts/fuzz.sh cmin` before
# committing them. `make fuzz-smoke` (part of `make test`) fuzzes each target for
# FUZZ_SMOKE_SECONDS on a temporary copy of its corpus and fails on any crash.
FUZZ_TARGETS := import hints markdown_export typst_export
FUZZ_SECONDS ?= 600
FUZZ_SMOKE_SECONDS ?= 20
fuzz:
	nice -n 10 scripts/fuzz.sh run $(FUZZ_SECONDS) $(FUZZ_TARGETS)

fuzz-smoke:
	scripts/fuzz.sh smoke $(FUZZ_SMOKE_SECONDS) $(FUZZ_TARGETS)

clean:
	cargo clean
	rm -rf ui/dist ui/node_modules gen
