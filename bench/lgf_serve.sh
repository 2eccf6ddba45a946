# Shared set-up of the HTTP benchmarks (sourced by bench/http.sh,
# bench/http_instr.sh and bench/mixed.sh; not run on its own). Expects
# $BIN (the yakuba binary) and $work (a temporary directory).

# LGF: the LocalgovFAQ folder (read there, never copied into the repository).
LGF=${LGF:-../shared/data/localgovfaq}
[ -f "$LGF/faq.tsv" ] || LGF=/work/shared/data/localgovfaq

# Imports LocalgovFAQ into $work/y.db as an FAQ table with a header (id,
# question, answer, public).
lgf_import() {
	{ printf 'id\tquestion\tanswer\tpublic\n'; awk -F'\t' 'NF >= 3 {print "lgf" $1 "\t" $2 "\t" $3 "\t1"}' "$LGF/faq.tsv"; } \
		>"$work/localgovfaq.tsv"
	"$BIN" import --db "$work/y.db" "$work/localgovfaq.tsv" >/dev/null
}

# Waits (up to TRIES x 50 ms, default 100) until the server started in the
# background says where it listens; sets base.
serve_wait() {
	for _ in $(seq "${1:-100}"); do grep -q listening "$work/serve.out" && break; sleep 0.05; done
	base=$(sed -n 's/^listening on //p' "$work/serve.out")
}

# Logs in as admin with the one-time password $1, changes it, and sets
# cookie (the session) and csrf (its token, read again after the change).
admin_login() {
	curl -s -c "$work/jar" -H 'content-type: application/json' \
		-d "{\"login\":\"admin\",\"password\":\"$1\"}" "$base/api/v1/login" >"$work/login.json"
	csrf=$(sed -n 's/.*"csrf_token":"\([^"]*\)".*/\1/p' "$work/login.json")
	curl -s -b "$work/jar" -H 'content-type: application/json' -H "x-csrf-token: $csrf" \
		-d "{\"current\":\"$1\",\"new\":\"bench-Password-2026\"}" "$base/api/v1/me/password" >/dev/null
	cookie=$(awk '$6 == "yakuba_session" {print $7}' "$work/jar")
	csrf=$(curl -s -b "$work/jar" "$base/api/v1/me" | sed -n 's/.*"csrf_token":"\([^"]*\)".*/\1/p')
}
