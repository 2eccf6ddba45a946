#!/usr/bin/env bash
# 問い合わせAI at document scale (issue 3; not part of `make test`).
#
# Builds a knowledge base from the Japanese documentation that Debian
# packages ship (LibreOffice help, the Groonga manual, the Debian Reference
# as HTML; the Japanese manual pages of manpages-ja rendered by groff into
# Markdown) through the real `yakuba import` path (parsers, passage
# splitting, SQLite), then runs build/release/bench/search_corpus on it:
#   import   MB of passage text per CPU second, peak RSS (/usr/bin/time)
#   index    our index and the FTS5 anchor over the same passages: build
#            CPU time, MB/s, heap
#   query    median / p99 / QPS per question on one core, k = 10, over
#            LocalgovFAQ's dev questions (real citizen questions; only
#            their length and vocabulary matter here), ours vs FTS5
#   sanity   self-retrieval of random passages (not a quality figure)
# The documents are imported COPIES times under different names (copy1/,
# copy2/, ...) so that the corpus passes 100,000 passages: one copy is about
# 49,000 passages with the manual pages (default 3 copies), 33,000 without
# (MANPAGES=0, default 4 copies);
# the copies are real duplicates, which lengthens every posting list as a
# larger manual set would, but adds no new vocabulary.
# CPU times are printed beside wall times: on a shared machine the wall
# clock measures the neighbours.
#
#   bash bench/corpus.sh [COPIES]          (from the repository root or anywhere)
#     env QUERIES=../shared/data/localgovfaq/queries-dev.tsv (relative paths
#         from the repository root)  ROUNDS=3
#         MANPAGES=1 (0: leave the manual pages out)  KEEP=DIR (keep the
#         database there instead of deleting it)
set -euo pipefail
cd "$(dirname "$0")/.."
MANPAGES=${MANPAGES:-1}
COPIES=${1:-$((MANPAGES == 1 ? 3 : 4))}
QUERIES=${QUERIES:-../shared/data/localgovfaq/queries-dev.tsv}
ROUNDS=${ROUNDS:-3}
repo=$PWD
load0=$(cut -d' ' -f1-3 /proc/loadavg)
case "$QUERIES" in /*) ;; *) QUERIES=$repo/$QUERIES ;; esac
[ -r "$QUERIES" ] || { echo "bench: cannot read $QUERIES" >&2; exit 1; }

pkgs=(libreoffice-help-ja groonga-doc debian-reference-ja)
[ "$MANPAGES" = 1 ] && pkgs+=(manpages-ja groff-base)
missing=()
for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ "${#missing[@]}" -gt 0 ]; then
	echo "bench: installing ${missing[*]}"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
make --no-print-directory -s MODE=release build bench >/dev/null
BIN=$repo/build/release/yakuba
BENCH=$repo/build/release/bench/search_corpus

work=$(mktemp -d /tmp/yakuba-bench-corpus.XXXXXX)
trap 'rm -rf "$work"' EXIT

# Every Japanese manual page into $1/<section>/<page>.md: one groff run per
# section (a run per page costs far more than the rendering), with a marker
# line after each page to split the output again. A line width of 4000
# keeps a paragraph on one line, so that no word is broken by the layout;
# unindented lines (名前, 書式, 説明...) become Markdown headings.
render_manpages() {
	local out=$1 d s f
	for d in /usr/share/man/ja/man*/; do
		s=$(basename "$d")
		mkdir -p "$out/$s"
		for f in "$d"*; do
			[ -f "$f" ] || continue
			zcat -f "$f"
			printf '\n.PP\nYKPAGE %s\n' "$(basename "$f" .gz)"
		done | groff -man -Tutf8 -k -rLL=4000n -P-cbou 2>/dev/null | awk -v dir="$out/$s" '
			/^ *YKPAGE / {
				if (n > 0) {
					file = dir "/" $2 ".md"
					print "# " $2 > file
					for (i = 1; i <= n; i++) print buf[i] > file
					close(file)
				}
				n = 0; next
			}
			/^[^ \t].*                    / { next }  # running header or footer
			{
				l = $0
				if (l ~ /^[^ \t]/) buf[++n] = "\n## " l "\n"
				else { sub(/^[ \t]+/, "", l); buf[++n] = l }
			}'
	done
}

