#!/bin/bash
# Build tools/testing/selftests/oom of the prepared tree, statically, into
# build/kselftest/kselftest/oom.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

mkdir -p "$BUILD/kselftest" "$LOGS"
if ! make -C "$SRC/tools/testing/selftests" TARGETS=oom O="$BUILD/kselftest" \
	>"$LOGS/build-selftests.log" 2>&1; then
	cat "$LOGS/build-selftests.log" >&2
	die "the oom selftests do not build"
fi
if grep -q "warning:" "$LOGS/build-selftests.log"; then
	grep "warning:" "$LOGS/build-selftests.log" >&2
	die "the oom selftests build with warnings"
fi
