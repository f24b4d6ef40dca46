#!/bin/bash
# make test: every check of the project, counted one line each.
#
#   static   checkpatch --strict on patches/ and the new files, kernel-doc,
#            W=1 on the policy objects
#   kunit    the KUnit suite under UML (kunit.py)
#   test     the oom selftests in QEMU on the test kernel, and the smoke job
#   debug    the same selftests on the debug kernel (KASAN, lockdep,
#            PROVE_RCU, DEBUG_ATOMIC_SLEEP, ...), a 90-second stress run
#            (global and memcg OOMs, churn, sysctl flips), and zero splats
#   vanilla  the unpatched kernel: the oom_score oracle, and policy 0 of the
#            patched kernel reporting the same scores; do no harm: the
#            kernel's own OOM tests (cgroup test_memcontrol, mm mrelease_test)
#            and cpuset/mempolicy-constrained OOMs, with swap on zram and two
#            NUMA nodes, vanilla against policy 0 and policy 1, test by test
#
# A VM job whose kernel image, initramfs and command line are bit-identical
# to those of an earlier passing run is not booted again: its recorded
# result is reused and marked "(cached)", as "go test" does.  RERUN=1
# boots everything.  The last line is "N passed, N failed".
set -uo pipefail
. "$(dirname "$0")/lib.sh"

mkdir -p "$LOGS" "$BUILD/test-cache"
RESULTS=$LOGS/test-results.txt
: >"$RESULTS"
T0=$(now)

pass() { echo "PASS $*" >>"$RESULTS"; echo "  ok    $*"; }
fail() { echo "FAIL $*" >>"$RESULTS"; echo "  FAIL  $*"; }
skip() { echo "SKIP $*" >>"$RESULTS"; echo "  skip  $*"; }
stage() { echo; echo "== $* ($(elapsed "$T0")s)"; }

finish() {
	local p f s
	p=$(grep -c '^PASS' "$RESULTS")
	f=$(grep -c '^FAIL' "$RESULTS")
	s=$(grep -c '^SKIP' "$RESULTS")
	echo
	grep '^FAIL' "$RESULTS" | sed 's/^FAIL /failed: /'
	echo "make test took $(elapsed "$T0")s; $s skipped; logs in build/logs/"
	echo "$p passed, $f failed"
	[ "$f" -eq 0 ]
	exit $?
}

