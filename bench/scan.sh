#!/usr/bin/env bash
# bench/scan.sh — dossier scan of a 5-million-query Zeek DNS log (JSON
# lines) against every indicator of the real feeds in ../shared/data/feeds
# (Maltrail's trails and IPsum, about 1.5 million indicators), next to
# grep -F -f with the same indicator values on the same log.
#
# The log's queries are the Cloudflare top-100k domains (half with a
# "www." or other first label added) with 0.1% hits mixed in: Maltrail
# domains, half of them as a name under the listed one, which only a
# parent match finds (grep finds them as substrings; it also reports
# every substring false positive, and cannot normalise case or a trailing
# dot).
#
# The database is built once (ingesting 3,000 trail files takes a
# while) and kept in $SCAN_BENCH_DIR (default ~/.cache/dossier-bench);
# delete it to rebuild. With SCAN_BENCH_KEEP=1 the indicator values and
# the generated log are kept there too (values.txt, dns-LINES.log) and
# reused by the next runs, for quick repeats while tuning. Reported: ingest time (first run), index build
# time and peak memory, scan wall and CPU time, events per CPU second (the
# per-core rate: the scanner is one goroutine), peak memory; grep -F -f
# wall, CPU and memory. Usage: bench/scan.sh [LINES] (default 5000000).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
lines="${1:-5000000}"
feeds="$data/feeds"
need "$feeds/maltrail/malware" "set DOSSIER_SHARED_DATA"
need "$feeds/benign/cloudflare-radar-top100k.txt" "set DOSSIER_SHARED_DATA"
need_gnu_time
build_dossier
dir="${SCAN_BENCH_DIR:-$HOME/.cache/dossier-bench}"
mkdir -p "$dir"
db="$dir/feeds.db"

if [[ ! -s "$db" ]]; then
	echo "building $db from $feeds (once; this takes a while)" >&2
	rm -f "$db" "$db"-*
	/usr/bin/time -f "%e %M" -o "$work/ingest.t" "$work/dossier" --db "$db" ingest --quiet --no-progress \
		"$feeds/maltrail/malware" "$feeds/maltrail/malicious" "$feeds/ipsum/ipsum.txt" >/dev/null
	read -r iw ir <"$work/ingest.t"
	echo "ingest: ${iw}s wall, peak RSS $((ir / 1024)) MB" >&2
fi

# The indicator values, as grep gets them: every trail entry (comments,
# trailing comments and bare paths left out; ip:port as the address) and
# every IPsum address.
keep="${SCAN_BENCH_KEEP:-}"
gen="$work"
if [[ -n "$keep" ]]; then
	gen="$dir"
fi
values="$gen/values.txt"
[[ -n "$keep" && -s "$values" ]] || {
	cat "$feeds"/maltrail/malware/*.txt "$feeds"/maltrail/malicious/*.txt |
		awk '!/^#/ && NF { sub(/ *#.*/, ""); v = $1; if (v == "" || v ~ /^\//) next; if (v ~ /^[0-9.]+:[0-9]+$/) sub(/:.*/, "", v); print tolower(v) }'
	awk '!/^#/ && NF { print $1 }' "$feeds/ipsum/ipsum.txt"
} | sort -u >"$values"

# The log: benign queries, and one hit per thousand lines.
log="$gen/dns-$lines.log"
[[ -n "$keep" && -s "$log" ]] || {
awk '/^[a-z0-9]/ && !/\// && !/^[0-9.]+(:[0-9]+)?$/ { sub(/ *#.*/, ""); if ($1 != "") print tolower($1) }' "$feeds"/maltrail/malware/apt_*.txt | sort -u >"$work/bad.txt"
awk -v n="$lines" -v seed=42 '
	FNR == NR { bad[nb++] = $0; next }
	{ good[ng++] = $1 }
	END {
		srand(seed)
		split("www mail api cdn static img login m", sub1, " ")
		for (i = 0; i < n; i++) {
			if (i % 1000 == 500) { q = bad[int(rand() * nb)]; if (i % 2000 == 500) q = "x" i "." q }
			else { q = good[int(rand() * ng)]; if (rand() < 0.5) q = sub1[1 + int(rand() * 8)] "." q }
			printf "{\"ts\":%d.%06d,\"uid\":\"C%015d\",\"id.orig_h\":\"10.20.%d.%d\",\"id.orig_p\":%d,\"id.resp_h\":\"10.20.0.2\",\"id.resp_p\":53,\"proto\":\"udp\",\"trans_id\":%d,\"rtt\":0.012,\"query\":\"%s\",\"qclass\":1,\"qclass_name\":\"C_INTERNET\",\"qtype\":1,\"qtype_name\":\"A\",\"rcode\":0,\"rcode_name\":\"NOERROR\",\"AA\":false,\"TC\":false,\"RD\":true,\"RA\":true,\"Z\":0,\"answers\":[\"192.0.2.%d\"],\"TTLs\":[300.0],\"rejected\":false}\n", 1730419200 + int(i / 1000), i % 1000000, i, int(i / 250) % 200, i % 250, 1024 + i % 60000, i % 65536, q, i % 250
		}
	}' "$work/bad.txt" "$feeds/benign/cloudflare-radar-top100k.txt" >"$log.tmp"
mv "$log.tmp" "$log"
}
size=$(stat -c %s "$log")

