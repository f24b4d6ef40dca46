#!/bin/sh
# The demo: a global OOM driven by a real memory hog, then curated scenarios
# under both policies, side by side (tooling/progs/oomkit-demo.c).
echo -1000 >/proc/self/oom_score_adj
echo "kernel $(uname -r), $(grep MemTotal /proc/meminfo | tr -s ' '), $(nproc) CPUs"
echo
echo "=== A memory hog fills the machine: a global OOM"
/oomkit/jobs/smoke.sh || exit 1
echo
oomkit-demo
