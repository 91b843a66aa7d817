#!/bin/sh
# Runs the demos (see README.md):
#   1. close_server observes, close_client closes in every linger mode and
#      lets WSACleanup reclaim forgotten sockets;
#   2. iocp_echo_server (a completion port with worker threads) serves
#      routine_echo_client (completion routines), then shuts down with a
#      receive pending on every connection.
set -e
build=${1:-build}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

wait_for_port() {
    for i in $(seq 100); do [ -s "$1" ] && return 0; sleep 0.05; done
    return 1
}

"$build/examples/close_server" "$dir/port" &
server=$!
wait_for_port "$dir/port"
"$build/examples/close_client" "$(cat "$dir/port")"
wait $server

echo
echo "Overlapped I/O: an IOCP echo server and a completion-routine client"
"$build/examples/iocp_echo_server" "$dir/iocp_port" 8 &
server=$!
wait_for_port "$dir/iocp_port"
"$build/examples/routine_echo_client" "$(cat "$dir/iocp_port")" 8 1000
wait $server
