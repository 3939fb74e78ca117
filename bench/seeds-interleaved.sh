#!/usr/bin/env bash
# Replays the five seed rewrites interleaved into ecbplus-dev (after ECB+ lines 51, 151, 251, 351, 451,
# with the preceding line's publishedAt) through the whole pipeline, then checks that the seeds form
# exactly one story of their own and prints the ECB+ scores of the same run.
# Needs ../shared (seeds and bench) and python3 (standard library). Usage: bench/seeds-interleaved.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
python3 - "$SHARED" "$WORK/inter.jsonl" <<'PY'
import json, os, sys
shared, out = sys.argv[1], sys.argv[2]
ecb = [json.loads(l) for l in open(os.path.join(shared, 'bench/stories/ecbplus-dev/input.jsonl')) if l.strip()]
seeds = sorted(f for f in os.listdir(os.path.join(shared, 'seeds')) if f.endswith('.txt'))
after = {51 + 100 * i: s for i, s in enumerate(seeds)}
with open(out, 'w') as w:
    for n, row in enumerate(ecb, 1):
        w.write(json.dumps(row) + '\n')
        if n in after:
            text = open(os.path.join(shared, 'seeds', after[n]), encoding='utf-8').read()
            w.write(json.dumps({'url': 'https://seeds.example/' + after[n], 'text': text,
                                'publishedAt': row.get('publishedAt')}) + '\n')
PY
./rewire replay "$WORK/inter.jsonl" --out "$WORK/out.jsonl"
python3 - "$WORK/out.jsonl" "$WORK/ecb.jsonl" <<'PY'
import collections, json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
seeds = [r for r in rows if r['url'].startswith('https://seeds.example/')]
ids = collections.Counter(r['storyId'] for r in seeds)
story = ids.most_common(1)[0][0]
members = [r for r in rows if r['storyId'] == story]
print(f"seeds: {len(seeds)} articles in {len(ids)} stories; the seeds' story has {len(members)} members")
with open(sys.argv[2], 'w') as w:
    for r in rows:
        if not r['url'].startswith('https://seeds.example/'):
            w.write(json.dumps(r) + '\n')
ok = len(seeds) == 5 and len(ids) == 1 and len(members) == 5
print('seeds interleaved: ' + ('ok (one story of five, no ECB+ article in it)' if ok else 'FAILED'))
sys.exit(0 if ok else 1)
PY
python3 "$SHARED/bench/score_stories.py" "$WORK/ecb.jsonl" "$SHARED/bench/stories/ecbplus-dev/truth.jsonl" | head -1
