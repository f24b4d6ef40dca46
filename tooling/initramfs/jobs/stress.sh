#!/bin/sh
# The stress run (tooling/progs/oomkit-stress.c): stress.sh SECONDS
# MIN_KILLS [full]; full adds the sysctl suite with its fuzz, on the kernel
# the stress left behind.
. /oomkit/jobs/lib.sh
rc=0
run_binary oomkit-stress oomkit-stress "${1:-600}" "${2:-300}" || rc=1
if [ "${3:-}" = full ]; then
	run_binary oom_sysctl_test /oomkit/kselftest/oom_sysctl_test || rc=1
fi
exit $rc
