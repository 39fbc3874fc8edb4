#!/usr/bin/env bash
# Builds the real `aliyun` host (Go module github.com/aliyun/aliyun-cli/v3) from the Go module
# proxy only, once per machine, and prints the path of the `aliyun` binary on stdout.
#
#   scripts/real-host.sh            # the pinned version, or a newer tag when the proxy serves one
#   ALIYUN_HOST_VERSION=v3.4.11 scripts/real-host.sh
#
# How (README, "Under the real aliyun host"): a throwaway main module outside any git work tree
# requires the host at that version, repeats the host's jmespath `replace`, and replaces the
# API-metadata package, which the module zip lacks (a git submodule upstream), with the
# project's stand-in in scripts/real-host/aliyun-openapi-meta (an empty product catalogue).
# The binary is cached in ${XDG_CACHE_HOME:-$HOME/.cache}/rolling-update/aliyun-<version>/.
#
# Exit codes: 0 built or reused; 1 the build failed; 2 Go is missing or too old; 3 the module
# proxy cannot be reached or does not serve the host's module. Messages go to stderr.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

module=github.com/aliyun/aliyun-cli/v3
pinned=v3.4.11
say() { printf 'real-host: %s\n' "$*" >&2; }
fail() { # fail <code> <message...>
  local code=$1
  shift
  printf 'real-host: error: %s\n' "$*" >&2
  exit "$code"
}

command -v go >/dev/null 2>&1 ||
  fail 2 "Go is not installed (the host needs Go >= 1.23; on this machine kind it is /usr/local/go/bin/go)"
go_version=$(GOTOOLCHAIN=local go env GOVERSION 2>/dev/null || true)
case "$go_version" in
  go1.2[3-9]* | go1.[3-9][0-9]* | go[2-9]*) ;;
  *) fail 2 "Go ${go_version:-of unknown version} is too old: the host's go.mod declares go 1.23.0" ;;
esac

# Only the proxy: no `direct` fallback (nothing else is reachable), checksums from the sum DB.
export GOPROXY="${ALIYUN_HOST_GOPROXY:-https://proxy.golang.org}"
export GOTOOLCHAIN=local GOFLAGS=-mod=mod GONOSUMDB= GOPRIVATE=
export GOMODCACHE="${GOMODCACHE:-$(go env GOMODCACHE)}"

# The proxy's answer for the module's version list, verbatim on failure.
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
# A proxy may serve an exact version without listing any, so a failed list is not yet final.
versions=$(cd "$probe" && timeout 120 go list -m -versions "$module" 2>"$probe/err") || {
  say "the proxy did not list $module's versions ($(tr '\n' ' ' <"$probe/err")); trying $pinned"
  versions=""
}
newest=$(printf '%s\n' $versions | grep -E '^v[0-9]+\.[0-9]+\.[0-9]+$' | sort -V | tail -n 1 || true)
version=${ALIYUN_HOST_VERSION:-$pinned}
if [ -z "${ALIYUN_HOST_VERSION:-}" ] && [ -n "$newest" ] &&
  [ "$(printf '%s\n%s\n' "$pinned" "$newest" | sort -V | tail -n 1)" != "$pinned" ]; then
  say "the proxy serves $newest, newer than the pinned $pinned: building $newest"
  version=$newest
fi

cache="${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/rolling-update/aliyun-$version"
if [ -x "$cache/aliyun" ]; then
  say "reusing $cache/aliyun (aliyun-cli $version, built earlier)"
  printf '%s\n' "$cache/aliyun"
  exit 0
fi

# A throwaway main module outside any git work tree (so no VCS stamping, no parent go.mod).
work=$(mktemp -d "${TMPDIR:-/tmp}/rolling-update-real-host.XXXXXX")
trap 'rm -rf "$probe" "$work"' EXIT
cp -R "$here/real-host/aliyun-openapi-meta" "$work/aliyun-openapi-meta"
cat >"$work/go.mod" <<EOF
module rolling-update-real-host

go 1.23

require (
	$module $version
	$module/aliyun-openapi-meta v0.0.0
)

// The host's own go.mod has this replace; a main module must repeat it.
replace github.com/jmespath/go-jmespath => github.com/alibabacloud-go/go-jmespath v0.4.0-aliyun

// The module zip lacks this package (a git submodule upstream): the project's stand-in.
replace $module/aliyun-openapi-meta => ./aliyun-openapi-meta
EOF

say "installing aliyun-cli $version into $cache: module download from $GOPROXY into $GOMODCACHE"
say "(first build downloads the host's dependencies, the Alibaba Cloud Go SDK among them)"
start=$SECONDS
if ! (cd "$work" && timeout 1500 go mod download "$module@$version" 2>"$work/err"); then
  if grep -qiE '40[34]|not available|dial tcp|no such host|timeout|connection refused' "$work/err"; then
    fail 3 "the Go module proxy ($GOPROXY) did not serve $module@$version: $(tr '\n' ' ' <"$work/err")"
  fi
  fail 1 "downloading $module@$version failed: $(tr '\n' ' ' <"$work/err")"
fi
mkdir -p "$cache"
if ! (cd "$work" && timeout 1500 go build -trimpath \
  -ldflags "-s -w -X $module/cli.Version=${version#v}" \
  -o "$cache/aliyun.partial" "$module/main" 2>"$work/err"); then
  rm -f "$cache/aliyun.partial"
  if grep -qiE 'proxy|40[34]|not available|dial tcp|no such host' "$work/err"; then
    fail 3 "a dependency of $module@$version was not served by $GOPROXY: $(tr '\n' ' ' <"$work/err")"
  fi
  fail 1 "building $module@$version failed: $(tr '\n' ' ' <"$work/err")"
fi
mv "$cache/aliyun.partial" "$cache/aliyun"
say "built aliyun-cli $version in $((SECONDS - start)) s: $("$cache/aliyun" version 2>/dev/null | head -n 1)"
printf '%s\n' "$cache/aliyun"
