# cablescope — browser build, serve and test targets (see scripts/).
# make serve: install what is missing, build the wasm, serve www/ on http://127.0.0.1:8080/
# make test:  native tests + wasm-bindgen tests in headless Chromium + end-to-end tests

PORT ?= 8080
export CHROMEDRIVER ?= /usr/bin/chromedriver
export WASM_BINDGEN_TEST_TIMEOUT ?= 120

.PHONY: setup build build-test-pkg serve types embed test test-native test-browser test-wasm test-types test-e2e bench bench-batch clean-www

setup:
	./scripts/setup.sh

build: setup
	./scripts/build-wasm.sh

serve: build
	node scripts/serve.mjs $(PORT)

# The versioned widget a site can host as it is: dist/cablescope-embed-<version>/ and its .tar.gz.
embed: build
	./scripts/build-embed.sh

# Regenerates schema/analysis.schema.json and www/cablescope.d.ts from the model.
types:
	cargo run --example gen_types --features schema

test: setup
	@status=0; \
	$(MAKE) --no-print-directory test-native || status=1; \
	$(MAKE) --no-print-directory test-browser || status=1; \
	if [ $$status -ne 0 ]; then echo "make test: FAILED (see the summaries above)"; else echo "make test: all passed"; fi; \
	exit $$status

test-native:
	cargo test --all-targets --features schema

# The browser-only part: binding tests in Chromium, the TypeScript check, the page end to end.
test-browser: setup
	@status=0; \
	$(MAKE) --no-print-directory test-wasm || status=1; \
	$(MAKE) --no-print-directory test-types || status=1; \
	$(MAKE) --no-print-directory test-e2e || status=1; \
	exit $$status

test-wasm:
	cargo test --target wasm32-unknown-unknown --no-default-features --features batch --test wasm

test-types:
	node_modules/.bin/tsc --noEmit -p tsconfig.json && echo "tsc: www/cablescope.d.ts and tests/browser/types-check.ts check"

# The page and the <cable-scope> widget (tests/browser/widget.test.mjs, which also builds the versioned widget).
test-e2e: build build-test-pkg
	node --test --test-concurrency=1 tests/browser/

# The wasm package with test-only hooks (cargo feature test-trap) that tests/browser/recovery.test.mjs serves;
# built into target/www-test/pkg, never into www/.
build-test-pkg: setup
	WASM_FEATURES=test-trap WASM_OUT=target/www-test/pkg ./scripts/build-wasm.sh

bench: build
	@status=0; \
	node scripts/bench-page.mjs || status=1; \
	node scripts/bench-embed.mjs || status=1; \
	$(MAKE) --no-print-directory bench-batch || status=1; \
	exit $$status

# Batch mode's budgets on a 1 GB synthetic dump (bench-data/, made once): the page in Chromium (MB/s, peak memory)
# and the native CLI (MB/s). BENCH_BATCH_FLAGS=--mb 100 for a quicker run.
bench-batch: build
	node scripts/bench-batch.mjs $(BENCH_BATCH_FLAGS)
