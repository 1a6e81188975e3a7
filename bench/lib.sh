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
#	build_dossier    make_work, then build dossier as $work/dossier (saying
#	                 when its profile, default.pgo, predates the code)
#	go_build ARGS    go build ARGS as dossier is released: static
#	build_rev NAME REV  make $work/NAME dossier at REV: a git revision
#	                 (built in a worktree of its own) or a dossier binary
#	                 (copied); the caller's EXIT trap should prune worktrees
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
	stale_profile_note
	go_build -o "$work/dossier" ./cmd/dossier
}

# go_build builds as README.md's install line does: with cgo off, a
# static binary (dossier is pure Go; its SQLite driver too). Where a C
# compiler is installed a plain `go build` links the C library for
# package net, and every run then starts through the dynamic loader and
# makes its threads with pthread_create: at stop 30, `dossier --help`
# 40.6 ms against 37.6 ms static (median of 60 runs each, alternated);
# over a whole extraction that is within the host's noise (0.277 against
# 0.267 s in one quiet session of 40 runs each, 0.308 against 0.313 s in
# a busy one).
go_build() {
	CGO_ENABLED=0 go build "$@"
}

# build_rev NAME REV: $work/NAME is dossier at REV (a revision or a binary).
build_rev() {
	if [[ -x "$2" && -f "$2" ]]; then
		cp "$2" "$work/$1"
		return
	fi
	if ! git rev-parse --verify --quiet "$2^{commit}" >/dev/null; then
		echo "$me: $2 is neither a dossier binary nor a git revision" >&2
		exit 2
	fi
	git worktree add --quiet --detach "$work/src-$1" "$2"
	(cd "$work/src-$1" && go_build -o "$work/$1" ./cmd/dossier)
	git worktree remove --force "$work/src-$1"
}

# stale_profile_note says on stderr when cmd/dossier/default.pgo, the
# profile go build optimises dossier by, is older than Go code under
# internal/ (commits since it, or changes not committed): a profile whose
# hot functions were since rewritten guides nothing, and at stop 29 that
# made the new code measure 4% slower than the old. Nothing outside a git
# checkout.
stale_profile_note() {
	git rev-parse --git-dir >/dev/null 2>&1 || return 0
	local made n dirty=""
	made="$(git log -1 --format=%H -- cmd/dossier/default.pgo 2>/dev/null)"
	[[ -n $made ]] || return 0
	n="$(git rev-list --count "$made"..HEAD -- 'internal/*.go' ':(exclude)*_test.go' 2>/dev/null)" || return 0
	git diff --quiet HEAD -- 'internal/*.go' ':(exclude)*_test.go' cmd/dossier/default.pgo || dirty=" and changes not committed"
	if [[ $n -gt 0 || -n $dirty ]]; then
		echo "$me: note: cmd/dossier/default.pgo predates $n commit(s) to internal/$dirty; before comparing timings, make it again (bench/pgo.sh)" >&2
	fi
}

report_text() {
	: >"$1"
	while [[ $(stat -c %s "$1") -lt $(($2 * 1000000)) ]]; do
		cat "$data"/annoctr/*/texts/*.txt internal/extract/testdata/corpus/*.adoc >>"$1"
	done
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
