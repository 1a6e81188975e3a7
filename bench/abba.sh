#!/usr/bin/env bash
# bench/abba.sh — compares two builds of dossier on bench/extract.sh's
# work (`dossier extract --json` of about 5 MB of report text), their
# runs alternated A B B A so that both meet the same moments of a shared
# machine. On stop 25's two-core virtual machine the other tenants moved
# a run's wall time by up to 20% from one minute to the next (user CPU
# 0.41 s in a quiet hour, 0.49-0.51 s in a busy one, for the same work),
# far more than most changes do; runs made minutes apart, or in separate
# scripts, cannot tell a change of 2% from the host's mood.
#
# Usage: bench/abba.sh A B [ROUNDS]
#   A, B    git revisions (main, HEAD~1, a commit id), each built from a
#           clean checkout of it (git worktree), or paths of dossier
#           binaries already built
#   ROUNDS  rounds of A B B A (default 8: sixteen runs of each)
# It prints, for each build, the median and fastest wall time, the
# median user and system CPU and peak RSS (GNU time), and the wall times
# sorted; then B's median over A's. Warm runs only: see bench/extract.sh
# for what cold runs measure.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
if [[ $# -lt 2 ]]; then
	echo "usage: $me A B [ROUNDS]  (git revisions or dossier binaries)" >&2
	exit 2
fi
rounds="${3:-8}"
need "$data/annoctr" "set DOSSIER_SHARED_DATA"
need_gnu_time
make_work
trap 'rm -rf "$work"; git worktree prune' EXIT # the checkouts, should a build fail

build_rev a "$1"
build_rev b "$2"

text="$work/report.txt"
report_text "$text" 5

# one NAME: a run of $work/NAME, appending "wall user sys rss" to $work/NAME.runs.
one() {
	local t0 t1
	t0=$EPOCHREALTIME
	/usr/bin/time -f "%U %S %M" -o "$work/time" "$work/$1" --db "$work/none.db" extract --json "$text" >"$work/out.json" 2>/dev/null
	t1=$EPOCHREALTIME
	echo "$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", b-a}') $(cat "$work/time")" >>"$work/$1.runs"
}
one a # untimed: the first run of each reads the binary from disk
one b
: >"$work/a.runs"
: >"$work/b.runs"
for _ in $(seq "$rounds"); do
	one a
	one b
	one b
	one a
done

col() { cut -d' ' -f"$2" "$work/$1.runs" | median; }
for x in a b; do
	label="$1"
	[[ $x == b ]] && label="$2"
	printf '%-12s median %s s (fastest %s s)  user %s s  sys %s s  peak RSS %s KB\n' "$label" \
		"$(col $x 1)" "$(cut -d' ' -f1 "$work/$x.runs" | sort -n | head -1)" "$(col $x 2)" "$(col $x 3)" "$(col $x 4)"
	printf '             walls: %s\n' "$(cut -d' ' -f1 "$work/$x.runs" | sort -n | tr '\n' ' ')"
done
awk -v a="$(col a 1)" -v b="$(col b 1)" 'BEGIN {printf "B / A: %.3f\n", b/a}'
