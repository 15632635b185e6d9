#!/usr/bin/env bash
# How long after saving one directive does `vanban serve` serve the change,
# in a 100,000-directive archive? Generates the archive in /dev/shm, starts
# the release build of `vanban serve` on it, waits for the first build, then
# edits one directive 5 times, its title and its text in turn (as editors
# save: a new file renamed over the old) and measures, for each, the time
# from the write to the first response of the page that carries the change
# (curl every 20 ms against 127.0.0.1). Then adds a directive and removes
# it, timed the same way. Prints min/median/max and the server's own
# "rebuilt …" lines. After each change it also waits for the search index
# to follow ("search index updated in X s (N files)") and prints that time:
# title and text edits are applied term by term; a new, removed or moved
# directive indexes the archive anew.
#
#   bash benches/serve.sh            # 100,000 directives
#   COUNT=20000 bash benches/serve.sh
#   KEEP=1 bash benches/serve.sh     # keep /dev/shm/vanban-serve-bench
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
COUNT=${COUNT:-100000}
EDITS=${EDITS:-5}
WORK=${WORK:-/dev/shm/vanban-serve-bench}
BIN=$(realpath -m "${CARGO_TARGET_DIR:-target}")/release/vanban

cargo build --release --quiet
rm -rf "$WORK"
mkdir -p "$WORK"
PID=
cleanup() {
    if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then kill -INT "$PID"; wait "$PID" || true; fi
    if [ -z "${KEEP:-}" ]; then rm -rf "$WORK"; fi
}
trap cleanup EXIT

"$BIN" generate "$WORK/content" --count "$COUNT"
"$BIN" serve --root "$ROOT" --content "$WORK/content" --output "$WORK/output" --port 0 \
    >"$WORK/stdout.log" 2>"$WORK/stderr.log" &
PID=$!

# Waits (at most $2 seconds) until the command $1 succeeds.
wait_for() {
    local deadline=$(($(date +%s) + $2))
    until eval "$1"; do
        if [ "$(date +%s)" -ge "$deadline" ]; then
            echo "timed out waiting for: $1" >&2
            tail -20 "$WORK/stderr.log" >&2
            exit 1
        fi
        sleep 0.02
    done
}

wait_for 'grep -q "^serving " "$WORK/stdout.log"' 60
URL=$(sed -n 's/^serving \(http:[^ ]*\).*/\1/p' "$WORK/stdout.log")
started=$(date +%s)
wait_for 'grep -q "^built " "$WORK/stderr.log"' 3600
echo "first build: $(grep '^built ' "$WORK/stderr.log") (waited $(($(date +%s) - started)) s)"
echo "server memory: $(ps -o rss= -p "$PID" | awk '{printf "%.0f MB", $1 / 1024}')"

# A provincial directive dated to the day (on a day, a month and a year
# page): its page is van-ban/{province}/{year}/{file name}/.
FILE=$(cd "$WORK/content" && find . -path './*/20*/*.md' -not -path './trung-uong/*' | sort | sed -n '1,5000p' |
    xargs grep -l '^date: 20[0-9][0-9]-[0-9][0-9]-[0-9][0-9]$' | sed -n '1000p' | sed 's|^\./||') || true
[ -n "$FILE" ] || { echo "no directive dated to the day found" >&2; exit 1; }
PROVINCE=${FILE%%/*}
rest=${FILE#*/}
YEAR=${rest%%/*}
STEM=$(basename "$FILE" .md)
PAGE="$URL""van-ban/$PROVINCE/$YEAR/$STEM/index.html"
curl -sf "$PAGE" >/dev/null || { echo "no page at $PAGE for $FILE" >&2; exit 1; }
echo "editing $FILE, served at $PAGE"

now() { date +%s%N; }
ms() { echo $((($2 - $1) / 1000000)); }

# Rewrites $1 with the title $2, as an editor saves.
retitle() {
    sed "s/^title: \".*\"\$/title: \"$2\"/" "$WORK/content/$1" >"$WORK/content/$1.tmp~"
    mv "$WORK/content/$1.tmp~" "$WORK/content/$1"
}

# Adds a paragraph saying $2 to the text of $1, as an editor saves.
append_text() {
    { cat "$WORK/content/$1"; echo; echo "$2."; } >"$WORK/content/$1.tmp~"
    mv "$WORK/content/$1.tmp~" "$WORK/content/$1"
}

search_lines() { grep -c '^search index updated' "$WORK/stderr.log" || true; }
# Waits for the search index to follow the change made when it had printed
# $1 lines; prints its last line's seconds and files.
search_time() {
    local lines=$1
    wait_for '[ "$(search_lines)" -gt "$lines" ]' 300
    grep '^search index updated' "$WORK/stderr.log" | tail -1 | sed 's/^search index updated in \([0-9.]*\) s (\([0-9]*\) files).*/\1 s, \2 files/'
}

