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
	grep -q "^not ok - test_memcontrol test_memcg_b under policy 1 .*: fail (vanilla: skip)" <<<"$out"
check "compare-intree.py: a failure that passes when run again in its boot passes, and says so" \
	grep -q "^ok - test_memcontrol test_memcg_c under policy 1 (fail, then pass on its retry)" <<<"$out"
check "compare-intree.py: a failure that fails again when run again fails" \
	grep -q "^not ok - test_memcontrol test_memcg_d under policy 0 (fail, then fail on its retry)" <<<"$out"
check "compare-intree.py: a retry never turns a first pass into a failure" \
	grep -q "^ok - test_memcontrol test_memcg_d under policy 1 (vanilla: pass)" <<<"$out"

# compare-scenarios.py on the fixtures: each line of the table is the
# check's description and the line the script must print for it.
out=$(python3 "$tooling/compare-scenarios.py" "$here/scenarios-vanilla.out" \
	"$here/scenarios-patched.out" "$here/scenarios-guide.rst" 2>/dev/null)
while IFS='|' read -r what line; do
	check "compare-scenarios.py: $what" grep -q "$line" <<<"$out"
done <<'EOF'
the same victims pass|^ok - policy 1 never worse than vanilla: same
an unlisted extra victim fails|^not ok - policy 1 kills shell (not a listed classic win): extra
a listed classic win passes|^ok - policy 1 differs from vanilla, a classic win (age): win
a protected victim fails even when listed|^not ok - policy 1 kills db (protected) that vanilla spares: protected
policy 0 differing from vanilla fails|^not ok - policy 0 kills whom vanilla kills: p0
more kills than vanilla fail|^not ok - policy 1 2 kills, vanilla 1 (not a listed classic win): morekills
a listed win with fewer kills than vanilla passes|^ok - policy 1 never worse than vanilla: fewer
a listed win that does what vanilla does is stale|^not ok - stale is listed in the admin guide but policy 1 does what vanilla does
a listed cost within two kills passes|^ok - policy 1 costs a kill, a listed cost (age), 2 kills: cost
a listed cost beyond two kills fails|^not ok - policy 1 kills app1,app2; 3 kills, vanilla 1 (a listed cost beyond the episode.s two kills): costly
a protected sibling killed in place of the one vanilla took fails|^not ok - policy 1 kills p-c1 (protected) that vanilla spares: sameclass
EOF

check "kunit.sh parse: a failing KUnit case makes kunit.py fail" \
	bash -c "! '$tooling/kunit.sh' parse '$here/ktap-fail.log'"
check "kunit.sh parse: ...and its summary names the failure" \
	grep -q '\[FAILED\] oom_badness_test_adj' "$LOGS/kunit.log"
