#!/usr/bin/env bash
# bench/extract.sh — full report extraction (`dossier extract --json`: read,
# indicators, names, organisations, claims, STIX bundle) of about 5 MB of
# real report text (the AnnoCTR reports and the ESET reports of the
# extraction corpus, repeated), next to what a user would otherwise run to
# pull indicators out of a report: a grep -oE pipeline for addresses,
# domains, URLs and hashes (no refanging, no names, no claims). Median of
# three runs each; wall time, user CPU and peak RSS (GNU time), process
# start included. Usage: bench/extract.sh [MB] (default 5).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
mb="${1:-5}"
need "$data/annoctr" "set DOSSIER_SHARED_DATA"
need_gnu_time
build_dossier

text="$work/report.txt"
: >"$text"
while [[ $(stat -c %s "$text") -lt $((mb * 1000000)) ]]; do
	cat "$data"/annoctr/*/texts/*.txt internal/extract/testdata/corpus/*.adoc >>"$text"
done
size=$(stat -c %s "$text")

grep_iocs() {
	grep -oE '([0-9]{1,3}\.){3}[0-9]{1,3}|https?://[^[:space:]"<>]+|([a-zA-Z0-9-]+\.)+[a-zA-Z]{2,}|\b[a-fA-F0-9]{32}\b|\b[a-fA-F0-9]{40}\b|\b[a-fA-F0-9]{64}\b' "$1" | sort -u
}

: >"$work/d.txt"
: >"$work/g.txt"
for i in $(seq "$runs"); do
	/usr/bin/time -f "%e %U %M" -o "$work/t" "$work/dossier" --db "$work/none.db" extract --json "$text" >"$work/out.json" 2>/dev/null
	cat "$work/t" >>"$work/d.txt"
	export -f grep_iocs
	/usr/bin/time -f "%e %U %M" -o "$work/t" bash -c 'grep_iocs "$1" >/dev/null' _ "$text"
	cat "$work/t" >>"$work/g.txt"
done

col() { cut -d' ' -f"$1" "$2" | median; }
d_wall=$(col 1 "$work/d.txt"); d_cpu=$(col 2 "$work/d.txt"); d_rss=$(col 3 "$work/d.txt")
g_wall=$(col 1 "$work/g.txt"); g_cpu=$(col 2 "$work/g.txt"); g_rss=$(col 3 "$work/g.txt")
objects=$(grep -o '"id":' "$work/out.json" | wc -l)
awk -v s="$size" -v dw="$d_wall" -v dc="$d_cpu" -v dr="$d_rss" -v gw="$g_wall" -v gc="$g_cpu" -v gr="$g_rss" -v n="$objects" 'BEGIN {
	printf "input: %.2f MB of report text\n", s/1e6
	printf "dossier extract --json  %6.2f s wall  %6.2f s user  %7.1f MB/s of CPU  peak RSS %4d MB  (%d STIX ids in the bundle)\n", dw, dc, s/1e6/(dc>0?dc:0.01), dr/1024, n
	printf "grep -oE indicators     %6.2f s wall  %6.2f s user  %7.1f MB/s of CPU  peak RSS %4d MB\n", gw, gc, s/1e6/(gc>0?gc:0.01), gr/1024
}'
