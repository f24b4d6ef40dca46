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
#            patched kernel reporting the same scores
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
# then record the TAP results of the job and the splat check.
vmjob() {
	local variant=$1 job=$2 label=$3 key out console cached=
	shift 3
	out=$LOGS/$job-$variant.out
	console=$LOGS/$job-$variant.console.log
	key=$( (sha256sum "$(image "$variant")" "$BUILD/initramfs.cpio" |
		cut -d' ' -f1; echo "$job $variant $* ${QEMU_ACCEL:-tcg} ${VM_MEM:-}") | sha256sum | cut -c1-32)
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
if [ -f "$(image test)" ]; then
	vmjob test smoke "test-kernel smoke"
	vmjob test selftests "test-kernel"
fi

stage "debug kernel (KASAN, lockdep, PROVE_RCU, DEBUG_ATOMIC_SLEEP, DEBUG_LIST)"
if tooling/build-kernel.sh debug; then
	pass "build: debug kernel"
	vmjob debug selftests "debug-kernel"
	# the reduced stress run; "make stress" is the 10-minute one
	VM_MEM=$STRESS_MEM vmjob debug stress "debug-kernel stress" loglevel=5 \
		"oomkit.stress=${STRESS_SECS:-90}:${STRESS_KILLS:-45}"
	grep '^# counters\|^#   ' "$LOGS/stress-debug.out" | sed 's/^#/       /'
else
	fail "build: debug kernel"
fi

stage "vanilla kernel (same config, no series)"
if tooling/build-kernel.sh vanilla; then
	pass "build: vanilla kernel"
	vmjob vanilla selftests "vanilla-kernel" oomkit.only=oom_score_test
	# policy 0 against vanilla, process by process
	if [ -f "$LOGS/selftests-vanilla.out" ] && [ -f "$LOGS/selftests-test.out" ]; then
		python3 "$TOOLING/compare-scores.py" "$LOGS/selftests-test.out" \
			"$LOGS/selftests-vanilla.out" | tap "vanilla-kernel: "
	fi
else
	fail "build: vanilla kernel"
fi

finish
