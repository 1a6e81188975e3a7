#!/usr/bin/env bash
# bench/pgo.sh — makes cmd/dossier/default.pgo, the CPU profile the Go
# toolchain reads when it builds dossier (profile-guided optimisation:
# `go build` and `go install` of a main package use the default.pgo
# beside it, no flag needed). The profile is of the work that decides
# dossier's speed: `dossier extract --json` of bench/extract.sh's 5.6 MB
# report, $RUNS times (default 30; RUNS=3 for a quick one), by a dossier
# built without a profile. Run it again after changes to the hot paths,
# and before measuring them: a stale profile still builds, it only
# guides less. (Stop 29: with a profile made before sentenceWords and
# Index.Runes were rewritten, the new code ran 4% slower than the old
# with its own profile, and at par with -pgo=off.)
#
# Measured when it was added (stop 23, `perf stat -r 10 -e task-clock`,
# four rounds alternated): 479-501 ms of CPU per extraction with the
# profile against 498-523 ms without, 3.5% less; the bundle is the same
# byte for byte (timestamps aside), and a clean build took 70 s either
# way.
#
# Thirty runs, not ten (stop 32): a run gives about fifty samples, and
# profiles of ten runs, made one after another of the same code, built
# binaries that executed 2,939 and 2,977 million instructions an
# extraction (bench/instructions.sh; the inliner's choices follow the
# samples); one of thirty runs built one of 2,912.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
runs="${RUNS:-30}"
need "$data/annoctr" "set DOSSIER_SHARED_DATA"
make_work
go_build -pgo=off -o "$work/dossier" ./cmd/dossier

text="$work/report.txt"
report_text "$text" 5
for i in $(seq "$runs"); do
	DOSSIER_CPUPROFILE="$work/cpu$i.prof" "$work/dossier" --db "$work/none.db" extract --json "$text" >/dev/null
done
go tool pprof -proto "$work"/cpu*.prof >"$work/default.pgo"
mv "$work/default.pgo" cmd/dossier/default.pgo
echo "$me: wrote cmd/dossier/default.pgo ($(stat -c %s cmd/dossier/default.pgo) bytes, $runs extractions of $(stat -c %s "$text") bytes)"
