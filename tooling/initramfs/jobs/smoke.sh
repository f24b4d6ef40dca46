#!/bin/sh
# A memory hog drives the machine into a global OOM: the kernel must kill
# the hog, and init and a bystander must survive.
. /oomkit/jobs/lib.sh
echo "policy: vm.oom_badness_policy=$(cat /proc/sys/vm/oom_badness_policy 2>/dev/null || echo 'n/a (vanilla kernel)')"
echo "OOMKIT-BINARY smoke"
echo "1..1"
oomkit-hog -m 16 -a 0 -n bystander &
bystander=$!
oomkit-hog -m 100000 -s 8 -a 0 -n hog &
hog=$!
wait $hog
echo "# hog (pid $hog) exited: status $?"
dmesg | grep -E "Out of memory: Killed process|oom-kill:|oom-badness" | sed 's/^\[[^]]*\] /# /'
killed=$(dmesg | sed -n 's/.*Out of memory: Killed process \([0-9]*\) .*/\1/p' | tail -1)
rc=0
if [ "$killed" = "$hog" ] && [ -d /proc/1 ] && [ -d /proc/$bystander ]; then
	echo "ok 1 a global OOM kills the hog; init and the bystander survive"
else
	echo "not ok 1 a global OOM kills the hog: expected pid $hog, the kernel killed '${killed:-nobody}'"
	rc=1
fi
kill $bystander
echo "OOMKIT-BINARY-EXIT smoke $rc"

# tools/mm/oom-rank against the kernel view and against /proc, its ASan
# build too; each --json output goes out on an "OOMKIT-JSON NAME" line,
# which make test validates against tools/mm/oom-rank.schema.json.
[ "${1:-}" != demo ] && [ -r /sys/kernel/debug/oom_badness/ranking ] || exit $rc
echo "OOMKIT-BINARY oom-rank"
echo "1..3"
# a candidate (everything the job starts runs at -1000)
oomkit-hog -m 20 -a 0 -n ranked &
ranked=$!
sleep 1
n=0
for mode in "" --proc; do
	n=$((n + 1))
	first=$(oom-rank $mode -n 5 | head -1)
	echo "# oom-rank $mode: $first"
	case $first in
	"next OOM kills $ranked (ranked)"*) echo "ok $n oom-rank ${mode:+$mode }names the next victim" ;;
	*) echo "not ok $n oom-rank ${mode:+$mode }names the next victim"; rc=1 ;;
	esac
	echo "OOMKIT-JSON kernel${mode:+-proc} $(oom-rank $mode --json -n 20)"
done
# ASan and UBSan report on stderr (and make the tool fail); --watch runs
# three rounds before timeout stops it
asan_rc=0
out=$(oom-rank-asan --json -n 1000 2>&1 >/dev/null) || asan_rc=1
out=$out$(oom-rank-asan --proc --json -n 1000 2>&1 >/dev/null) || asan_rc=1
out=$out$(timeout -s INT 3 oom-rank-asan --watch 1 -n 3 2>&1 >/dev/null)
if [ $asan_rc -eq 0 ] && [ -z "$out" ]; then
	echo "ok 3 the ASan build of oom-rank reads the kernel view and /proc cleanly"
else
	printf '%s\n' "$out" | sed 's/^/# /'
	echo "not ok 3 the ASan build of oom-rank reads the kernel view and /proc cleanly"
	rc=1
fi
kill $ranked
echo "OOMKIT-BINARY-EXIT oom-rank $rc"
exit $rc
