# deal-explorer: `make serve` and `make test` set up everything they need on a fresh Debian
# machine (as root, or with sudo), and skip whatever is already installed at the right version.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

TRUNK_VERSION := 0.21.14
# The CLI must match the crate exactly; the crate is pinned with `=` in Cargo.toml.
WASM_BINDGEN_VERSION := $(shell sed -n 's/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' Cargo.toml)
BINARYEN_VERSION := 132
CHROMEDRIVER := /usr/bin/chromedriver
E2E := tests/e2e

export PATH := $(CURDIR)/$(E2E)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CARGO_TERM_COLOR ?= never

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help serve dist dist-cold fetch test bench tools browser lint unit wasm-test crosscheck e2e test-hooks-dist links clean wp-embed hugo

help:
	@echo "make serve   build and serve on http://127.0.0.1:8080 (installs what is missing)"
	@echo "make test    run every test (installs what is missing)"
	@echo "make dist    release build into dist/ (works from any sub-path)"
	@echo "make bench   print sizes and timings"

## ---- tools: each checks its version first, so a second run installs nothing ----

tools: wasm-target rust-src trunk wasm-bindgen wasm-opt

.PHONY: wasm-target rust-src trunk wasm-bindgen wasm-opt node-deps
wasm-target:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown \
	  || rustup target add wasm32-unknown-unknown

# The standard library's source, which the release build compiles for size (SIZE_ENV below).
rust-src:
	@rustup component list --installed | grep -q '^rust-src' || rustup component add rust-src

trunk:
	@if [ "$$(trunk --version 2>/dev/null)" = "trunk $(TRUNK_VERSION)" ]; then exit 0; fi; \
	echo "installing trunk $(TRUNK_VERSION) (trunk 0.22 needs a newer rustc)"; \
	if command -v cargo-binstall >/dev/null; then \
	  cargo binstall -y trunk@$(TRUNK_VERSION) && exit 0; fi; \
	cargo install trunk --version $(TRUNK_VERSION) --locked

# No --locked: one of the CLI's locked dependencies is gone from the registry.
wasm-bindgen:
	@test -n "$(WASM_BINDGEN_VERSION)" || { echo "no exact wasm-bindgen pin in Cargo.toml" >&2; exit 1; }
	@if [ "$$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $(WASM_BINDGEN_VERSION)" ] \
	  && command -v wasm-bindgen-test-runner >/dev/null; then exit 0; fi; \
	echo "installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION)"; \
	if command -v cargo-binstall >/dev/null; then \
	  cargo binstall -y wasm-bindgen-cli@$(WASM_BINDGEN_VERSION) && exit 0; fi; \
	cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --force

# Debian's wasm-opt (binaryen 108) cannot parse what rustc 1.95 emits; npm's binaryen can.
wasm-opt: node-deps
	@wasm-opt --version | grep -q "version $(BINARYEN_VERSION)" \
	  || { echo "wasm-opt on PATH is not binaryen $(BINARYEN_VERSION): $$(command -v wasm-opt)" >&2; exit 1; }

node-deps: $(E2E)/node_modules/.installed
$(E2E)/node_modules/.installed: $(E2E)/package.json $(E2E)/package-lock.json
	@command -v npm >/dev/null || { $(SUDO) apt-get update && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y nodejs npm; }
	cd $(E2E) && npm ci --no-audit --no-fund
	@touch $@

browser:
	@if command -v chromium >/dev/null && [ -x $(CHROMEDRIVER) ]; then exit 0; fi; \
	$(SUDO) apt-get update && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver

# Debian's Hugo, which builds a site with the shortcode in integrations/hugo for hugo.test.mjs.
hugo:
	@if command -v hugo >/dev/null; then exit 0; fi; \
	$(SUDO) apt-get update && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y hugo

