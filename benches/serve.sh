#!/usr/bin/env bash
# How long after saving one directive does `vanban serve` serve the change,
# in a 100,000-directive archive? Generates the archive in /dev/shm, starts
# the release build of `vanban serve` on it, waits for the first build, then
# edits one directive's title 5 times (as editors save: a new file renamed
# over the old) and measures, for each, the time from the write to the
# first response of the page that carries the new title (curl every 20 ms
# against 127.0.0.1). Then adds a directive and removes it, timed the same
# way. Prints min/median/max and the server's own "rebuilt …" lines.
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
BIN=$ROOT/target/release/vanban

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

times=()
for i in $(seq 1 "$EDITS"); do
    token="do ban do lan $i $(now)"
    t0=$(now)
    retitle "$FILE" "$token"
    wait_for 'curl -s "$PAGE" | grep -q "$token"' 60
    t1=$(now)
    times+=("$(ms "$t0" "$t1")")
    echo "edit $i: $(ms "$t0" "$t1") ms"
    sleep 0.5
done

# A new directive (a copy with a new number), then removed.
NEW_REL="${FILE%/*}/99999-bench.md"
NEW_PAGE="$URL""van-ban/$PROVINCE/$YEAR/$(echo "$STEM" | sed 's/^[0-9]*/99999/')/index.html"
sed "s/^number: \"[0-9]*/number: \"99999/" "$WORK/content/$FILE" >"$WORK/content/$NEW_REL.tmp~"
t0=$(now)
mv "$WORK/content/$NEW_REL.tmp~" "$WORK/content/$NEW_REL"
wait_for '[ "$(curl -s -o /dev/null -w "%{http_code}" "$NEW_PAGE")" = 200 ]' 120
add_ms=$(ms "$t0" "$(now)")
sleep 0.5
t0=$(now)
rm "$WORK/content/$NEW_REL"
wait_for '[ "$(curl -s -o /dev/null -w "%{http_code}" "$NEW_PAGE")" = 404 ]' 120
delete_ms=$(ms "$t0" "$(now)")
sleep 0.5

# The same directive moved to another day of its year (its page keeps its
# path): lists, timeline and neighbours change.
grep -q '^date: 20' "$WORK/content/$FILE" || { echo "$FILE has no date" >&2; exit 1; }
sed "s/^date: .*/date: $YEAR-01-15/" "$WORK/content/$FILE" >"$WORK/content/$FILE.tmp~"
t0=$(now)
mv "$WORK/content/$FILE.tmp~" "$WORK/content/$FILE"
wait_for 'curl -s "$PAGE" | grep -q "15/1/$YEAR"' 120
move_ms=$(ms "$t0" "$(now)")
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
# … and the last of those pages written (the server's line says when).
wait_for '[ "$(grep -c "^rebuilt " "$WORK/stderr.log")" -ge $((EDITS + 4)) ]' 600
sleep 0.5

sorted=($(printf '%s\n' "${times[@]}" | sort -n))
n=${#sorted[@]}
echo
echo "== vanban serve, $COUNT directives, $(nproc) cores ($(uptime | sed 's/.*load average: /load /'))"
echo "title edit → page served with it: min ${sorted[0]} ms, median ${sorted[$((n / 2))]} ms, max ${sorted[$((n - 1))]} ms"
echo "new directive (a copy numbered 99999) → its page served: $add_ms ms"
echo "directive removed → its page 404: $delete_ms ms"
echo "directive moved to another day → its page shows it: $move_ms ms"
echo "new directive citing 16/CT-TTg → its page served: $citing_ms ms (see the last line below for all its pages)"
echo "the server's own lines:"
grep '^rebuilt ' "$WORK/stderr.log" | sed 's/^/  /'
kill -INT "$PID"
status=0
wait "$PID" || status=$?
PID=
echo "stopped with Ctrl-C: exit status $status"
