#!/usr/bin/env bash
# The search client's tests (tests/search/*.test.mjs): builds the archives
# they query with the vanban binary, then runs node's built-in test runner.
# Needs cargo and node 18 or newer; no npm packages.
#   bash tests/search/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

cargo build --release --locked --quiet --bin vanban
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
for pair in valid:tests/fixtures/valid seed:content search:tests/fixtures/search; do
  name="${pair%%:*}" content="${pair#*:}"
  if ! cargo run --release --locked --quiet --bin vanban -- build --content "$content" --output "$out/$name" >"$out/$name.log" 2>&1; then
    cat "$out/$name.log" >&2
    exit 1
  fi
done
VANBAN_SEARCH_OUT="$out" node --test tests/search/*.test.mjs
