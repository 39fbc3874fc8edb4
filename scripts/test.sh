#!/usr/bin/env bash
# The project's one test command: sets up what a fresh machine lacks (idempotent, and says
# what it installs), then runs the format check, clippy with -D warnings, every test and the
# wasm build. `.ci/run` calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\n==> [%ss] %s\n' "$SECONDS" "$*"; }

# --- set-up --------------------------------------------------------------------------------
apt_updated=0
need_deb() { # need_deb <command> <package>
  if ! command -v "$1" >/dev/null 2>&1; then
    if [ "$apt_updated" = 0 ]; then
      say "apt-get update"
      apt-get update -qq
      apt_updated=1
    fi
    say "installing $2 (for $1) from Debian's packages"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
  fi
}

setup() {
  for component in rustfmt clippy; do
    if ! rustup component list --installed 2>/dev/null | grep -q "^$component"; then
      say "installing rustup component $component"
      rustup component add "$component"
    fi
  done
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "installing the wasm32-unknown-unknown target"
    timeout 600 rustup target add wasm32-unknown-unknown
  fi
  # Real shells for the quoting tests (bash and dash ship with Debian).
  need_deb zsh zsh
  need_deb fish fish
}

# The real `aliyun` host for tests/integration/real_host.rs: built once per machine from the Go
# module proxy (scripts/real-host.sh caches it by version), its path exported. Where the proxy
# does not serve the host (exit 3) or Go is missing (exit 2), says so loudly and lets the tests
# run against the host stand-in; any other failure stops the run.
real_host() {
  say "the real aliyun host (scripts/real-host.sh: Go module proxy, cached by version)"
  local path code=0 log
  log=$(mktemp)
  path=$(timeout 1800 bash scripts/real-host.sh 2>"$log") || code=$?
  cat "$log" >&2
  case "$code" in
    0) export ALIYUN_REAL_HOST="$path"
       say "real host: $ALIYUN_REAL_HOST ($("$path" version 2>/dev/null | head -n 1))" ;;
    2 | 3) export ALIYUN_REAL_HOST_UNAVAILABLE
       ALIYUN_REAL_HOST_UNAVAILABLE=$(tr '\n' ' ' <"$log")
       say "WARNING: THE REAL aliyun HOST CANNOT BE BUILT HERE (exit $code, above); the host tests run against the project's stand-in (tests/src/bin/host_standin.rs)" ;;
    *) rm -f "$log"
       echo "scripts/real-host.sh failed (exit $code)" >&2
       return 1 ;;
  esac
  rm -f "$log"
}

# Chromium, the wasm-bindgen CLI, playwright-core and the wasm32 target for the browser tests
# are installed by web-demo/test.sh, which main() calls.

# The schemas in the editors' own language services (editors/test/): VS Code's JSON language
# service and the YAML language server, both from the npm registry, with the plugin's `validate`
# as a second judge. npm installs from the committed package-lock.json (`npm ci`) only when
# node_modules is missing or older than the lock, so later runs install nothing.
editors() {
  say "editors: the schemas in vscode-json-languageservice and yaml-language-server (editors/test)"
  local dir=editors/test
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules" ]; then
    say "installing the editor tests' npm packages (npm ci, from editors/test/package-lock.json)"
    (cd "$dir" && timeout 600 npm ci --no-audit --no-fund)
    touch "$dir/node_modules"
  else
    say "editor tests' npm packages already installed (editors/test/node_modules)"
  fi
  cargo build --locked -q -p aliyun-cli-rolling-update
  (cd "$dir" && PLUGIN_BIN="$PWD/../../target/debug/aliyun-cli-rolling-update" timeout 600 node --test)
}

# Fuzzing (fuzz/, its own workspace): scripts/fuzz.sh installs cargo-fuzz from crates.io and
# rustup's nightly toolchain when they are missing (else it builds on stable with
# RUSTC_BOOTSTRAP=1), builds every target, then runs each for FUZZ_SECONDS (default 15) from the
# committed seeds. A crash fails the step and names the target and the input.
fuzz() {
  say "fuzz targets: build all, run each ${FUZZ_SECONDS:-15}s"
  scripts/fuzz.sh "${FUZZ_SECONDS:-15}"
}

# Every platform's archive built and then run: static Linux amd64 in an older Debian's chroot,
# static Linux arm64 under qemu-user, Windows under Wine. The script installs what it needs
# (rustup targets, cross compilers, qemu, debootstrap, Wine) and caches the chroot.
platforms() {
  say "platforms: linux-amd64, linux-arm64 and windows-amd64 archives, each run (scripts/platforms-test.sh)"
  scripts/platforms-test.sh
}

# --- checks --------------------------------------------------------------------------------
main() {
  setup
  real_host
  say "cargo fmt --check"
  cargo fmt --all --check
  say "cargo clippy --all-targets -- -D warnings"
  cargo clippy --workspace --all-targets --locked -- -D warnings
  say "cargo test"
  cargo test --workspace --locked
  say "the core builds for wasm32-unknown-unknown"
  cargo build --locked -p rolling-update-core --target wasm32-unknown-unknown
  say "the browser page: wasm API under Node, then Chromium"
  web-demo/test.sh
  editors
  fuzz
  platforms
  say "all checks passed"
}

main "$@"
