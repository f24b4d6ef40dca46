#!/bin/bash
# make bench: the OOM selection's cost on shapes of system, vanilla against
# policy 0 and policy 1 of the patched kernel built from the same config,
# in guest instructions (QEMU -icount, BENCH_BOOTS boots) and on the
# emulated wall clock; the longest tasklist_lock hold and RCU section, fork
# latency beside oom_score reads, the estimate's page-table walk, and on
# the debug kernel a soak of the big shapes and the walk of 1 GiB
# candidates; under QEMU.  Writes results/bench.md, results/freeable.md,
# results/bench.csv, results/bench-summary.csv and results/bench.png.
# BENCH_ROUNDS (9) and BENCH_SHAPES change the work.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

rounds=${BENCH_ROUNDS:-9}
shapes=${BENCH_SHAPES:-flat:0 flat:1000 flat:4000 families:4000 root:4000 threads:200:50 threads:20:500 children:20:200 children:1:1000 children:1:4000 storm:4000 forklat:4000}
# the selection in guest instructions: a few boots, each deterministic
boots=${BENCH_BOOTS:-3}
irounds=${BENCH_ICOUNT_ROUNDS:-3}
ishapes=$(printf '%s\n' $shapes | grep -v '^forklat' | tr '\n' ' ')
mem=${BENCH_MEM:-4096}
# One NUMA node: the numbers do not depend on where memory is.
export VM_NODES=${VM_NODES:-1}
# No address-space randomization: with it, each boot gives the shape's
# processes other page-table footprints, so other ties among identical
# processes, each of which costs the stock walk a reselection; policy 0
# and vanilla, measured in different boots, then differed by up to 7% on
# 4,000 identical root sleepers for no reason in the code.
norand=norandmaps
cd "$TOP"

t0=$(now)
# QEMU -icount: the guest's clock counts its instructions (1 ns each), so
# ftrace times the selection in instructions, the same on every run of a
# boot; the emulated wall clock below depends on the emulator's software
# TLB more than on the code.
rm -f "$LOGS"/bench-*-icount-*.out
for b in $(seq "$boots"); do
	log "instructions, boot $b of $boots: vanilla, then policy 0 and 1 interleaved"
	# shellcheck disable=SC2086
	QEMU_ICOUNT=shift=0,sleep=on tooling/vm.sh vanilla -n "icount-$b" -q \
		-m "$mem" -t 14400 -k loglevel=1 -k "$norand" -- bench "$irounds" vanilla $ishapes
	# shellcheck disable=SC2086
	QEMU_ICOUNT=shift=0,sleep=on tooling/vm.sh test -n "icount-$b" -q \
		-m "$mem" -t 14400 -k loglevel=1 -k "$norand" -- bench "$irounds" policy0+policy1 $ishapes
done
log "emulated wall clock: vanilla kernel, $rounds rounds of $shapes"
# shellcheck disable=SC2086
tooling/vm.sh vanilla -n bench -q -m "$mem" -t 14400 -k loglevel=1 -k "$norand" -- \
	bench "$rounds" vanilla $shapes
log "emulated wall clock: patched kernel, policy 0 and 1, interleaved"
# shellcheck disable=SC2086
tooling/vm.sh test -n bench -q -m "$mem" -t 14400 -k loglevel=1 -k "$norand" -- \
	bench "$rounds" policy0+policy1 $shapes
log "patched kernel: the page-table walk, estimate on and off"
tooling/vm.sh test -n walk -q -m "$mem" -t 7200 -k loglevel=6 -- \
	bench "$rounds" policy1+policy1-nowalk walk
log "debug kernel: 60 s of OOMs on each big shape"
tooling/vm.sh debug -n soak -q -m "$mem" -t 7200 -k loglevel=5 -- \
	bench -60 policy1 children:1:4000 threads:20:500
soak=ok
tooling/splats.sh "$LOGS/bench-debug-soak.console.log" || soak=splat
log "debug kernel: the page-table walk of 1 GiB candidates and the whole budget"
tooling/vm.sh debug -n walk -q -m "$mem" -t 7200 -k loglevel=6 -- \
	bench "${BENCH_DEBUG_WALK_ROUNDS:-2}" policy1 walk
tooling/splats.sh "$LOGS/bench-debug-walk.console.log" || soak=splat
log "all runs took $(elapsed "$t0")s; debug kernel: $soak"

mkdir -p results
python3 tooling/bench-report.py "$(cat "$BUILD/base-version")" results "$LOGS" "$soak"
if command -v gnuplot >/dev/null; then
	gnuplot tooling/bench.gp
fi
cat results/bench.md
