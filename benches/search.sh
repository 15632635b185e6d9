#!/usr/bin/env bash
# Offline search benchmark (figures in benches/SEARCH.md):
#   bash benches/search.sh            # 10,000 and 100,000 directives
#   COUNTS="10000" bash benches/search.sh
# For each count: generates a synthetic archive (vanban generate) in
# $BENCH_DIR (default /dev/shm/vanban-bench), builds it with a release build,
# measures the search index build (cargo bench --bench search_index), then
# the search page in headless Chromium from file:// (benches/search/bench.mjs):
# script loaded before the first query, per query, and the time from the last
# keystroke to results on screen; then the search's quality in node
# (benches/search/quality.mjs): precision and recall at 10 against a ground
# truth computed from the archive's own text, and the bytes of summaries
# loaded per result shown. Needs cargo, node, npm and chromium
# (installed with apt-get when missing); playwright-core goes to
# $BENCH_NODE_DIR (default /tmp/bench-node), outside the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"
work="${BENCH_DIR:-/dev/shm/vanban-bench}"
node_dir="${BENCH_NODE_DIR:-/tmp/bench-node}"
counts="${COUNTS:-10000 100000}"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"

if [ ! -x "$CHROMIUM" ]; then
  apt-get update -qq && apt-get install -y -qq chromium >/dev/null
fi
if [ ! -d "$node_dir/node_modules/playwright-core" ]; then
  mkdir -p "$node_dir"
  cp benches/search/package.json "$node_dir/package.json"
  (cd "$node_dir" && npm install --no-audit --no-fund --silent)
fi
cargo build --release --locked --quiet
vanban="$(realpath -m "${CARGO_TARGET_DIR:-target}")/release/vanban"
mkdir -p "$work"

echo "# vanban search benchmark, $(date -u +%Y-%m-%d), $(nproc) cores, $(git rev-parse --short HEAD)"
echo "chromium: $("$CHROMIUM" --version 2>/dev/null | head -1), node $(node --version)"
for n in $counts; do
  content="$work/content-$n" output="$work/output-$n"
  if [ ! -f "$work/content-$n.done" ]; then
    rm -rf "$content"
    "$vanban" generate "$content" --count "$n" 2>/dev/null
    touch "$work/content-$n.done"
  fi
  echo
  echo "## $n directives"
  echo
  echo '```'
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  /usr/bin/time -f "whole build: %e s wall, %U s user, %S s system, %M KB max RSS" \
    "$vanban" build --root "$repo" --content "$content" --output "$output" --timings 2>&1 |
    grep -E "search index|render|built|whole build" | sed 's/^ *//'
  cargo bench --quiet --locked --bench search_index -- "$content" 2>/dev/null
  echo "index on disk: $(du -sh "$output/tim-kiem" | cut -f1) (du), whole archive $(du -sh "$output" | cut -f1)"
  echo '```'
  echo
  BENCH_NODE_DIR="$node_dir" node benches/search/bench.mjs --archive "$output" --label "$n directives" --runs "${RUNS:-3}"
  echo
  echo "### Quality, $n directives (benches/search/quality.mjs)"
  echo
  node benches/search/quality.mjs --archive "$output"
done
