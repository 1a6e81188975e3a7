#!/usr/bin/env bash
# bench/extract.sh — full report extraction (`dossier extract --json`: read,
# indicators, names, organisations, claims, STIX bundle) of about 5 MB of
# real report text (the AnnoCTR reports and the ESET reports of the
# extraction corpus, repeated), next to what a user would otherwise run to
# pull indicators out of a report: a grep -oE pipeline for addresses,
# domains, URLs and hashes (no refanging, no names, no claims). The
# extraction goal is 20 MB/s of wall time, process start included.
#
# Each figure is a median ($RUNS runs, default 3) of wall time and the rate
# it makes, with the fastest run, user CPU (on two cores and more,
# extraction runs its stages side by side: more CPU than wall), system CPU
# and peak RSS, from GNU time. The bundle is written to a new file.
#
# Extraction is timed twice, because what a run's memory costs depends on
# when memory was last used on the machine:
#   warm  runs one after another (after one untimed run), as an analyst
#         extracting report after report, or any machine that keeps the
#         memory a process frees;
#   cold  runs each after $COLD_WAIT seconds (default 3) of rest: on a
#         virtual machine whose host takes freed memory back (a balloon
#         with free page reporting, which reports freed 2 MB blocks about
#         two seconds after they are freed), every page the run touches is
#         then given again by the host. Stop 24's machine (a Firecracker
#         guest) gives it at about 1.7 ms per MB: 96 MB of huge pages took
#         6 ms to fault warm and 170 ms cold, and an extraction's 97 MB of
#         anonymous memory made its cold runs about 0.08 s slower than its
#         warm ones (0.12 s more system time). README.md says more.
# Runs alternated with grep's (as this script did until stop 24) fall on
# either side depending on the timing, and their median on whichever side
# has five of nine. COLD_RUNS sets the cold runs (default $RUNS; 0 skips).
# Usage: bench/extract.sh [MB] (default 5).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
mb="${1:-5}"
need "$data/annoctr" "set DOSSIER_SHARED_DATA"
need_gnu_time
build_dossier

text="$work/report.txt"
report_text "$text" "$mb"
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
cold_runs="${COLD_RUNS:-$runs}"
cold_wait="${COLD_WAIT:-3}"
: >"$work/c.txt"
"$work/dossier" --db "$work/none.db" extract --json "$text" >/dev/null # untimed: the binary and the report in the page cache
for i in $(seq "$runs"); do
	timed "$work/out.json" "$work/dossier" --db "$work/none.db" extract --json "$text" >>"$work/d.txt"
done
for i in $(seq "$runs"); do
	timed /dev/null bash -c 'grep_iocs "$1"' _ "$text" >>"$work/g.txt"
done
for i in $(seq "$cold_runs"); do
	sleep "$cold_wait"
	timed "$work/out.json" "$work/dossier" --db "$work/none.db" extract --json "$text" >>"$work/c.txt"
done

col() { cut -d' ' -f"$1" "$2" | median; }
least() { cut -d' ' -f1 "$1" | sort -n | head -1; }
objects=$(grep -o '"id":' "$work/out.json" | wc -l)
# line LABEL FILE: the median of FILE's runs on one line. The median is
# the figure; the fastest run (min) says what the machine gives when its
# other tenants are quiet.
line() {
	[[ -s $2 ]] || return 0
	awk -v label="$1" -v s="$size" -v w="$(col 1 "$2")" -v u="$(col 2 "$2")" -v r="$(col 3 "$2")" -v y="$(col 4 "$2")" -v m="$(least "$2")" 'BEGIN {
		printf "%-32s %6.3f s wall  %6.1f MB/s (fastest %.3f s)  %5.2f s user  %5.2f s sys  peak RSS %4d MB\n", label, w, s/1e6/(w>0?w:0.01), m, u, y, r/1024
	}'
}
echo "input: $(awk -v s="$size" 'BEGIN {printf "%.2f", s/1e6}') MB of report text; the bundle holds $objects STIX ids"
line "dossier extract --json, warm" "$work/d.txt"
line "dossier extract --json, cold" "$work/c.txt"
line "grep -oE indicators" "$work/g.txt"
# The host's other tenants move every line above together: dossier's
# time over grep's moves less, and compares runs made at different hours.
awk -v d="$(col 1 "$work/d.txt")" -v g="$(col 1 "$work/g.txt")" 'BEGIN {
	if (g > 0) printf "warm dossier / grep: %.3f\n", d/g
}'
