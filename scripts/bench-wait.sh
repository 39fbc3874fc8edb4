#!/usr/bin/env bash
# Benchmark (not a test): what following an update costs at 10, 100 and 1000 instances.
# For each size it starts the simulator (`rolling-update-sim --instances N`), starts a
# 10-batch image update, follows it with `wait` and then runs `status`, and reports from the
# simulator's request record, in simulated time: calls per poll, calls per simulated minute,
# the largest number of calls within one simulated second, the plugin's peak memory, and the
# time and call count of `status`.
#   scripts/bench-wait.sh [sizes...]      (default: 10 100 1000)
# Writes test-output/bench-wait.json. The simulator runs SPEED times faster than real time
# and `wait` polls SPEED times faster, so simulated seconds are what a real run would take;
# real latency is multiplied by SPEED in that time base (the figures read slightly slow).
set -euo pipefail
cd "$(dirname "$0")/.."

SPEED=${SPEED:-20}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10 100 1000)
command -v /usr/bin/time >/dev/null || { echo "bench-wait: needs GNU time (apt-get install time)" >&2; exit 2; }

cargo build -q --release -p aliyun-cli-rolling-update -p rolling-update-sim
bin=${CARGO_TARGET_DIR:-target}/release
out=test-output
mkdir -p "$out"
work=$(mktemp -d)
sim_pid=""
cleanup() { [ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

results=()
for n in "${sizes[@]}"; do
  "$bin/rolling-update-sim" --instances "$n" --speed "$SPEED" >"$work/sim.txt" &
  sim_pid=$!
  for _ in $(seq 100); do grep -q '^AccessKeySecret' "$work/sim.txt" 2>/dev/null && break; sleep 0.05; done
  endpoint=$(sed -n 's/^endpoint: *\([^ ]*\).*/\1/p' "$work/sim.txt")
  secret=$(sed -n 's/^AccessKeySecret: *\([^ ]*\).*/\1/p' "$work/sim.txt")
  group=$(sed -n 's/^scaling groups: *\([^ ]*\).*/\1/p' "$work/sim.txt")
  export ALIBABA_CLOUD_ACCESS_KEY_ID=SIMULATEDACCESSKEYID ALIBABA_CLOUD_ACCESS_KEY_SECRET="$secret"
  export ALIBABA_CLOUD_REGION_ID=cn-hangzhou ALIBABA_CLOUD_ENDPOINT="$endpoint" ALIBABA_CLOUD_CLI_VERSION=bench
  export ALIYUN_ROLLING_UPDATE_POLL_MS=$((5000 / SPEED))
  id=$("$bin/aliyun-cli-rolling-update" start --template image --scaling-group-id "$group" \
        --image-id m-bp1sim0new00000000001 --batch-number 10 -y --cli-query executionId 2>/dev/null)
  before=$(curl -s "$endpoint/_sim/requests" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["requests"]))')
  /usr/bin/time -f '%M' -o "$work/rss" "$bin/aliyun-cli-rolling-update" wait "$id" >/dev/null 2>"$work/wait.err"
  after_wait=$(curl -s "$endpoint/_sim/requests" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["requests"]))')
  t0=$(date +%s%N)
  "$bin/aliyun-cli-rolling-update" status "$id" >/dev/null 2>&1
  t1=$(date +%s%N)
  curl -s "$endpoint/_sim/requests" >"$work/requests.json"
  [ -n "${KEEP_REQUESTS:-}" ] && cp "$work/requests.json" "test-output/bench-requests-$n.json"
  cat >"$work/figures.py" <<'PY'
import json, sys
path, n, before, after, rss_kb, status_ms, speed = sys.argv[1:]
reqs = json.load(open(path))["requests"]
wait = [r for r in reqs[int(before):int(after)] if r["action"] in ("ListExecutions", "ListTaskExecutions")]
status = reqs[int(after):]
times = [r["simMs"] for r in wait]
# A poll: the calls that follow one another within half a tick (2.5 s simulated).
polls = 1 + sum(1 for a, b in zip(times, times[1:]) if b - a >= 2500)
span_min = (times[-1] - times[0]) / 60000 if len(times) > 1 else 1
burst = max(sum(1 for u in times[i:] if u < t + 1000) for i, t in enumerate(times))
print(json.dumps({
    "instances": int(n), "waitCalls": len(times), "polls": polls,
    "callsPerPoll": round(len(times) / polls, 2),
    "callsPerSimulatedMinute": round(len(times) / span_min, 1),
    "callsPer5s": round(len(times) / span_min / 12, 2),
    "largestBurstPerSecond": burst, "peakMemoryMB": round(int(rss_kb) / 1024, 1),
    "statusCalls": len(status), "statusMs": int(status_ms),
    "simulatedMinutes": round(span_min, 2), "speed": float(speed),
}))
PY
  results+=("$(python3 "$work/figures.py" "$work/requests.json" "$n" "$before" "$after_wait" \
    "$(cat "$work/rss")" "$(( (t1 - t0) / 1000000 ))" "$SPEED")")
  kill "$sim_pid" 2>/dev/null; wait "$sim_pid" 2>/dev/null || true; sim_pid=""
done
printf '%s\n' "${results[@]}" >"$work/rows.jsonl"
python3 - "$work/rows.jsonl" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
what = "wait and status over a simulated 10-batch image update (SIMULATION)"
json.dump({"what": what, "rows": rows}, open("test-output/bench-wait.json", "w"), indent=2)
cols = [("instances", "instances"), ("callsPerPoll", "calls/poll"),
        ("callsPerSimulatedMinute", "calls/sim-min"), ("callsPer5s", "calls/5s"),
        ("largestBurstPerSecond", "burst/s"), ("peakMemoryMB", "peak MB"),
        ("statusCalls", "status calls"), ("statusMs", "status ms")]
print("  ".join(h for _, h in cols))
for r in rows:
    print("  ".join(str(r[k]).rjust(len(h)) for k, h in cols))
PY
