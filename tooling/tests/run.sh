#!/bin/bash
# The tooling's own tests: feed the counting and the comparisons a fake
# skip, a fake failure, a short plan, a lost exit status, a vanilla skip
# over a patched failure, an unexplained or protected victim, and a failing
# KUnit run, and check that each is counted as it must be.  TAP-like lines.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tooling=$(dirname "$here")
. "$tooling/lib.sh"
check() {	# check DESCRIPTION COMMAND...
	local what=$1
	shift
	if "$@" >/dev/null 2>&1; then echo "ok - $what"; else echo "not ok - $what"; fi
}

check "results.py: a skip is a skip, a failure a failure, a short plan and a lost or wrong exit status fail once" \
	cmp -s <(python3 "$tooling/results.py" "$here/results.out" L) "$here/results.expect"

out=$(python3 "$tooling/compare-intree.py" "$here/intree-vanilla.out" "$here/intree-patched.out" 2>/dev/null)
check "compare-intree.py: a test skipped on vanilla that fails here is a failure" \
	grep -q "^not ok - test_memcontrol test_memcg_b under policy 1: fail (vanilla: skip)" <<<"$out"

out=$(python3 "$tooling/compare-scenarios.py" "$here/scenarios-vanilla.out" \
	"$here/scenarios-patched.out" "$here/scenarios-guide.rst" 2>/dev/null)
check "compare-scenarios.py: the same victims pass" \
	grep -q "^ok - policy 1 never worse than vanilla: same" <<<"$out"
check "compare-scenarios.py: an unlisted extra victim fails" \
	grep -q "^not ok - policy 1 kills shell (not a listed classic win): extra" <<<"$out"
check "compare-scenarios.py: a listed classic win passes" \
	grep -q "^ok - policy 1 differs from vanilla, a classic win (age): win" <<<"$out"
check "compare-scenarios.py: a protected victim fails even when listed" \
	grep -q "^not ok - policy 1 kills db (protected) that vanilla spares: protected" <<<"$out"
check "compare-scenarios.py: policy 0 differing from vanilla fails" \
	grep -q "^not ok - policy 0 kills whom vanilla kills: p0" <<<"$out"
check "compare-scenarios.py: more kills than vanilla fail" \
	grep -q "^not ok - policy 1 2 kills, vanilla 1 (not a listed classic win): morekills" <<<"$out"
check "compare-scenarios.py: a listed win with fewer kills than vanilla passes" \
	grep -q "^ok - policy 1 never worse than vanilla: fewer" <<<"$out"
check "compare-scenarios.py: a listed win that does what vanilla does is stale" \
	grep -q "^not ok - stale is listed in the admin guide but policy 1 does what vanilla does" <<<"$out"
check "compare-scenarios.py: a listed cost within two kills passes" \
	grep -q "^ok - policy 1 costs a kill, a listed cost (age), 2 kills: cost" <<<"$out"
check "compare-scenarios.py: a listed cost beyond two kills fails" \
	grep -q "^not ok - policy 1 kills app1,app2; 3 kills, vanilla 1 (a listed cost beyond the episode.s two kills): costly" <<<"$out"

check "kunit.sh parse: a failing KUnit case makes kunit.py fail" \
	bash -c "! '$tooling/kunit.sh' parse '$here/ktap-fail.log'"
check "kunit.sh parse: ...and its summary names the failure" \
	grep -q '\[FAILED\] oom_badness_test_adj' "$LOGS/kunit.log"
out=$(python3 "$tooling/compare-scenarios.py" "$here/scenarios-vanilla.out" \
	"$here/scenarios-patched.out" "$here/scenarios-guide.rst" 2>/dev/null)
check "compare-scenarios.py: a protected sibling killed in place of the one vanilla took fails" \
	grep -q "^not ok - policy 1 kills p-c1 (protected) that vanilla spares: sameclass" <<<"$out"
