#!/usr/bin/env bash
# bench/ioc-compare.sh — indicator extraction quality next to another
# open-source extractor: ninoseki's ioc-extractor (TypeScript, MIT), the
# one of the well-known extractors this machine can install (iocsearcher
# and ioc-finder are on PyPI, which it does not reach). Installs
# ioc-extractor@8.2.0 from the npm registry into a temporary directory,
# runs it and dossier's scanner on the 25 labelled texts of
# internal/extract/ioc/testdata/corpus, and prints precision, recall and
# F1 per kind on the kinds both report (see TestCompareWithOtherExtractor
# for how the two tools' conventions are reduced to common ground).
# Needs node and npm (exit 77 when they or the registry are missing). Usage: bench/ioc-compare.sh [-v]  (-v lists every miss)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
version="${IOC_EXTRACTOR_VERSION:-8.2.0}"
for tool in node npm; do
	if ! command -v "$tool" >/dev/null; then
		echo "$me: needs $tool (Node.js) to run ioc-extractor" >&2
		exit 77
	fi
done

make_work
echo "installing ioc-extractor@$version from the npm registry ..." >&2
if ! (cd "$work" && npm install --silent --no-audit --no-fund "ioc-extractor@$version" >&2); then
	echo "$me: could not install ioc-extractor@$version from the npm registry" >&2
	exit 77 # .ci/run reads 77 as "skipped": no registry, nothing compared
fi
cli="$work/node_modules/ioc-extractor/dist/bin/ioc-extractor.mjs"
if [[ ! -f "$cli" ]]; then
	echo "$me: ioc-extractor@$version has no $cli" >&2
	exit 1
fi

out="$(IOC_COMPARE_CMD="node '$cli'" go test -count=1 -run '^TestCompareWithOtherExtractor$' -v ./internal/extract/ioc/ 2>&1)" || {
	echo "$out" >&2
	exit 1
}
if [[ "${1:-}" == "-v" ]]; then
	echo "$out" | grep -E 'missed|false positive' || true
fi
echo "ioc-extractor@$version vs dossier's scanner (internal/extract/ioc), labelled corpus:"
echo "$out" | sed -n '/texts, kinds both tools report/,/precision \/ recall/p' | sed 's/^ *compare_test.go:[0-9]*: //; s/^        //'
