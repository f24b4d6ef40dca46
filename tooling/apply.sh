#!/bin/bash
# make apply KSRC=/path/to/linux: put the whole change into your own kernel
# tree (6.12.y): the patches of patches/ with no fuzz, the new files of the
# overlay, and the MAINTAINERS entry.  Everything is tried on copies first:
# if one hunk or one file does not fit, the tree is left untouched and the
# hunk is named.  FORCE=1 tries another kernel version.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

ksrc=${KSRC:-}
[ -n "$ksrc" ] || die "usage: make apply KSRC=/path/to/linux"
ksrc=$(cd "$ksrc" && pwd)
[ -f "$ksrc/Makefile" ] && [ -f "$ksrc/mm/oom_kill.c" ] || die "$ksrc is not a kernel source tree"
ver=$(make -s -C "$ksrc" kernelversion 2>/dev/null || true)
case $ver in
6.12|6.12.*) ;;
*) [ "${FORCE:-0}" = 1 ] || die "$ksrc is Linux ${ver:-?}; the series is for 6.12.y (FORCE=1 tries anyway)" ;;
esac

cd "$TOP"
mapfile -t patches < <(grep -v '^#' patches/series | sed 's/#.*//' | xargs -n1)
# the overlay: repository files under a top-level directory of the tree
tops=$(cd "$ksrc" && find . -mindepth 1 -maxdepth 1 -type d -printf '%P|')
mapfile -t overlay < <(git ls-files | awk -F/ -v tops="|$tops" 'NF > 1 && index(tops, "|" $1 "|")')

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
# the files the patches touch, copied, patched in order
mapfile -t touched < <(sed -n 's|^+++ b/||p' "${patches[@]/#/patches/}" | sort -u)
for f in "${touched[@]}"; do
	[ -f "$ksrc/$f" ] || die "$ksrc has no $f"
	mkdir -p "$stage/$(dirname "$f")"
	cp "$ksrc/$f" "$stage/$f"
done
for p in "${patches[@]}"; do
	if ! res=$(patch -d "$stage" -p1 -F0 -N --no-backup-if-mismatch -r - <"patches/$p" 2>&1); then
		printf '%s\n' "$res" | grep -iE "hunk|reversed|fail|can't" | sed 's/^/  /' >&2
		die "patches/$p does not apply to $ksrc without fuzz (nothing was changed)"
	fi
done
for f in "${overlay[@]}"; do
	if [ -e "$ksrc/$f" ] && ! cmp -s "$f" "$ksrc/$f"; then
		die "$ksrc/$f exists and differs from ours (nothing was changed)"
	fi
done
maint=$ksrc/MAINTAINERS
title=$(head -1 MAINTAINERS)
if [ -f "$maint" ] && ! grep -qxF "$title" "$maint"; then
	python3 tooling/maintainers.py MAINTAINERS <"$maint" >"$stage/MAINTAINERS.new"
fi

# All fits: write.
for f in "${touched[@]}"; do
	cp "$stage/$f" "$ksrc/$f"
done
for f in "${overlay[@]}"; do
	mkdir -p "$ksrc/$(dirname "$f")"
	cp "$f" "$ksrc/$f"
done
[ ! -f "$stage/MAINTAINERS.new" ] || cp "$stage/MAINTAINERS.new" "$maint"
log "applied to $ksrc (Linux $ver): ${#patches[@]} patches (${#touched[@]} files), ${#overlay[@]} new files, the MAINTAINERS entry"
log "then: make olddefconfig (CONFIG_OOM_BADNESS_CLASSIC defaults to y) and build as usual"
