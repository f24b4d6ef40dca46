#!/bin/sh
# Benchmarks (tooling/progs/oomkit-bench.c).  oomkit.bench=ROUNDS:N1,N2:CONF1,CONF2
# on the kernel command line.
echo -1000 >/proc/self/oom_score_adj
spec=$(sed -n 's/.*oomkit\.bench=\([^ ]*\).*/\1/p' /proc/cmdline)
rounds=${spec%%:*}
rest=${spec#*:}
ns=${rest%%:*}
configs=$(echo "${rest#*:}" | tr , ' ')
echo "# kernel $(uname -r), $(grep MemTotal /proc/meminfo | tr -s ' '), $(nproc) CPUs"
# shellcheck disable=SC2086
oomkit-bench "$rounds" "$ns" $configs
