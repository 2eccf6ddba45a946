#!/usr/bin/env bash
# Instructions per answered question over HTTP (not part of `make test`).
#
# Runs the release `yakuba serve` under valgrind callgrind on the bench's
# LocalgovFAQ set-up (as bench/http.sh) and asks each of the 375 dev
# questions once over one keep-alive connection (curl), staff and public
# route. Counters are zeroed after a warm-up question (which builds the
# index) and dumped after each case: instructions per question are
# deterministic, unlike req/s on a shared machine. Every answer is saved
# (less question_id and feedback_token) so that two builds can be compared byte for byte:
#
#   bash bench/http_instr.sh [OUTDIR]      (answers in OUTDIR/{staff,public}.jsonl)
#   LGF=DIR overrides the LocalgovFAQ folder as in bench/http.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-$(mktemp -d /tmp/yakuba-instr.XXXXXX)}
mkdir -p "$out"
[ -n "${BIN:-}" ] || make --no-print-directory -s build >/dev/null
work=$(mktemp -d /tmp/yakuba-bench-instr.XXXXXX)
cleanup() {
	[ -n "${ypid:-}" ] && kill "$ypid" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT
BIN=${BIN:-build/release/yakuba} # BIN=other/build/release/yakuba: the answers of another build
. bench/lgf_serve.sh
otp=$("$BIN" init --db "$work/y.db" | sed -n 's/^初期パスワード: //p')
"$BIN" sample --db "$work/y.db" >/dev/null
lgf_import
YAKUBA_TRUSTED_PROXY_ADDR=127.0.0.1 valgrind --tool=callgrind --callgrind-out-file="$out/callgrind.%p" \
	"$BIN" serve --db "$work/y.db" --listen 127.0.0.1:0 >"$work/serve.out" 2>"$work/serve.err" &
ypid=$!
serve_wait 1200
admin_login "$otp"
curl -s -o /dev/null -b "$work/jar" -H 'content-type: application/json' -H "x-csrf-token: $csrf" \
	-d '{"question":"転入届"}' "$base/api/v1/ask"
n=0
for kind in staff public; do
	url=$base/api/v1/ask
	[ $kind = public ] && url=$base/api/v1/public/ask
	awk -F'\t' -v url="$url" -v kind=$kind -v cookie="$cookie" -v csrf="$csrf" -v dir="$work" '
		NF >= 2 && $2 !~ /["\\]/ {
			n++
			if (n > 1) print "next"
			print "url = \"" url "\""
			print "header = \"Content-Type: application/json\""
			if (kind == "staff") {
				print "header = \"Cookie: yakuba_session=" cookie "\""
				print "header = \"X-CSRF-Token: " csrf "\""
			} else
				print "header = \"X-Forwarded-For: 2001:db8::" sprintf("%x", n) "\""
			print "data = \"{\\\"question\\\":\\\"" $2 "\\\"}\""
			print "output = \"" dir "/" kind "-" n ".json\""
		}' "$LGF/queries-dev.tsv" >"$work/$kind.curl"
	n=$(grep -c '^url' "$work/$kind.curl")
	callgrind_control -z "$ypid" >/dev/null
	curl -s -K "$work/$kind.curl"
	callgrind_control -d "$kind" "$ypid" >/dev/null
	sleep 0.5
	: >"$out/$kind.jsonl"
	for i in $(seq "$n"); do
		# The raw bytes, less the two fields that differ on every run.
		sed 's/^{"question_id":[0-9]*,"feedback_token":"[0-9a-f]*",/{/' "$work/$kind-$i.json" >>"$out/$kind.jsonl"
		echo >>"$out/$kind.jsonl"
	done
done
kill -TERM "$ypid"
wait "$ypid" 2>/dev/null || true
ypid=
for kind in staff public; do
	f=$(grep -l "^desc: Trigger: dump $kind" "$out"/callgrind.* | head -1)
	ir=$(callgrind_annotate "$f" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1; exit}')
	awk -v k=$kind -v ir="$ir" -v n="$n" -v f="$f" 'BEGIN {printf "%-7s %d questions, %.3f M instructions per question (%s)\n", k, n, ir / n / 1e6, f}'
done
echo "answers: $out/staff.jsonl $out/public.jsonl (commit $(git rev-parse --short HEAD))"
