#!/usr/bin/env bash
# bench/pattern.sh — `dossier pattern match -f` with many indicator
# patterns over a stream of observed-data, next to what a user would
# otherwise run for the equality-only part: grep -F -f with the same
# values over the same JSON (one observed-data a line). The patterns are
# real malicious IPv4 addresses from the IPsum feed: first equality
# patterns only (where grep -F is a fair comparison, and the two must
# find the same events), then a mix of 90% equality and 10% compound
# patterns (OR, ISSUBSET on the /24, FOLLOWEDBY ... WITHIN), which grep
# cannot express. Events: about one in a hundred carries an indicator.
# dossier's time includes reading and checking the JSON, compiling every
# pattern and process start. Median of $RUNS runs (default 3); wall time,
# user CPU and peak RSS (GNU time).
# Usage: bench/pattern.sh [PATTERNS] [EVENTS] (default 100000 200000).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
npat="${1:-100000}"
nev="${2:-200000}"
need "$data/feeds/ipsum/ipsum.txt" "set DOSSIER_SHARED_DATA"
need_gnu_time
build_dossier

awk -v n="$npat" '!/^#/ && k < n { print $1; k++ }' "$data/feeds/ipsum/ipsum.txt" >"$work/ips.txt"
have=$(wc -l <"$work/ips.txt")
if [[ "$have" -lt "$npat" ]]; then
	echo "$me: the feed has only $have addresses; using them all" >&2
	npat=$have
fi

# Patterns: equality only, and the 90/10 mix.
awk '{printf "[ipv4-addr:value = '\''%s'\'']\n", $1}' "$work/ips.txt" >"$work/eq.txt"
awk '{
	if (NR % 10 != 0) { printf "[ipv4-addr:value = '\''%s'\'']\n", $1; next }
	split($1, o, ".")
	k = NR / 10 % 3
	if (k == 0) printf "[ipv4-addr:value = '\''%s'\'' OR ipv4-addr:value = '\''%s.%s.%s.%d'\'']\n", $1, o[1], o[2], o[3], (o[4] + 1) % 256
	else if (k == 1) printf "[ipv4-addr:value ISSUBSET '\''%s.%s.%s.0/24'\'']\n", o[1], o[2], o[3]
	else printf "([ipv4-addr:value = '\''%s'\''] FOLLOWEDBY [ipv4-addr:value = '\''%s'\'']) WITHIN 600 SECONDS\n", $1, prev
	prev = $1
}' "$work/ips.txt" >"$work/mix.txt"
# grep -F looks for the quoted value, so 1.2.3.4 does not find 1.2.3.45.
awk '{printf "\"%s\"\n", $1}' "$work/ips.txt" >"$work/values.txt"

# Events: one ipv4-addr each, a second apart; 1 in 100 an indicator,
# the rest addresses from 100.64.0.0/10 (shared address space, in no feed).
awk -v n="$nev" -v seed=1 'BEGIN { srand(seed) }
	FNR == NR { ip[FNR] = $1; nip = FNR; next }
	END {
		print "["
		for (j = 0; j < n; j++) {
			if (rand() < 0.01) v = ip[int(rand() * nip) + 1]
			else v = sprintf("100.%d.%d.%d", 64 + int(rand() * 64), int(rand() * 256), int(rand() * 256))
			d = 1 + int(j / 86400); s = j % 86400
			t = sprintf("2024-01-%02dT%02d:%02d:%02dZ", d, s / 3600, s / 60 % 60, s % 60)
			printf "%s{\"type\": \"observed-data\", \"id\": \"observed-data--%08d-0000-4000-8000-000000000000\", \"first_observed\": \"%s\", \"last_observed\": \"%s\", \"number_observed\": 1, \"objects\": {\"0\": {\"type\": \"ipv4-addr\", \"value\": \"%s\"}}}\n", (j ? "," : ""), j, t, t, v
		}
		print "]"
	}' "$work/ips.txt" /dev/null >"$work/events.json"
size=$(stat -c %s "$work/events.json")

run() { # label, command...: median wall, user and RSS of $runs runs; output lines in $work/out
	local label="$1"
	shift
	: >"$work/t.txt"
	for _ in $(seq "$runs"); do
		/usr/bin/time -f "%e %U %M" -o "$work/t" "$@" >"$work/out" 2>"$work/err" || [[ $? -eq 1 ]] || { cat "$work/err" >&2; exit 1; }
		cat "$work/t" >>"$work/t.txt"
	done
	local wall user rss
	wall=$(cut -d' ' -f1 "$work/t.txt" | median)
	user=$(cut -d' ' -f2 "$work/t.txt" | median)
	rss=$(cut -d' ' -f3 "$work/t.txt" | median)
	printf "%-48s %6.2f s wall %7.2f s user %6d MB peak RSS %8d lines out\n" "$label" "$wall" "$user" $((rss / 1024)) "$(wc -l <"$work/out")"
}

echo "events: $nev observed-data, $((size / 1000000)) MB of JSON; patterns: $npat IPsum addresses"
run "grep -F -f (equality, $npat values)" grep -F -f "$work/values.txt" "$work/events.json"
grep_lines=$(wc -l <"$work/out")
run "dossier pattern match -f (equality)" "$work/dossier" pattern match -f "$work/eq.txt" "$work/events.json"
dossier_lines=$(wc -l <"$work/out")
run "dossier pattern match -f (90% eq, 10% compound)" "$work/dossier" pattern match -f "$work/mix.txt" "$work/events.json"
if [[ "$grep_lines" -ne "$dossier_lines" ]]; then
	echo "$me: grep found $grep_lines events, dossier $dossier_lines: they should agree on equality" >&2
	exit 1
fi
echo "equality: grep and dossier agree on $grep_lines matching events"
