#!/usr/bin/env bash
# Import benchmark (figures in benches/IMPORT.md): imports every text of a
# corpus of real raw texts and compares each field with its truth table
# (INDEX.tsv), printing per field how many values are right, wrong, missing
# or invented, how each was read, and the list of wrong and missing values.
#
#   bash benches/import.sh                         # /work/shared/corpus/real
#   bash benches/import.sh path/to/corpus          # another corpus with an INDEX.tsv
#
# Builds with the dev profile (the import of a few dozen texts takes
# milliseconds; the figures are counts, not times) into CARGO_TARGET_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${1:-${IMPORT_CORPUS:-/work/shared/corpus/real}}"
[ -f "$corpus/INDEX.tsv" ] || { echo "benches/import.sh: no INDEX.tsv in $corpus" >&2; exit 2; }
cargo bench --profile dev --locked --quiet --bench import_corpus -- "$corpus"
