#!/bin/bash
# make bench: the OOM selection's cost on shapes of system, vanilla against
# policy 0 and policy 1 of the patched kernel built from the same config,
# the longest tasklist_lock hold and RCU section, fork latency beside
# oom_score reads, the estimate's page-table walk, and a soak of the big
# shapes on the debug kernel; under QEMU.  Writes results/bench.md,
# results/freeable.md, results/bench.csv, results/bench-summary.csv and
# results/bench.png.  BENCH_ROUNDS (9) and BENCH_SHAPES change the work.
# TCG timings are emulated: compare the ratios.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

rounds=${BENCH_ROUNDS:-9}
shapes=${BENCH_SHAPES:-flat:1000 flat:4000 families:4000 root:4000 threads:200:50 threads:20:500 children:20:200 children:1:1000 children:1:4000 storm:4000 forklat:4000}
mem=${BENCH_MEM:-4096}
# One NUMA node: the numbers do not depend on where memory is.
export VM_NODES=${VM_NODES:-1}
cd "$TOP"

t0=$(now)
log "vanilla kernel: $rounds rounds of $shapes"
# shellcheck disable=SC2086
tooling/vm.sh vanilla -n bench -q -m "$mem" -t 14400 -k loglevel=1 -- \
	bench "$rounds" vanilla $shapes
log "patched kernel: policy 0 and 1, interleaved"
# shellcheck disable=SC2086
tooling/vm.sh test -n bench -q -m "$mem" -t 14400 -k loglevel=1 -- \
	bench "$rounds" policy0+policy1 $shapes
log "patched kernel: the page-table walk, estimate on and off"
tooling/vm.sh test -n walk -q -m "$mem" -t 7200 -k loglevel=6 -- \
	bench "$rounds" policy1+policy1-nowalk walk
log "debug kernel: 60 s of OOMs on each big shape"
tooling/vm.sh debug -n soak -q -m "$mem" -t 7200 -k loglevel=5 -- \
	bench -60 policy1 children:1:4000 threads:20:500
soak=ok
tooling/splats.sh "$LOGS/bench-debug-soak.console.log" || soak=splat
log "all runs took $(elapsed "$t0")s; debug soak: $soak"

mkdir -p results
python3 tooling/bench-report.py "$(cat "$BUILD/base-version")" results \
	"$LOGS/bench-vanilla-bench.out" "$LOGS/bench-test-bench.out" \
	"$LOGS/bench-test-walk.out" "$LOGS/bench-debug-soak.out" "$soak"
if command -v gnuplot >/dev/null; then
	gnuplot tooling/bench.gp
fi
cat results/bench.md
