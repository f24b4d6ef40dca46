#!/bin/bash
# Build the selftests the VM runs, statically, from the prepared tree:
#   build/kselftest/kselftest/oom    our oom target (make TARGETS=oom)
#   build/kselftest/intree           the kernel's own suites that drive the
#                                    OOM killer: cgroup/test_memcontrol and
#                                    mm/mrelease_test (issue 9)
# The in-tree ones are compiled with the flags of their Makefiles but by
# gcc directly: the mm Makefile writes generated files into the source
# tree, which "make prepare" would then take for local edits.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

mkdir -p "$BUILD/kselftest" "$BUILD/kselftest/intree" "$LOGS"
if ! make -C "$SRC/tools/testing/selftests" TARGETS=oom O="$BUILD/kselftest" \
	>"$LOGS/build-selftests.log" 2>&1; then
	cat "$LOGS/build-selftests.log" >&2
	die "the oom selftests do not build"
fi
if grep -q "warning:" "$LOGS/build-selftests.log"; then
	grep "warning:" "$LOGS/build-selftests.log" >&2
	die "the oom selftests build with warnings"
fi

st=$SRC/tools/testing/selftests
out=$BUILD/kselftest/intree
# the tree's own UAPI headers (the suites use newer ones than Debian 12's)
hdr=$BUILD/out/headers
make -s -C "$SRC" O="$hdr" headers >>"$LOGS/build-selftests.log" 2>&1 ||
	die "make headers failed"
# intree NAME "CFLAGS" SOURCES...: static build with the CFLAGS of the
# suite's own Makefile (no -O2 for cgroup: its allocators touch memory that
# they then free unread, and the optimizer drops exactly that), redone
# when a source is newer.
intree() {
	local name=$1 cflags=$2 bin=$out/$1 s newer=0
	shift 2
	for s in "$@"; do [ "$bin" -nt "$st/$s" ] || newer=1; done
	[ "$bin" -nt "$hdr/usr/include/linux/fs.h" ] || newer=1
	[ $newer -eq 1 ] || return 0
	(cd "$st" && gcc -static $cflags -isystem "$hdr/usr/include" -o "$bin.tmp" "$@") \
		>>"$LOGS/build-selftests.log" 2>&1 ||
		{ tail -20 "$LOGS/build-selftests.log" >&2; die "in-tree selftest $name does not build"; }
	mv "$bin.tmp" "$bin"
}
intree test_memcontrol "-Wall -pthread" cgroup/test_memcontrol.c cgroup/cgroup_util.c
intree mrelease_test "-Wall -O2 -I$st" mm/mrelease_test.c mm/vm_util.c
