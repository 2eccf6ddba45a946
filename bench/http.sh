#!/usr/bin/env bash
# HTTP benchmark of the foundation (not part of `make test`).
#
# Runs wrk on 127.0.0.1 against the release build of `yakuba serve` for:
#   static   GET /            (embedded asset, ETag)
#   health   GET /api/v1/health (route table, one SQLite read)
#   me       GET /api/v1/me   (session cookie: SHA-256, session lookup, user
#                              and roles read, JSON serialisation)
#   ask      POST /api/v1/ask over the sample FAQ and documents (ranking,
#            entries read, snippets, PII-masked question log and usage event
#            queued for the group-commit writer: a real 問い合わせ round trip)
#   lgf-staff  POST /api/v1/ask, staff, over the real LocalgovFAQ (1,786
#            entries, imported from ../shared/data/localgovfaq, never copied
#            into the repository), cycling through its 375 dev questions
#   lgf-public POST /api/v1/public/ask, the same for citizens (each request
#            from another X-Forwarded-For address through a trusted proxy
#            setting, so that the per-address rate limit is not what is
#            measured)
# After the run the server is stopped with SIGTERM and the question log is
# counted: every answered question must be there.
# and, in the same run, the anchor: nginx (Debian nginx-light) serving the
# same index.html from disk with one worker per core. Prints requests/s,
# latency percentiles, the server's CPU time per request (user + system from
# /proc: less dependent on the neighbours than req/s), the ratio to nginx,
# and the server's peak RSS.
#
#   bash bench/http.sh [SECONDS]     (default 10 s per case, 2 threads, 64 connections)
#   LGF=DIR overrides the LocalgovFAQ folder (default ../shared/data/localgovfaq,
#   then /work/shared/data/localgovfaq); BIN=PATH runs another build of yakuba.
set -euo pipefail
cd "$(dirname "$0")/.."
DUR=${1:-10}
CONN=${BENCH_CONNECTIONS:-64}
command -v wrk >/dev/null || { echo "bench: installing wrk"; apt-get install -y -qq wrk >/dev/null; }
command -v nginx >/dev/null || { echo "bench: installing nginx-light (anchor)"; apt-get install -y -qq nginx-light >/dev/null; }
[ -n "${BIN:-}" ] || make --no-print-directory -s build >/dev/null

