#!/usr/bin/env bash
# bench/big.sh — memory stays bounded on a large input: generates a STIX
# bundle of N synthetic objects (default 400,000 ≈ 1 GB: identities and
# indicators with 2 KB descriptions and relationships between them),
# streams it into `dossier ingest -` and reports wall time, throughput and
# peak RSS. Usage: bench/big.sh [N]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
n="${1:-400000}"
need_gnu_time
build_dossier

python3 - "$n" >"$work/big.json" <<'PY'
import sys, uuid
n = int(sys.argv[1])
w = sys.stdout.write
pad = "Synthetic description for a memory test. " * 48
w('{"type":"bundle","id":"bundle--%s","objects":[\n' % uuid.uuid4())
prev = None
for i in range(n):
    if i:
        w(",\n")
    oid = "indicator--%s" % uuid.uuid4()
    if i % 3 == 2 and prev:
        w('{"type":"relationship","spec_version":"2.1","id":"relationship--%s","created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z","relationship_type":"related-to","source_ref":"%s","target_ref":"%s","description":"%s"}' % (uuid.uuid4(), prev, prev, pad))
        continue
    w('{"type":"indicator","spec_version":"2.1","id":"%s","created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z","name":"Indicator %d","description":"%s","pattern":"[domain-name:value = \'host%d.example\']","pattern_type":"stix","valid_from":"2024-01-01T00:00:00Z"}' % (oid, i, pad, i))
    prev = oid
w("\n]}\n")
PY
size=$(stat -c %s "$work/big.json")
/usr/bin/time -f "%e %M" -o "$work/t" "$work/dossier" --db "$work/big.db" ingest --quiet --no-progress - <"$work/big.json"
read -r wall rss <"$work/t"
awk -v n="$n" -v size="$size" -v wall="$wall" -v rss="$rss" 'BEGIN {
	printf "input    %d objects, %.0f MB, streamed on stdin\n", n, size / 1e6
	printf "ingest   %.1f s (%.1f MB/s, %.0f objects/s)\n", wall, size / 1e6 / wall, n / wall
	printf "peak RSS %.0f MB (%.3fx the input)\n", rss / 1024, rss * 1024 / size
}'