# WordPress's own `wp-embed.js`, the client of its embed protocol, for the embed tests: taken
# from Debian's wordpress package without installing it (no server, no PHP).
WP_EMBED := target/wordpress/wp-embed.js
wp-embed: $(WP_EMBED)
$(WP_EMBED):
	@mkdir -p target/wordpress/deb
	cd target/wordpress/deb && rm -f wordpress_*.deb && { apt-get download wordpress || { $(SUDO) apt-get update && apt-get download wordpress; }; }
	dpkg -x target/wordpress/deb/wordpress_*.deb target/wordpress/deb/root
	cp target/wordpress/deb/root/usr/share/wordpress/wp-includes/js/wp-embed.js $@
	rm -rf target/wordpress/deb

## ---- crates: every one a build needs, fetched before the `--offline` builds ----

# `trunk --offline` keeps Trunk from downloading its own tools, and cargo then builds offline too,
# so nothing in the build may need a crate the registry has not fetched yet: the workspace's,
# for every target, and the standard library's own dependencies, which the release build compiles
# from source (build-std resolves the library's whole lock file, for every platform, so all of it
# is fetched). `--locked` leaves both lock files as they are. Both are quick once fetched.
STD_LIBRARY = $(shell rustc --print sysroot)/lib/rustlib/src/rust/library
fetch: rust-src
	@cargo fetch --locked -q
	@RUSTC_BOOTSTRAP=1 cargo fetch --locked -q --manifest-path $(STD_LIBRARY)/Cargo.toml

## ---- build and serve ----

# The release wasm is built with the standard library compiled from source with our size profile
# and its own `optimize_for_size` feature (cargo's `build-std`), and with panics as bare traps
# (`-Cpanic=immediate-abort`), which drops the panic messages, locations and their formatting.
# docs/size-budget.md has what each saves. These are unstable flags, enabled on the pinned
# stable 1.95 compiler with RUSTC_BOOTSTRAP rather than by depending on an unpinned nightly. A
# panic still shows the error panel: `panic_panel` catches the trap where it surfaces, as a
# `WebAssembly.RuntimeError`. `make serve` builds without them, so a developer's panics keep
# their messages.
SIZE_ENV := RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
  CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size \
  RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort"

serve: tools fetch
	trunk serve --offline

# Once the single file has been made from the readable glue (the xtask reads its export clause
# line by line), the folder's wasm imports get short names, terser minifies the glue and csso
# the stylesheet. No Trunk `--minify`: its HTML minifier drops the optional `<head>` tag, where
# the downloaded one file gets its scenario.
DIST := dist
# The absolute address the folder will be published at (https://example.org/tools/deal/). Only
# with it does the build write the oEmbed responses, a page per preset, the discovery link and
# the link preview tags, since oEmbed consumers and preview scrapers need absolute URLs; without
# it, none of them (README, "Publish and embed"). The preview picture og.png is written either way.
PUBLIC_URL :=
# The default scenario's workbench goes into the page as static HTML and SVG (`xtask
# prerender`), painted before the wasm arrives and kept without JavaScript; about 5.9 KB gzip of
# the first view (docs/size-budget.md). `make dist PRERENDER=` builds the page without it.
PRERENDER := 1
dist: tools fetch
	$(SIZE_ENV) trunk build --release --offline --dist $(DIST) --public-url ./
	cargo run -q -p xtask -- tidy $(DIST)
	$(if $(PRERENDER),cargo run -q -p xtask -- prerender $(DIST))
	cargo run -q -p xtask -- single-file $(DIST) $(DIST)/deal-explorer.html
	cargo run -q -p xtask -- short-imports $(DIST)
	cargo run -q -p xtask -- model-page docs/model.md $(DIST)
	cargo run -q -p xtask -- oembed $(DIST) '$(PUBLIC_URL)'
	node $(E2E)/minify-css.mjs $(DIST)/style-*.css
	for glue in $(DIST)/deal-explorer-*.js; do \
	  terser "$$glue" --module --compress --mangle --output "$$glue.min" && mv "$$glue.min" "$$glue"; done

## ---- tests: stop at the first failure ----

test: tools browser links lint unit crosscheck wasm-test dist-cold e2e
	@echo "make test: every suite passed"

