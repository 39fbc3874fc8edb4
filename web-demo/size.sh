#!/usr/bin/env bash
# Prints the gzip size (level 9) of the page's wasm and its JS glue in web-demo/pkg/, and fails
# when the sum is over the 200 KB budget. Run web-demo/build.sh first.
set -euo pipefail
pkg="$(cd "$(dirname "$0")" && pwd)/pkg"
limit=$((200 * 1024))
total=0
for f in "$pkg/rolling_update_wasm_bg.wasm" "$pkg/rolling_update_wasm.js"; do
  [ -f "$f" ] || { echo "missing $f: run web-demo/build.sh first" >&2; exit 2; }
  size=$(gzip -9c "$f" | wc -c)
  printf '%8d bytes gzip  %s\n' "$size" "${f#"$pkg"/}"
  total=$((total + size))
done
printf '%8d bytes gzip  total (budget %d)\n' "$total" "$limit"
if [ "$total" -gt "$limit" ]; then
  echo "over budget by $((total - limit)) bytes" >&2
  exit 1
fi
