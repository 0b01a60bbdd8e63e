#!/usr/bin/env bash
# Builds the browser packages: cargo (wasm32) -> wasm-bindgen --target web -> wasm-opt.
#   www/pkg/        the page's and the widget's reader: profile `wasm` (smallest code), wasm-opt -Oz
#   www/pkg-batch/  the batch workers' reader (cargo feature `batch`: summarize, Collection):
#                   profile `wasm-batch` (fastest code), wasm SIMD (simd128), wasm-opt -O3
# Knobs (environment): WASM_OUT and WASM_FEATURES build one extra package instead, for tests
# (e.g. WASM_FEATURES=test-trap WASM_OUT=target/www-test/pkg, what `make test-e2e` builds for
# tests/browser/recovery.test.mjs), with the page's profile. A featured build uses its own cargo target
# directory (target/wasm-features/<features>) so it never overwrites or invalidates the normal packages.
# WASM_NAMES=1 keeps the wasm name section (larger files), so that profiles name the Rust functions.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
wasm_opt="$root/node_modules/.bin/wasm-opt"

# build_package OUT_DIR FEATURES CARGO_PROFILE TARGET_DIR WASM_OPT_LEVEL [RUSTFLAGS]
build_package() {
  local out=$1 features=$2 profile=$3 target_dir=$4 level=$5 rustflags=${6:-}
  local envs=()
  [ -z "$rustflags" ] || envs=(RUSTFLAGS="${RUSTFLAGS:+$RUSTFLAGS }$rustflags")
  env "${envs[@]}" cargo build --lib --target wasm32-unknown-unknown --profile "$profile" \
    --no-default-features ${features:+--features "$features"} --target-dir "$target_dir"
  rm -rf "$out" && mkdir -p "$out"
  wasm-bindgen --target web --no-typescript --out-dir "$out" \
    "$target_dir/wasm32-unknown-unknown/$profile/cablescope.wasm"
  if [ -x "$wasm_opt" ]; then
    # Rust's wasm32 target emits these post-MVP features by default.
    local names=(--strip-debug)
    [ -z "${WASM_NAMES:-}" ] || names=(-g)
    "$wasm_opt" "$level" "${names[@]}" --strip-producers \
      --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
      --enable-mutable-globals --enable-reference-types --enable-multivalue --enable-simd \
      -o "$out/cablescope_bg.wasm" "$out/cablescope_bg.wasm"
  else
    echo "build-wasm: $wasm_opt missing (run scripts/setup.sh); shipping unoptimized wasm" >&2
  fi
  # Ship the declarations generated from the model (examples/gen_types.rs) with the package.
  cp "$root/www/cablescope.d.ts" "$out/cablescope.d.ts" 2>/dev/null || true
  echo "build-wasm: $out/cablescope_bg.wasm $(wc -c < "$out/cablescope_bg.wasm") bytes" \
    "($(gzip -9 -c "$out/cablescope_bg.wasm" | wc -c) gzipped)"
}

features="${WASM_FEATURES:-}"
if [ -n "$features" ] || [ -n "${WASM_OUT:-}" ]; then
  out="${WASM_OUT:-$root/www/pkg}"
  case "$(realpath -m "$out")" in
    "$(realpath -m "$root/www/pkg")" | "$(realpath -m "$root/www/pkg-batch")")
      if [ -n "$features" ]; then
        echo "build-wasm: refusing to write a WASM_FEATURES=$features build into $out (set WASM_OUT)" >&2
        exit 2
      fi ;;
  esac
  target_dir="${CARGO_TARGET_DIR:-$root/target/wasm-features/${features//[^A-Za-z0-9_-]/_}}"
  [ -n "$features" ] || target_dir="${CARGO_TARGET_DIR:-$root/target}"
  build_package "$out" "$features" wasm "$target_dir" -Oz
else
  build_package "$root/www/pkg" "" wasm "${CARGO_TARGET_DIR:-$root/target}" -Oz
  # With wasm SIMD (simd128): memchr's searches and the compiler's loops use it (www/batch/simd.js tells a browser
  # without it apart). Its own target directory, as other RUSTFLAGS would rebuild every crate of the others.
  build_package "$root/www/pkg-batch" batch wasm-batch "${CARGO_TARGET_DIR:-$root/target}/wasm-simd" -O3 \
    "-C target-feature=+simd128"
fi
