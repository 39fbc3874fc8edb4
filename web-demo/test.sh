#!/usr/bin/env bash
# Every test of the browser page: builds the wasm (web and Node builds) and the CLI, runs the
# wasm API tests under Node, then the page under Debian's Chromium, comparing its commands with
# the CLI's `render`. Installs what it lacks, idempotently: the wasm target and the
# wasm-bindgen CLI (via build.sh), Chromium from Debian, and the npm packages (npm ci).
# Honours CARGO_TARGET_DIR. Screenshots go to test-output/.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
tests="$here/tests"

say() { printf '\n==> %s\n' "$*" >&2; }

if [ ! -x /usr/bin/chromium ]; then
  say "installing chromium from Debian's packages"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

say "building the wasm (web-demo/pkg and a Node.js build)"
"$here/build.sh" --nodejs "$tests/pkg-node"
"$here/size.sh"

say "building the CLI (for its render verb)"
cargo build --locked --manifest-path "$root/Cargo.toml" -p aliyun-cli-rolling-update

say "wasm API tests (node --test)"
node --test "$tests/api.test.mjs"

say "npm ci (playwright-core, axe-core; no browser download)"
(cd "$tests" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --silent)

say "browser tests (Chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{ print $2 }'))"
CLI_BIN="$CARGO_TARGET_DIR/debug/aliyun-cli-rolling-update" \
  node --test --test-concurrency=1 "$tests/page.test.mjs"
say "web-demo: all tests passed"
