#!/bin/bash
# No W=1 warning in the objects we change: the policy, oom_kill.c and the
# /proc code that calls oom_badness(), built in a side tree so the test
# kernel's image is untouched.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

w1=$BUILD/out/w1
mkdir -p "$w1" "$LOGS"
cmp -s "$(out_dir test)/.config" "$w1/.config" || cp "$(out_dir test)/.config" "$w1/.config"
objs=(mm/oom_badness.o mm/oom_kill.o fs/proc/base.o mm/tests/oom_badness_kunit.o)
if ! make -s -C "$SRC" O="$w1" olddefconfig >/dev/null 2>&1 ||
   ! make -C "$SRC" O="$w1" W=1 -j"$JOBS" "${objs[@]}" >"$LOGS/w1.log" 2>&1; then
	grep -E "warning:|error:" "$LOGS/w1.log" | head -10
	exit 1
fi
if grep -q "warning:" "$LOGS/w1.log"; then
	grep "warning:" "$LOGS/w1.log" | head -10
	exit 1
fi
