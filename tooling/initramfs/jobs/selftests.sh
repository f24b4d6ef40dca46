#!/bin/sh
# Run the oom kselftests (TAP on the results channel).  SELFTESTS= on the
# kernel command line (oomkit.only=a,b) restricts the binaries.
echo -1000 >/proc/self/oom_score_adj
only=$(sed -n 's/.*oomkit\.only=\([^ ]*\).*/\1/p' /proc/cmdline | tr , ' ')
rc=0
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
exit $rc
