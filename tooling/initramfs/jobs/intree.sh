#!/bin/sh
# "Do no harm": the kernel's own tests that drive the OOM killer, run once
# per OOM policy (intree.sh 0 1; a kernel without the policy sysctl runs
# them once, as "vanilla").  The results are not
# judged here: test.sh compares them, test by test, with the vanilla
# kernel's.  The job fails only when its set-up does.
#
# Set-up: swap on zram0 (so that the swap part of the footprint is real),
# an ext2 scratch filesystem on zram1 as the working directory (page cache
# outside tmpfs for test_memcontrol), a kprobe on oom_kill_process, and a
# copy of the kernel log: the OOM lines of each policy's run ("oom-kill:",
# "Killed process", "oom_reaper:", "oom-badness:") go to the results as
# "kmsg LABEL ..." lines, for test.sh to compare with the vanilla kernel's.
. /oomkit/jobs/lib.sh
T=/sys/kernel/tracing
policies="$*"
[ -e /proc/sys/vm/oom_badness_policy ] || policies=vanilla
[ -n "$policies" ] || policies="0 1"

setup() {
	echo "# nodes: $(cat /sys/devices/system/node/online)"
	echo 256M >/sys/block/zram0/disksize || return 1
	mkswap /dev/zram0 >/dev/null || return 1
	swapon /dev/zram0 || return 1
	z=$(cat /sys/class/zram-control/hot_add) || return 1
	echo 128M >"/sys/block/zram$z/disksize" || return 1
	mke2fs -q -b 4096 "/dev/zram$z" || return 1
	mkdir -p /scratch && mount -t ext2 "/dev/zram$z" /scratch || return 1
	echo "# swap: $(grep SwapTotal /proc/meminfo | tr -s ' '), scratch: ext2 on zram$z"
	echo 'p:oomkit_okp oom_kill_process' >"$T/kprobe_events" || return 1
	echo 1 >"$T/events/kprobes/oomkit_okp/enable" || return 1
}

# the kernel's OOM lines logged since "oomkit-intree: begin LABEL"
oom_lines() {
	sed 's/^[^;]*;//' /tmp/kmsg | awk -v m="oomkit-intree: begin $1" '
		$0 == m { on = 1; next }
		/^oomkit-intree: begin / { on = 0 }
		on && /^(oom-kill:|Memory cgroup out of memory: Killed process|Out of memory: Killed process|oom_reaper:|oom-badness:)/' |
		sed "s/^/kmsg $1 /"
}

okp_hits() {
	awk '$1 == "oomkit_okp" { print $2 }' "$T/kprobe_profile"
}

cat /dev/kmsg >/tmp/kmsg &
kmsg_pid=$!
if ! setup; then
	echo "# set-up failed"
	exit 1
fi
cd /scratch || exit 1

for p in $policies; do
	[ "$p" = vanilla ] && label=vanilla || label=policy$p
	if [ "$p" != vanilla ]; then
		echo "$p" >/proc/sys/vm/oom_badness_policy || exit 1
	fi
	echo "oomkit-intree: begin $label" >/dev/kmsg
	echo "# $label: vm.oom_badness_policy=$(cat /proc/sys/vm/oom_badness_policy 2>/dev/null || echo none)"
	hits0=$(okp_hits)
	for t in /oomkit/intree/test_memcontrol /oomkit/intree/mrelease_test \
		 /oomkit/kselftest/oom_constraint_test; do
		[ -x "$t" ] || continue
		# as an ordinary task: this job's -1000 must not protect it
		run_binary "${t##*/}@$label" \
			sh -c 'echo 0 >/proc/self/oom_score_adj && exec "$0"' "$t" |
			tee "/tmp/tap.${t##*/}@$label"
	done
	# The kprobe must have fired for the OOM kills the suites caused.
	echo "OOMKIT-BINARY abi@$label"
	echo "1..1"
	hits=$(($(okp_hits) - hits0))
	echo "# kprobe hits: $hits; kallsyms: $(grep ' oom_kill_process$' /proc/kallsyms)"
	if grep -q ' [tT] oom_kill_process$' /proc/kallsyms && [ "$hits" -gt 0 ]; then
		echo "ok 1 oom_kill_process is a symbol a kprobe fires on"
	else
		echo "not ok 1 oom_kill_process is a symbol a kprobe fires on"
	fi
	echo "OOMKIT-BINARY-EXIT abi@$label 0"
	sleep 1
	oom_lines "$label"
done

# test_memcontrol's reclaim checks (memory.low, memory.min) compare usage
# within 10% and drift on a loaded host.  A test failing under one policy
# and passing under the other in this boot is run once more, marked: the
# comparison counts it as passing only if the second run passes, and says so.
states() {
	awk '/^(not )?ok [0-9]+ / { s = $1 == "not" ? "fail" : "pass";
		sub(/^(not )?ok [0-9]+ /, ""); st[$0] = s }
		END { for (t in st) print st[t], t }' "$1" 2>/dev/null
}
t=test_memcontrol
for p in $policies; do
	[ "$p" = vanilla ] && continue
	retry=
	for q in $policies; do
		[ "$q" = "$p" ] && continue
		passed=$(states "/tmp/tap.$t@policy$q" | awk '$1 == "pass" { $1 = ""; print }')
		[ -n "$passed" ] || continue
		if states "/tmp/tap.$t@policy$p" | awk '$1 == "fail" { $1 = ""; print }' |
			grep -qxF -e "$passed"; then
			retry=1
		fi
	done
	[ -n "$retry" ] || continue
	echo "$p" >/proc/sys/vm/oom_badness_policy || exit 1
	echo "oomkit-intree: begin retry-policy$p" >/dev/kmsg
	echo "OOMKIT-RETRY"
	run_binary "$t@policy$p" \
		sh -c 'echo 0 >/proc/self/oom_score_adj && exec "$0"' "/oomkit/intree/$t"
done
kill $kmsg_pid
echo 0 >"$T/events/kprobes/oomkit_okp/enable"
cd /
umount /scratch
swapoff /dev/zram0
exit 0
