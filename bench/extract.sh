#!/usr/bin/env bash
# bench/extract.sh — full report extraction (`dossier extract --json`: read,
# indicators, names, organisations, claims, STIX bundle) of about 5 MB of
# real report text (the AnnoCTR reports and the ESET reports of the
# extraction corpus, repeated), next to what a user would otherwise run to
# pull indicators out of a report: a grep -oE pipeline for addresses,
# domains, URLs and hashes (no refanging, no names, no claims). Median of
# three runs each ($RUNS sets how many), and the fastest; wall time and
# the rate it makes (the extraction goal is 20 MB/s of wall time, process
# start included), user CPU (on two cores and more, extraction runs its
# stages side by side: more CPU than wall), system CPU and peak RSS, from
# GNU time. System CPU is mostly page faults: on a virtual machine whose
# host takes freed memory back, a run's memory costs it several times
# more when the host has to give it again (stop 23's machine: 0.05 s of
# system time on memory the guest still held, 0.16-0.23 s on memory
# given again), so runs a few seconds apart alternate between the two.
# The bundle is written to a file.
# Usage: bench/extract.sh [MB] (default 5).
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
# timed OUT CMD...: runs CMD with its standard output to OUT and its
# standard error dropped, and prints its wall time to the millisecond
# (GNU time's %e has only hundredths, and here 0.27 s is 20.7 MB/s, 0.28 s
# 19.96), user CPU seconds, peak RSS in KB and system CPU seconds, on one
# line.
timed() {
	local out=$1 t0 t1
	shift
	[[ $out == /dev/null ]] || rm -f "$out" # a new file, as a user's would be: not one truncated inside the timing
	t0=$EPOCHREALTIME
	/usr/bin/time -f "%U %M %S" -o "$work/t" "$@" >"$out" 2>/dev/null
	t1=$EPOCHREALTIME
	echo "$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", b-a}') $(cat "$work/t")"
}
export -f grep_iocs
for i in $(seq "$runs"); do
	timed "$work/out.json" "$work/dossier" --db "$work/none.db" extract --json "$text" >>"$work/d.txt"
	timed /dev/null bash -c 'grep_iocs "$1"' _ "$text" >>"$work/g.txt"
done

col() { cut -d' ' -f"$1" "$2" | median; }
least() { cut -d' ' -f1 "$1" | sort -n | head -1; }
d_wall=$(col 1 "$work/d.txt"); d_cpu=$(col 2 "$work/d.txt"); d_rss=$(col 3 "$work/d.txt"); d_sys=$(col 4 "$work/d.txt"); d_min=$(least "$work/d.txt")
g_wall=$(col 1 "$work/g.txt"); g_cpu=$(col 2 "$work/g.txt"); g_rss=$(col 3 "$work/g.txt"); g_sys=$(col 4 "$work/g.txt"); g_min=$(least "$work/g.txt")
objects=$(grep -o '"id":' "$work/out.json" | wc -l)
# The median is the figure; the fastest run (min) says what the machine
# gives when its other tenants are quiet.
awk -v s="$size" -v dw="$d_wall" -v dc="$d_cpu" -v dr="$d_rss" -v ds="$d_sys" -v gw="$g_wall" -v gc="$g_cpu" -v gr="$g_rss" -v gs="$g_sys" -v n="$objects" -v dm="$d_min" -v gm="$g_min" 'BEGIN {
	printf "input: %.2f MB of report text\n", s/1e6
	printf "dossier extract --json  %6.3f s wall  %6.1f MB/s (fastest %.3f s)  %6.2f s user  %5.2f s sys  peak RSS %4d MB  (%d STIX ids in the bundle)\n", dw, s/1e6/(dw>0?dw:0.01), dm, dc, ds, dr/1024, n
	printf "grep -oE indicators     %6.3f s wall  %6.1f MB/s (fastest %.3f s)  %6.2f s user  %5.2f s sys  peak RSS %4d MB\n", gw, s/1e6/(gw>0?gw:0.01), gm, gc, gs, gr/1024
}'
