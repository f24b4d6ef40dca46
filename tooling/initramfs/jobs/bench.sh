#!/bin/sh
# Benchmarks (tooling/progs/oomkit-bench.c): bench.sh ROUNDS CONF+CONF SHAPE...
# runs every shape in turn, each with all the configurations.
. /oomkit/jobs/lib.sh
rounds=$1
configs=$(echo "$2" | tr + ' ')
shift 2
for shape in "$@"; do
	# shellcheck disable=SC2086
	oomkit-bench "$shape" "$rounds" $configs || exit 1
done
