#!/usr/bin/env bash
# Builds the browser binding into www/pkg: cargo (wasm profile) -> wasm-bindgen --target web -> wasm-opt -Oz.
# Knobs (environment): WASM_OUT, the output directory (default www/pkg); WASM_FEATURES, cargo features
# for a test package (e.g. WASM_FEATURES=test-trap WASM_OUT=target/www-test/pkg, what `make test-e2e`
# builds for tests/browser/recovery.test.mjs). A featured build uses its own cargo target directory
# (target/wasm-features/<features>) so it never overwrites or invalidates the normal package's build.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out="${WASM_OUT:-$root/www/pkg}"
features="${WASM_FEATURES:-}"
if [ -n "$features" ]; then
  target_dir="${CARGO_TARGET_DIR:-$root/target/wasm-features/${features//[^A-Za-z0-9_-]/_}}"
  if [ "$(realpath -m "$out")" = "$(realpath -m "$root/www/pkg")" ]; then
    echo "build-wasm: refusing to write a WASM_FEATURES=$features build into www/pkg (set WASM_OUT)" >&2
    exit 2
  fi
else
  target_dir="${CARGO_TARGET_DIR:-$root/target}"
fi
wasm_opt="$root/node_modules/.bin/wasm-opt"

cargo build --lib --target wasm32-unknown-unknown --profile wasm --no-default-features \
  ${features:+--features "$features"} --target-dir "$target_dir"
rm -rf "$out" && mkdir -p "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out" \
  "$target_dir/wasm32-unknown-unknown/wasm/cablescope.wasm"
if [ -x "$wasm_opt" ]; then
  # Rust's wasm32 target emits these post-MVP features by default.
  "$wasm_opt" -Oz --strip-debug --strip-producers \
    --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    -o "$out/cablescope_bg.wasm" "$out/cablescope_bg.wasm"
else
  echo "build-wasm: $wasm_opt missing (run scripts/setup.sh); shipping unoptimized wasm" >&2
fi
# Ship the declarations generated from the model (examples/gen_types.rs) with the package.
cp "$root/www/cablescope.d.ts" "$out/cablescope.d.ts" 2>/dev/null || true
wasm_bytes=$(wc -c < "$out/cablescope_bg.wasm")
wasm_gz=$(gzip -9 -c "$out/cablescope_bg.wasm" | wc -c)
echo "build-wasm: $out/cablescope_bg.wasm ${wasm_bytes} bytes (${wasm_gz} gzipped)"
