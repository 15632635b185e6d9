#!/usr/bin/env bash
# The browser end-to-end suite (see tests/browser/README.md): builds the seed archive
# and a generated 400-directive archive, then drives Debian's headless
# Chromium over both, from file:// and over a server on 127.0.0.1.
# Installs Chromium with apt-get when it is missing and we are root; otherwise
# fails saying what is missing. Never skips. Arguments go to `node --test`
# (e.g. --test-name-pattern=seed).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD

CHROMIUM=/usr/bin/chromium
fail() {
  echo "browser tests: $*" >&2
  exit 1
}

# --- what the suite needs on the machine
if [ ! -x "$CHROMIUM" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "== browser: $CHROMIUM is missing; installing Debian's chromium"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium >/dev/null
  fi
  [ -x "$CHROMIUM" ] || fail "$CHROMIUM is missing: install Debian's chromium as root (apt-get update && apt-get install -y chromium)"
fi
command -v node >/dev/null || fail "node is missing: the suite needs Node.js 20 or newer with npm"
command -v npm >/dev/null || fail "npm is missing: the suite needs Node.js 20 or newer with npm"
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || fail "node $(node --version) is too old: the suite needs Node.js 20 or newer"

# --- the suite's packages, exactly as locked (no browser download)
echo "== browser: npm ci"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
(cd tests/browser && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

# --- the archives
echo "== browser: build the archives"
cargo build --release --locked --quiet
VANBAN=$(realpath -m "${CARGO_TARGET_DIR:-target}")/release/vanban
WORK=$(mktemp -d "${TMPDIR:-/tmp}/vanban-browser.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
"$VANBAN" build --content content --output "$WORK/archives/seed" --zip-path "$WORK/archives/seed.zip"
"$VANBAN" generate "$WORK/generated" --count 400 --seed 7
"$VANBAN" build --content "$WORK/generated" --output "$WORK/archives/gen"
# A list split into parts: one directive citing 600 others (the cited index).
bash tests/fixtures/long-list.sh "$WORK/long"
"$VANBAN" build --quiet --content "$WORK/long" --output "$WORK/archives/long"
# Lists split into parts, filtered whole (specs/54-filters.js): 3,000 generated
# directives, where the most cited directive has 880 citers in two parts.
"$VANBAN" generate "$WORK/generated-split" --count 3000 --seed 7 >/dev/null
"$VANBAN" build --quiet --content "$WORK/generated-split" --output "$WORK/archives/split"

# --- the suite
export VANBAN_BROWSER_ARCHIVES=$WORK/archives
export VANBAN_SCREENSHOTS=$(realpath -m "${CARGO_TARGET_DIR:-target}")/browser-screenshots
rm -rf "$VANBAN_SCREENSHOTS"
echo "== browser: node --test tests/browser/ (screenshots in $VANBAN_SCREENSHOTS)"
start=$SECONDS
status=0
node --test --test-reporter=spec --test-concurrency=1 "$@" tests/browser/ | tee "$WORK/node-test.log" || status=$?
passed=$(sed -n 's/^ℹ pass \([0-9]*\)$/\1/p' "$WORK/node-test.log")
failed=$(sed -n 's/^ℹ fail \([0-9]*\)$/\1/p' "$WORK/node-test.log")
echo "browser tests took $((SECONDS - start)) s; screenshots in $VANBAN_SCREENSHOTS"
echo "browser: ${passed:-0} passed, ${failed:-0} failed"
[ "${passed:-0}" -gt 0 ] || fail "no test ran"
exit "$status"
