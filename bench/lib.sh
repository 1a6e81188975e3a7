# bench/lib.sh — what the benchmarks share, sourced by each after its
# `set -euo pipefail`:
#
#	source "$(dirname "$0")/lib.sh"
#
# It moves to the repository root and sets
#	me    the script's name as run (bench/NAME.sh), for messages
#	data  the reference data folder: $DOSSIER_SHARED_DATA, else ../shared/data
#	runs  how many runs a median is taken of: $RUNS, else 3
# and defines
#	need PATH HINT   exit 1 saying PATH is absent (HINT) unless it exists
#	need_gnu_time    exit 1 unless GNU time is at /usr/bin/time
#	make_work        make the temporary folder $work, removed on exit
#	build_dossier    make_work, then build dossier as $work/dossier
#	report_text F MB write the extraction benchmarks' report to F: the
#	                 AnnoCTR texts and the ESET reports of the extraction
#	                 corpus, repeated until at least MB million bytes
#	median           the median of the numbers on stdin, one a line

me="bench/$(basename "$0")"
cd "$(dirname "$0")/.."
data="${DOSSIER_SHARED_DATA:-../shared/data}"
runs="${RUNS:-3}"

need() {
	if [[ ! -e "$1" ]]; then
		echo "$me: $1 is absent ($2)" >&2
		exit 1
	fi
}

need_gnu_time() {
	if [[ ! -x /usr/bin/time ]]; then
		echo "$me: needs GNU time at /usr/bin/time (Debian package: time)" >&2
		exit 1
	fi
}

make_work() {
	work="$(mktemp -d)"
	trap 'rm -rf "$work"' EXIT
}

build_dossier() {
	make_work
	go build -o "$work/dossier" ./cmd/dossier
}

report_text() {
	: >"$1"
	while [[ $(stat -c %s "$1") -lt $(($2 * 1000000)) ]]; do
		cat "$data"/annoctr/*/texts/*.txt internal/extract/testdata/corpus/*.adoc >>"$1"
	done
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
