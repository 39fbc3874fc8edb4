#!/usr/bin/env bash
# Benchmarks (not tests: nothing here fails on a slow machine).
#  1. `render` and `validate` as whole processes, with hyperfine (median of many runs).
#  2. The core's validation against the jsonschema crate on the same payloads.
#  3. The browser page's size: wasm plus JS glue, gzip.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || {
  echo "==> installing hyperfine from Debian's packages"
  apt-get install -y -qq hyperfine >/dev/null
}
cargo build -q --release -p aliyun-cli-rolling-update
bin=target/release/aliyun-cli-rolling-update
echo "==> whole-process time (budget: 5 ms median)"
hyperfine -N --warmup 20 --runs 300 --export-json target/bench-process.json \
  "$bin validate --template image --file examples/image-invoke.json" \
  "$bin render --template image --scaling-group-id asg-bp18p2yfxow2dloq3k7e --image-id aliyun_3_x64_20G_alibase_20250629.vhd --batch-number 3 --shell powershell-legacy" \
  >/dev/null
python3 - <<'PY'
import json
for r in json.load(open("target/bench-process.json"))["results"]:
    verb = r["command"].split()[1]
    print(f"  {verb:<9} median {r['median']*1000:.2f} ms  (mean {r['mean']*1000:.2f} ms, {len(r['times'])} runs)")
PY
echo "==> core validation vs jsonschema (per payload)"
cargo bench -q -p rolling-update-tests 2>/dev/null | grep -v -e '^$' -e '^running 0 tests' -e '^test result'
if [ -f web-demo/pkg/rolling_update_wasm_bg.wasm ] || web-demo/build.sh >/dev/null 2>&1; then
  echo "==> the page's size (budget: 200 KB gzip)"
  web-demo/size.sh
fi
