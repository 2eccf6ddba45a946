#!/usr/bin/env bash
# Memory over a mixed load (not part of `make test`): the release server
# with the real LocalgovFAQ (read from ../shared/data/localgovfaq, never
# copied) answers staff questions as fast as wrk asks (2 threads, 16
# connections, the 375 dev questions in turn) while an editor saves an
# entry every 0.5 s and staff vote 👍 on fresh answers every 0.2 s. The
# server's resident memory is sampled every 10 s; the anchor is the RSS
# right after the first minute (index built, pools warm), and the figure is
# the growth after it.
#
#   bash bench/mixed.sh [SECONDS]    (default 600)
set -euo pipefail
cd "$(dirname "$0")/.."
DUR=${1:-600}
command -v wrk >/dev/null || { echo "bench: installing wrk"; apt-get install -y -qq wrk >/dev/null; }
make --no-print-directory -s build >/dev/null
work=$(mktemp -d /tmp/yakuba-bench-mixed.XXXXXX)
cleanup() {
	[ -n "${ypid:-}" ] && kill "$ypid" 2>/dev/null || true
	[ -n "${wpid:-}" ] && kill "$wpid" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT
BIN=build/release/yakuba
. bench/lgf_serve.sh
otp=$("$BIN" init --db "$work/y.db" | sed -n 's/^初期パスワード: //p')
lgf_import
"$BIN" serve --db "$work/y.db" --listen 127.0.0.1:0 >"$work/serve.out" 2>"$work/serve.err" &
ypid=$!
serve_wait
admin_login "$otp"
H=(-b "$work/jar" -H 'content-type: application/json' -H "x-csrf-token: $csrf")
{
	awk -F'\t' 'BEGIN {print "local qs = {"} NF >= 2 && $2 !~ /["\\]/ {print "  [==[" $2 "]==],"} END {print "}"}' \
		"$LGF/queries-dev.tsv"
	cat <<LUA
local i = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Cookie"] = "yakuba_session=$cookie"
wrk.headers["X-CSRF-Token"] = "$csrf"
request = function()
	i = i + 1
	return wrk.format(nil, nil, nil, '{"question":"' .. qs[(i % #qs) + 1] .. '"}')
end
LUA
} >"$work/ask.lua"
curl -s -o /dev/null "${H[@]}" -d '{"question":"転入届"}' "$base/api/v1/ask"
wrk -t2 -c16 -d"${DUR}s" -s "$work/ask.lua" "$base/api/v1/ask" >"$work/wrk.out" 2>&1 &
wpid=$!
rss() { awk '/VmRSS/ {print $2}' "/proc/$ypid/status"; }
start=$(date +%s)
next_sample=$start
anchor=
peak=0
edits=0
votes=0
echo "t(s)  RSS(MiB)  edits  votes" >&2
while [ $(( $(date +%s) - start )) -lt "$DUR" ]; do
	now=$(date +%s)
	# An editor saves an entry (a random one of the 1,786).
	id=$(( (RANDOM % 1786) + 1 ))
	if curl -s -o /dev/null -w '%{http_code}' -X PUT "${H[@]}" \
		-d "{\"question\":\"編集された質問 $id\",\"answer\":\"編集 $edits 回目の回答です。窓口へお問い合わせください。\",\"public\":true}" \
		"$base/api/v1/kb/entries/$id" | grep -q 200; then edits=$((edits + 1)); fi
	# Staff vote on two fresh answers.
	for _ in 1 2; do
		r=$(curl -s "${H[@]}" -d '{"question":"住民票の写しがほしい"}' "$base/api/v1/ask")
		qid=$(sed -n 's/.*"question_id":\([0-9]*\).*/\1/p' <<<"$r")
		tok=$(sed -n 's/.*"feedback_token":"\([0-9a-f]*\)".*/\1/p' <<<"$r")
		if [ -n "$qid" ] && curl -s -o /dev/null -w '%{http_code}' "${H[@]}" \
			-d "{\"token\":\"$tok\",\"vote\":1}" "$base/api/v1/ask/$qid/feedback" | grep -q 200; then
			votes=$((votes + 1))
		fi
		sleep 0.2
	done
	if [ "$now" -ge "$next_sample" ]; then
		r=$(rss)
		[ "$r" -gt "$peak" ] && peak=$r
		[ -z "$anchor" ] && [ $((now - start)) -ge 60 ] && anchor=$r
		printf '%4d  %8.1f  %5d  %5d\n' $((now - start)) "$(awk -v r="$r" 'BEGIN {print r / 1024}')" \
			"$edits" "$votes" >&2
		next_sample=$((now + 10))
	fi
done
wait "$wpid" || true
wpid=
end=$(rss)
asks=$(awk '/requests in/ {print $1}' "$work/wrk.out")
rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.out")
kill -TERM "$ypid"; wait "$ypid" 2>/dev/null || true; ypid=
logged=$(sqlite3 "$work/y.db" "SELECT count(*) FROM qa_questions")
awk -v a="${anchor:-0}" -v e="$end" -v p="$peak" -v d="$DUR" 'BEGIN {
	printf "RSS: after the first minute %.1f MiB (anchor), end %.1f MiB, peak %.1f MiB; growth after the anchor %+.1f MiB (%.1f%%) over %d s\n",
		a / 1024, e / 1024, p / 1024, (e - a) / 1024, a ? 100 * (e - a) / a : 0, d
}' >&2
echo "load: $asks staff questions by wrk ($rps/s), $edits edits, $votes votes; question log $logged rows" >&2
