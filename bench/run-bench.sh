#!/bin/sh
# Runs the benchmarks on a release build (see bench/ws2bench.c for the goals).
set -e
build=${1:-build}
"$build/bench/ws2bench"
