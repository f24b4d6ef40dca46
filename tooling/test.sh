#!/bin/bash
# make test: every check of the project, one counted line each, ending with
# "N passed, N failed".
#
#   static   checkpatch --strict, kernel-doc, the broken-patch check, the
#            tooling's own tests (counting, comparisons), W=1, oom-rank
#            under ASan on the host and its --json against the schema
#   kunit    the KUnit suite, run at boot by the test kernel, read with
#            kunit.py parse
#   test     the oom selftests, the smoke job (with oom-rank and its ASan
#            build against the kernel view) and the kernel's own OOM suites
#            under both policies, in QEMU
#   debug    the family, freeable, child-rule and ranking-view tests and a
#            90 s stress run
#            on a KASAN + lockdep + PROVE_RCU + DEBUG_ATOMIC_SLEEP kernel
#   vanilla  the unpatched kernel of the same config: the oom_score oracle,
#            the scenarios (never worse than stock), the kernel's own suites
#
# The next kernel builds while the VM jobs of the previous one run, at the
# lowest CPU priority; still one kernel build at a time.  A VM job whose
# kernel image, initramfs and command line are bit-identical to those of an
# earlier passing run is not booted again (its results are reused and
# marked "(cached)"); RERUN=1 boots everything.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

cd "$TOP" || exit 1
mkdir -p "$LOGS" "$BUILD/test-cache"
RESULTS=$LOGS/test-results.txt
TIMES=$LOGS/job-times.txt
: >"$RESULTS"
: >"$TIMES"
T0=$(now)

say() { printf '  %-5s %s\n' "$1" "$2"; }
pass() { echo "PASS $*" >>"$RESULTS"; say ok "$*"; }
fail() { echo "FAIL $*" >>"$RESULTS"; say FAIL "$*"; }
stage() { echo; echo "== $* ($(elapsed "$T0")s)"; }

# Record "PASS|FAIL|SKIP text" and "TIME ..." lines (tooling/results.py).
record() {
	local verdict rest
	while read -r verdict rest; do
		case $verdict in
		PASS) pass "$rest" ;;
		FAIL) fail "$rest" ;;
		SKIP) echo "SKIP $rest" >>"$RESULTS"; say skip "$rest" ;;
		TIME) echo "$rest" >>"$TIMES" ;;
		esac
	done
}

# "ok - text" / "not ok - text" (the static checks, the comparisons)
tap() {
	local prefix=$1 line
	while IFS= read -r line; do
		case $line in
		"not ok - "*) fail "$prefix${line#not ok - }" ;;
		"ok - "*" # SKIP"*) line=${line#ok - }; echo "SKIP $prefix$line" >>"$RESULTS"; say skip "$prefix$line" ;;
		"ok - "*) pass "$prefix${line#ok - }" ;;
		esac
	done
}

finish() {
	local p f s
	p=$(grep -c '^PASS' "$RESULTS")
	f=$(grep -c '^FAIL' "$RESULTS")
	s=$(grep -c '^SKIP' "$RESULTS")
	echo
	echo "VM job                          wall/limit (s)  slowest test (s)"
	awk -F'|' '{ printf "%-32s %6s/%-6s  %6s  %s\n", $1, $2, $5, $3, $4 }' "$TIMES"
	echo
	grep '^FAIL' "$RESULTS" | sed 's/^FAIL /failed: /'
	echo "make test took $(elapsed "$T0")s; $s skipped; logs in build/logs/"
	echo "$p passed, $f failed"
	[ "$f" -eq 0 ]
	exit $?
}

