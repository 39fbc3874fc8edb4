#!/usr/bin/env bash
# Rewrites schemas/*.schema.json (English) and schemas/zh-CN/*.schema.json (Simplified
# Chinese) from the core's model. CI never runs this: a test fails with a diff when a committed
# file is stale.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build -q -p aliyun-cli-rolling-update
bin=./target/debug/aliyun-cli-rolling-update
for lang in en zh-CN; do
  dir=schemas
  [ "$lang" = en ] || dir="schemas/$lang"
  mkdir -p "$dir"
  for t in image command package file oss-file container; do
    name=$("$bin" schema --template "$t" | sed -n 's/^  "title": "\(.*\)",$/\1/p')
    "$bin" schema --template "$t" --language "$lang" > "$dir/$name.schema.json"
    echo "wrote $dir/$name.schema.json"
  done
  "$bin" schema --template update-file --language "$lang" > "$dir/rolling-update.update-file.schema.json"
  echo "wrote $dir/rolling-update.update-file.schema.json"
  # The instance refresh (--template refresh) has its own table and schema.
  "$bin" schema --template refresh --language "$lang" > "$dir/instance-refresh.schema.json"
  echo "wrote $dir/instance-refresh.schema.json"
done
