#!/bin/sh
# Builds the libFuzzer harnesses (clang, -DWS2_FUZZ=ON, in build-fuzz) and
# runs each for a set time on a working copy of its checked-in corpus:
#   fuzz/run.sh [seconds per harness]      (default $FUZZ_SECONDS, else 300)
# `make fuzz` runs it for FUZZ_SECONDS; CI for 60 s each.  A harness that
# finds a crash, leak, hang or broken check stops; the input is kept under
# build-fuzz/fuzz/artifacts/ and the run fails.  See fuzz/README.md.
set -eu
cd "$(dirname "$0")/.."
seconds=${1:-${FUZZ_SECONDS:-300}}
build=${FUZZ_BUILD:-build-fuzz}
harnesses=${FUZZ_HARNESSES:-catalog addrtext sockopt maps}

cmake -S . -B "$build" -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DWS2_FUZZ=ON -DWS2_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" -j "$(nproc 2>/dev/null || echo 2)" --target fuzzers >/dev/null

status=0
for name in $harnesses; do
    work="$build/fuzz/work/$name"
    artifacts="$build/fuzz/artifacts/$name/"
    log="$build/fuzz/$name.log"
    mkdir -p "$work" "$artifacts"
    # New inputs go to the working folder; the checked-in seeds are only read.
    # -timeout: an input that runs 10 s is a hang.
    if "$build/fuzz/fuzz_$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
           -artifact_prefix="$artifacts" -print_final_stats=1 \
           "$work" "fuzz/corpus/$name" >"$log" 2>&1; then
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
        echo "fuzz_$name: ${runs:-?} executions clean in $seconds s"
    else
        echo "fuzz_$name: FAILED (log $log, input in $artifacts)"
        tail -n 60 "$log"
        status=1
    fi
done
exit $status
