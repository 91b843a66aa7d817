#!/bin/sh
# Runs the benchmarks on a release build (see bench/ws2bench.c for the
# goals), with a quick run of the completion-port matrix (bench/echo_matrix.c;
# bench/run-matrix.sh runs the whole of it).
set -e
build=${1:-build}
# make bench reuses an existing build tree: say so when it is not optimized,
# since the figures would then measure the compiler's debug code.
type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build/CMakeCache.txt" 2>/dev/null || true)
case "$type" in
Release | RelWithDebInfo | MinSizeRel) ;;
*) echo "warning: $build is a '${type:-unknown}' build; configure it with -DCMAKE_BUILD_TYPE=RelWithDebInfo for meaningful figures" >&2 ;;
esac
"$build/bench/ws2bench"
echo
"$build/bench/select_many"
echo
"$build/bench/echo_matrix" --quick
echo
"$build/bench/lsp_cost"
