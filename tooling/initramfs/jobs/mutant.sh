#!/bin/sh
# For make mutants: the kernel log of the boot (the KUnit results), then the
# selftests named, as selftests.sh runs them: mutant.sh [NAME[:FILTER]...]
echo "OOMKIT-KMSG-BEGIN"
dmesg
echo "OOMKIT-KMSG-END"
# no names: KUnit alone (selftests.sh would run every selftest)
[ $# -gt 0 ] || exit 0
exec /oomkit/jobs/selftests.sh "$@"
