#!/usr/bin/env bash
# Builds the plugin for every platform this machine can build (scripts/package.sh --all) and
# runs each archive's binary, not only builds it:
#   linux-amd64   (static, musl)  inside a minimal debootstrap chroot of Debian 11 (bullseye,
#                                 glibc 2.31), and its offline verbs in a chroot with no libc
#   linux-arm64   (static, musl)  under qemu-user (qemu-aarch64-static)
#   windows-amd64 (mingw-w64)     under Wine (wine64), from the folder the host installs
#                                 plugins into, with credentials from %USERPROFILE%\.aliyun\config.json
# Each runs the offline verbs (version, validate, render for every shell, schema,
# plan --instances), whose stdout must be byte-identical across the three, and one end-to-end
# rolling update against the simulator on 127.0.0.1 (a SIMULATION: start --wait to the
# first-batch pause, approve, wait to success, then the simulator's own state is checked).
#   scripts/platforms-test.sh            install what is missing, build, run
#   scripts/platforms-test.sh --setup    only install what is missing
# Installs (idempotent): rustup targets x86_64-unknown-linux-musl, aarch64-unknown-linux-musl,
# x86_64-pc-windows-gnu; Debian's musl-tools, gcc-aarch64-linux-gnu, libc6-dev-arm64-cross,
# gcc-mingw-w64-x86-64, qemu-user-static, debootstrap, wine64. The chroot is cached in
# $ROLLING_UPDATE_PLATFORMS_CACHE (default /var/cache/aliyun-cli-rolling-update). Needs root
# (apt-get, chroot).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

say() { printf '\n==> [platforms %ss] %s\n' "$SECONDS" "$*"; }
fail() {
  printf 'platforms-test: FAILED: %s\n' "$*" >&2
  exit 1
}
have() { command -v "$1" >/dev/null 2>&1; }

cache=${ROLLING_UPDATE_PLATFORMS_CACHE:-/var/cache/aliyun-cli-rolling-update}
release=bullseye
name=aliyun-cli-rolling-update
targets=(x86_64-unknown-linux-musl aarch64-unknown-linux-musl x86_64-pc-windows-gnu)

# Nothing from the caller's environment may reach the runs: no credentials, no proxy for
# 127.0.0.1, no region.
for var in $(env | sed -n 's/^\(ALIBABA_CLOUD_[A-Z_]*\|ALIBABACLOUD_[A-Z_]*\|ALICLOUD_[A-Z_]*\)=.*/\1/p'); do
  unset "$var"
done
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY

wine_bin() {
  if have wine64; then command -v wine64; else echo /usr/lib/wine/wine64; fi
}

