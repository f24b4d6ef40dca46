#!/bin/bash
# Pack build/initramfs.cpio: busybox-static, our init and jobs, the static
# helper programs, the oom kselftests and the in-tree suites, reproducibly.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

stage=$BUILD/initramfs
progs=$BUILD/progs
rm -rf "$stage"
mkdir -p "$stage"/{bin,sbin,dev,proc,sys,tmp,oomkit/bin,oomkit/jobs,oomkit/kselftest,oomkit/intree}
cp /bin/busybox "$stage/bin/busybox"
cp "$TOOLING/initramfs/init" "$stage/init"
cp "$TOOLING"/initramfs/jobs/*.sh "$stage/oomkit/jobs/"
cp "$progs"/* "$stage/oomkit/bin/" 2>/dev/null || true
# the shared libraries of the dynamic ones (oom-rank-asan), at their paths
for b in "$progs"/*; do
	ldd "$b" >/dev/null 2>&1 || continue
	for l in $(ldd "$b" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\/.*ld-linux/ { print $1 }'); do
		mkdir -p "$stage$(dirname "$l")"
		cp -L "$l" "$stage$l"
	done
done
# the oom selftests the Makefile builds, and no stale binary of an older one
for t in $(awk '/^TEST_GEN_PROGS/ { on = 1 }
		on { sub(/^TEST_GEN_PROGS *:?= */, ""); l = $0; c = sub(/\\$/, "", l);
		     printf "%s ", l; if (!c) exit }' "$TOP/tools/testing/selftests/oom/Makefile"); do
	cp "$BUILD/kselftest/kselftest/oom/$t" "$stage/oomkit/kselftest/" ||
		die "no selftest $t: run 'make selftests'"
done
if [ -d "$BUILD/kselftest/intree" ]; then
	cp "$BUILD"/kselftest/intree/* "$stage/oomkit/intree/" 2>/dev/null || true
fi
chmod +x "$stage/init" "$stage"/oomkit/jobs/*.sh; chmod -x "$stage/oomkit/jobs/lib.sh"
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
