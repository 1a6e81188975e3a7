#!/usr/bin/env bash
# bench/instructions.sh — the instructions one `dossier extract --json` of
# bench/extract.sh's 5.6 MB report executes, counted by valgrind
# (callgrind), for two builds side by side: git revisions or dossier
# binaries. Wall and CPU time on a shared host move by 5-10% from one run
# to the next (bench/abba.sh needs dozens of runs to see 2%), where the
# count moves by under 0.5%: a change that saves 1% of the work shows
# here in one run of each. It counts work, not time: page faults, cache
# misses and waits are not in it, so a change to memory or to how the
# stages run side by side is timed with bench/abba.sh as well.
#
# The runs are made as the count needs them steady: GOMAXPROCS=1 (with
# two cores, the scheduler's spinning threads made the count move by 10%)
# and GODEBUG=asyncpreemptoff=1 (callgrind fails on the signals of
# asynchronous preemption). One core reads the report whole where two
# would read it in pieces, and the stages run one after another: the
# work is otherwise the same. Under valgrind the SHA-1 and SHA-256 of the
# report and the identifiers run Go's generic code, not the processor's
# SHA instructions: their share is larger here than on the machine.
#
# It prints each build's total and, with TOP=N (default 15), the N
# functions whose own count differs most between the two. It takes
# about 30 s a run, and needs valgrind (Debian package: valgrind).
# Usage: bench/instructions.sh A B
set -euo pipefail
source "$(dirname "$0")/lib.sh"
if [[ $# -ne 2 ]]; then
	echo "usage: $me A B  (git revisions or dossier binaries)" >&2
	exit 2
fi
if ! command -v valgrind >/dev/null || ! command -v callgrind_annotate >/dev/null; then
	echo "$me: needs valgrind and callgrind_annotate (Debian package: valgrind)" >&2
	exit 1
fi
need "$data/annoctr" "set DOSSIER_SHARED_DATA"
make_work
trap 'rm -rf "$work"; git worktree prune' EXIT

build_rev a "$1"
build_rev b "$2"
text="$work/report.txt"
report_text "$text" 5

count() {
	GOMAXPROCS=1 GODEBUG=asyncpreemptoff=1 valgrind --tool=callgrind --callgrind-out-file="$work/$1.out" \
		"$work/$1" --db "$work/none.db" extract --json "$text" >/dev/null 2>"$work/$1.err" || {
		echo "$me: valgrind failed on $1:" >&2
		tail -5 "$work/$1.err" >&2
		exit 1
	}
	# The totals line, then each function's own count (code inlined into
	# it counted under its name, whatever file it comes from), read off
	# the list that follows the "file:function" heading.
	callgrind_annotate --inclusive=no --auto=no --threshold=100 "$work/$1.out" 2>/dev/null | awk '
		/PROGRAM TOTALS/ { n = $1; gsub(",", "", n); print "TOTAL\t" n; next }
		/file:function/ { list = 1; next }
		list && /^ *[0-9,]+ / {
			n = $1; gsub(",", "", n)
			f = $0; sub(/^ *[0-9,]+ *(\([^)]*\))? */, "", f); sub(/ \[[^]]*\]$/, "", f)
			sub(/^[^:]*:/, "", f); sub(/\047[0-9]+$/, "", f)
			own[f] += n
		}
		END { for (f in own) print f "\t" own[f] }' >"$work/$1.fn"
}
count a
count b
ta=$(awk -F'\t' '$1 == "TOTAL" {print $2}' "$work/a.fn")
tb=$(awk -F'\t' '$1 == "TOTAL" {print $2}' "$work/b.fn")
awk -v a="$ta" -v b="$tb" -v A="$1" -v B="$2" 'BEGIN {
	printf "%-12s %14.0f instructions\n%-12s %14.0f instructions\nB / A: %.4f\n", A, a, B, b, b / a
}'
top="${TOP:-15}"
if [[ $top -gt 0 ]]; then
	echo "the functions whose own count moved most (millions, A -> B):"
	join -t $'\t' -a1 -a2 -e 0 -o 0,1.2,2.2 \
		<(grep -v '^TOTAL' "$work/a.fn" | sort -t $'\t' -k1,1) \
		<(grep -v '^TOTAL' "$work/b.fn" | sort -t $'\t' -k1,1) |
		awk -F'\t' '{d = $3 - $2; if (d != 0) printf "%+8.1f  %8.1f -> %8.1f  %s\n", d/1e6, $2/1e6, $3/1e6, $1}' |
		sort -g -k1,1 | awk -v n="$top" '{a[NR]=$0} END {for (i=1; i<=NR; i++) if (i <= int((n+1)/2) || i > NR-int(n/2)) print a[i]}'
fi
