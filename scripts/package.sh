#!/usr/bin/env bash
# Builds dist/aliyun-cli-rolling-update-<os>-<arch>.tar.gz for `aliyun plugin install --package`:
# manifest.json and the binary (mode 0755) at the archive root, files listed explicitly (the
# host rejects a `./` entry). Prints the path of each archive it wrote on stdout.
#   scripts/package.sh [--target <rust target triple>] [--debug]
#       one archive, for this machine (or the target given)
#   scripts/package.sh --all [--debug]
#       every platform this machine can build: linux-amd64 (static, musl), linux-arm64
#       (static, musl) and windows-amd64 (mingw-w64), plus dist/SHA256SUMS. A platform whose
#       rustup target or C cross compiler is missing is skipped with a note on stderr; exit 1
#       when any was skipped. scripts/platforms-test.sh installs what they need.
set -euo pipefail
cd "$(dirname "$0")/.."

name=aliyun-cli-rolling-update
target=""
profile=release
all=0
usage="usage: scripts/package.sh [--target <triple>] [--debug] | --all [--debug]"
while [ $# -gt 0 ]; do
  case "$1" in
    --target)
      [ $# -ge 2 ] || { echo "$usage" >&2; exit 2; }
      target="$2"; shift 2 ;;
    --debug) profile=debug; shift ;;
    --all) all=1; shift ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
done
if [ "$all" = 1 ] && [ -n "$target" ]; then
  echo "scripts/package.sh: --all builds every target; it takes no --target" >&2
  exit 2
fi

# The triples of --all, in the order built, and the C compiler each needs for `ring`.
all_targets=(x86_64-unknown-linux-musl aarch64-unknown-linux-musl x86_64-pc-windows-gnu)
cross_cc() {
  case "$1" in
    x86_64-unknown-linux-musl) echo musl-gcc ;;
    aarch64-unknown-linux-musl) echo aarch64-linux-gnu-gcc ;;
    x86_64-pc-windows-gnu) echo x86_64-w64-mingw32-gcc ;;
  esac
}

platform_of() {
  case "$1" in
    x86_64-*linux*) echo linux-amd64 ;;
    aarch64-*linux*) echo linux-arm64 ;;
    x86_64-apple-darwin) echo darwin-amd64 ;;
    aarch64-apple-darwin) echo darwin-arm64 ;;
    x86_64-pc-windows-*) echo windows-amd64 ;;
    *) echo "scripts/package.sh: no aliyun platform name for target $1" >&2; return 2 ;;
  esac
}

version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p dist

# package <triple or empty for this machine>: builds and writes one archive, prints its path.
package() {
  local triple=$1 host platform exe built out
  host=$(rustc -vV | sed -n 's/^host: //p')
  platform=$(platform_of "${triple:-$host}")
  exe=$name
  case "$platform" in windows-*) exe=$name.exe ;; esac

  local args=(build -q -p "$name" --bin "$name")
  [ "$profile" = release ] && args+=(--release)
  [ -n "$triple" ] && args+=(--target "$triple")
  # Cross builds name their C compiler and linker here, not in a committed .cargo/config, so
  # that the ordinary build is never affected. Values already in the environment win.
  local cc triple_var env=()
  cc=$(cross_cc "$triple")
  if [ -n "$cc" ]; then
    triple_var=$(echo "$triple" | tr 'a-z-' 'A-Z_')
    env+=("CC_${triple//-/_}=$(printenv "CC_${triple//-/_}" || echo "$cc")")
    # x86_64 musl links with the target's own self-contained start files through `cc`.
    if [ "$triple" != x86_64-unknown-linux-musl ]; then
      env+=("CARGO_TARGET_${triple_var}_LINKER=$(printenv "CARGO_TARGET_${triple_var}_LINKER" || echo "$cc")")
    fi
  fi
  env "${env[@]}" cargo "${args[@]}"
  built=${CARGO_TARGET_DIR:-target}/${triple:+$triple/}$profile/$exe

  rm -rf "${stage:?}"/*
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
  out=dist/$name-$platform.tar.gz
  # Owned by root in the archive. GNU tar spells it --owner/--group; macOS's bsdtar --uid/--gid
  # (and COPYFILE_DISABLE keeps it from adding `._` metadata files).
  local owner=(--owner=0 --group=0)
  tar --version 2>/dev/null | grep -q 'GNU tar' || owner=(--uid 0 --gid 0)
  COPYFILE_DISABLE=1 tar -C "$stage" "${owner[@]}" -czf "$out" manifest.json "$exe"
  echo "$out"
}

if [ "$all" = 0 ]; then
  package "$target"
  exit 0
fi

# --all: what cannot be built here is said, not silently left out.
installed=$(rustup target list --installed 2>/dev/null || true)
built_archives=()
skipped=0
for triple in "${all_targets[@]}"; do
  cc=$(cross_cc "$triple")
  if ! grep -qx "$triple" <<<"$installed"; then
    echo "scripts/package.sh: skipping $(platform_of "$triple"): rustup target $triple is not installed (rustup target add $triple)" >&2
    skipped=1
    continue
  fi
  if ! command -v "$cc" >/dev/null 2>&1; then
    echo "scripts/package.sh: skipping $(platform_of "$triple"): C compiler $cc not found (scripts/platforms-test.sh --setup installs it)" >&2
    skipped=1
    continue
  fi
  built_archives+=("$(package "$triple")")
done
echo "scripts/package.sh: macOS (darwin-amd64, darwin-arm64) cannot be built on Linux; see the README's install section" >&2
if [ ${#built_archives[@]} -gt 0 ]; then
  sum=(sha256sum)
  have_sha256sum=$(command -v sha256sum || true)
  [ -n "$have_sha256sum" ] || sum=(shasum -a 256)
  (cd dist && "${sum[@]}" "${built_archives[@]#dist/}") > dist/SHA256SUMS
  printf '%s\n' "${built_archives[@]}" dist/SHA256SUMS
fi
exit "$skipped"
