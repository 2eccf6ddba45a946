#!/usr/bin/env bash
# Runs every yakuba test and ends with the line "N passed, N failed".
#   0. the release build and the benchmarks compile without warnings
#   1. unit tests (one program per module) under ASan + UBSan
#   1b. ThreadSanitizer: `make tsan` (search and qa: readers during deltas)
#   2. fuzz smoke: each libFuzzer target over its corpus plus a short run
#      (built while the unit tests run; one target a core at a time)
#   3. integration tests: the real ASan binary on 127.0.0.1 (node:test)
#   4. browser tests: headless Chromium through playwright-core
# Set YK_FUZZ_SECONDS to change the per-target fuzz time (default 10).
set -uo pipefail
cd "$(dirname "$0")/.."

JOBS=$(nproc 2>/dev/null || echo 2)
export ASAN_OPTIONS="abort_on_error=1:detect_leaks=1:strict_string_checks=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
passed=0
failed=0
failures=()
logdir=$(mktemp -d /tmp/yakuba-tests.XXXXXX)

note_fail() { failures+=("$1"); }

echo "== build (ASan + UBSan)"
if ! make --no-print-directory -j"$JOBS" MODE=asan build unit >"$logdir/build.log" 2>&1; then
	cat "$logdir/build.log"
	echo "build failed"
	echo "0 passed, 1 failed"
	exit 1
fi

# The release build (what `make run` uses, -O2) and the benchmarks must also
# build warning-free: optimisation finds warnings the ASan build does not.
echo "== release build and benchmarks"
if make --no-print-directory -j"$JOBS" MODE=release build bench >"$logdir/release.log" 2>&1; then
	passed=$((passed + 1)); echo "  release build: ok"
else
	grep -E 'error|warning' "$logdir/release.log" | head -n 40
	failed=$((failed + 1)); note_fail "release build"; echo "  release build: FAILED"
fi

# The libFuzzer build (a third build of every source) runs at a lower
# priority while the unit tests, one program at a time, use the other
# core; it is waited for before the ThreadSanitizer build, which may run
# the same recursive make of the release model.
fuzz_build_pid=
if ls tests/fuzz/fuzz_*.c >/dev/null 2>&1; then
	nice -n 10 make --no-print-directory -j"$JOBS" MODE=fuzz fuzz-build >"$logdir/fuzz-build.log" 2>&1 &
	fuzz_build_pid=$!
fi

echo "== unit tests"
for t in build/asan/tests/test_*; do
	[ -x "$t" ] || continue
	out=$("$t" 2>&1)
	rc=$?
	line=$(printf '%s\n' "$out" | grep -E '^[a-z_]+: [0-9]+ passed, [0-9]+ failed$' | tail -n 1)
	if [ -n "$line" ]; then
		p=$(sed -E 's/.*: ([0-9]+) passed, ([0-9]+) failed/\1/' <<<"$line")
		f=$(sed -E 's/.*: ([0-9]+) passed, ([0-9]+) failed/\2/' <<<"$line")
	else
		p=0; f=1
	fi
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	passed=$((passed + p)); failed=$((failed + f))
	if [ "$f" -ne 0 ]; then printf '%s\n' "$out"; note_fail "$(basename "$t")"; fi
	echo "  ${line:-$(basename "$t"): crashed (exit $rc)}"
done

fuzz_build_rc=0
if [ -n "$fuzz_build_pid" ]; then wait "$fuzz_build_pid" || fuzz_build_rc=$?; fi

echo "== thread sanitizer"
tsan_out=$(make --no-print-directory -j"$JOBS" tsan 2>&1)
tsan_rc=$?
tsan_lines=$(printf '%s\n' "$tsan_out" | grep -E '^[a-z_]+: [0-9]+ passed, [0-9]+ failed$')
if [ "$tsan_rc" -eq 0 ] && [ -n "$tsan_lines" ]; then
	while read -r line; do
		p=$(sed -E 's/.*: ([0-9]+) passed, ([0-9]+) failed/\1/' <<<"$line")
		f=$(sed -E 's/.*: ([0-9]+) passed, ([0-9]+) failed/\2/' <<<"$line")
		passed=$((passed + p)); failed=$((failed + f))
		echo "  tsan $line"
	done <<<"$tsan_lines"
else
	printf '%s\n' "$tsan_out" | grep -vE '^(cc|ar|build/tsan/embed) ' | tail -n 60
	failed=$((failed + 1)); note_fail "tsan"; echo "  tsan: FAILED"
fi

echo "== fuzz smoke"
if ls tests/fuzz/fuzz_*.c >/dev/null 2>&1; then
	if [ "$fuzz_build_rc" -eq 0 ]; then
		# $JOBS targets at a time (each its own work directory and log),
		# reported in name order once all have run
		args=(-max_total_time="${YK_FUZZ_SECONDS:-10}" -rss_limit_mb=2048 -timeout=10 -print_final_stats=0)
		for f in build/fuzz/fuzz/fuzz_*; do
			name=$(basename "$f")
			corpus="tests/fuzz/corpus/${name#fuzz_}"
			work="$logdir/corpus-$name"
			mkdir -p "$work"
			while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do wait -n; done
			( "$f" "${args[@]}" "$work" $( [ -d "$corpus" ] && echo "$corpus") >"$logdir/$name.log" 2>&1
			  echo $? >"$logdir/$name.rc" ) &
		done
		wait
		for f in build/fuzz/fuzz/fuzz_*; do
			name=$(basename "$f")
			if [ "$(cat "$logdir/$name.rc" 2>/dev/null)" = 0 ]; then
				passed=$((passed + 1)); echo "  $name: ok"
			else
				failed=$((failed + 1)); note_fail "$name"
				tail -n 40 "$logdir/$name.log"; echo "  $name: FAILED"
			fi
		done
	else
		cat "$logdir/fuzz-build.log"; failed=$((failed + 1)); note_fail "fuzz build"
	fi
fi

run_node_suite() { # dir label
	local dir=$1 label=$2
	ls "$dir"/*.test.mjs >/dev/null 2>&1 || return 0
	echo "== $label"
	YAKUBA_BIN="$PWD/build/asan/yakuba" node --test --test-reporter=tap \
		--test-concurrency="$JOBS" "$dir"/*.test.mjs >"$logdir/$label.tap" 2>&1
	local p f
	p=$(grep -E '^# pass [0-9]+' "$logdir/$label.tap" | tail -n1 | awk '{print $3}')
	f=$(grep -E '^# fail [0-9]+' "$logdir/$label.tap" | tail -n1 | awk '{print $3}')
	p=${p:-0}; f=${f:-1}
	passed=$((passed + p)); failed=$((failed + f))
	grep -E '^ *(not )?ok ' "$logdir/$label.tap" | sed 's/^/  /' | grep -v '^ *ok .*# SKIP' | head -n 400
	if [ "$f" -ne 0 ]; then
		note_fail "$label"
		grep -vE '^ *ok ' "$logdir/$label.tap" | tail -n 150
	fi
}
run_node_suite tests/integration integration
run_node_suite tests/llm-server llm-server
run_node_suite tests/browser browser

rm -rf "$logdir"
if [ "${#failures[@]}" -gt 0 ]; then echo "failed: ${failures[*]}"; fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