work=$(mktemp -d /tmp/yakuba-bench-http.XXXXXX)
chmod 755 "$work" # nginx's worker (www-data) reads the anchor file from here
cleanup() {
	[ -n "${ypid:-}" ] && kill "$ypid" 2>/dev/null || true
	[ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

BIN=${BIN:-build/release/yakuba} # BIN=...: another build (an A/B run on the same machine minute)
. bench/lgf_serve.sh
otp=$("$BIN" init --db "$work/y.db" | sed -n 's/^初期パスワード: //p')
"$BIN" sample --db "$work/y.db" >/dev/null
lgf_import
# The dev questions as a Lua table in long brackets; a question with a
# quote or backslash (none in the dev split) is left out rather than
# escaped for JSON.
awk -F'\t' 'BEGIN {print "local qs = {"}
	NF >= 2 && $2 !~ /["\\]/ {print "  [==[" $2 "]==],"}
	END {print "}"}' "$LGF/queries-dev.tsv" >"$work/lgf-questions.lua"
# wrk is one client address with many connections: lift the per-address
# limit (64 by default) so that it measures throughput, not the limit.
YAKUBA_TRUSTED_PROXY_ADDR=127.0.0.1 "$BIN" serve --db "$work/y.db" --listen 127.0.0.1:0 \
	--conns-per-addr $((CONN * 4 + 64)) >"$work/serve.out" 2>"$work/serve.err" &
ypid=$!
serve_wait

# Log in, change the one-time password, keep the cookie.
admin_login "$otp"
csrf2=$csrf

# Anchor: nginx with the same file.
mkdir -p "$work/www" "$work/nginx-tmp"
cp web/index.html "$work/www/index.html"
chmod -R a+rX "$work/www"
cat >"$work/nginx.conf" <<EOF
worker_processes $(nproc);
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
	access_log off;
	client_body_temp_path $work/nginx-tmp; proxy_temp_path $work/nginx-tmp;
	fastcgi_temp_path $work/nginx-tmp; uwsgi_temp_path $work/nginx-tmp; scgi_temp_path $work/nginx-tmp;
	server { listen 127.0.0.1:18089; root $work/www; }
}
EOF
nginx -c "$work/nginx.conf"
sleep 0.3

# CPU time (clock ticks, user + system) of the yakuba server so far; empty
# for the nginx anchor.
server_cpu_ticks() {
	[ "$1" = nginx ] && return 0
	awk '{print $14 + $15}' "/proc/$ypid/stat"
}

run_wrk() { # name url [header [lua script]]
	local name=$1 url=$2 hdr=${3:-} script=${4:-}
	local out args=()
	[ -n "$hdr" ] && args+=(-H "$hdr")
	[ -n "$script" ] && args+=(-s "$script")
	local t0 t1
	t0=$(server_cpu_ticks "$name")
	out=$(wrk -t2 -c"$CONN" -d"${DUR}s" --latency "${args[@]+"${args[@]}"}" "$url")
	t1=$(server_cpu_ticks "$name")
	local rps p50 p99 total non2xx cpu
	total=$(awk '/requests in/ {print $1}' <<<"$out")
	# Server CPU (user + system, all threads, the log writer included) per
	# request: unlike req/s, it hardly depends on what else the machine runs.
	cpu=$(awk -v a="$t0" -v b="$t1" -v n="$total" -v hz="$(getconf CLK_TCK)" \
		'BEGIN { if (a == "" || n == 0) print "-"; else printf "%.0f", (b - a) * 1e6 / hz / n }')
	non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
	case $name in lgf-*) echo "$((total - ${non2xx:-0}))" >>"$work/answered" ;; esac
	[ -n "${non2xx:-}" ] && printf '%-8s %s non-2xx responses of %s\n' "$name" "$non2xx" "$total" >&2
	rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
	p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
	p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
	printf '%-10s %11s req/s   p50 %8s   p99 %8s   server CPU %6s µs/req\n' "$name" "$rps" "$p50" "$p99" "$cpu" >&2
	echo "$rps"
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load average $(cut -d' ' -f1-3 /proc/loadavg); commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'); wrk -t2 -c$CONN -d${DUR}s" >&2
nginx_rps=$(run_wrk nginx "http://127.0.0.1:18089/")
static_rps=$(run_wrk static "$base/")
health_rps=$(run_wrk health "$base/api/v1/health")
me_rps=$(run_wrk me "$base/api/v1/me" "Cookie: yakuba_session=$cookie")
# Questions staff ask, cycled (a first request builds the index).
cat >"$work/ask.lua" <<LUA
local qs = {"粗大ごみを出したい", "引っ越しの手続き", "マイナンバーカードを作りたい",
            "保育園に入りたい", "住民票の写しがほしい", "文書の保存期間は"}
local i = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Cookie"] = "yakuba_session=$cookie"
wrk.headers["X-CSRF-Token"] = "$csrf2"
request = function()
	i = i + 1
	return wrk.format(nil, nil, nil, '{"question":"' .. qs[(i % #qs) + 1] .. '"}')
end
LUA
curl -s -o /dev/null -b "$work/jar" -H 'content-type: application/json' -H "x-csrf-token: $csrf2" \
	-d '{"question":"転入届"}' "$base/api/v1/ask"
ask_rps=$(run_wrk ask "$base/api/v1/ask" "" "$work/ask.lua")

# LocalgovFAQ: staff and public, rotating real questions.
for kind in staff public; do
	{
		cat "$work/lgf-questions.lua"
		cat <<LUA
local i = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
LUA
		if [ "$kind" = staff ]; then
			cat <<LUA
wrk.headers["Cookie"] = "yakuba_session=$cookie"
wrk.headers["X-CSRF-Token"] = "$csrf2"
request = function()
	i = i + 1
	return wrk.format(nil, nil, nil, '{"question":"' .. qs[(i % #qs) + 1] .. '"}')
end
LUA
		else
			cat <<LUA
local tid = 0
setup = function(thread) tid = tid + 1; thread:set("tid", tid) end
request = function()
	i = i + 1
	wrk.headers["X-Forwarded-For"] = string.format("2001:db8:%x::%x", tid or 0, i)
	return wrk.format(nil, nil, nil, '{"question":"' .. qs[(i % #qs) + 1] .. '"}')
end
LUA
		fi
	} >"$work/lgf-$kind.lua"
done
before=$(sqlite3 "$work/y.db" "SELECT count(*) FROM qa_questions")
lgf_staff_rps=$(run_wrk lgf-staff "$base/api/v1/ask" "" "$work/lgf-staff.lua")
lgf_public_rps=$(run_wrk lgf-public "$base/api/v1/public/ask" "" "$work/lgf-public.lua")
rss=$(awk '/VmHWM/ {print $2}' "/proc/$ypid/status")

# Stop with SIGTERM: the server drains and the question log is flushed.
kill -TERM "$ypid"
wait "$ypid" 2>/dev/null || true
ypid=
after=$(sqlite3 "$work/y.db" "SELECT count(*) FROM qa_questions")
answered=$(cat "$work/answered" 2>/dev/null | awk '{s += $1} END {print s + 0}')
awk -v n="$nginx_rps" -v s="$static_rps" -v h="$health_rps" -v m="$me_rps" -v a="$ask_rps" \
	-v ls="$lgf_staff_rps" -v lp="$lgf_public_rps" -v r="$rss" 'BEGIN {
	printf "ratio to nginx (same file): static %.2f, health %.2f, me %.2f, ask %.3f\n", s / n, h / n, m / n, a / n
	printf "ratio to yakuba static:     lgf-staff %.4f, lgf-public %.4f\n", ls / s, lp / s
	printf "yakuba peak RSS: %.1f MiB\n", r / 1024
}' >&2
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
echo "question log: $((after - before)) rows written for the LocalgovFAQ cases; wrk counted $answered answered (HTTP 200)" >&2
