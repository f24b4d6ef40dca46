#!/bin/bash
# make stress: the debug kernel (KASAN, lockdep, PROVE_RCU, DEBUG_ATOMIC_SLEEP,
# DEBUG_LIST, lockup and hung-task detectors that panic) under ten minutes
# of OOMs: global and memcg, fork/exec churn, threads, sysctls flipped
# underneath, oom_score read in a loop (tooling/progs/oomkit-stress.c); then
# the sysctl suite with its 10,000-write fuzz and the user-namespace cases.
# STRESS_SECS (600) and STRESS_KILLS (300) change the run (it goes on, up to
# three times STRESS_SECS, until it has seen all it checks); the Makefile
# builds the kernel and the initramfs first.  The verdict counts the checks
# of the run and a kernel log free of splats, and ends "N passed, N failed".
set -euo pipefail
. "$(dirname "$0")/lib.sh"

secs=${STRESS_SECS:-600}
kills=${STRESS_KILLS:-300}
cd "$TOP"
log "debug kernel: $secs s of stress (QEMU ${QEMU_ACCEL:-tcg}, ${STRESS_MEM} MiB), then the sysctl fuzz"
rc=0
tooling/vm.sh debug -m "$STRESS_MEM" -t $((3 * secs + 900)) -k loglevel=5 -- \
	stress "$secs" "$kills" full || rc=1
out=$LOGS/stress-debug.out
console=$LOGS/stress-debug.console.log
res=$(python3 "$TOOLING/results.py" "$out" stress)
pass=$(grep -c '^PASS' <<<"$res" || true)
fail=$(grep -c '^FAIL' <<<"$res" || true)
grep '^FAIL\|^SKIP' <<<"$res" || true
if tooling/splats.sh "$console"; then
	echo "ok - no kernel splat in the log ($(grep -c 'Killed process' "$console") 'Killed process' lines)"
	pass=$((pass + 1))
else
	echo "not ok - no kernel splat in the log"
	fail=$((fail + 1))
fi
[ $rc -eq 0 ] || { [ "$fail" -gt 0 ] || fail=$((fail + 1)); echo "not ok - the VM finished the job"; }
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
