# Debrief: `make run` starts the app, `make test` runs every check. Both install what is missing.

SHELL := /bin/bash
.DEFAULT_GOAL := run

# Debian/Ubuntu packages needed to build and test the desktop app.
APT_PACKAGES := libwebkit2gtk-4.1-dev build-essential pkg-config libssl-dev xvfb webkit2gtk-driver
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test deps system-deps ui-deps ui lint rust-test ui-test bindings stress clean

run: deps ui
	cargo run --bin debrief

test: deps
	cargo fmt --all --check
	$(MAKE) ui
	cd ui && npm run check && npm test
	cargo clippy --workspace --all-targets -- -D warnings
	cargo test --workspace

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

clean:
	cargo clean
	rm -rf ui/dist ui/node_modules gen
