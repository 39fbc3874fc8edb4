#!/usr/bin/env bash
# Builds dist/aliyun-cli-rolling-update-<os>-<arch>.tar.gz for `aliyun plugin install --package`:
# manifest.json and the binary (mode 0755) at the archive root, files listed explicitly (the
# host rejects a `./` entry).
#   scripts/package.sh [--target <rust target triple>] [--debug]
set -euo pipefail
cd "$(dirname "$0")/.."

name=aliyun-cli-rolling-update
target=""
profile=release
while [ $# -gt 0 ]; do
  case "$1" in
    --target) target="$2"; shift 2 ;;
    --debug) profile=debug; shift ;;
    *) echo "usage: scripts/package.sh [--target <triple>] [--debug]" >&2; exit 2 ;;
  esac
done

triple=${target:-$(rustc -vV | sed -n 's/^host: //p')}
case "$triple" in
  x86_64-*linux*) platform=linux-amd64 ;;
  aarch64-*linux*) platform=linux-arm64 ;;
  x86_64-apple-darwin) platform=darwin-amd64 ;;
  aarch64-apple-darwin) platform=darwin-arm64 ;;
  x86_64-pc-windows-*) platform=windows-amd64 ;;
  *) echo "no aliyun platform name for $triple" >&2; exit 2 ;;
esac
exe=$name
case "$platform" in windows-*) exe=$name.exe ;; esac

args=(build -q -p "$name")
[ "$profile" = release ] && args+=(--release)
[ -n "$target" ] && args+=(--target "$target")
cargo "${args[@]}"
built=${CARGO_TARGET_DIR:-target}/${target:+$target/}$profile/$exe

version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cat > "$stage/manifest.json" <<JSON
{
  "name": "$name",
  "version": "$version",
  "command": "rolling-update",
  "shortDescription": "Rolling updates of Auto Scaling groups, run by OOS",
  "description": "Validate, render, start, follow, approve, cancel and roll back ESS rolling updates (OOS templates ACS-ESS-RollingUpdateBy*), with shell-exact commands and a local simulator.",
  "bin": { "path": "$exe" },
  "cmdNames": ["start", "status", "wait", "approve", "cancel", "rollback", "list", "plan", "doctor", "render", "validate", "schema", "demo", "version"],
  "profileRequired": false
}
JSON
install -m 0755 "$built" "$stage/$exe"
mkdir -p dist
out=dist/$name-$platform.tar.gz
tar -C "$stage" --owner=0 --group=0 -czf "$out" manifest.json "$exe"
echo "$out"