setup() {
  if [ "$(id -u)" != 0 ]; then
    fail "needs root: apt-get installs and chroot (run as root, as CI does)"
  fi
  local missing=() t
  for t in "${targets[@]}"; do
    rustup target list --installed | grep -qx "$t" || missing+=("$t")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing rustup targets ${missing[*]}"
    timeout 600 rustup target add "${missing[@]}"
  fi
  local debs=()
  have musl-gcc || debs+=(musl-tools)
  have aarch64-linux-gnu-gcc || debs+=(gcc-aarch64-linux-gnu)
  # `ring`'s C code includes <stdint.h>, which the cross compiler takes from these headers.
  [ -e /usr/aarch64-linux-gnu/include/stdint.h ] || debs+=(libc6-dev-arm64-cross)
  have x86_64-w64-mingw32-gcc || debs+=(gcc-mingw-w64-x86-64)
  have qemu-aarch64-static || debs+=(qemu-user-static)
  have debootstrap || debs+=(debootstrap)
  [ -x "$(wine_bin)" ] || debs+=(wine64)
  if [ ${#debs[@]} -gt 0 ]; then
    say "installing ${debs[*]} from Debian's packages"
    timeout 600 apt-get update -qq
    DEBIAN_FRONTEND=noninteractive timeout 1200 \
      apt-get install -y -qq --no-install-recommends "${debs[@]}" >/dev/null
  fi
}

# The Debian mirror this machine's apt uses (its sources), for debootstrap.
mirror() {
  local m
  m=$(grep -hs -E '^(URIs:|deb) ' /etc/apt/sources.list /etc/apt/sources.list.d/* 2>/dev/null |
    grep -oE 'https?://[^ ]*/debian/?( |$)' | head -n 1 | tr -d ' ')
  echo "${m:-http://deb.debian.org/debian}"
}

# Prints the root of the cached Debian $release chroot, making it once; prints nothing when
# the mirror does not serve the release (the caller then uses a root with no libc).
older_debian_root() {
  local dir=$cache/debian-$release-minbase m
  if [ ! -e "$dir/.complete" ]; then
    m=$(mirror)
    say "debootstrap --variant=minbase $release from $m (once; cached in $dir)" >&2
    mkdir -p "$cache"
    rm -rf "$dir.tmp"
    if timeout 1200 debootstrap --variant=minbase "$release" "$dir.tmp" "$m" \
      >"$cache/debootstrap-$release.log" 2>&1; then
      rm -rf "$dir"
      mv "$dir.tmp" "$dir"
      touch "$dir/.complete"
    else
      echo "platforms-test: debootstrap of $release failed (log: $cache/debootstrap-$release.log)" >&2
      rm -rf "$dir.tmp"
      return 0
    fi
  fi
  echo "$dir"
}

# --- the runs ------------------------------------------------------------------------------
work=""
sim_pid=""
chroot_dirs=()
cleanup() {
  if [ -n "$sim_pid" ]; then kill "$sim_pid" 2>/dev/null || true; fi
  if [ -n "$work" ] && [ -d "$work/wine" ]; then
    WINEPREFIX=$work/wine "$(dirname "$(wine_bin)")/wineserver" -k 2>/dev/null || true
  fi
  local d
  for d in "${chroot_dirs[@]}"; do rm -rf "$d"; done
  if [ -n "$work" ]; then rm -rf "$work"; fi
}

# run <platform> <args...>: runs that platform's binary, with the environment given through
# RUN_ENV (an array of NAME=value) and stdin from the caller.
RUN_ENV=()
run() {
  local platform=$1
  shift
  case "$platform" in
    linux-amd64)
      env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root "${RUN_ENV[@]}" \
        chroot "$amd64_root" "/$amd64_sub/$name" "$@" ;;
    linux-arm64)
      env -i PATH=/usr/bin:/bin HOME="$work/arm64-home" "${RUN_ENV[@]}" \
        qemu-aarch64-static "$work/linux-arm64/$name" "$@" ;;
    windows-amd64)
      env -i PATH=/usr/bin:/bin HOME="$work/wine-home" USER=root WINEPREFIX="$work/wine" \
        WINEDEBUG=-all "${RUN_ENV[@]}" "$(wine_bin)" "$win_exe" "$@" ;;
  esac
}

