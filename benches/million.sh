#!/usr/bin/env bash
# One build of 1,000,000 directives (issue 17, target 4): `vanban generate
# --count 1000000 --seed 2020` (about 6 GB) into CONTENT (tmpfs by default),
# then `vanban build --timings` under GNU time into OUT (on disk by default:
# the output is about 32 GB in 2.1 million files), printing each stage's
# wall, CPU and memory, the whole run's wall, CPU and peak, and the bytes
# and files written. While it runs, the build's peak and resident memory
# and the disk's free space are logged every 20 s to OUT.rss; the build is
# stopped if the disk holding OUT falls under 3 GB free (the disk may be
# shared). The output is removed at the end; the content is kept for the
# next run.
#
#   bash benches/million.sh
#   CONTENT=/dev/shm/c1m OUT=/var/tmp/vanban-1m bash benches/million.sh
#   COUNT=1000 bash benches/million.sh   # the script itself, on a small archive
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${COUNT:-1000000}
CONTENT=${CONTENT:-/dev/shm/vanban-bench-content-$COUNT}
OUT=${OUT:-/var/tmp/vanban-bench-out-$COUNT}
command -v /usr/bin/time >/dev/null || { echo "benches/million.sh needs GNU time (apt-get install time)" >&2; exit 1; }
cargo build --release --locked --quiet
VANBAN=$(realpath -m "${CARGO_TARGET_DIR:-target}")/release/vanban

echo "start $(date -u +%FT%TZ) at $(git rev-parse --short HEAD); load $(cut -d' ' -f1-3 /proc/loadavg)"
[ -d "$CONTENT" ] || /usr/bin/time -f 'generated in %e s, peak %M KB' "$VANBAN" generate "$CONTENT" --count "$COUNT" --seed 2020 2>&1 | tail -2
rm -rf "$OUT"

# Logs the build's memory and the disk's free space; stops the build when
# the disk runs low, so that a shared disk is never filled.
watch() {
  local build=$1
  while kill -0 "$build" 2>/dev/null; do
    local free; free=$(df --output=avail -k "$(dirname "$OUT")" | tail -1)
    echo "$(date -u +%T) $(grep -E 'VmHWM|VmRSS' /proc/"$build"/status 2>/dev/null | tr -s ' \n' ' ') free ${free} kB" >>"$OUT.rss"
    if [ "$free" -lt 3000000 ]; then echo "disk under 3 GB free: build stopped" | tee -a "$OUT.rss" >&2; kill "$build"; fi
    sleep 20
  done
}
/usr/bin/time -f 'TIME wall %e s user %U s sys %S s peak %M KB' "$VANBAN" build --content "$CONTENT" --output "$OUT" --quiet --timings &
build=$!
sleep 1
watch "$(pgrep -P "$build" || echo "$build")" &
wait "$build"
echo "output: $(du -sk "$OUT" | cut -f1) KiB in $(find "$OUT" -type f | wc -l) files"
echo "end $(date -u +%FT%TZ); load $(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf "$OUT"
