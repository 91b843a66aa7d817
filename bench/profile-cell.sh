#!/bin/sh
# Where one cell of the echo matrix spends its CPU, ours against the raw
# program of the same engine: one round of the cell under `perf record`,
# then the samples of each program per round trip, split into kernel and
# user space, and the symbols whose cost per round trip differs most.
#
#   bench/profile-cell.sh build 'conns=50,bytes=64,workers=1,ports=1,engine=io_uring'
#   bench/profile-cell.sh build 'conns=50,bytes=64,workers=2,ports=1,engine=epoll' 40
#
# The figures are perf samples (4,000 a second of CPU) per 1,000 round
# trips, counting the warm-up's time as the round's (both programs run
# 0.2 + 0.8 s): comparable between the two programs of one run.  The cell's own
# ratio in this run is printed first; perf slows both sides, so read the
# ratio from bench/run-matrix.sh.  Needs perf and python3; run it as root
# (the cell runs in a network namespace of its own, and perf sees the
# kernel).  Keep the machine quiet: a busy processor inflates everything.
set -e
build=${1:?usage: $0 BUILD CELL [ROWS]}
cell=${2:?usage: $0 BUILD CELL [ROWS]}
rows=${3:-30}
case "$cell" in
*engine=epoll*) ours=ws-epoll raw=raw-epoll ;;
*) ours=ws-uring raw=raw-uring ;;
esac
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
matrix=$(realpath "$build/bench/echo_matrix")
unshare -n sh -c "ip link set lo up && perf record -q -o '$dir/perf.data' -F 4000 -- \
    '$matrix' --rounds 1 --cell '$cell' --no-churn --no-memory --no-netns" >"$dir/out" 2>&1
grep '^conns' "$dir/out"
perf report -i "$dir/perf.data" --no-children --show-nr-samples --sort comm,dso,sym 2>/dev/null |
    grep -v '^#' | grep -v '^$' >"$dir/report"
python3 - "$dir/out" "$dir/report" "$ours" "$raw" "$rows" <<'EOF'
import re
import sys

out, report, ours, raw, rows = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
text = open(out).read()
line = [l for l in text.splitlines() if l.startswith("conns")][0]
rates = re.search(r"raw: epoll (\d+), io_uring (\d+)", line)
rt = {ours: float(line.split()[1]),
      raw: float(rates.group(1) if raw == "raw-epoll" else rates.group(2))}
cost = {ours: {}, raw: {}}
for l in open(report):
    f = l.split()
    if len(f) < 6 or f[2] not in cost:
        continue
    key = ("kernel " if f[4] == "[k]" else "user   ") + " ".join(f[5:])
    cost[f[2]][key] = cost[f[2]].get(key, 0.0) + float(f[1])
print("samples per 1,000 round trips (%s: %.0f rt/s, %s: %.0f rt/s)" % (ours, rt[ours], raw, rt[raw]))
for comm in (ours, raw):
    per = {k: v * 1e3 / rt[comm] for k, v in cost[comm].items()}
    kernel = sum(v for k, v in per.items() if k.startswith("kernel"))
    print("  %-9s kernel %7.1f  user %7.1f" % (comm, kernel, sum(per.values()) - kernel))
    cost[comm] = per
print("%10s %10s  symbol (largest difference first)" % (ours, raw))
keys = set(cost[ours]) | set(cost[raw])
for k in sorted(keys, key=lambda k: cost[raw].get(k, 0) - cost[ours].get(k, 0))[:rows]:
    print("%10.1f %10.1f  %s" % (cost[ours].get(k, 0), cost[raw].get(k, 0), k))
EOF
