#!/usr/bin/env bash
# Runs every cargo-fuzz target in fuzz/ for [seconds] each (default 60), one after the other,
# from the committed seeds in fuzz/corpus/<target>/ plus what earlier runs found in
# fuzz/corpus-grown/<target>/ (gitignored). Exits non-zero on the first crash, naming the target
# and the input that crashed it. Usage: scripts/fuzz.sh [seconds] [target...]
#   FUZZ_BUILD_ONLY=1 scripts/fuzz.sh    builds every target and runs none.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"

seconds="${1:-60}"
[ $# -gt 0 ] && shift
case "$seconds" in '' | *[!0-9]*) echo "fuzz.sh: seconds must be a whole number, got '$seconds'" >&2; exit 2 ;; esac

say() { printf '==> [fuzz %s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }

# cargo-fuzz, from crates.io, once.
if ! cargo fuzz --version >/dev/null 2>&1; then
  say "installing cargo-fuzz from crates.io (cargo install cargo-fuzz --locked)"
  timeout 900 cargo install cargo-fuzz --locked
fi

# A nightly toolchain when rustup has or can get one; else stable with RUSTC_BOOTSTRAP=1.
toolchain=()
if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  toolchain=(+nightly)
elif timeout 600 rustup toolchain install nightly --profile minimal >/dev/null 2>&1; then
  say "installed rustup's nightly toolchain (profile minimal)"
  toolchain=(+nightly)
else
  say "no nightly toolchain: building with stable and RUSTC_BOOTSTRAP=1"
  export RUSTC_BOOTSTRAP=1
fi

# No sanitizer: the fuzzed crates forbid unsafe code, so AddressSanitizer would find nothing
# and halve the executions. Debug assertions (overflow checks) stay on, as cargo-fuzz sets them.
fuzz=(cargo "${toolchain[@]}" fuzz)
opts=(--sanitizer none)

mapfile -t all < <("${fuzz[@]}" list)
targets=("${@:-${all[@]}}")
for t in "${targets[@]}"; do
  if ! printf '%s\n' "${all[@]}" | grep -qx "$t"; then
    echo "fuzz.sh: no fuzz target '$t' (targets: ${all[*]})" >&2
    exit 2
  fi
done

say "building ${#all[@]} targets"
"${fuzz[@]}" build "${opts[@]}"
if [ "${FUZZ_BUILD_ONLY:-0}" = 1 ]; then
  exit 0
fi

mkdir -p logs
for t in "${targets[@]}"; do
  mkdir -p "corpus-grown/$t" "artifacts/$t"
  log="logs/$t.log"
  say "$t for ${seconds}s (log fuzz/$log)"
  # -timeout: one input that takes 10 s is a finding too (a hang), not a slow run.
  if ! "${fuzz[@]}" run "${opts[@]}" "$t" "corpus-grown/$t" "corpus/$t" -- \
      -max_total_time="$seconds" -timeout=10 -print_final_stats=1 >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    artifact="$(grep -o 'Test unit written to [^ ]*' "$log" | tail -n 1 | sed 's/Test unit written to //')"
    echo "fuzz.sh: target $t FAILED; input: ${artifact:-fuzz/artifacts/$t/ (see fuzz/$log)}" >&2
    echo "fuzz.sh: reproduce with: cd fuzz && cargo ${toolchain[*]} fuzz run ${opts[*]} $t ${artifact:-<input>}" >&2
    exit 1
  fi
  runs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)"
  say "$t clean: ${runs:-?} executions in ${seconds}s"
done
say "every target ran clean"
