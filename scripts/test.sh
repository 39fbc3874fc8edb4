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

# Chromium, the wasm-bindgen CLI, playwright-core and the wasm32 target for the browser tests
# are installed by web-demo/test.sh, which main() calls.

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
  platforms
  say "all checks passed"
}

main "$@"
