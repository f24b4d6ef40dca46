#!/bin/bash
# Run the KUnit suite of the policy (UML) with the standard kunit.py, in the
# prepared tree, building into build/kunit.  Prints kunit.py's summary; the
# full log is build/logs/kunit.log.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

mkdir -p "$LOGS"
cd "$SRC"
set +e
./tools/testing/kunit/kunit.py run --kunitconfig=mm/tests \
	--build_dir="$BUILD/kunit" --jobs="$JOBS" >"$LOGS/kunit.log" 2>&1
rc=$?
set -e
grep -E "\[(PASSED|FAILED|SKIPPED|CRASHED)\]|Testing complete|ERROR" "$LOGS/kunit.log" | sed 's/^\[[0-9:]*\] //' || true
[ $rc -eq 0 ] || log "kunit.py failed (rc=$rc), see build/logs/kunit.log"
exit $rc
