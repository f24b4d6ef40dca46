#!/bin/bash
# make stress: the debug kernel (KASAN, lockdep, PROVE_RCU, DEBUG_ATOMIC_SLEEP,
# DEBUG_LIST, lockup and hung-task detectors that panic) under ten minutes
# of OOMs: global and memcg, fork/exec churn, threads, sysctls flipped
# underneath, oom_score read in a loop (tooling/progs/oomkit-stress.c); then
# the sysctl suite with its 10,000-write fuzz and the user-namespace cases.
# STRESS_SECS (600) and STRESS_KILLS (300) change the run.  The verdict
# counts the checks of the run and a kernel log free of splats.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

secs=${STRESS_SECS:-600}
kills=${STRESS_KILLS:-300}
cd "$TOP"
tooling/prepare.sh
tooling/build-kernel.sh debug
tooling/build-selftests.sh
tooling/mkinitramfs.sh

log "debug kernel: $secs s of stress (QEMU ${QEMU_ACCEL:-tcg}, ${STRESS_MEM} MiB), then the sysctl fuzz"
rc=0
VM_MEM=$STRESS_MEM tooling/vm.sh debug stress -t $((secs + 900)) -- loglevel=5 \
	"oomkit.stress=$secs:$kills:full" || rc=1
out=$LOGS/stress-debug.out
console=$LOGS/stress-debug.console.log
pass=$(grep -c '^ok ' "$out" || true)
fail=$(grep -c '^not ok ' "$out" || true)
if grep -Eq "$SPLATS" "$console"; then
	echo "not ok - no kernel splat in the log"
	grep -E -m10 "$SPLATS" "$console" | sed 's/^/    /'
	fail=$((fail + 1))
else
	echo "ok - no kernel splat in the log ($(grep -c 'Killed process' "$console") 'Killed process' lines)"
	pass=$((pass + 1))
fi
grep '^not ok' "$out" || true
[ $rc -eq 0 ] || { [ "$fail" -gt 0 ] || fail=$((fail + 1)); echo "not ok - the VM finished the job"; }
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