# vmjob VARIANT LABEL TIMEOUT [vm.sh options] -- JOB [ARG...]: boot (or
# reuse a cached pass), then record the job's results and the splat check.
# NOTAP=1: the job's results are judged elsewhere (compared with vanilla).
vmjob() {
	local variant=$1 label=$2 limit=$3 key out console cached= job rc=0
	shift 3
	job=$(printf '%s\n' "$@" | sed -n '/^--$/{n;p;q}')
	local tag=${TAG:-}
	out=$LOGS/$job-$variant${tag:+-$tag}.out
	console=$LOGS/$job-$variant${tag:+-$tag}.console.log
	key=$( (sha256sum "$(image "$variant")" "$INITRAMFS" | cut -d' ' -f1
		echo "$variant $* ${QEMU_ACCEL:-tcg} ${VM_MEM:-} ${VM_NODES:-}") |
		sha256sum | cut -c1-32)
	if [ "${RERUN:-0}" != 1 ] && [ -f "$BUILD/test-cache/$key.out" ]; then
		cp "$BUILD/test-cache/$key.out" "$out"
		cp "$BUILD/test-cache/$key.console.log" "$console"
		cached=" (cached)"
		echo "  $label: same kernel image, initramfs and command line as a passing run: reusing its results"
	else
		tooling/vm.sh "$variant" -q -t "$limit" ${tag:+-n "$tag"} "$@" || rc=1
	fi
	if ! grep -q '^OOMKIT-END' "$out"; then
		fail "$label: the VM finished the job within ${limit}s (see build/logs/${console##*/})"
	fi
	if [ "${NOTAP:-0}" = 1 ]; then
		python3 "$TOOLING/results.py" "$out" "$label" "$cached" | grep '^TIME' |
			sed "s/\$/|$limit/" | record
	else
		python3 "$TOOLING/results.py" "$out" "$label" "$cached" |
			sed "/^TIME /s/\$/|$limit/" | record
	fi
	if tooling/splats.sh "$console" >"$LOGS/splats.tmp"; then
		pass "$label: no kernel splat (lockdep, KASAN, RCU, BUG, WARNING)$cached"
	else
		fail "$label: no kernel splat (lockdep, KASAN, RCU, BUG, WARNING)$cached"
		cat "$LOGS/splats.tmp"
	fi
	if [ -z "$cached" ] && [ $rc -eq 0 ] && ! grep -q '^FAIL' <(python3 "$TOOLING/results.py" "$out" x) &&
	   [ -s "$console" ] && tooling/splats.sh "$console" >/dev/null; then
		cp "$out" "$BUILD/test-cache/$key.out"
		cp "$console" "$BUILD/test-cache/$key.console.log"
	fi
}

BG_PID=
bg_build() {
	rm -f "$LOGS/bg-build-$1.rc"
	(nice -n 19 make -s kernel VARIANT="$1" >"$LOGS/bg-build-$1.log" 2>&1
	 echo $? >"$LOGS/bg-build-$1.rc") &
	BG_PID=$!
}
wait_build() {
	[ -n "$BG_PID" ] && wait "$BG_PID"
	BG_PID=
	sed 's/built in \(.*\)s:/built in \1s (niced, beside the VMs):/' "$LOGS/bg-build-$1.log" >&2
	[ "$(cat "$LOGS/bg-build-$1.rc" 2>/dev/null)" = 0 ]
}

stage "prepare the tree"
if ! make -s prepare; then
	fail "prepare: Debian linux-source-6.12 + patches/ + overlay"
	finish
fi

