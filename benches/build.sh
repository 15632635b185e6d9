#!/usr/bin/env bash
# Build benchmark: generates synthetic archives (vanban generate, seeded) of
# 1,000, 10,000 and 100,000 directives and builds each, printing wall time,
# CPU time, peak memory, directives per second, pages and bytes written, the
# largest file, the wall and CPU time of each stage (CPU over wall: how
# many cores the stage kept busy), and the thread time of each step of a
# page (content, tera context, templates, write) within render+write.
# Then, when valgrind is on the PATH, the instructions per directive
# (callgrind, one thread, a 1,000-directive build): the figure that does not
# move with the machine's load. Without valgrind it says so and fails, unless
# INSTRUCTIONS=0 asks for the times alone.
# Output goes to tmpfs (/dev/shm) unless OUT_DIR says otherwise (e.g.
# OUT_DIR=/var/tmp for the on-disk figure).
#
#   bash benches/build.sh              # 1k, 10k, 100k
#   bash benches/build.sh 1000 10000   # chosen sizes
#   INSTRUCTIONS=0 bash benches/build.sh   # without the callgrind run
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1000 10000 100000)
OUT_DIR=${OUT_DIR:-/dev/shm}
command -v /usr/bin/time >/dev/null || { echo "benches/build.sh needs GNU time (apt-get install time)" >&2; exit 1; }
INSTRUCTIONS=${INSTRUCTIONS:-1}
if [ "$INSTRUCTIONS" != 0 ] && ! command -v valgrind >/dev/null; then
  echo "benches/build.sh counts instructions with valgrind (apt-get install valgrind), or INSTRUCTIONS=0 for the times alone" >&2
  exit 1
fi

cargo build --release --locked --quiet
VANBAN=$(realpath -m "${CARGO_TARGET_DIR:-target}")/release/vanban
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; load now: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%9s %8s %8s %9s %10s %8s %9s %10s   %s\n' directives wall_s cpu_s peak_MiB dir_per_s pages MB largest_KB 'stages (wall/cpu s:MiB held at the end)'
for n in "${SIZES[@]}"; do
  content=$OUT_DIR/vanban-bench-content-$n
  output=$OUT_DIR/vanban-bench-output-$n
  [ -d "$content" ] || "$VANBAN" generate "$content" --count "$n" --seed 2020 2>/dev/null
  rm -rf "$output"
  log=$(mktemp)
  /usr/bin/time -f 'TIME %e %U %S %M' "$VANBAN" build --content "$content" --output "$output" --quiet --timings 2>"$log"
  read -r wall user sys peak_kb < <(sed -n 's/^TIME //p' "$log")
  pages=$(sed -n 's/^built .*, \([0-9]*\) pages.*/\1/p' "$log")
  mb=$(sed -n 's/^built .*files (\([0-9.]*\) MB).*/\1/p' "$log")
  # Stage lines are `  name   123.4 ms wall   245.0 ms cpu   95 MiB resident
  # 95 MiB peak`; a name may have a space ("search index"). Printed as
  # name=wall/cpu in seconds, then :MiB resident at the stage's end.
  stages=$(awk '/ ms wall/ { sub(/^ +/, ""); i = index($0, " ms wall"); head = substr($0, 1, i - 1); n = split(head, w, " "); wall = w[n]; name = substr(head, 1, length(head) - length(wall)); gsub(/ +$/, "", name); gsub(/ /, "_", name); cpu = ""; if (match($0, /[0-9.]+ ms cpu/)) cpu = sprintf("/%.2f", substr($0, RSTART, RLENGTH - 7) / 1000); mem = ""; if (match($0, /[0-9]+ MiB resident/)) mem = ":" substr($0, RSTART, RLENGTH - 13); printf "%s=%.2f%s%s ", name, wall / 1000, cpu, mem }' "$log")
  # The steps of a page, summed over the threads: `    page templates   812.4 ms, all threads`.
  steps=$(awk '$1 == "page" && $4 == "ms," { printf "%s=%.2f ", $2, $3 / 1000 }' "$log")
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')
  rate=$(awk -v n="$n" -v w="$wall" 'BEGIN { print n / w }')
  # The largest file written (a page must stay under 2 MB).
  largest=$(find "$output" -type f -printf '%s\n' | sort -n | tail -1)
  printf '%9s %8.2f %8.2f %9d %10.0f %8s %9s %10d   %s\n' "$n" "$wall" "$cpu" $((peak_kb / 1024)) "$rate" "$pages" "$mb" $((largest / 1024)) "$stages"
  printf '%9s page steps, thread seconds: %s\n' '' "$steps"
  rm -f "$log"
  rm -rf "$output"
done

# Instructions per directive: callgrind counts every instruction the build
# runs (one thread, so none are spent waiting), the same on a busy machine
# as on an idle one. A 1,000-directive archive, its own seed (2020).
if [ "$INSTRUCTIONS" != 0 ]; then
  content=$OUT_DIR/vanban-bench-content-1000
  output=$OUT_DIR/vanban-bench-output-callgrind
  [ -d "$content" ] || "$VANBAN" generate "$content" --count 1000 --seed 2020 2>/dev/null
  profile=$(mktemp)
  log=$(mktemp)
  valgrind --tool=callgrind --callgrind-out-file="$profile" "$VANBAN" build --content "$content" --output "$output" --quiet --jobs 1 --force 2>"$log" \
    || { cat "$log" >&2; echo "benches/build.sh: the callgrind build failed" >&2; exit 1; }
  total=$(sed -n 's/^summary: //p' "$profile")
  [ -n "$total" ] || { echo "benches/build.sh: no instruction count in callgrind's output $profile" >&2; exit 1; }
  printf 'instructions per directive (callgrind, 1,000 directives, --jobs 1): %d k (%s in all)\n' $((total / 1000 / 1000)) "$total"
  rm -f "$profile" "$log"
  rm -rf "$output"
fi
