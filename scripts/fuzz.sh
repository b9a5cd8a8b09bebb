#!/bin/bash
# SPDX-FileCopyrightText: 2026 The Leakscope authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Builds the libFuzzer targets (the `fuzz` preset: clang, ASan + UBSan) and runs each of them for SECONDS
# (default 60), JOBS at a time (default 2, or LEAKSCOPE_FUZZ_JOBS). Fails when any target finds a crash, a
# leak of a sanitizer check, a timeout or an out-of-memory, and prints the reproducer's path.
#   scripts/fuzz.sh [SECONDS] [TARGET …]
# Seeds are rebuilt from tests/data and ../shared/corpus (scripts/fuzz-seeds.py); what a run discovers is kept
# in build/fuzz/corpus/<target>/ so longer local runs continue where the last stopped. To replay a reproducer:
#   build/fuzz/fuzz/fuzz_<target> <file>
# and add it to tests/data/fuzz-regressions/<target>/ (tst_fuzzregressions replays those in the normal suite).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
shift || true
jobs="${LEAKSCOPE_FUZZ_JOBS:-2}"
build=build/fuzz

scripts/install-deps.sh --test # clang and its libFuzzer runtime
if [ ! -f "$build/build.ninja" ]; then
    cmake --preset fuzz >/dev/null
fi
cmake --build "$build" --target fuzzers -j "$(nproc)"

if [ "$#" -gt 0 ]; then
    targets=("$@")
else
    mapfile -t targets < <(grep -E '^[a-z0-9_]+$' fuzz/targets.txt)
fi

python3 scripts/fuzz-seeds.py "$build/seeds" >/dev/null
mkdir -p "$build/logs" "$build/artifacts" "$build/corpus"

export ASAN_OPTIONS="detect_leaks=0:abort_on_error=1:allocator_may_return_null=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export QT_QPA_PLATFORM=offscreen

run_one() {
    local t="$1" seconds="$2" build="$3"
    mkdir -p "$build/corpus/$t" "$build/artifacts/$t"
    # -timeout: one input taking over 10 s is a hang; -rss_limit_mb: a bomb that escapes its limits.
    # The CPU time it got (user + system), as the machine may be shared: in $build/logs/<target>.cpu.
    local TIMEFORMAT='%U %S'
    if { time "$build/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2560 -max_len=131072 \
        -print_final_stats=1 -artifact_prefix="$build/artifacts/$t/" \
        "$build/corpus/$t" "$build/seeds/$t" >"$build/logs/$t.log" 2>&1; } 2>"$build/logs/$t.cpu"; then
        local execs cpu
        execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$build/logs/$t.log" | tail -1)
        cpu=$(awk '{ printf "%.0f", $1 + $2 }' "$build/logs/$t.cpu")
        echo "ok    $t: ${execs:-?} runs in ${seconds}s (${cpu} CPU-s)"
    else
        echo "FAIL  $t: see $build/logs/$t.log"
        grep -E "^(==[0-9]+==ERROR|SUMMARY|.*runtime error|fuzz invariant)" "$build/logs/$t.log" | head -3 | sed 's/^/      /'
        for a in "$build/artifacts/$t"/*; do
            [ -f "$a" ] && echo "      reproducer: $a"
        done
        return 1
    fi
}
export -f run_one

status=0
printf '%s\n' "${targets[@]}" | xargs -P "$jobs" -I{} bash -c 'run_one "$@"' _ {} "$seconds" "$build" || status=1
if [ "$status" -ne 0 ]; then
    echo "fuzzing found problems (reproducers above)" >&2
fi
exit "$status"
