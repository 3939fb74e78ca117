#!/usr/bin/env bash
# Walking-skeleton figures (docs/benchmarks.md): local-mode start-up to ready, replay throughput of an
# interchange JSONL file (median of N runs), and peak RSS of the replay process.
#   bench/local-mode.sh [INPUT.jsonl] [RUNS]      default: ../shared/bench/extraction/scrapinghub-dev/input.jsonl, 3
# Needs GNU time (/usr/bin/time, Debian package "time") for the RSS figure.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
INPUT="${1:-../shared/bench/extraction/scrapinghub-dev/input.jsonl}"
RUNS="${2:-3}"
./rewire --version >/dev/null   # build first, so no run pays for it
TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"' EXIT

echo "== start-up: 'rewire run' (embedded broker + PostgreSQL, all stages) until ready, $RUNS runs"
for i in $(seq "$RUNS"); do
  ./rewire run --data-dir "$TMP/run$i" --duration 1s --set metrics.port=0 2>/dev/null | grep -o 'Ready [0-9.]* s' | grep -o '[0-9.]*'
done | sort -n | awk '{a[NR]=$1} END {printf "median ready time: %s s (runs: %d)\n", a[int((NR+1)/2)], NR}'

echo "== replay throughput of $INPUT, $RUNS runs (no database)"
for i in $(seq "$RUNS"); do
  /usr/bin/time -v ./rewire replay "$INPUT" --out "$TMP/out.jsonl" --no-db 2> "$TMP/err$i" >/dev/null
  rate=$(grep -o '([0-9.]* articles/s)' "$TMP/err$i" | grep -o '[0-9.]*' | head -1)
  rss=$(grep 'Maximum resident set size' "$TMP/err$i" | grep -o '[0-9]*$')
  echo "$rate $rss"
done | sort -n | awk '{r[NR]=$1; m[NR]=$2} END {
  printf "median replay throughput: %s articles/s (end to end incl. broker start-up: see note)\n", r[int((NR+1)/2)];
  max=0; for (i=1;i<=NR;i++) if (m[i]>max) max=m[i]; printf "peak RSS of the replay process: %.0f MB\n", max/1024 }'
