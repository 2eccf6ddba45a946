#!/usr/bin/env bash
# 問い合わせAI at document scale (not part of `make test`).
#
# Builds a knowledge base from the Japanese documentation that Debian
# packages ship (LibreOffice help, the Groonga manual, the Debian
# Reference), through the real `yakuba import` path (HTML parser, passage
# splitting, SQLite), then measures:
#   import   MB of input and MB of passage text per second, peak RSS
#   index    building the in-memory index (normalise, MeCab, postings)
#   query    median / p99 per question over LocalgovFAQ's 375 dev questions
#            (real citizen questions; only their length and vocabulary
#            matter here), k = 10
# The corpus is imported COPIES times (default 4) under different names so
# that it passes 100,000 passages; the copies are real duplicates, which
# lengthens every posting list as a larger manual set would.
# CPU times (user+sys) are printed beside wall times: on a shared machine
# the wall clock measures the neighbours.
#
#   bash bench/corpus.sh [COPIES]          (env DATA=../shared/data/localgovfaq)
set -euo pipefail
cd "$(dirname "$0")/.."
COPIES=${1:-4}
DATA=${DATA:-../shared/data/localgovfaq}
pkgs=(libreoffice-help-ja groonga-doc debian-reference-ja)
missing=()
for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ "${#missing[@]}" -gt 0 ]; then
	echo "bench: installing ${missing[*]}"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
make --no-print-directory -s MODE=release build >/dev/null
BIN=$PWD/build/release/yakuba

work=$(mktemp -d /tmp/yakuba-bench-corpus.XXXXXX)
trap 'rm -rf "$work"' EXIT
src=("/usr/share/libreoffice/help/ja/text" "/usr/share/doc/groonga-doc/ja/html")
mkdir -p "$work/docs/debian-reference"
cp /usr/share/debian-reference/*.ja.html "$work/docs/debian-reference/"
for i in $(seq 1 "$COPIES"); do
	mkdir -p "$work/docs/copy$i"
	cp -r "${src[@]}" "$work/docs/debian-reference" "$work/docs/copy$i/"
done
rm -rf "$work/docs/debian-reference"
input_mb=$(du -sm "$work/docs" | cut -f1)

"$BIN" init --db "$work/c.db" >/dev/null
cd "$work"
/usr/bin/time -f '%e %U %S %M' -o import.time "$BIN" import --db c.db docs >import.log 2>&1 || true
read -r iw iu is irss <import.time
passages=$(sqlite3 c.db "SELECT count(*) FROM kb_entries")
text_mb=$(sqlite3 c.db "SELECT round(sum(length(CAST(body AS BLOB)) + length(CAST(title AS BLOB))) / 1048576.0, 1) FROM kb_entries")
failed=$(grep -c '失敗' import.log || true)

/usr/bin/time -f '%e %U %S %M' -o eval.time "$BIN" eval --db c.db \
	--queries "$OLDPWD/$DATA/queries-dev.tsv" --k 10 >eval.out 2>eval.err
read -r ew eu es erss <eval.time
build_ms=$(sed -n 's/.*index rebuilt: [0-9]* entries in \([0-9]*\) ms.*/\1/p' eval.err | tail -n1)
median=$(sed -n 's/^median ms\/query *//p' eval.out)
p99=$(sed -n 's/^p99 ms\/query *//p' eval.out)

echo "machine: $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg); commit $(git -C "$OLDPWD" rev-parse --short HEAD)"
echo "corpus: ${COPIES} copies of LibreOffice help (ja), Groonga manual (ja), Debian Reference (ja)"
echo "  input ${input_mb} MB of HTML, ${passages} passages, ${text_mb} MB of passage text; failed files: $((failed > 0 ? failed - 1 : 0))"
awk -v w="$iw" -v u="$iu" -v s="$is" -v mb="$input_mb" -v tmb="$text_mb" -v rss="$irss" 'BEGIN {
	cpu = u + s
	printf "import: %.1f s wall, %.1f s CPU; %.2f MB/s input and %.2f MB/s passage text per CPU second; peak RSS %.0f MiB\n",
		w, cpu, mb / cpu, tmb / cpu, rss / 1024 }'
awk -v w="$ew" -v u="$eu" -v s="$es" -v b="$build_ms" -v tmb="$text_mb" -v rss="$erss" 'BEGIN {
	printf "index build (inside eval): %.1f s wall; whole eval %.1f s CPU; %.2f MB/s of text (wall); peak RSS %.0f MiB\n",
		b / 1000, u + s, tmb / (b / 1000), rss / 1024 }'
echo "query (375 LocalgovFAQ dev questions, k=10, wall): median ${median} ms, p99 ${p99} ms"