one=$work/one
mkdir -p "$one"
cp -r /usr/share/libreoffice/help/ja/text "$one/libreoffice-help"
cp -r /usr/share/doc/groonga-doc/ja/html "$one/groonga"
mkdir -p "$one/debian-reference"
cp /usr/share/debian-reference/*.ja.html "$one/debian-reference/"
man_desc=""
if [ "$MANPAGES" = 1 ]; then
	/usr/bin/time -f '%e %U %S' -o "$work/man.time" bash -c "$(declare -f render_manpages); render_manpages '$one/manpages'"
	read -r mw mu ms < <(tail -n1 "$work/man.time")
	man_desc=", Japanese manual pages ($(find "$one/manpages" -name '*.md' | wc -l) pages of manpages-ja rendered by groff into Markdown: $mw s wall, $(awk -v u="$mu" -v s="$ms" 'BEGIN{printf "%.1f", u+s}') s CPU, not in the import figures)"
fi
mkdir -p "$work/docs"
for i in $(seq 1 "$COPIES"); do cp -r "$one" "$work/docs/copy$i"; done
rm -rf "$one"
input_mb=$(du -sm --apparent-size "$work/docs" | cut -f1)
files=$(find "$work/docs" -type f | wc -l)

"$BIN" init --db "$work/c.db" >/dev/null
cd "$work"
/usr/bin/time -f '%e %U %S %M' -o import.time "$BIN" import --db c.db docs >import.log 2>import.err || true
read -r iw iu is irss < <(tail -n1 import.time)
summary=$(grep '^合計' import.log | tail -n1 || true)
read -r passages text_mb text_mchars < <(sqlite3 -separator ' ' c.db "SELECT count(*),
	round(sum(length(CAST(body AS BLOB)) + length(CAST(title AS BLOB))) / 1e6, 1),
	round(sum(length(body) + length(title)) / 1e6, 2) FROM kb_entries")

/usr/bin/time -f '%e %U %S %M' -o bench.time "$BENCH" --db c.db --queries "$QUERIES" \
	--rounds "$ROUNDS" >bench.out 2>bench.err || { cat bench.err >&2; exit 1; }
read -r bw bu bs brss < <(tail -n1 bench.time)
build_cpu=$(sed -n 's/^yakuba   build: .* in \([0-9.]*\) s CPU.*/\1/p' bench.out)

dirty=$(git -C "$repo" status --porcelain --untracked-files=no | grep -q . && echo "+uncommitted" || true)
echo "== 問い合わせAI at document scale ($(date -u '+%Y-%m-%d %H:%M UTC'))"
echo "machine: $(nproc) cores, $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n1); load average $load0 at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end"
echo "commit: $(git -C "$repo" rev-parse --short HEAD)$dirty"
echo "corpus: ${COPIES} copies (imported under different names) of: LibreOffice help (libreoffice-help-ja),"
echo "  Groonga manual (groonga-doc), Debian Reference (debian-reference-ja)${man_desc}"
echo "  input ${files} files, ${input_mb} MB; ${passages} passages, ${text_mb} MB (${text_mchars} M characters) of title + body text"
echo "  yakuba import: ${summary}"
awk -v w="$iw" -v u="$iu" -v s="$is" -v mb="$input_mb" -v tmb="$text_mb" -v rss="$irss" 'BEGIN {
	cpu = u + s
	printf "import: %.1f s wall, %.1f s CPU (user %.1f + sys %.1f); %.2f MB/s of input files and %.2f MB/s of passage text per CPU second (parsing, splitting, SQLite; no tokenising); peak RSS %.0f MiB\n",
		w, cpu, u, s, mb / cpu, tmb / cpu, rss / 1024 }'
awk -v u="$iu" -v s="$is" -v b="$build_cpu" -v tmb="$text_mb" 'BEGIN {
	if (b > 0) printf "import + our index build: %.2f MB/s of passage text per CPU second (tokenising and indexing included)\n", tmb / (u + s + b) }'
sed 's/^/bench  /' bench.out
awk -v w="$bw" -v u="$bu" -v s="$bs" -v rss="$brss" 'BEGIN {
	printf "bench  whole search_corpus run: %.1f s wall, %.1f s CPU; peak RSS %.0f MiB (/usr/bin/time)\n", w, u + s, rss / 1024 }'
if [ -s import.err ]; then
	echo "import problems (first 5 lines of stderr):"
	head -n5 import.err | sed 's/^/  /'
fi
if [ -n "${KEEP:-}" ]; then
	mkdir -p "$KEEP" && cp c.db "$KEEP/" && echo "database kept in $KEEP/c.db"
fi