# The folder holding the inputs, as that platform's binary sees it.
inputs_of() {
  case "$1" in
    linux-amd64) echo "/$amd64_sub/inputs" ;;
    linux-arm64) echo "$work/inputs" ;;
    windows-amd64) echo 'C:\rolling-update-inputs' ;;
  esac
}
sep_of() { if [ "$1" = windows-amd64 ]; then echo '\'; else echo /; fi; }

# check <platform> <label> <expected exit> <args...>: runs, keeps stdout/stderr, checks the code.
# Stdin is CHECK_STDIN (a file on this machine), else empty.
check() {
  local platform=$1 label=$2 want=$3 rc=0
  shift 3
  local out=$work/out/$platform
  mkdir -p "$out"
  run "$platform" "$@" >"$out/$label.out" 2>"$out/$label.err" <"${CHECK_STDIN:-/dev/null}" || rc=$?
  if [ "$rc" != "$want" ]; then
    sed 's/^/    stderr: /' "$out/$label.err" | head -n 20 >&2
    fail "$platform: $label exited $rc, expected $want ($*)"
  fi
}

offline_verbs() {
  local p=$1 in s
  in=$(inputs_of "$p")
  s=$(sep_of "$p")
  check "$p" version 0 version
  grep -qx "$name $version" "$work/out/$p/version.out" ||
    fail "$p: version printed '$(cat "$work/out/$p/version.out")', expected '$name $version'"
  # Read from that platform's path (its output names the path, so it is not compared) and from
  # stdin (compared byte for byte).
  check "$p" validate-ok-path 0 validate --template image --file "$in${s}image-invoke.json"
  check "$p" validate-bad-path 1 validate --template image --file "$in${s}bad.json"
  CHECK_STDIN=$work/inputs/image-invoke.json check "$p" validate-ok 0 validate --template image --file -
  CHECK_STDIN=$work/inputs/bad.json check "$p" validate-bad 1 validate --template image --file -
  grep -q batchNumber "$work/out/$p/validate-bad.err" ||
    fail "$p: validate of a bad batchNumber did not name it: $(cat "$work/out/$p/validate-bad.err")"
  local shell
  for shell in bash fish powershell powershell-legacy cmd; do
    check "$p" "render-$shell" 0 render --template command \
      --scaling-group-id asg-bp1platforms000000001 --invoke-script-file "$in${s}script.sh" \
      --batch-number 2 --region cn-hangzhou --shell "$shell"
    check "$p" "render-plugin-$shell" 0 render --plugin --template image \
      --scaling-group-id asg-bp1platforms000000001 --image-id 'm-bp1new"100%^&|<>()' \
      --batch-number 3 --shell "$shell"
  done
  check "$p" schema 0 schema --template package
  check "$p" plan 0 plan --instances 7 --batch-number 3 --batch-pause-option EveryBatchPause
}

# A fresh simulator per platform (one update per group): sets sim_port.
sim_secret=platforms-test-$RANDOM$RANDOM$RANDOM
start_sim() {
  "$repo/target/debug/rolling-update-sim" --speed 50 --access-key-secret "$sim_secret" \
    >"$work/sim.log" 2>&1 &
  sim_pid=$!
  local i
  for i in $(seq 1 100); do
    sim_port=$(sed -n 's|^endpoint: *http://127.0.0.1:\([0-9]*\).*|\1|p' "$work/sim.log")
    [ -n "$sim_port" ] && return 0
    sleep 0.1
  done
  fail "the simulator printed no endpoint: $(cat "$work/sim.log")"
}
stop_sim() {
  kill "$sim_pid" 2>/dev/null || true
  wait "$sim_pid" 2>/dev/null || true
  sim_pid=""
}

# One rolling update end to end, with the argv the `aliyun` host passes (command word first).
end_to_end() {
  local p=$1 group=asg-bp1sim0demo0000000001 image=m-bp1platforms0000000001
  start_sim
  local endpoint=(--endpoint "http://127.0.0.1:$sim_port" --region cn-hangzhou)
  RUN_ENV+=(ALIYUN_ROLLING_UPDATE_POLL_MS=200)
  check "$p" e2e-start 5 rolling-update start "${endpoint[@]}" --template image \
    --scaling-group-id "$group" --image-id "$image" --batch-number 3 \
    --batch-pause-option FirstBatchPause --wait -y
  local id
  id=$(grep -o '"executionId": *"exec-[0-9a-f]*"' "$work/out/$p/e2e-start.out" | head -n 1 |
    grep -o 'exec-[0-9a-f]*') || fail "$p: start printed no execution id"
  check "$p" e2e-approve 0 rolling-update approve "$id" "${endpoint[@]}" -y
  check "$p" e2e-wait 0 rolling-update wait "$id" "${endpoint[@]}"
  grep -q '"status": *"Success"' "$work/out/$p/e2e-wait.out" ||
    fail "$p: wait did not end in Success: $(tail -c 400 "$work/out/$p/e2e-wait.out")"
  # The simulator's own view: every instance of the group now runs the new image.
  python3 - "$sim_port" "$group" "$image" "$p" <<'PY' || fail "$p: the simulator's state disagrees"
import json, sys, urllib.request
port, group, image, platform = sys.argv[1:]
state = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/_sim/state", timeout=10))
images = [i["imageId"] for i in state["Instances"] if i["scalingGroupId"] == group]
if not images or any(i != image for i in images):
    sys.exit(f"{platform}: instances of {group} run {images}, expected all on {image}")
print(f"    {platform}: {len(images)} instances of {group} now on {image} (simulation)")
PY
  stop_sim
}

main() {
  if [ "${1:-}" = --setup ]; then
    setup
    return
  fi
  [ $# -eq 0 ] || fail "usage: scripts/platforms-test.sh [--setup]"
  setup
  work=$(mktemp -d /tmp/rolling-update-platforms.XXXXXX)
  trap cleanup EXIT
  version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)

  say "scripts/package.sh --all (release builds for ${targets[*]})"
  scripts/package.sh --all >"$work/archives" || fail "scripts/package.sh --all did not build every platform"
  local p
  for p in linux-amd64 linux-arm64 windows-amd64; do
    grep -qx "dist/$name-$p.tar.gz" "$work/archives" || fail "no archive for $p"
    mkdir -p "$work/$p"
    tar -xzf "dist/$name-$p.tar.gz" -C "$work/$p"
  done
  (cd dist && sha256sum --quiet -c SHA256SUMS) || fail "dist/SHA256SUMS does not match the archives"
  cargo build -q --locked -p rolling-update-sim

  say "the Linux binaries are static"
  for p in linux-amd64 linux-arm64; do
    local described
    described=$(file -b "$work/$p/$name")
    case "$described" in
      *"statically linked"* | *"static-pie linked"*) echo "    $p: $described" ;;
      *) fail "$p binary is not static: $described" ;;
    esac
    # ldd of a static binary says so (or, for another architecture, that it is not dynamic).
    if ldd "$work/$p/$name" >/dev/null 2>&1; then
      ldd "$work/$p/$name" 2>&1 | grep -q "statically linked" ||
        fail "$p: ldd lists libraries: $(ldd "$work/$p/$name" 2>&1)"
    fi
  done

  # The inputs every platform reads (validate's payloads, render's script).
  mkdir -p "$work/inputs"
  cp examples/image-invoke.json "$work/inputs/"
  printf '{"scalingGroupId":"asg-bp1platforms000000001","imageId":"m-x","batchNumber":0}' \
    >"$work/inputs/bad.json"
  printf '%s\n' '#!/bin/sh' 'echo "100% done" & echo ^caret | tee out.txt > /dev/null' \
    "printf '%s\\n' \"\$HOME\" \`date\` ünïcødé" >"$work/inputs/script.sh"

  say "linux-amd64: static binary in a Debian $release chroot"
  amd64_root=$(older_debian_root)
  if [ -n "$amd64_root" ]; then
    local glibc
    glibc=$(chroot "$amd64_root" /usr/bin/ldd --version 2>/dev/null | head -n 1 || true)
    echo "    chroot: $amd64_root (Debian $(cat "$amd64_root/etc/debian_version"); $glibc)"
  else
    echo "    the mirror serves no $release: using a chroot with no libc at all"
    amd64_root=$work/bare-root
    mkdir -p "$amd64_root"
  fi
  amd64_sub=opt/rolling-update-platforms-$$
  mkdir -p "$amd64_root/$amd64_sub"
  chroot_dirs+=("$amd64_root/$amd64_sub")
  cp "$work/linux-amd64/$name" "$amd64_root/$amd64_sub/"
  cp -r "$work/inputs" "$amd64_root/$amd64_sub/"
  RUN_ENV=()
  offline_verbs linux-amd64
  RUN_ENV=("${linux_credentials[@]}")
  end_to_end linux-amd64

  say "linux-amd64: offline verbs in a chroot holding only the binary and its inputs (no libc)"
  local bare=$work/no-libc-root saved_root=$amd64_root
  mkdir -p "$bare/$amd64_sub"
  cp "$work/linux-amd64/$name" "$bare/$amd64_sub/"
  cp -r "$work/inputs" "$bare/$amd64_sub/"
  amd64_root=$bare
  RUN_ENV=()
  check linux-amd64 no-libc-version 0 version
  check linux-amd64 no-libc-validate 0 validate --template image --file "/$amd64_sub/inputs/image-invoke.json"
  check linux-amd64 no-libc-render-cmd 0 render --template command \
    --scaling-group-id asg-bp1platforms000000001 --invoke-script-file "/$amd64_sub/inputs/script.sh" \
    --batch-number 2 --region cn-hangzhou --shell cmd
  cmp -s "$work/out/linux-amd64/no-libc-render-cmd.out" "$work/out/linux-amd64/render-cmd.out" ||
    fail "linux-amd64: render differs between the no-libc root and the Debian $release chroot"
  amd64_root=$saved_root

  say "linux-arm64: static binary under qemu-user"
  mkdir -p "$work/arm64-home"
  RUN_ENV=()
  offline_verbs linux-arm64
  RUN_ENV=("${linux_credentials[@]}")
  end_to_end linux-arm64

  say "windows-amd64: $name.exe under Wine, installed where the host puts plugins"
  windows_prepare
  RUN_ENV=()
  offline_verbs windows-amd64
  windows_end_to_end

  say "every platform's offline output is byte-identical to the static linux-amd64 binary's"
  local f label
  for p in linux-arm64 windows-amd64; do
    for f in "$work/out/linux-amd64"/*.out; do
      label=$(basename "$f" .out)
      case "$label" in e2e-* | no-libc-* | *-path) continue ;; esac
      cmp -s "$f" "$work/out/$p/$label.out" || {
        diff <(od -c "$f") <(od -c "$work/out/$p/$label.out") | head -n 20 >&2
        fail "$p: stdout of $label differs from linux-amd64's"
      }
    done
    echo "    $p: identical (version, validate, render x10, schema, plan)"
  done
  say "platforms: every archive built and ran"
}

# The Linux runs take the simulator's test key from the environment, as the host hands it over.
linux_credentials=(ALIBABA_CLOUD_ACCESS_KEY_ID=SIMULATEDACCESSKEYID
  "ALIBABA_CLOUD_ACCESS_KEY_SECRET=$sim_secret")

# A Wine prefix of the test's own; the archive unpacked where the host installs plugins on
# Windows (%USERPROFILE%\.aliyun\plugins\<name>); sets win_exe and wine_user_dir.
windows_prepare() {
  mkdir -p "$work/wine-home"
  env -i PATH=/usr/bin:/bin HOME="$work/wine-home" USER=root WINEPREFIX="$work/wine" \
    WINEDEBUG=-all timeout 300 "$(wine_bin)" wineboot --init >"$work/wineboot.log" 2>&1 || true
  [ -d "$work/wine/drive_c/windows/system32" ] ||
    fail "Wine made no prefix: $(tail -n 5 "$work/wineboot.log")"
  x86_64-w64-mingw32-gcc -O2 -shared -s -o "$work/wine/drive_c/windows/system32/bcryptprimitives.dll" \
    scripts/platforms/bcryptprimitives.c -lbcrypt
  local user
  user=$(ls "$work/wine/drive_c/users" | grep -vx Public | head -n 1)
  [ -n "$user" ] || fail "the Wine prefix has no user profile folder"
  wine_user_dir=$work/wine/drive_c/users/$user
  local plugin_dir=$wine_user_dir/.aliyun/plugins/$name
  mkdir -p "$plugin_dir"
  tar -xzf "dist/$name-windows-amd64.tar.gz" -C "$plugin_dir"
  win_exe="C:\\users\\$user\\.aliyun\\plugins\\$name\\$name.exe"
  cp -r "$work/inputs" "$work/wine/drive_c/rolling-update-inputs"
  local profile
  profile=$(env -i PATH=/usr/bin:/bin HOME="$work/wine-home" USER=root WINEPREFIX="$work/wine" \
    WINEDEBUG=-all "$(wine_bin)" cmd /c 'echo %USERPROFILE%' | tr -d '\r')
  echo "    Wine prefix $work/wine; %USERPROFILE% is $profile; plugin at $win_exe"
}

# The credentials come from %USERPROFILE%\.aliyun\config.json alone (none in the environment).
windows_end_to_end() {
  local config=$wine_user_dir/.aliyun/config.json
  printf '{"current":"default","profiles":[{"name":"default","mode":"AK","access_key_id":"SIMULATEDACCESSKEYID","access_key_secret":"%s","region_id":"cn-hangzhou"}]}' \
    "$sim_secret" >"$config"
  RUN_ENV=()
  end_to_end windows-amd64
  # A broken config.json is reported with its Windows path.
  printf '{"current": ' >"$config"
  local rc=0 err=$work/out/windows-amd64/broken-config.err
  run windows-amd64 rolling-update list --endpoint http://127.0.0.1:9 --region cn-hangzhou \
    >/dev/null 2>"$err" </dev/null || rc=$?
  [ "$rc" != 0 ] || fail "windows-amd64: a broken config.json was not reported"
  grep -qF '\.aliyun\config.json' "$err" ||
    fail "windows-amd64: the broken config.json error does not name its Windows path: $(cat "$err")"
  echo "    windows-amd64: a broken config.json is named: $(grep -F 'config.json' "$err" | head -n 1)"
}

main "$@"
