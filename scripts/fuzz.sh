#!/usr/bin/env bash
# Runs every libFuzzer target for a set time and prints what it did.
#   scripts/fuzz.sh SECONDS BINDIR      (make fuzz FUZZ_SECONDS=600)
# Each target fuzz_<name> starts from tests/fuzz/corpus/<name>/ (required,
# read only) plus a work corpus in build/fuzz/work/<name>/ that grows across
# runs; new inputs never land in the repository by themselves (copy a
# useful one into the corpus by hand). A crash leaves its input in
# build/fuzz/artifacts/ and makes the script exit 1. FUZZ_NICE=19 runs the
# targets at the lowest CPU priority.
set -uo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
bindir=${2:-build/fuzz/fuzz}
nice_level=${FUZZ_NICE:-0}
work=build/fuzz/work
artifacts=build/fuzz/artifacts
mkdir -p "$work" "$artifacts"
failed=0
printf '%-22s %8s %12s %10s %8s %8s %7s\n' target seconds executions exec/s cov ft corpus
for f in "$bindir"/fuzz_*; do
	[ -x "$f" ] || continue
	name=$(basename "$f")
	corpus="tests/fuzz/corpus/${name#fuzz_}"
	if [ ! -d "$corpus" ]; then
		echo "$name: no corpus directory $corpus"
		failed=1
		continue
	fi
	mkdir -p "$work/$name"
	log="$work/$name.log"
	start=$(date +%s)
	nice -n "$nice_level" "$f" -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 \
		-print_final_stats=1 -artifact_prefix="$artifacts/$name-" \
		"$work/$name" "$corpus" >"$log" 2>&1
	rc=$?
	took=$(( $(date +%s) - start ))
	execs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -n1)
	eps=$(grep -oE 'stat::average_exec_per_sec: *[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -n1)
	last=$(grep -E '^#[0-9]+' "$log" | tail -n1)
	cov=$(grep -oE 'cov: [0-9]+' <<<"$last" | grep -oE '[0-9]+')
	ft=$(grep -oE 'ft: [0-9]+' <<<"$last" | grep -oE '[0-9]+')
	corp=$(grep -oE 'corp: [0-9]+' <<<"$last" | grep -oE '[0-9]+')
	printf '%-22s %8s %12s %10s %8s %8s %7s\n' "$name" "$took" "${execs:-?}" "${eps:-?}" \
		"${cov:-?}" "${ft:-?}" "${corp:-?}"
	if [ "$rc" -ne 0 ]; then
		echo "$name: FAILED (exit $rc), see $log"
		tail -n 30 "$log"
		failed=1
	fi
done
exit "$failed"
