#!/usr/bin/env bash
# Runs every libFuzzer target for a set time and prints what it did.
#   scripts/fuzz.sh SECONDS BINDIR      (make fuzz FUZZ_SECONDS=600)
#   scripts/fuzz.sh merge BINDIR        (only the corpus merge below)
# Each target fuzz_<name> starts from tests/fuzz/corpus/<name>/ (required,
# read only) plus a work corpus in build/fuzz/work/<name>/ that grows across
# runs; new inputs never land in the repository by themselves (FUZZ_MERGE=1
# afterwards merges the work corpus into the repository corpus with
# libFuzzer's -merge=1, which keeps only inputs that add coverage). A crash
# leaves its input in build/fuzz/artifacts/ and makes the script exit 1.
# FUZZ_NICE=19 runs the targets at the lowest CPU priority; FUZZ_JOBS=2 runs
# two targets at a time. The table reports wall seconds, the CPU seconds the
# target actually received (user+sys, which is less than wall time when
# other work on the machine has priority), executions and libFuzzer's final
# coverage (cov) and features (ft).
set -uo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
bindir=${2:-build/fuzz/fuzz}
nice_level=${FUZZ_NICE:-0}
jobs=${FUZZ_JOBS:-1}
work=build/fuzz/work
artifacts=build/fuzz/artifacts
mkdir -p "$work" "$artifacts"

# cpu_seconds "0m1.250s 0m0.110s": the children line of bash's `times`.
cpu_seconds() {
	awk '{ s = 0; for (i = 1; i <= 2; i++) { split($i, p, "m"); sub("s", "", p[2]); s += p[1] * 60 + p[2] } printf "%d", s + 0.5 }' <<<"$1"
}

# run_one NAME: fuzzes one target, writes its table row to $work/NAME.row
# and its exit status to $work/NAME.rc.
run_one() {
	local f=$1 name corpus log start rc took cpu execs last cov ft corp
	name=$(basename "$f")
	corpus="tests/fuzz/corpus/${name#fuzz_}"
	log="$work/$name.log"
	if [ ! -d "$corpus" ]; then
		echo "$name: no corpus directory $corpus" >"$work/$name.row"
		echo 1 >"$work/$name.rc"
		return
	fi
	mkdir -p "$work/$name"
	start=$(date +%s)
	cpu=$( { nice -n "$nice_level" "$f" -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 \
		-print_final_stats=1 -artifact_prefix="$artifacts/$name-" \
		"$work/$name" "$corpus" >"$log" 2>&1; echo $? >"$work/$name.rc"; times; } | tail -n1)
	rc=$(cat "$work/$name.rc")
	took=$(( $(date +%s) - start ))
	cpu=$(cpu_seconds "$cpu")
	execs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -n1)
	last=$(grep -E '^#[0-9]+' "$log" | tail -n1)
	cov=$(grep -oE 'cov: [0-9]+' <<<"$last" | grep -oE '[0-9]+')
	ft=$(grep -oE 'ft: [0-9]+' <<<"$last" | grep -oE '[0-9]+')
	corp=$(grep -oE 'corp: [0-9]+' <<<"$last" | grep -oE '[0-9]+')
	{
		printf '%-22s %8s %8s %12s %8s %8s %7s\n' "$name" "$took" "$cpu" "${execs:-?}" \
			"${cov:-?}" "${ft:-?}" "${corp:-?}"
		if [ "$rc" -ne 0 ]; then
			echo "$name: FAILED (exit $rc), see $log"
			tail -n 30 "$log"
		fi
	} >"$work/$name.row"
}

# Grow the repository corpus with the inputs that add coverage, only when
# every target passed (a crashing input belongs in a regression test).
# Hand-written seeds (any name that is not a SHA-1) stay as they are; the
# inputs named by their SHA-1 (libFuzzer's) are chosen again: those of the
# old corpus and of the work corpus that add features beyond the seeds and
# each other (-set_cover_merge=1 into a directory that holds the seeds),
# which keeps a corpus small.
FUZZ_CORPUS_MAX=${FUZZ_CORPUS_MAX:-200} # files a repository corpus should stay under
merge_one() {
	local f=$1 name corpus tmp x b mode
	name=$(basename "$f")
	corpus="tests/fuzz/corpus/${name#fuzz_}"
	tmp="$work/$name.merge"
	# Features (edges and hit counts) first; a corpus that would still be
	# too large keeps every edge only (-use_counters=0).
	for mode in "" "-use_counters=0"; do
		rm -rf "$tmp"
		mkdir -p "$tmp/out" "$tmp/old"
		for x in "$corpus"/*; do
			b=$(basename "$x")
			if [[ $b =~ ^[0-9a-f]{40}$ ]]; then cp "$x" "$tmp/old/"; else cp "$x" "$tmp/out/"; fi
		done
		# shellcheck disable=SC2086 # mode is one flag or none
		if ! nice -n "$nice_level" "$f" -set_cover_merge=1 $mode -timeout=10 -rss_limit_mb=2048 \
			"$tmp/out" "$tmp/old" "$work/$name" >"$work/$name.merge.log" 2>&1; then
			echo "$name: merge failed, see $work/$name.merge.log"
			return 1
		fi
		[ "$(ls "$tmp/out" | wc -l)" -lt "$FUZZ_CORPUS_MAX" ] && break
	done
	find "$corpus" -maxdepth 1 -type f -regextype posix-extended -regex '.*/[0-9a-f]{40}' -delete
	for x in "$tmp/out"/*; do
		b=$(basename "$x")
		[[ $b =~ ^[0-9a-f]{40}$ ]] && cp "$x" "$corpus/"
	done
	printf '%-22s corpus %5s files %8s bytes%s\n' "$name" "$(ls "$corpus" | wc -l)" \
		"$(du -sb "$corpus" | cut -f1)" "${mode:+ (edges only)}"
}
targets=()
for f in "$bindir"/fuzz_*; do
	[ -x "$f" ] && targets+=("$f")
done
failed=0
if [ "$secs" = merge ]; then
	for f in "${targets[@]}"; do
		merge_one "$f" || failed=1
	done
	exit "$failed"
fi
running=0
for f in "${targets[@]}"; do
	rm -f "$work/$(basename "$f").row" "$work/$(basename "$f").rc"
	run_one "$f" &
	running=$((running + 1))
	if [ "$running" -ge "$jobs" ]; then
		wait -n
		running=$((running - 1))
	fi
done
wait

printf '%-22s %8s %8s %12s %8s %8s %7s\n' target wall_s cpu_s executions cov ft corpus
for f in "${targets[@]}"; do
	name=$(basename "$f")
	cat "$work/$name.row"
	[ "$(cat "$work/$name.rc" 2>/dev/null || echo 1)" = 0 ] || failed=1
done

if [ "${FUZZ_MERGE:-0}" = 1 ] && [ "$failed" = 0 ]; then
	for f in "${targets[@]}"; do
		merge_one "$f" || failed=1
	done
fi
exit "$failed"
