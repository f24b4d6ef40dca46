#!/bin/sh
# Run the oom kselftests (TAP on the results channel).  SELFTESTS= on the
# kernel command line (oomkit.only=a,b) restricts the binaries.
echo -1000 >/proc/self/oom_score_adj
only=$(sed -n 's/.*oomkit\.only=\([^ ]*\).*/\1/p' /proc/cmdline | tr , ' ')
rc=0
[ -e /proc/sys/vm/oom_badness_policy ] &&
	echo "# booted with vm.oom_badness_policy=$(cat /proc/sys/vm/oom_badness_policy)"
sysctls() { for f in /proc/sys/vm/oom*; do echo "${f##*/}=$(cat "$f")"; done; }
before=$(sysctls)
for t in /oomkit/kselftest/*; do
	name=${t##*/}
	if [ -n "$only" ] && ! echo " $only " | grep -q " $name "; then
		continue
	fi
	echo "OOMKIT-BINARY $name"
	"$t" 2>&1
	st=$?
	echo "OOMKIT-BINARY-EXIT $name $st"
	[ $st -eq 0 ] || rc=1
done
# every test must leave the OOM sysctls as it found them
echo "OOMKIT-BINARY sysctls"
if [ "$(sysctls)" = "$before" ]; then
	echo "ok 1 the tests left every vm.oom* sysctl as they found it"
else
	echo "$before" >/tmp/before
	sysctls | diff /tmp/before - | sed 's/^/# /'
	echo "not ok 1 the tests left every vm.oom* sysctl as they found it"
	rc=1
fi
echo "OOMKIT-BINARY-EXIT sysctls $rc"
exit $rc