times=()
search_times=()
for i in $(seq 1 "$EDITS"); do
    token="do ban do lan $i $(now)"
    before=$(search_lines)
    t0=$(now)
    if [ $((i % 2)) = 1 ]; then what="title"; retitle "$FILE" "$token"; else what="text"; append_text "$FILE" "$token"; fi
    wait_for 'curl -s "$PAGE" | grep -q "$token"' 60
    t1=$(now)
    times+=("$(ms "$t0" "$t1")")
    search=$(search_time "$before")
    search_times+=("${search%% s*}")
    echo "edit $i ($what): $(ms "$t0" "$t1") ms; search index: $search"
    sleep 0.5
done

# A new directive (a copy with a new number), then removed.
NEW_REL="${FILE%/*}/99999-bench.md"
NEW_PAGE="$URL""van-ban/$PROVINCE/$YEAR/$(echo "$STEM" | sed 's/^[0-9]*/99999/')/index.html"
sed "s/^number: \"[0-9]*/number: \"99999/" "$WORK/content/$FILE" >"$WORK/content/$NEW_REL.tmp~"
before=$(search_lines)
t0=$(now)
mv "$WORK/content/$NEW_REL.tmp~" "$WORK/content/$NEW_REL"
wait_for '[ "$(curl -s -o /dev/null -w "%{http_code}" "$NEW_PAGE")" = 200 ]' 120
add_ms=$(ms "$t0" "$(now)")
add_search=$(search_time "$before")
sleep 0.5
before=$(search_lines)
t0=$(now)
rm "$WORK/content/$NEW_REL"
wait_for '[ "$(curl -s -o /dev/null -w "%{http_code}" "$NEW_PAGE")" = 404 ]' 120
delete_ms=$(ms "$t0" "$(now)")
delete_search=$(search_time "$before")
sleep 0.5

# The same directive moved to another day of its year (its page keeps its
# path): lists, timeline and neighbours change.
grep -q '^date: 20' "$WORK/content/$FILE" || { echo "$FILE has no date" >&2; exit 1; }
sed "s/^date: .*/date: $YEAR-01-15/" "$WORK/content/$FILE" >"$WORK/content/$FILE.tmp~"
before=$(search_lines)
t0=$(now)
mv "$WORK/content/$FILE.tmp~" "$WORK/content/$FILE"
wait_for 'curl -s "$PAGE" | grep -q "15/1/$YEAR"' 120
move_ms=$(ms "$t0" "$(now)")
move_search=$(search_time "$before")
sleep 0.5

# A new directive citing the most cited directive of the archive: the
# count printed on the page of each of its citers changes.
CITING_REL="${FILE%/*}/99998-bench.md"
CITING_PAGE="$URL""van-ban/$PROVINCE/$YEAR/$(echo "$STEM" | sed 's/^[0-9]*/99998/')/index.html"
{
    sed "s/^number: \"[0-9]*/number: \"99998/" "$WORK/content/$FILE"
    echo
    echo "Thực hiện Chỉ thị số 16/CT-TTg ngày 31/3/2020 của Thủ tướng Chính phủ."
} >"$WORK/content/$CITING_REL.tmp~"
t0=$(now)
mv "$WORK/content/$CITING_REL.tmp~" "$WORK/content/$CITING_REL"
wait_for '[ "$(curl -s -o /dev/null -w "%{http_code}" "$CITING_PAGE")" = 200 ]' 600
citing_ms=$(ms "$t0" "$(now)")
# … and the last of those pages written (the server's line says when:
# one line per change, then one for the pages left for after, if any).
wait_for '[ "$(grep -c "^rebuilt .*changed)" "$WORK/stderr.log")" -ge $((EDITS + 4)) ] && ! grep "^rebuilt " "$WORK/stderr.log" | tail -1 | grep -q "to follow"' 600
sleep 0.5

sorted=($(printf '%s\n' "${times[@]}" | sort -n))
n=${#sorted[@]}
search_sorted=($(printf '%s\n' "${search_times[@]}" | sort -n))
echo
echo "== vanban serve, $COUNT directives, $(nproc) cores ($(uptime | sed 's/.*load average: /load /'))"
echo "title/text edit → page served with it: min ${sorted[0]} ms, median ${sorted[$((n / 2))]} ms, max ${sorted[$((n - 1))]} ms"
echo "  then the search index: min ${search_sorted[0]} s, median ${search_sorted[$((n / 2))]} s, max ${search_sorted[$((n - 1))]} s"
echo "new directive (a copy numbered 99999) → its page served: $add_ms ms; search index: $add_search"
echo "directive removed → its page 404: $delete_ms ms; search index: $delete_search"
echo "directive moved to another day → its page shows it: $move_ms ms; search index: $move_search"
echo "new directive citing 16/CT-TTg → its page served: $citing_ms ms (see the last line below for all its pages)"
echo "the server's own lines:"
grep -E '^(rebuilt|search index) ' "$WORK/stderr.log" | sed 's/^/  /'
kill -INT "$PID"
status=0
wait "$PID" || status=$?
PID=
echo "stopped with Ctrl-C: exit status $status"
