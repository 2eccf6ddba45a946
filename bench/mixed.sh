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
# Each sample splits the resident set into anonymous memory (the heap:
# where a leak would show), file pages (binary, libraries, the UniDic
# dictionary MeCab maps: shared, reclaimable, not ours to leak) and shared
# memory. Once a minute gdb adds glibc's heap account (held from the
# system vs in use), the index snapshots alive, the question-log queue's
# capacity and SQLite's own memory (see heap_probe); the last lines give
# the data the run added (knowledge-base text changed by the edits, the
# asked field the votes taught, the database files), so that data growth
# is told apart from a leak.
#
#   bash bench/mixed.sh [SECONDS]    (default 600)
#   MIXED_HEAP=0 ...                 no gdb probe (it stops the server ~1 s)
#   MIXED_HEAP_EVERY=N ...           probe every N s (default 60)
#   BIN=path/to/yakuba ...           that binary, nothing built
set -euo pipefail
cd "$(dirname "$0")/.."
DUR=${1:-600}
command -v wrk >/dev/null || { echo "bench: installing wrk"; apt-get install -y -qq wrk >/dev/null; }
[ -n "${BIN:-}" ] || make --no-print-directory -s build >/dev/null
work=$(mktemp -d /tmp/yakuba-bench-mixed.XXXXXX)
cleanup() {
	[ -n "${ypid:-}" ] && kill "$ypid" 2>/dev/null || true
	[ -n "${wpid:-}" ] && kill "$wpid" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT
# BIN=copy/of/yakuba: another build (or a copy, so that rebuilding the
# tree during the run does not pull the binary from under gdb's probe).
BIN=${BIN:-build/release/yakuba}
. bench/lgf_serve.sh
otp=$("$BIN" init --db "$work/y.db" | sed -n 's/^初期パスワード: //p')
lgf_import
# What the knowledge base holds as text (bytes), to tell data from leaks.
kb_bytes() {
	sqlite3 "$work/y.db" "SELECT coalesce(sum(length(CAST(question AS BLOB)) + length(CAST(answer AS BLOB))
		+ length(CAST(title AS BLOB)) + length(CAST(body AS BLOB))), 0) FROM kb_entries WHERE hidden = 0"
}
kb0=$(kb_bytes)
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
# The resident set split (MiB): anonymous (heap, thread stacks, SQLite's
# page caches), file (the binary, libraries and the UniDic dictionary that
# MeCab maps), shared memory (SQLite's WAL index, the -shm file mapped).
rss_split() {
	awk '/^RssAnon/ {a = $2} /^RssFile/ {f = $2} /^RssShmem/ {s = $2}
		END {printf "%7.1f  %7.1f  %5.1f", a / 1024, f / 1024, s / 1024}' "/proc/$ypid/status"
}
# Once a minute (MIXED_HEAP=0: never), gdb stops the server for about a
# second to ask glibc for its account of the heap (malloc_stats(3), printed
# on the server's stderr: bytes the arenas hold from the system and bytes
# in use, all arenas and mmap'ed blocks together), to read the counts of
# index snapshots alive (search_snapshot, and qa's tables of shown entries
# that hold them), and the capacity in rows of the question log's two
# queue arrays (the one askers fill and the writer's spare), found in the
# writer thread's frame, and what SQLite holds (sqlite3_memory_used(3):
# page caches of every connection, statements, schemas; part of "in use").
# Prints "arenas held inuse snaps tables queue sqlite".
cat >"$work/probe.py" <<'PY'
import gdb
out = []
for name in ("'snapshot.c'::snapshots_alive", "'qa_index.c'::snaps_alive"):
    try:
        out.append(str(int(gdb.parse_and_eval(name))))
    except gdb.error:
        out.append("?")
q = "?"
for t in gdb.selected_inferior().threads():
    t.switch()
    f = gdb.newest_frame()
    while f is not None and q == "?":
        if f.name() == "writer_main":
            try:
                qa = f.read_var("qa")
                q = "%d+%d" % (int(qa["capqueue"]), int(f.read_var("spare_cap")))
            except (gdb.error, ValueError):
                q = "n/a"
        f = f.older()
out.append(q)
try:
    out.append("%.1f" % (int(gdb.parse_and_eval("(long long) sqlite3_memory_used()")) / 1048576))
except gdb.error:
    out.append("?")
print("PROBE " + " ".join(out))
PY
heap_probe() {
	local off
	off=$(stat -c %s "$work/serve.err")
	gdb -p "$ypid" -batch -nx -ex 'call (void) malloc_stats()' -x "$work/probe.py" \
		>"$work/gdb.out" 2>/dev/null || true
	tail -c +$((off + 1)) "$work/serve.err" | awk -v g="$work/gdb.out" '
		/^Arena [0-9]+:/ {n++}
		/^Total/ {t = 1}
		t && /^system bytes/ {held = $4}
		t && /^in use bytes/ {used = $5}
		END {
			p = "? ? ?"
			while ((getline l <g) > 0) if (l ~ /^PROBE /) p = substr(l, 7)
			split(p, c, " ")
			printf "%3d  %7.1f  %7.1f  %4s  %4s  %s  %s", n, held / 1048576, used / 1048576, c[1], c[2], c[3], c[4]
		}'
}
heap=${MIXED_HEAP:-1}
command -v gdb >/dev/null || heap=0
start=$(date +%s)
next_sample=$start
anchor=
peak=0
edits=0
votes=0
echo "t(s)  RSS(MiB)    anon     file  shmem  edits  votes$([ "$heap" = 1 ] && echo '  arenas  held(MiB)  inuse(MiB)  snaps  tables  queue(rows)  sqlite(MiB)')" >&2
next_heap=$start
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
		h=
		if [ "$heap" = 1 ] && [ "$now" -ge "$next_heap" ]; then
			h="  $(heap_probe)"
			next_heap=$((now + ${MIXED_HEAP_EVERY:-60}))
		fi
		printf '%4d  %8.1f  %s  %5d  %5d%s\n' $((now - start)) "$(awk -v r="$r" 'BEGIN {print r / 1024}')" \
			"$(rss_split)" "$edits" "$votes" "$h" >&2
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
kb1=$(kb_bytes)
# The asked field 👍 adds to the index: each staff question voted for an
# entry, once (qa_index.c's learned_sql, less its per-entry cap).
asked=$(sqlite3 "$work/y.db" "SELECT coalesce(sum(length(CAST(q AS BLOB))), 0) FROM
	(SELECT DISTINCT f.entry_id, q.question AS q FROM qa_feedback f JOIN qa_questions q ON q.id = f.question_id
	 WHERE f.vote = 1 AND q.channel = 'staff' AND instr(q.question, '〔') = 0)")
dbsize=$(du -cb "$work"/y.db* | awk 'END {print $1}')
awk -v a="${anchor:-0}" -v e="$end" -v p="$peak" -v d="$DUR" 'BEGIN {
	printf "RSS: after the first minute %.1f MiB (anchor), end %.1f MiB, peak %.1f MiB; growth after the anchor %+.1f MiB (%.1f%%) over %d s\n",
		a / 1024, e / 1024, p / 1024, (e - a) / 1024, a ? 100 * (e - a) / a : 0, d
}' >&2
echo "load: $asks staff questions by wrk ($rps/s), $edits edits, $votes votes; question log $logged rows" >&2
echo "data: knowledge-base text $kb0 -> $kb1 bytes ($((kb1 - kb0)) by the edits), asked field from votes $asked bytes;" \
	"database files $((dbsize / 1048576)) MiB on disk (not resident: read through SQLite's bounded page cache)" >&2