# The index, built from the store (its peak memory is the figure for
# "1 million indicators"), and saved for the scans.
idx="$work/feeds.idx"
/usr/bin/time -f "%e %U %M" -o "$work/build.t" "$work/dossier" --db "$db" scan --build-index "$idx" >"$work/build.out" 2>"$work/build.err"
read -r bw bu br < <(grep -v '^Command exited' "$work/build.t")

: >"$work/d.txt"
: >"$work/g.txt"
for i in $(seq "$runs"); do
	set +e
	/usr/bin/time -f "%e %U %S %M" -o "$work/t" "$work/dossier" --db "$db" scan --index "$idx" --json --quiet "$log" >"$work/alerts.jsonl"
	code=$?
	set -e
	if [[ $code -ne 3 ]]; then
		echo "$me: dossier scan exited $code (want 3: alerts found)" >&2
		exit 1
	fi
	grep -v '^Command exited' "$work/t" >>"$work/d.txt"
	/usr/bin/time -f "%e %U %S %M" -o "$work/t" bash -c 'LC_ALL=C grep -F -f "$1" "$2" | wc -l >"$3"' _ "$values" "$log" "$work/grep.n"
	cat "$work/t" >>"$work/g.txt"
done

col() { cut -d' ' -f"$1" "$2" | median; }
d_wall=$(col 1 "$work/d.txt"); d_usr=$(col 2 "$work/d.txt"); d_sys=$(col 3 "$work/d.txt"); d_rss=$(col 4 "$work/d.txt")
g_wall=$(col 1 "$work/g.txt"); g_usr=$(col 2 "$work/g.txt"); g_sys=$(col 3 "$work/g.txt"); g_rss=$(col 4 "$work/g.txt")
alerts=$(wc -l <"$work/alerts.jsonl")
alert_lines=$(grep -o '"line":[0-9]*' "$work/alerts.jsonl" | sort -u | wc -l)
parents=$(grep -c '"how":"parent"' "$work/alerts.jsonl" || true)
grep_lines=$(cat "$work/grep.n")
nvalues=$(wc -l <"$values")
rules=$(grep -o 'index of [0-9,]* active indicators ([0-9,]* by value)' "$work/build.out" || true)
awk -v s="$size" -v n="$lines" -v nv="$nvalues" -v rules="$rules" \
	-v bw="$bw" -v bu="$bu" -v br="$br" \
	-v dw="$d_wall" -v du="$d_usr" -v ds="$d_sys" -v dr="$d_rss" -v a="$alerts" -v al="$alert_lines" -v p="$parents" \
	-v gw="$g_wall" -v gu="$g_usr" -v gs="$g_sys" -v gr="$g_rss" -v gl="$grep_lines" 'BEGIN {
	printf "log: %d Zeek DNS JSON lines, %.0f MB; indicators: %s; grep gets %d values\n", n, s/1e6, rules, nv
	printf "index build from the store   %7.2f s wall  %7.2f s user                 peak RSS %4d MB\n", bw, bu, br/1024
	printf "dossier scan --index          %7.2f s wall  %7.2f s user+sys  %5.2f M lines per CPU second  peak RSS %4d MB  %d alerts on %d lines (%d by parent domain)\n", dw, du+ds, n/1e6/(du+ds>0?du+ds:0.01), dr/1024, a, al, p
	printf "LC_ALL=C grep -F -f values    %7.2f s wall  %7.2f s user+sys  %5.2f M lines per CPU second  peak RSS %4d MB  %d matching lines\n", gw, gu+gs, n/1e6/(gu+gs>0?gu+gs:0.01), gr/1024, gl
}'
