#!/bin/sh
# Skeleton demo: a memory hog drives the machine into a global OOM; show the
# kernel's kill line and who survived.
echo -1000 >/proc/self/oom_score_adj
echo "memory: $(grep MemTotal /proc/meminfo)"
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
kill $bystander
killed=$(dmesg | sed -n 's/.*Out of memory: Killed process \([0-9]*\) .*/\1/p' | tail -1)
[ "$killed" = "$hog" ] && [ -d /proc/1 ] && echo "RESULT: ok - the hog (pid $hog) was killed, init survived" && exit 0
echo "RESULT: FAIL - expected pid $hog to be killed, kernel killed '${killed:-nobody}'"
exit 1
