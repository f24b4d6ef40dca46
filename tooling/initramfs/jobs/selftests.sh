#!/bin/sh
# The oom kselftests, or only those named: selftests.sh [NAME[:FILTER]...]
# (FILTER is passed to the harness: -v variant, -r fixture.variant.test).
. /oomkit/jobs/lib.sh
rc=0
sysctls() { for f in /proc/sys/vm/oom*; do echo "${f##*/}=$(cat "$f")"; done; }
before=$(sysctls)
if [ $# -eq 0 ]; then
	set -- $(cd /oomkit/kselftest && ls)
fi
leaked=
for spec in "$@"; do
	name=${spec%%:*}
	filter=
	[ "$name" = "$spec" ] || filter=$(echo "${spec#*:}" | tr '+' ' ')
	now=$(sysctls)
	# shellcheck disable=SC2086
	run_binary "$name" "/oomkit/kselftest/$name" $filter || rc=1
	[ "$(sysctls)" = "$now" ] || leaked="$leaked $name"
done
# the tests must leave the OOM sysctls as they found them; this check
# reports its own outcome only
echo "OOMKIT-BINARY sysctls"
echo "1..1"
if [ "$(sysctls)" = "$before" ]; then
	echo "ok 1 the tests left every vm.oom* sysctl as they found it"
	st=0
else
	echo "$before" >/tmp/before
	sysctls | diff /tmp/before - | sed 's/^/# /'
	echo "# changed by:$leaked"
	echo "not ok 1 the tests left every vm.oom* sysctl as they found it"
	st=1
fi
echo "OOMKIT-BINARY-EXIT sysctls $st"
[ $st -eq 0 ] || rc=1
exit $rc
