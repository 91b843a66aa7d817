#!/bin/sh
# Runs the Win32-style example pair (examples/win32_echo_*): 4 client threads
# of 200 echoes each against the completion-port server, then Ctrl-C
# (SIGINT) to the server, whose console handler shuts it down with its
# AcceptEx calls pending: they must come back aborted, each exactly once.
# Both must exit 0.
#   run-win32-echo.sh <win32_echo_server> <win32_echo_client>
set -u
server=$1 client=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
# A non-interactive shell starts background jobs with SIGINT ignored, and a
# signal ignored at startup stays ignored (as nohup relies on): give the
# server the default action, as a terminal's foreground program has.
env --default-signal=INT "$server" "$dir/port" >"$dir/server.out" 2>&1 &
pid=$!
i=0
while [ ! -s "$dir/port" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
fail=0
"$client" "$dir/port" 4 200 || fail=1
sleep 0.2
kill -INT $pid
wait $pid
rc=$?
cat "$dir/server.out"
[ $rc -eq 0 ] || { echo "server exit status $rc"; fail=1; }
grep -qE 'served 4 connections, echoed [0-9]+ bytes; ([0-9]+) of \1 operations completed, [4-9] aborted' "$dir/server.out" || { echo "server summary missing"; fail=1; }
exit $fail