stage "static checks"
tooling/checkpatch.sh | tap "static: "
# A patch whose hunk no longer matches must stop the build and be named.
broken=$(mktemp -d)
cp patches/* "$broken/"
first=$(grep -v '^#' patches/series | head -1)
awk '!done && /^@@/ { h = 1; print; next } h && !done && /^ ./ { print " BROKEN" substr($0, 2); done = 1; next } { print }' \
	"patches/$first" >"$broken/$first"
if out=$(OOMKIT_PATCHES=$broken tooling/prepare.sh --print-final 2>&1); then
	fail "prepare: a patch with a broken hunk stops the build"
elif grep -q "$first does not apply" <<<"$out"; then
	pass "prepare: a patch with a broken hunk stops the build and names the file"
else
	printf '%s\n' "$out" | tail -3
	fail "prepare: a patch with a broken hunk stops the build and names the file"
fi
rm -rf "$broken"
tooling/tests/run.sh | tap "tooling: "
tooling/check-oom-rank.sh | tap "static: "

stage "test kernel (KUnit at boot, selftests, the kernel's own OOM suites)"
if make -s kernel VARIANT=test; then
	pass "build: test kernel"
	if tooling/w1.sh; then
		pass "static: no W=1 warnings in mm/oom_badness.o mm/oom_kill.o fs/proc/base.o"
	else
		fail "static: no W=1 warnings in mm/oom_badness.o mm/oom_kill.o fs/proc/base.o"
	fi
else
	fail "build: test kernel"
fi
if make -s initramfs; then
	pass "build: oom selftests, in-tree suites, helper programs (static) and the initramfs"
else
	fail "build: oom selftests, in-tree suites, helper programs (static) and the initramfs"
	finish
fi
bg_build debug
if [ -f "$(image test)" ]; then
	vmjob test "test-kernel smoke" 300 -- smoke
	/usr/bin/python3 tooling/check-json.py tools/mm/oom-rank.schema.json \
		"$LOGS/smoke-test.out" "test-kernel: oom-rank --json" | tap ""
	# KUnit ran at boot; kunit.py reads its results from the kernel log
	NOTAP=1 vmjob test "test-kernel kunit" 300 -- kunit
	if tooling/kunit.sh parse "$LOGS/kunit-test.out" >"$LOGS/kunit.summary" 2>&1; then
		kunit_rc=0
	else
		kunit_rc=1
	fi
	sed -n 's/^\[PASSED\] \(oom_badness_test_.*\)/ok - \1/p; s/^\[\(FAILED\|CRASHED\)\] \(oom_badness_test_.*\)/not ok - \2/p; s/^\[SKIPPED\] \(oom_badness_test_.*\)/ok - \1 # SKIP/p' \
		"$LOGS/kunit.summary" | tap "kunit: "
	if [ $kunit_rc -eq 0 ] && grep -q '^\[PASSED\] oom_badness_test_' "$LOGS/kunit.summary"; then
		pass "kunit: kunit.py parse found the suite and reports success"
	else
		fail "kunit: kunit.py parse found the suite and reports success (build/logs/kunit.summary)"
	fi
	vmjob test "test-kernel" 1800 -- selftests
	# the kernel's own OOM tests under both policies, judged against vanilla
	NOTAP=1 vmjob test "test-kernel in-tree suites" 900 -- intree 0 1
fi

stage "debug kernel (KASAN, lockdep, PROVE_RCU, DEBUG_ATOMIC_SLEEP, DEBUG_LIST)"
if wait_build debug; then
	pass "build: debug kernel"
	bg_build vanilla
	# booted with the stock policy: each test sets the policy it is about
	# and must restore what it found; the scenarios that walk page tables
	# and families the most
	scn=oom_scenarios_test:-v+cow_family_6+-v+shmem_family_5+-v+memcg_cow_family_6
	scn+=+-v+prefork_master+-v+admin_protected_child+-v+children_share
	scn+=+-v+memcg_pages_charged_elsewhere+-v+cpu_time_of_threads
	scn+=+-v+cap_sys_admin+-v+memcg_prefork_master
	vmjob debug "debug-kernel" 2400 -k sysctl.vm.oom_badness_policy=0 -- \
		selftests oom_child_test oom_freeable_test "$scn" \
		oom_constraint_test:-v+cpuset_child_elsewhere \
		oom_rank_test:-v+cow_family+-v+memcg_supervisor_and_worker+-v+protected_child
	# the reduced stress run; "make stress" is the 10-minute one
	VM_MEM=$STRESS_MEM TAG= vmjob debug "debug-kernel stress" 900 -m "$STRESS_MEM" -k loglevel=5 -- \
		stress "${STRESS_SECS:-90}" "${STRESS_KILLS:-40}"
	grep '^# counters\|^#   ' "$LOGS/stress-debug.out" | sed 's/^#/       /'
else
	fail "build: debug kernel"
	bg_build vanilla
fi

stage "vanilla kernel (same config, no series)"
if wait_build vanilla; then
	pass "build: vanilla kernel"
	vmjob vanilla "vanilla-kernel" 1800 -- selftests oom_score_test oom_scenarios_test
	if [ -f "$LOGS/selftests-vanilla.out" ] && [ -f "$LOGS/selftests-test.out" ]; then
		python3 "$TOOLING/compare-scores.py" "$LOGS/selftests-test.out" \
			"$LOGS/selftests-vanilla.out" | tap "vanilla-kernel: "
		python3 "$TOOLING/compare-scenarios.py" "$LOGS/selftests-vanilla.out" \
			"$LOGS/selftests-test.out" Documentation/admin-guide/mm/oom_badness.rst \
			2>"$LOGS/scenarios-compare.txt" | tap "never worse than stock: "
		sed 's/^/       /' "$LOGS/scenarios-compare.txt"
	fi
	NOTAP=1 vmjob vanilla "vanilla-kernel in-tree suites" 900 -- intree
	if [ -f "$LOGS/intree-vanilla.out" ] && [ -f "$LOGS/intree-test.out" ]; then
		python3 "$TOOLING/compare-intree.py" "$LOGS/intree-vanilla.out" \
			"$LOGS/intree-test.out" 2>"$LOGS/intree-compare.txt" | tap "do-no-harm: "
		sed 's/^/       /' "$LOGS/intree-compare.txt"
	else
		fail "do-no-harm: in-tree suites ran on vanilla and on the patched kernel"
	fi
else
	fail "build: vanilla kernel"
fi

finish
