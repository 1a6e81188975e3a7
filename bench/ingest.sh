#!/usr/bin/env bash
# bench/ingest.sh — full ATT&CK Enterprise ingest (validate + store + index)
# into a fresh database, next to what a user would otherwise run just to
# parse the file: python3 json.load. Median of three runs each; wall time
# and peak RSS (GNU time). Usage: bench/ingest.sh [BUNDLE] (default: the
# ATT&CK Enterprise 18.1 bundle in ../shared/data).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bundle="${1:-$data/attack/enterprise-attack-18.1.json}"
need "$bundle" "set DOSSIER_SHARED_DATA or pass a bundle"
need_gnu_time
build_dossier

size=$(stat -c %s "$bundle")
: >"$work/d.txt"
: >"$work/p.txt"
for i in $(seq "$runs"); do
	rm -f "$work"/bench.db*
	/usr/bin/time -f "%e %M" -o "$work/t" "$work/dossier" --db "$work/bench.db" ingest --quiet --no-progress "$bundle"
	cat "$work/t" >>"$work/d.txt"
	/usr/bin/time -f "%e %M" -o "$work/t" python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$bundle"
	cat "$work/t" >>"$work/p.txt"
done

d_wall=$(cut -d' ' -f1 "$work/d.txt" | median)
d_rss=$(cut -d' ' -f2 "$work/d.txt" | median)
p_wall=$(cut -d' ' -f1 "$work/p.txt" | median)
p_rss=$(cut -d' ' -f2 "$work/p.txt" | median)
objects=$("$work/dossier" --db "$work/bench.db" stats --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')

awk -v f="$bundle" -v size="$size" -v n="$objects" -v runs="$runs" \
	-v dw="$d_wall" -v dr="$d_rss" -v pw="$p_wall" -v pr="$p_rss" 'BEGIN {
	printf "input            %s (%.1f MB, %s objects)\n", f, size / 1e6, n
	printf "dossier ingest   %6.2f s   peak RSS %5.0f MB   (median of %s)\n", dw, dr / 1024, runs
	printf "python json.load %6.2f s   peak RSS %5.0f MB   (median of %s)\n", pw, pr / 1024, runs
	printf "ratio            %6.2fx python parse time; dossier RSS %.2fx the file size\n", dw / pw, dr * 1024 / size
}'
