#!/usr/bin/env bash
# Usage: fuzz/run.sh BUILD_DIR SECONDS [smoke]
#
# Runs every fuzz target of BUILD_DIR (configured with -DPOOLSCOPE_FUZZ=ON) for
# SECONDS each, starting from the committed seeds in fuzz/corpus/<target>/.
# New inputs go to BUILD_DIR/corpus/<target>/ (kept between runs, never into
# the committed seeds); a crash or broken invariant is saved as
# BUILD_DIR/artifacts/<target>-crash-<hash> and stops the run with exit 1.
# "smoke" starts from the seeds alone with a fixed seed and a fixed number of
# inputs per target (a few seconds' worth), SECONDS being only a cap: the
# short run in `make test` does the same amount of work on a fast machine as
# on a slow one. Finding new bugs is the job of the long runs; what they find
# goes into the seeds as regress-* files.
set -euo pipefail

if (($# < 2)); then
    echo "usage: $0 BUILD_DIR SECONDS [smoke]" >&2
    exit 2
fi
build=$1
seconds=$2
mode=${3:-}
here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
# FUZZ_TARGETS="url csv" runs some of them only.
read -r -a targets <<<"${FUZZ_TARGETS:-url dotenv jsonbind flaskconfig sqlsplitter csv csvimport probemessage}"

# Inputs per target in a smoke run: about five seconds each on two cores.
declare -A smoke_runs=([url]=60000 [dotenv]=25000 [jsonbind]=25000 [flaskconfig]=12000
    [sqlsplitter]=2500 [csv]=10000 [csvimport]=10000 [probemessage]=20000)

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

mkdir -p "$build/artifacts"
for target in "${targets[@]}"; do
    binary=$build/fuzz/fuzz_$target
    if [[ ! -x $binary ]]; then
        echo "fuzz: $binary is missing; build the poolscope_fuzzers target first" >&2
        exit 2
    fi
    extra=()
    if [[ $mode == smoke ]]; then
        work=$build/smoke/$target
        rm -rf "$work"
        extra=(-seed=1 -runs="${smoke_runs[$target]:-10000}")
    else
        work=$build/corpus/$target
    fi
    mkdir -p "$work"
    log=$build/fuzz_$target.log
    start=$SECONDS
    if ! "$binary" -max_total_time="$seconds" -max_len=8192 -timeout=10 -print_final_stats=1 \
        "${extra[@]}" -artifact_prefix="$build/artifacts/$target-" \
        "$work" "$here/corpus/$target" >"$log" 2>&1; then
        echo "fuzz_$target: FAILED after $((SECONDS - start)) s" >&2
        grep -A12 -E 'invariant broken|ERROR: |runtime error|SUMMARY' "$log" | head -40 >&2 || true
        grep -E 'Test unit written to' "$log" >&2 || true
        echo "reproduce: $binary <the file above>; full log: $log" >&2
        exit 1
    fi
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    echo "fuzz_$target: ok, $runs runs in $((SECONDS - start)) s"
done
