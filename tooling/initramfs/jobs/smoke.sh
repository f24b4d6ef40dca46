#!/bin/sh
# Skeleton demo: a memory hog drives the machine into a global OOM; show the
# kernel's kill line and who survived.
echo -1000 >/proc/self/oom_score_adj
echo "policy: vm.oom_badness_policy=$(cat /proc/sys/vm/oom_badness_policy 2>/dev/null || echo 'n/a (vanilla kernel)')"

# A bystander that must survive.
oomkit-hog -m 16 -a 0 -n bystander &
bystander=$!
# The hog grows until the kernel kills it.
oomkit-hog -m 100000 -s 8 -a 0 -n hog &
hog=$!
wait $hog
echo "hog (pid $hog) exited: status $?"
echo "--- kernel kill line ---"
dmesg | grep -E "Out of memory: Killed process|oom-kill:|oom-badness" | sed 's/^\[[^]]*\] //'
echo "--- survivors ---"
for p in 1 $bystander; do
	[ -d /proc/$p ] && echo "alive: pid $p ($(cat /proc/$p/comm))" || echo "DEAD: pid $p"
done
killed=$(dmesg | sed -n 's/.*Out of memory: Killed process \([0-9]*\) .*/\1/p' | tail -1)
if [ "$killed" = "$hog" ] && [ -d /proc/1 ] && [ -d /proc/$bystander ]; then
	echo "ok 1 a global OOM kills the hog (pid $hog); init and the bystander survive"
	kill $bystander
	exit 0
fi
echo "not ok 1 a global OOM kills the hog: expected pid $hog, the kernel killed '${killed:-nobody}'"
kill $bystander
exit 1
