#!/bin/sh
# Benchmarks (tooling/progs/oomkit-bench.c).  oomkit.bench=ROUNDS:N1,N2:CONF1,CONF2
# on the kernel command line; both shapes of sleepers, flat then families.
echo -1000 >/proc/self/oom_score_adj
spec=$(sed -n 's/.*oomkit\.bench=\([^ ]*\).*/\1/p' /proc/cmdline)
rounds=${spec%%:*}
rest=${spec#*:}
ns=${rest%%:*}
configs=$(echo "${rest#*:}" | tr , ' ')
echo "# kernel $(uname -r), $(grep MemTotal /proc/meminfo | tr -s ' '), $(nproc) CPUs"
for shape in flat families; do
	# shellcheck disable=SC2086
	oomkit-bench "$rounds" "$ns" $shape $configs || exit 1
done
