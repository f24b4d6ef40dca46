#!/bin/sh
# The demo: a global OOM driven by a real memory hog; who the next OOM would
# kill, before and after one sysctl, and that OOM; then curated scenarios
# under both policies, side by side (tooling/progs/oomkit-demo.c).
. /oomkit/jobs/lib.sh
echo
echo "=== A memory hog fills the machine: a global OOM"
/oomkit/jobs/smoke.sh demo | grep -v '^OOMKIT-\|^1\.\.' || exit 1

if [ -r /sys/kernel/debug/oom_badness/ranking ]; then
	echo
	echo "=== Who would die now, and why: tools/mm/oom-rank"
	echo "A root daemon of 90 MiB (CAP_SYS_ADMIN and CAP_SYS_RAWIO) and an"
	echo "ordinary user's job of 40 MiB; oom-rank reads the kernel's ranking"
	echo "view, which scores them as the next OOM would, and kills nobody."
	# writing the episode window ends the episode the OOM above began
	cat /proc/sys/vm/oom_badness_episode_secs >/proc/sys/vm/oom_badness_episode_secs
	policy=$(cat /proc/sys/vm/oom_badness_policy)
	oomkit-hog -m 90 -a 0 -n rootd &
	rootd=$!
	oomkit-hog -m 40 -a 0 -n userjob -u 1000 &
	job=$!
	sleep 2
	echo
	echo "# sysctl vm.oom_badness_policy=0   (the stock score: size alone)"
	echo 0 >/proc/sys/vm/oom_badness_policy
	echo "# oom-rank -n 4"
	oom-rank -n 4
	echo
	echo "# sysctl vm.oom_badness_policy=1   (classic: root divides by 4, raw I/O by 4)"
	echo 1 >/proc/sys/vm/oom_badness_policy
	echo "# oom-rank -n 4"
	oom-rank -n 4 | tee /tmp/rank
	named=$(sed -n '1s/^next OOM kills \([0-9]*\) .*/\1/p' /tmp/rank)
	echo
	echo "# echo f > /proc/sysrq-trigger   (an OOM kill, now)"
	dmesg -c >/dev/null
	echo f >/proc/sysrq-trigger
	sleep 1
	dmesg | grep -E "Out of memory: Killed process|oom-badness: selected" | sed 's/^\[[^]]*\] /  /'
	killed=$(dmesg | sed -n 's/.*Out of memory: Killed process \([0-9]*\) .*/\1/p' | tail -1)
	if [ -n "$named" ] && [ "$killed" = "$named" ]; then
		echo "oom-rank named $named; the OOM killed $killed."
	else
		echo "oom-rank named '${named:-nobody}', but the OOM killed '${killed:-nobody}'"
	fi
	echo "$policy" >/proc/sys/vm/oom_badness_policy
	kill $rootd $job 2>/dev/null
	wait $rootd $job 2>/dev/null
fi
echo
oomkit-demo