lint: wasm-target
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p deal-explorer --all-targets --target wasm32-unknown-unknown -- -D warnings
	cargo clippy -p deal-model --lib --bins --target wasm32-unknown-unknown -- -D warnings

unit:
	cargo test --workspace

crosscheck:
	cargo build -p deal-model --bin ledger
	python3 tests/crosscheck/crosscheck.py target/debug/ledger

wasm-test: wasm-bindgen browser
	CHROMEDRIVER=$(CHROMEDRIVER) cargo test -p deal-explorer --target wasm32-unknown-unknown

# The release build plus the test hooks (a panic trigger) for the error-panel test, so that the
# test sees a panic exactly as the shipped build handles it; the build in dist/ never has them.
TEST_HOOKS_DIST := target/dist-test-hooks
test-hooks-dist: tools fetch
	$(SIZE_ENV) trunk build --release --offline --features test-hooks --dist $(TEST_HOOKS_DIST) --public-url ./

# The release build once more from an empty cargo home and its own target folder, as on a machine
# that has never fetched a crate: a crate that only a warm registry provides fails here, not on a
# reader's first `make dist`. The installed tools stay on PATH; rustup's toolchains live elsewhere.
COLD := target/cold
dist-cold: tools
	rm -rf $(COLD)/cargo-home $(COLD)/dist
	mkdir -p $(COLD)/cargo-home
	CARGO_HOME=$(CURDIR)/$(COLD)/cargo-home CARGO_TARGET_DIR=$(CURDIR)/$(COLD)/target \
	  $(MAKE) --no-print-directory dist DIST=$(COLD)/dist
	test -s $(COLD)/dist/index.html && test -s $(COLD)/dist/deal-explorer.html
	@echo "dist-cold: the release build passed from an empty cargo home"

# No link in the README, docs/ or the page's sources may point outside the repository.
links:
	python3 tests/links/check_links.py

e2e: dist test-hooks-dist browser node-deps wp-embed hugo
	cargo build -q -p deal-model --bin ledger
	cd $(E2E) && node --test --test-concurrency=1 --test-reporter=spec

## ---- measurements ----

# Sizes, load time, input latency, draw times (tests/e2e/bench.mjs), where the wasm bytes go
# (twiggy), and the untrusted-input property tests at 100,000 cases each; all into BENCHMARKS.md.
BENCH_EXTRA := target/bench-extra.md
bench: dist test-hooks-dist browser node-deps twiggy
	@mkdir -p target
	@wasm-opt -Os --converge --low-memory-unused --one-caller-inline-max-function-size=50 -g target/wasm-bindgen/release/deal-explorer_bg.wasm -o target/bench-named.wasm
	@twiggy top -n 100000 --format csv target/bench-named.wasm > target/bench-twiggy.csv
	@{ echo; cat docs/size-budget.md; echo; echo "## Where the wasm bytes go"; echo; \
	  echo "The release wasm as wasm-opt leaves it, with its names kept for \`twiggy\` (sizes before gzip; the shipped file also has short import names), by crate:"; echo; \
	  node $(E2E)/wasm-breakdown.mjs target/bench-twiggy.csv; echo; \
	  echo "The largest items:"; echo; \
	  echo '```'; twiggy top -n 25 target/bench-named.wasm | grep -v 'names" subsection'; echo '```'; } > $(BENCH_EXTRA)
	@{ echo; echo "## Untrusted input, 100,000 cases per property"; echo; echo '```'; \
	  PROPTEST_CASES=100000 cargo test -q --release -p deal-model --test model fuzz 2>&1 | grep -E "^test |test result"; \
	  echo '```'; } >> $(BENCH_EXTRA)
	BENCH_EXTRA=$(BENCH_EXTRA) node $(E2E)/bench.mjs

.PHONY: twiggy
twiggy:
	@command -v twiggy >/dev/null || cargo install twiggy --version 0.8.0 --locked

clean:
	cargo clean
	rm -rf dist $(E2E)/node_modules $(E2E)/artifacts
