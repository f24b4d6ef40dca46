#!/bin/bash
# Build build/initramfs.cpio: busybox-static, our init and jobs, the static
# helper programs of tooling/progs, the oom kselftests and the in-tree
# suites test_memcontrol and mrelease_test (when built).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

stage=$BUILD/initramfs
progs=$BUILD/progs
mkdir -p "$progs"

# Static helper programs, rebuilt when their source is newer.
for c in "$TOOLING"/progs/*.c; do
	[ -e "$c" ] || continue
	bin=$progs/$(basename "$c" .c)
	if [ ! -x "$bin" ] || [ "$c" -nt "$bin" ] || [ "$TOP/tools/testing/selftests/oom/oom_util.h" -nt "$bin" ]; then
		gcc -static -O2 -Wall -Wextra -Wno-unused-parameter \
			-I"$TOP/tools/testing/selftests/oom" -o "$bin" "$c" -lm ||
			die "cannot build $c"
	fi
done

rm -rf "$stage"
mkdir -p "$stage"/{bin,sbin,dev,proc,sys,tmp,oomkit/bin,oomkit/jobs,oomkit/kselftest,oomkit/intree}
cp /bin/busybox "$stage/bin/busybox"
cp "$TOOLING/initramfs/init" "$stage/init"
cp "$TOOLING"/initramfs/jobs/*.sh "$stage/oomkit/jobs/"
cp "$progs"/* "$stage/oomkit/bin/" 2>/dev/null || true
if [ -d "$BUILD/kselftest/kselftest/oom" ]; then
	find "$BUILD/kselftest/kselftest/oom" -maxdepth 1 -type f -perm -u+x \
		-exec cp {} "$stage/oomkit/kselftest/" \;
fi
if [ -d "$BUILD/kselftest/intree" ]; then
	cp "$BUILD"/kselftest/intree/* "$stage/oomkit/intree/" 2>/dev/null || true
fi
chmod +x "$stage/init" "$stage"/oomkit/jobs/*.sh
# Reproducible archive: same inputs, same bytes (test results are cached
# by the hash of the kernel image and of this file).
find "$stage" -exec touch -h -d @0 {} +
(cd "$stage" && find . | LC_ALL=C sort |
	cpio -o -H newc --owner=0:0 --reproducible --quiet) >"$BUILD/initramfs.cpio.new"
if cmp -s "$BUILD/initramfs.cpio.new" "$BUILD/initramfs.cpio"; then
	rm "$BUILD/initramfs.cpio.new"
else
	mv "$BUILD/initramfs.cpio.new" "$BUILD/initramfs.cpio"
fi
