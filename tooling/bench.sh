#!/bin/bash
# make bench: victim-selection cost and OOM recovery of the patched kernel
# (policy 0, policy 1, policy 1 without the child rule) against the vanilla
# kernel built from the same config, under QEMU.  Writes results/bench.csv
# (every sample), results/bench-summary.csv (medians, ratios), results/bench.md
# and results/bench.png.  BENCH_ROUNDS (15) and BENCH_NS (1000,4000,16000)
# change the work (the default is 15 rounds).  TCG timings are emulated: compare the ratios.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

rounds=${BENCH_ROUNDS:-15}
ns=${BENCH_NS:-1000,4000,16000}
mem=${BENCH_MEM:-4096}
# BENCH_CONFIGS: configurations of the patched kernel (oomkit-bench.c)
# One NUMA node, as when results/ was measured (VM_NODES=2 to change it).
export VM_NODES=${VM_NODES:-1}
cd "$TOP"
tooling/prepare.sh
tooling/build-kernel.sh vanilla
tooling/build-kernel.sh test
tooling/build-selftests.sh
tooling/mkinitramfs.sh

t0=$(now)
log "vanilla kernel: $rounds rounds at N=$ns"
tooling/vm.sh vanilla bench -n bench -q -m "$mem" -t 7200 -- loglevel=1 \
	"oomkit.bench=$rounds:$ns:vanilla"
log "patched kernel: $rounds rounds at N=$ns, policy 0 / 1 / 1 without the child rule"
tooling/vm.sh test bench -n bench -q -m "$mem" -t 7200 -- loglevel=1 \
	"oomkit.bench=$rounds:$ns:${BENCH_CONFIGS:-policy0,policy1,policy1-nochild,policy1-nokids}"
log "both runs took $(elapsed "$t0")s"

mkdir -p results
python3 tooling/bench-report.py "$LOGS/bench-vanilla-bench.out" "$LOGS/bench-test-bench.out" \
	"$(cat "$BUILD/base-version")" results
if command -v gnuplot >/dev/null; then
	gnuplot tooling/bench.gp
fi
cat results/bench.md
