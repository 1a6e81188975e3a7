#!/usr/bin/env bash
# bench/faults.sh — where an extraction's CPU goes to page faults, by the
# code that touched the page: `perf record -e cpu-clock -g` of
# `dossier extract --json` (the software clock works on virtual machines
# whose hardware counters perf cannot read, as stop 31's), $RUNS runs,
# each sample with its stack; a sample is a fault's when the kernel was
# in the page fault handler, and a second fault's when it was copying
# the kernel's zero page for a page that was read before it was written
# (do_wp_page: the copy, and a TLB flush interrupt to every other core
# the process runs on). It prints, per run, the samples, those in the
# kernel, in faults and in second faults, then the code behind each
# kind, most first: the first three frames of Go code on the stack.
#
# A second fault is a bug of ours where the code is ours: write new
# memory before reading it (internal/newpages). Stop 31 found 0.9% of the
# bench report's CPU samples in names' markKinds, and 3.5% of a small
# report's in the recogniser's word memos. perf's sampling about doubles
# a run's CPU: read shares off it, not milliseconds.
#
# Usage: bench/faults.sh [FILE] (default: bench/extract.sh's 5 MB report;
# give a small report to see the start's share). Needs perf (Debian
# package linux-perf) and permission to use it (perf_event_paranoid <= 2,
# or root).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
if ! command -v perf >/dev/null; then
	echo "$me: needs perf (Debian package: linux-perf)" >&2
	exit 1
fi
build_dossier
input="${1:-}"
if [[ -z $input ]]; then
	need "$data/annoctr" "set DOSSIER_SHARED_DATA, or give a report"
	input="$work/report.txt"
	report_text "$input" 5
fi
need "$input" "the report to extract"
runs="${RUNS:-3}"
"$work/dossier" --db "$work/none.db" extract --json "$input" >/dev/null # the binary and the report in the page cache
for i in $(seq "$runs"); do
	perf record -q -e cpu-clock -F 10000 -g -o "$work/perf.$i" \
		"$work/dossier" --db "$work/none.db" extract --json "$input" >/dev/null 2>"$work/perf.err" ||
		{
			cat "$work/perf.err" >&2
			exit 1
		}
	perf script -i "$work/perf.$i" 2>/dev/null
done | awk -v runs="$runs" '
# perf script prints a header line, then one frame a line (address,
# symbol+offset, object), then a blank line, for each sample.
function flush() {
	if (!n) return
	samples++
	if (kern[1]) kernel++
	key = ""; k = 0
	for (i = 1; i <= n && k < 3; i++) {
		if (kern[i]) continue
		f = sym[i]; sub(/\+0x[0-9a-f]+$/, "", f); sub(/^github.com\/dossier-cti\/dossier\/internal\//, "", f)
		key = key (k ? " < " : "") f; k++
	}
	if (fault) { faults++; byFault[key]++ }
	if (wp) { wps++; byWP[key]++ }
	n = 0; fault = 0; wp = 0
}
/^[^ \t]/ { flush(); next }
/^$/ { flush(); next }
{
	n++; sym[n] = $2; kern[n] = ($0 ~ /kernel|\[unknown\]/)
	if ($2 ~ /^asm_exc_page_fault/) fault = 1
	if ($2 ~ /^do_wp_page/) wp = 1
}
END {
	flush()
	printf "per run: %.0f samples (10 kHz), %.0f in the kernel, %.0f in page faults (%.1f%%), %.0f in second faults (%.1f%%)\n",
		samples / runs, kernel / runs, faults / runs, 100 * faults / samples, wps / runs, 100 * wps / samples
	print "second faults (do_wp_page), by the code that read first:"
	for (k in byWP) printf "%8.1f  %s\n", byWP[k] / runs, k | "sort -rn | head -12"
	close("sort -rn | head -12")
	print "all page faults, by the code that touched the page:"
	for (k in byFault) printf "%8.1f  %s\n", byFault[k] / runs, k | "sort -rn | head -20"
}'
