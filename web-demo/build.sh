#!/usr/bin/env bash
# Builds the browser page's wasm into web-demo/pkg/ (wasm-bindgen --target web).
#
#   web-demo/build.sh               the page's build
#   web-demo/build.sh --nodejs DIR  also a Node.js build of the same wasm into DIR (for tests)
#
# Installs what it lacks, idempotently: the wasm32 target and the wasm-bindgen CLI at exactly
# the version of the wasm-bindgen crate in Cargo.lock. Nothing is downloaded but crates.
# Honours CARGO_TARGET_DIR. No wasm-opt: binaryen 108 (Debian) made the gzipped module larger
# here (155 KB against 150 KB), and gzip size is what the page pays.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
target_dir="${CARGO_TARGET_DIR:-$root/target}"
node_out=""
if [ "${1:-}" = "--nodejs" ]; then
  node_out="${2:?--nodejs needs a directory}"
fi

say() { printf '==> %s\n' "$*" >&2; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "installing the wasm32-unknown-unknown target"
  timeout 600 rustup target add wasm32-unknown-unknown
fi

# The CLI and the crate must match exactly, or wasm-bindgen refuses the module.
version="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' \
  "$root/Cargo.lock")"
[ -n "$version" ] || { echo "wasm-bindgen is not in Cargo.lock" >&2; exit 2; }
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }')" != "$version" ]; then
  say "installing wasm-bindgen-cli $version (no --locked: the mirror may lack a pinned dependency)"
  cargo install wasm-bindgen-cli --version "$version"
fi

say "cargo build -p rolling-update-wasm (release-wasm)"
cargo build --locked --manifest-path "$root/Cargo.toml" -p rolling-update-wasm \
  --target wasm32-unknown-unknown --profile release-wasm
wasm="$target_dir/wasm32-unknown-unknown/release-wasm/rolling_update_wasm.wasm"

bindgen() { # bindgen <target> <dir>
  rm -rf "$2"
  wasm-bindgen --target "$1" --no-typescript --remove-name-section --remove-producers-section \
    --out-dir "$2" "$wasm"
}

say "wasm-bindgen --target web -> web-demo/pkg"
bindgen web "$here/pkg"
if [ -n "$node_out" ]; then
  say "wasm-bindgen --target nodejs -> $node_out"
  bindgen nodejs "$node_out"
  # The glue is CommonJS; say so, whatever package.json encloses the directory.
  echo '{ "type": "commonjs" }' >"$node_out/package.json"
fi
