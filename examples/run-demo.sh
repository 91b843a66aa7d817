#!/bin/sh
# Runs the demo: close_server observes, close_client acts (see README.md).
set -e
build=${1:-build}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$build/examples/close_server" "$dir/port" &
server=$!
for i in $(seq 100); do [ -s "$dir/port" ] && break; sleep 0.05; done
"$build/examples/close_client" "$(cat "$dir/port")"
wait $server
