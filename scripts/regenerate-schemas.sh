#!/usr/bin/env bash
# Rewrites schemas/*.schema.json from the core's model. CI never runs this: a test fails
# with a diff when the committed files are stale.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build -q -p aliyun-cli-rolling-update
for t in image command package file oss-file container; do
  name=$(./target/debug/aliyun-cli-rolling-update schema --template "$t" | sed -n 's/^  "title": "\(.*\)",$/\1/p')
  ./target/debug/aliyun-cli-rolling-update schema --template "$t" > "schemas/$name.schema.json"
  echo "wrote schemas/$name.schema.json"
done
./target/debug/aliyun-cli-rolling-update schema --template update-file > schemas/rolling-update.update-file.schema.json
echo "wrote schemas/rolling-update.update-file.schema.json"
# The instance refresh (--template refresh) has its own table and schema.
./target/debug/aliyun-cli-rolling-update schema --template refresh > schemas/instance-refresh.schema.json
echo "wrote schemas/instance-refresh.schema.json"
