#!/usr/bin/env bash
# Rewrites the golden files in tests/golden/ (the --help of every verb and the JSON of every
# verb's output) from the current build. Review the diff before committing: a changed --help is
# a change users see. CI never runs this; it compares.
set -euo pipefail
cd "$(dirname "$0")/.."
UPDATE_GOLDEN=1 cargo test -q -p aliyun-cli-rolling-update --test integration golden:: -- --test-threads 1
git status --short tests/golden
