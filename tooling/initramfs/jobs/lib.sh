#!/bin/sh
# Sourced by every job: it runs unkillable (its own processes set their
# oom_score_adj), prints the machine, and frames each binary it runs.
echo -1000 >/proc/self/oom_score_adj
set -o pipefail
echo "# kernel $(uname -r), $(grep MemTotal /proc/meminfo | tr -s ' '), $(nproc) CPUs"
[ -e /proc/sys/vm/oom_badness_policy ] &&
	echo "# booted with vm.oom_badness_policy=$(cat /proc/sys/vm/oom_badness_policy)"

# run_binary NAME CMD...: the binary's TAP between OOMKIT-BINARY and
# OOMKIT-BINARY-EXIT NAME STATUS, each result followed by its time
run_binary() {
	name=$1
	shift
	echo "OOMKIT-BINARY $name"
	"$@" 2>&1 | oomkit-stamp
	st=$?
	echo "OOMKIT-BINARY-EXIT $name $st"
	return $st
}
