#!/bin/bash
# Build what the VMs run, statically, from the prepared tree:
#   build/kselftest/kselftest/oom   the oom selftests (make TARGETS=oom)
#   build/kselftest/intree          the kernel's own suites that drive the
#                                   OOM killer: cgroup/test_memcontrol and
#                                   mm/mrelease_test
#   build/progs                     tooling/progs/*.c, with the selftests'
#                                   oom_util.c; tools/mm/oom-rank, static
#                                   and as a dynamic ASan build
# The in-tree ones are compiled with the flags of their Makefiles but by
# gcc directly: the mm Makefile writes generated files into the source
# tree, which "make prepare" would then take for local edits.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

st=$SRC/tools/testing/selftests
out=$BUILD/kselftest/intree
progs=$BUILD/progs
mkdir -p "$BUILD/kselftest" "$out" "$progs" "$LOGS"

# no_warnings LOG WHAT COMMAND...: run COMMAND into LOG; stop naming WHAT
# if it fails or warns.
no_warnings() {
	local log=$1 what=$2
	shift 2
	if ! "$@" >"$log" 2>&1; then
		cat "$log" >&2
		die "$what does not build"
	fi
	if grep -q "warning:" "$log"; then
		grep "warning:" "$log" >&2
		die "$what builds with warnings"
	fi
}

no_warnings "$LOGS/build-selftests.log" "the oom selftests" \
	make -C "$st" TARGETS=oom O="$BUILD/kselftest" LDFLAGS=-static

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
	# shellcheck disable=SC2086
	(cd "$st" && gcc -static $cflags -isystem "$hdr/usr/include" -o "$bin.tmp" "$@") \
		>>"$LOGS/build-selftests.log" 2>&1 ||
		{ tail -20 "$LOGS/build-selftests.log" >&2; die "in-tree selftest $name does not build"; }
	mv "$bin.tmp" "$bin"
}
intree test_memcontrol "-Wall -pthread" cgroup/test_memcontrol.c cgroup/cgroup_util.c
intree mrelease_test "-Wall -O2 -I$st" mm/mrelease_test.c mm/vm_util.c

# helper programs, rebuilt when a source is newer
lib=$st/oom
for c in "$TOOLING"/progs/*.c; do
	bin=$progs/$(basename "$c" .c)
	if [ ! -x "$bin" ] || [ "$c" -nt "$bin" ] || [ "$lib/oom_util.c" -nt "$bin" ] ||
	   [ "$lib/oom_util.h" -nt "$bin" ]; then
		gcc -static -O2 -Wall -Wextra -Wno-unused-parameter -pthread \
			-I"$lib" -o "$bin" "$c" "$lib/oom_util.c" -lm ||
			die "cannot build $c"
	fi
done

# tools/mm/oom-rank by its own Makefile (kernel tools style: it builds
# tools/lib/api too), in a copy of the tree's tools/ since that build
# writes its objects beside the sources; and an ASan/UBSan build of it,
# dynamic (ASan cannot link statically), which the rank test runs in the
# VM against the kernel view: mkinitramfs.sh packs the libraries it needs.
mkdir -p "$BUILD/tools"
rsync -a "$SRC/tools/" "$BUILD/tools/tools/"
no_warnings "$LOGS/build-oom-rank.log" "tools/mm/oom-rank (make -C tools/mm oom-rank)" \
	make -C "$BUILD/tools/tools/mm" oom-rank CC="gcc -static"
cp "$BUILD/tools/tools/mm/oom-rank" "$progs/oom-rank"
if [ ! -x "$progs/oom-rank-asan" ] || [ "$SRC/tools/mm/oom-rank.c" -nt "$progs/oom-rank-asan" ]; then
	gcc -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined \
		-fno-sanitize-recover=all -Wall -Wextra \
		-o "$progs/oom-rank-asan" "$SRC/tools/mm/oom-rank.c" ||
		die "cannot build the ASan build of oom-rank"
fi
touch "$BUILD/kselftest/.built"
