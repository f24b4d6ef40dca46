#!/bin/sh
# The stress run (tooling/progs/oomkit-stress.c), then, for the full run,
# the sysctl suite (bounds, user namespaces, 10,000-write fuzz) on the
# kernel the stress left behind.  oomkit.stress=SECONDS:MIN_KILLS[:full]
echo -1000 >/proc/self/oom_score_adj
arg=$(sed -n 's/.*oomkit\.stress=\([^ ]*\).*/\1/p' /proc/cmdline)
secs=$(echo "$arg" | cut -d: -f1)
kills=$(echo "$arg" | cut -d: -f2)
mode=$(echo "$arg" | cut -d: -f3)
echo "# kernel $(uname -r), $(grep MemTotal /proc/meminfo | tr -s ' '), $(nproc) CPUs"
echo "OOMKIT-BINARY oomkit-stress"
oomkit-stress "${secs:-600}" "${kills:-300}"
rc=$?
echo "OOMKIT-BINARY-EXIT oomkit-stress $rc"
if [ "$mode" = full ]; then
	echo "OOMKIT-BINARY oom_sysctl_test"
	/oomkit/kselftest/oom_sysctl_test
	st=$?
	echo "OOMKIT-BINARY-EXIT oom_sysctl_test $st"
	[ $st -eq 0 ] || rc=1
fi
exit $rc