# Turn TAP-like lines ("ok ...", "not ok ...", "ok ... # SKIP") into results.
tap() {
	local prefix=$1 line name
	while IFS= read -r line; do
		case $line in
		"not ok "*)
			name=${line#not ok }
			name=${name#- }
			fail "$prefix${name#[0-9]* }"
			;;
		"ok "*"# SKIP"*)
			name=${line#ok }
			skip "$prefix${name#[0-9]* }"
			;;
		"ok "*)
			name=${line#ok }
			name=${name#- }
			pass "$prefix${name#[0-9]* }"
			;;
		esac
	done
}

# vmjob VARIANT JOB LABEL [kernel args...]: boot (or reuse a cached pass),
# then record the TAP results of the job and the splat check.  NOTAP=1:
# the job's TAP is judged elsewhere (compared with vanilla), record only
# that the job ended and the splat check.
vmjob() {
	local variant=$1 job=$2 label=$3 key out console cached=
	shift 3
	out=$LOGS/$job-$variant.out
	console=$LOGS/$job-$variant.console.log
	key=$( (sha256sum "$(image "$variant")" "$BUILD/initramfs.cpio" |
		cut -d' ' -f1; echo "$job $variant $* ${QEMU_ACCEL:-tcg} ${VM_MEM:-} ${VM_NODES:-}") | sha256sum | cut -c1-32)
	if [ "${RERUN:-0}" != 1 ] && [ -f "$BUILD/test-cache/$key.out" ]; then
		cp "$BUILD/test-cache/$key.out" "$out"
		cp "$BUILD/test-cache/$key.console.log" "$console"
		cached=" (cached)"
		echo "  $label: same kernel image, initramfs and command line as a passing run: reusing its results"
	else
		if tooling/vm.sh "$variant" "$job" -q -t "${VM_TIMEOUT:-1200}" -- "$@"; then
			:
		fi
	fi
	if ! grep -q '^OOMKIT-END' "$out"; then
		fail "$label: the VM did not finish the job (see build/logs/$job-$variant.console.log)"
		return 1
	fi
	if [ "${NOTAP:-0}" != 1 ]; then
		# binaries that died without reporting every test
		grep '^OOMKIT-BINARY-EXIT' "$out" | while read -r _ bin st; do
			if [ "$st" != 0 ] && ! awk -v b="$bin" '$0 == "OOMKIT-BINARY " b {on=1; next} /^OOMKIT-BINARY/ {on=0} on && /^not ok/ {f=1} END {exit !f}' "$out"; then
				fail "$label: $bin exited with status $st without a failing test"
			fi
		done
		awk '/^OOMKIT-BINARY /{ bin = $2 ": "; next }
		     /^(not )?ok / { st = ($1 == "not") ? "not ok" : "ok"; rest = $0;
				     sub(/^(not )?ok [0-9]+ /, "", rest); print st " " bin rest }' "$out" |
			sed "s/\$/$cached/" | tap "$label: "
	fi
	if grep -Eq "$SPLATS" "$console"; then
		fail "$label: no kernel splat (lockdep, KASAN, RCU, BUG, WARNING)$cached"
		grep -E -m5 "$SPLATS" "$console" | sed 's/^/        /'
	else
		pass "$label: no kernel splat (lockdep, KASAN, RCU, BUG, WARNING)$cached"
	fi
	if [ -z "$cached" ] && [ "$(sed -n 's/^OOMKIT-END rc=//p' "$out")" = 0 ] &&
	   ! grep -Eq "$SPLATS" "$console"; then
		cp "$out" "$BUILD/test-cache/$key.out"
		cp "$console" "$BUILD/test-cache/$key.console.log"
	fi
}

# The next kernel is built while the VM jobs of the previous one run, at
# the lowest CPU priority: QEMU keeps the CPU it wants (TCG keeps about
# one of the two cores busy) and the build takes what is left.  Still one
# kernel build at a time.
BG_PID=
bg_build() {
	rm -f "$LOGS/bg-build-$1.rc"
	(nice -n 19 tooling/build-kernel.sh "$1" >"$LOGS/bg-build-$1.log" 2>&1
	 echo $? >"$LOGS/bg-build-$1.rc") &
	BG_PID=$!
}
wait_build() {
	[ -n "$BG_PID" ] && wait "$BG_PID"
	BG_PID=
	sed 's/built in \(.*\)s:/built in \1s (niced, beside the VMs):/' "$LOGS/bg-build-$1.log" >&2
	[ "$(cat "$LOGS/bg-build-$1.rc" 2>/dev/null)" = 0 ]
}

cd "$TOP" || exit 1

stage "prepare the tree"
if ! tooling/prepare.sh; then
	fail "prepare: Debian linux-source-6.12 + patches/ + overlay"
	finish
fi

stage "static checks"
tooling/checkpatch.sh | tap "static: "
# A patch whose hunk no longer matches must stop the build and be named.
broken=$(mktemp -d)
cp patches/* "$broken/"
first=$(grep -v '^#' patches/series | head -1)
# change the first context line of the first hunk
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

stage "KUnit (UML, kunit.py run --kunitconfig=mm/tests)"
if tooling/kunit.sh >"$LOGS/kunit.summary" 2>&1; then :; fi
if grep -q '\[\(PASSED\|FAILED\|CRASHED\)\] oom_' "$LOGS/kunit.summary"; then
	sed -n 's/^\[PASSED\] \(oom_.*\)/ok - \1/p; s/^\[\(FAILED\|CRASHED\)\] \(oom_.*\)/not ok - \2/p; s/^\[SKIPPED\] \(oom_.*\)/ok - \1 # SKIP/p' \
		"$LOGS/kunit.summary" | tap "kunit: "
else
	cat "$LOGS/kunit.summary"
	fail "kunit: the UML KUnit kernel builds and runs (see build/logs/kunit.log)"
fi

stage "test kernel"
if tooling/build-kernel.sh test; then
	pass "build: test kernel (tinyconfig + tooling/configs/test.config)"
	# W=1 on the policy objects, in a side tree so the image is untouched
	w1=$BUILD/out/w1
	mkdir -p "$w1"
	cmp -s "$(out_dir test)/.config" "$w1/.config" || cp "$(out_dir test)/.config" "$w1/.config"
	if make -s -C "$SRC" O="$w1" olddefconfig >/dev/null 2>&1 &&
	   make -C "$SRC" O="$w1" W=1 -j"$JOBS" mm/oom_badness.o mm/oom_kill.o fs/proc/base.o \
		>"$LOGS/w1.log" 2>&1 && ! grep -q "warning:" "$LOGS/w1.log"; then
		pass "static: no W=1 warnings in mm/oom_badness.o mm/oom_kill.o fs/proc/base.o"
	else
		grep -E "warning:|error:" "$LOGS/w1.log" | head -10
		fail "static: no W=1 warnings in mm/oom_badness.o mm/oom_kill.o fs/proc/base.o"
	fi
else
	fail "build: test kernel"
fi
if tooling/build-selftests.sh && tooling/mkinitramfs.sh; then
	pass "build: oom selftests (static) and the initramfs"
else
	fail "build: oom selftests (static) and the initramfs"
	finish
fi
bg_build debug
if [ -f "$(image test)" ]; then
	vmjob test smoke "test-kernel smoke"
	vmjob test selftests "test-kernel"
	# the kernel's own OOM tests under both policies (judged against
	# vanilla in the vanilla stage)
	NOTAP=1 vmjob test intree "test-kernel in-tree suites" oomkit.policies=0,1
fi

stage "debug kernel (KASAN, lockdep, PROVE_RCU, DEBUG_ATOMIC_SLEEP, DEBUG_LIST)"
if wait_build debug; then
	pass "build: debug kernel"
	bg_build vanilla
	# booted with the stock policy: each scenario test sets the policy it
	# is about, oom_constraint_test checks the booted one (policy 1 on the
	# test kernel), and the fixtures must restore what they found
	vmjob debug selftests "debug-kernel" sysctl.vm.oom_badness_policy=0
	# the reduced stress run; "make stress" is the 10-minute one
	VM_MEM=$STRESS_MEM vmjob debug stress "debug-kernel stress" loglevel=5 \
		"oomkit.stress=${STRESS_SECS:-90}:${STRESS_KILLS:-45}"
	grep '^# counters\|^#   ' "$LOGS/stress-debug.out" | sed 's/^#/       /'
else
	fail "build: debug kernel"
	bg_build vanilla
fi

stage "vanilla kernel (same config, no series)"
if wait_build vanilla; then
	pass "build: vanilla kernel"
	vmjob vanilla selftests "vanilla-kernel" oomkit.only=oom_score_test
	# policy 0 against vanilla, process by process
	if [ -f "$LOGS/selftests-vanilla.out" ] && [ -f "$LOGS/selftests-test.out" ]; then
		python3 "$TOOLING/compare-scores.py" "$LOGS/selftests-test.out" \
			"$LOGS/selftests-vanilla.out" | tap "vanilla-kernel: "
	fi
	# do no harm: test_memcontrol, mrelease_test and the constrained
	# OOMs, vanilla against policy 0 and policy 1
	NOTAP=1 vmjob vanilla intree "vanilla-kernel in-tree suites"
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
