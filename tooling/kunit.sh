#!/bin/bash
# The KUnit suite of the policy with the standard kunit.py:
#   kunit.sh              build and run it under UML (build/kunit)
#   kunit.sh parse LOG    read its results from a console log (the test
#                         kernels run it at boot)
# Prints kunit.py's summary; exits with kunit.py's status.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

mkdir -p "$LOGS"
if [ "${1:-}" = parse ]; then
	[ -f "${2:-}" ] || die "usage: kunit.sh parse CONSOLE.log"
	console=$(realpath "$2")
	cd "$SRC"
	set +e
	./tools/testing/kunit/kunit.py parse "$console" >"$LOGS/kunit.log" 2>&1
	rc=$?
else
	cd "$SRC"
	set +e
	./tools/testing/kunit/kunit.py run --kunitconfig=mm/tests \
		--build_dir="$BUILD/kunit" --jobs="$JOBS" >"$LOGS/kunit.log" 2>&1
	rc=$?
fi
set -e
grep -E "\[(PASSED|FAILED|SKIPPED|CRASHED)\]|Testing complete|ERROR|Could not find" "$LOGS/kunit.log" |
	sed 's/^\[[0-9:]*\] //' || true
[ $rc -eq 0 ] || log "kunit.py failed (rc=$rc), see build/logs/kunit.log"
exit $rc
