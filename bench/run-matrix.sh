#!/bin/sh
# The issue-11 benchmark matrix (bench/echo_matrix.c): Winsock client and
# server on completion ports against raw epoll and io_uring programs of the
# same shape, connection churn, and memory per connection, with the machine's
# load before and after.  The full matrix takes about 19 minutes (5 rounds of 0.8 s after 0.2 s of
# warm-up per program and cell):
#
#   bench/run-matrix.sh build                    # the whole matrix
#   bench/run-matrix.sh build --quick            # a smoke run (what make bench runs)
#   bench/run-matrix.sh build --cell 'conns=50,bytes=64,workers=1,ports=2,engine=epoll'
#   bench/run-matrix.sh build --churn 'kind=ex,close=graceful'
#
# Run it as root if you can: the harness then works in a network namespace
# of its own (see enter_netns in echo_matrix.c).  Every program it starts
# inherits this shell's nice value and scheduling policy, printed in the
# header; run it under `nice -n N` to change both sides alike.
set -e
build=${1:-build}
[ $# -gt 0 ] && shift
type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build/CMakeCache.txt" 2>/dev/null || true)
case "$type" in
Release | RelWithDebInfo | MinSizeRel) ;;
*) echo "warning: $build is a '${type:-unknown}' build; configure it with -DCMAKE_BUILD_TYPE=RelWithDebInfo for meaningful figures" >&2 ;;
esac
echo "commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown); $(nproc) processors"
echo "before: $(uptime)"
start=$(date +%s)
"$build/bench/echo_matrix" "$@"
echo "after:  $(uptime)"
echo "took $(($(date +%s) - start)) s"
