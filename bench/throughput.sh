#!/usr/bin/env bash
# End-to-end throughput (docs/benchmarks.md): `rewire replay` (embedded broker, the whole enrich topology,
# JSONL sink, no database) of the extraction dev pages repeated COPIES times under distinct URLs, RUNS
# runs; in the same invocation, plain Jsoup parse + text() of the same pages on one thread, and the ratio
# pipeline / Jsoup (the figure to compare across machines and loads).
#   bench/throughput.sh [COPIES] [RUNS]        default: 5 copies, 3 runs; needs ../shared/bench
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
COPIES="${1:-5}"
RUNS="${2:-3}"
./rewire --version >/dev/null   # build the distribution first, so no run pays for it
./mvnw -B -q -pl deploy -am test-compile   # the baseline and input builder (deploy test sources)
CP="deploy/target/test-classes:deploy/target/rewire.jar"
TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"' EXIT
PAGES=$(java -cp "$CP" dev.rewire.deploy.bench.ThroughputBench input "$TMP/in.jsonl" "$COPIES" \
  ../shared/bench/extraction/scrapinghub-dev/input.jsonl ../shared/bench/extraction/wcxb-dev-articles/input.jsonl)
echo "== $PAGES pages ($COPIES copies of the dev pages, $(du -m "$TMP/in.jsonl" | cut -f1) MB), $RUNS runs"
for i in $(seq "$RUNS"); do
  if ! ./rewire replay "$TMP/in.jsonl" --out "$TMP/out.jsonl" --no-db 2> "$TMP/err$i" >/dev/null; then
    tail -20 "$TMP/err$i" >&2; echo "run $i: the replay failed" >&2; exit 1
  fi
  rate=$(grep -o '([0-9.]* articles/s)' "$TMP/err$i" | grep -o '[0-9.]*' | head -1)
  jsoup=$(java -Xmx2g -cp "$CP" dev.rewire.deploy.bench.ThroughputBench jsoup "$TMP/in.jsonl")
  echo "run $i: pipeline $rate articles/s, Jsoup parse+text $jsoup pages/s, ratio $(awk -v a="$rate" -v b="$jsoup" 'BEGIN {printf "%.3f", a/b}')"
done | tee "$TMP/runs"
awk '{print $NF}' "$TMP/runs" | sort -n | awk '{a[NR]=$1} END {printf "median ratio pipeline / Jsoup: %s\n", a[int((NR+1)/2)]}'
