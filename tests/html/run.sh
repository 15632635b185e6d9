#!/usr/bin/env bash
# Checks built archives as the web sees them: the Nu Html Checker (vnu.jar
# from npm, on Debian's Java) over every page of every page kind, 0 errors
# allowed, and every directive page's JSON-LD through jsonld.js.
# Installs Java (default-jre-headless) with apt-get when it is missing and we
# are root; otherwise fails saying what is missing. Never skips. Honours
# CARGO_TARGET_DIR.
set -euo pipefail
cd "$(dirname "$0")/../.."

fail() {
  echo "html tests: $*" >&2
  exit 1
}

# --- what the checks need on the machine
if ! command -v java >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "== html: java is missing; installing Debian's default-jre-headless"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq default-jre-headless >/dev/null
  fi
  command -v java >/dev/null || fail "java is missing: install Debian's default-jre-headless as root (apt-get update && apt-get install -y default-jre-headless)"
fi
command -v node >/dev/null || fail "node is missing: the checks need Node.js 20 or newer with npm"
command -v npm >/dev/null || fail "npm is missing: the checks need Node.js 20 or newer with npm"
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || fail "node $(node --version) is too old: the checks need Node.js 20 or newer"

echo "== html: npm ci (vnu-jar, jsonld)"
(cd tests/html && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
VNU=tests/html/node_modules/vnu-jar/build/dist/vnu.jar
[ -f "$VNU" ] || fail "$VNU is missing after npm ci"

# --- the archives: every page kind, in both languages, with and without
# base_url, and lists long enough to be split into parts
echo "== html: build the archives"
cargo build --release --locked --quiet
VANBAN=$(realpath -m "${CARGO_TARGET_DIR:-target}")/release/vanban
WORK=$(mktemp -d "${TMPDIR:-/tmp}/vanban-html.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
"$VANBAN" build --quiet --content content --output "$WORK/seed"
mkdir -p "$WORK/en"
printf 'language: en\nbase_url: "https://vanban.example.org/kho/"\n' >"$WORK/en/vanban.yaml"
"$VANBAN" build --quiet --root "$WORK/en" --content tests/fixtures/valid --output "$WORK/valid-en"
bash tests/fixtures/long-list.sh "$WORK/long"
"$VANBAN" build --quiet --content "$WORK/long" --output "$WORK/long-lists"
# A list of citers split into parts, filtered whole: its pages with a filter form.
bash tests/fixtures/much-cited.sh "$WORK/much-cited"
"$VANBAN" build --quiet --content "$WORK/much-cited" --output "$WORK/filtered"
grep -rl --include='*.html' 'class="facets"' "$WORK/filtered" >"$WORK/filtered.txt"
pages=$(( $(find "$WORK/seed" "$WORK/valid-en" "$WORK/long-lists" -name '*.html' | wc -l) + $(wc -l <"$WORK/filtered.txt") ))

# --- the Nu Html Checker: errors only (its warnings are advice)
echo "== html: vnu.jar over $pages pages"
if ! java -jar "$VNU" --errors-only --skip-non-html --format gnu "$WORK/seed" "$WORK/valid-en" "$WORK/long-lists" $(cat "$WORK/filtered.txt") 2>"$WORK/vnu.log"; then
  sed "s|$WORK/||" "$WORK/vnu.log" | head -50 >&2
  fail "the Nu Html Checker found $(wc -l <"$WORK/vnu.log") errors (first 50 above)"
fi
echo "html: vnu: 0 errors in $pages pages"

# --- JSON-LD
echo "== html: JSON-LD of every directive page (jsonld.js)"
VANBAN_HTML_ARCHIVES="$WORK/seed:$WORK/valid-en" node --test --test-reporter=spec tests/html/json-ld.test.js
