#!/bin/bash
# Prepare build/linux: the Debian linux-source-6.12 tree as a git repository
# whose history is
#
#   base  ->  one commit per patch in patches/series  ->  "overlay" commit
#
# The history is rebuilt with a private index (git plumbing only), and the
# working tree is then moved to it with a two-tree read-tree, so only files
# whose content changed get a new mtime and the next build stays incremental.
#
# A patch that does not apply exactly (git apply never fuzzes) stops here and
# names the file.  Local edits inside build/linux that were not written back
# with "make sync" are never overwritten.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

TARBALL=/usr/src/linux-source-6.12.tar.xz
PATCHES=${OOMKIT_PATCHES:-$TOP/patches}
MAINT_TITLE_FILE=$TOP/MAINTAINERS

g() { git -C "$SRC" "$@"; }

# Untracked files of the prepared tree.  Debian's .gitignore ignores every
# top-level path, so the ignore rules are not used; editor and patch
# leftovers are skipped instead.
untracked() {
	g ls-files --others "$@" | grep -Ev '(^|/)(\.kunit/|\.#)|(\.o|\.swp|~|\.orig|\.rej)$' || true
}

extract_base() {
	[ -r "$TARBALL" ] || die "$TARBALL not found: run 'make deps' (package linux-source-6.12)"
	local t0 deb tmp
	t0=$(now)
	deb=$(dpkg-query -W -f='${Version}' linux-source-6.12)
	tmp=$BUILD/linux.extract
	rm -rf "$tmp"
	mkdir -p "$tmp"
	log "extracting $TARBALL (linux-source-6.12 $deb)"
	tar -C "$tmp" -xf "$TARBALL"
	mv "$tmp"/linux-source-6.12 "$SRC"
	rmdir "$tmp"
	git -C "$SRC" init -q -b base-tree
	g config core.autocrlf false
	g config gc.auto 0
	g add -A -f .
	local kver
	kver=$(make -s -C "$SRC" kernelversion)
	GIT_AUTHOR_DATE='2000-01-01T00:00:00Z' GIT_COMMITTER_DATE='2000-01-01T00:00:00Z' \
		g commit -q -m "Linux $kver (Debian linux-source-6.12 $deb)"
	g tag base
	printf 'Linux %s (Debian linux-source-6.12 %s)\n' "$kver" "$deb" >"$BUILD/base-version"
	log "base tree ready in $(elapsed "$t0")s"
}

# Insert the MAINTAINERS fragment before the first section whose title sorts
# after ours.  Reads the base MAINTAINERS on stdin, writes the result.
maintainers_merge() {
	python3 "$TOOLING/maintainers.py" "$MAINT_TITLE_FILE"
}

# Every file of the repository outside our own folders whose first path
# component is a top-level directory of the kernel tree.
overlay_files() {
	local tops
	tops=$(g ls-tree --name-only -d base | tr '\n' '|')
	git -C "$TOP" ls-files --cached --others --exclude-standard |
		awk -F/ -v tops="|$tops" 'NF > 1 && index(tops, "|" $1 "|") { print }' |
		while IFS= read -r f; do [ -f "$TOP/$f" ] && printf '%s\n' "$f"; done
}

build_history() {
	local idx parent tree msg info subj author email date p pf n=0
	idx=$(mktemp)
	GIT_INDEX_FILE=$idx g read-tree base
	parent=$(g rev-parse base)

	if [ -f "$PATCHES/series" ]; then
		while IFS= read -r p || [ -n "$p" ]; do
			p=${p%%#*}
			p=$(echo "$p" | xargs)
			[ -n "$p" ] || continue
			pf=$PATCHES/$p
			[ -f "$pf" ] || die "${PATCHES#"$TOP"/}/series names ${pf#"$TOP"/}, which does not exist"
			info=$(git mailinfo "$idx.msg" "$idx.diff" <"$pf")
			subj=$(sed -n 's/^Subject: //p' <<<"$info")
			author=$(sed -n 's/^Author: //p' <<<"$info")
			email=$(sed -n 's/^Email: //p' <<<"$info")
			date=$(sed -n 's/^Date: //p' <<<"$info")
			[ -n "$subj" ] || die "${pf#"$TOP"/} has no Subject: header (use git format-patch format)"
			if ! GIT_INDEX_FILE=$idx g apply --cached --whitespace=nowarn "$idx.diff" 2>"$idx.err"; then
				cat "$idx.err" >&2
				rm -f "$idx.err"
				die "${pf#"$TOP"/} does not apply to the base tree ($(cat "$BUILD/base-version")); fix or refresh it (no fuzz is allowed)"
			fi
			rm -f "$idx.err"
			tree=$(GIT_INDEX_FILE=$idx g write-tree)
			msg=$(printf '%s\n\n%s' "$subj" "$(cat "$idx.msg")")
			parent=$(GIT_AUTHOR_NAME=${author:-oomkit} GIT_AUTHOR_EMAIL=${email:-oomkit@localhost} \
				GIT_AUTHOR_DATE=${date:-2000-01-01T00:00:00Z} \
				GIT_COMMITTER_DATE='2000-01-01T00:00:00Z' \
				g commit-tree "$tree" -p "$parent" <<<"$msg")
			n=$((n + 1))
		done <"$PATCHES/series"
	fi
	PATCHED=$parent

	local f sha mode nf=0
	while IFS= read -r f; do
		if g cat-file -e "base:$f" 2>/dev/null; then
			die "overlay file $f replaces an upstream file; change upstream files with a patch in patches/"
		fi
		sha=$(g hash-object -w "$TOP/$f")
		mode=100644
		[ -x "$TOP/$f" ] && mode=100755
		GIT_INDEX_FILE=$idx g update-index --add --cacheinfo "$mode,$sha,$f"
		nf=$((nf + 1))
	done < <(overlay_files)
	if [ -f "$MAINT_TITLE_FILE" ]; then
		sha=$(g show "$PATCHED:MAINTAINERS" | maintainers_merge | g hash-object -w --stdin)
		GIT_INDEX_FILE=$idx g update-index --cacheinfo "100644,$sha,MAINTAINERS"
	fi
	tree=$(GIT_INDEX_FILE=$idx g write-tree)
	rm -f "$idx" "$idx.msg" "$idx.diff"
	FINAL=$(GIT_AUTHOR_DATE='2000-01-01T00:00:00Z' GIT_COMMITTER_DATE='2000-01-01T00:00:00Z' \
		g commit-tree "$tree" -p "$PATCHED" -m "oomkit: overlay files ($nf new files, MAINTAINERS fragment)")
	log "series: $n patches applied with no fuzz; overlay: $nf files"
}

main() {
	if [ "${1:-}" = --print-final ]; then
		# The commit the repository describes now, without touching
		# the tree (used by sync.py to see whether both sides moved).
		[ -d "$SRC/.git" ] || die "no prepared tree"
		build_history >/dev/null || exit 1
		echo "$FINAL"
		return 0
	fi
	mkdir -p "$BUILD"
	[ -d "$SRC/.git" ] || extract_base
	log "base: $(cat "$BUILD/base-version")"
	local deb
	deb=$(dpkg-query -W -f='${Version}' linux-source-6.12 2>/dev/null || echo none)
	grep -qF "$deb" "$BUILD/base-version" ||
		log "note: installed linux-source-6.12 is $deb; build/ still uses the recorded base (make distclean to re-extract)"

	build_history

	local head prev idx dirty=0
	head=$(g rev-parse HEAD)
	prev=$(g rev-parse -q --verify refs/oomkit/prepared || echo "$head")
	g update-index -q --refresh >/dev/null || true
	if [ "$head" != "$prev" ] || ! g diff-index --quiet HEAD -- ||
	   [ -n "$(untracked)" ]; then
		dirty=1
	fi

	if [ "$FINAL" = "$prev" ]; then
		[ $dirty -eq 0 ] ||
			log "build/linux has local edits (not yet written back with 'make sync'); building them as they are"
		return 0
	fi

	if [ $dirty -eq 1 ]; then
		# Edits in build/linux: fine if they are exactly what the
		# repository now holds (after "make sync"), fatal otherwise.
		idx=$(mktemp)
		GIT_INDEX_FILE=$idx g read-tree "$FINAL"
		GIT_INDEX_FILE=$idx g update-index -q --refresh >/dev/null || true
		if GIT_INDEX_FILE=$idx g diff-files --quiet &&
		   [ -z "$(GIT_INDEX_FILE=$idx untracked)" ]; then
			mv "$idx" "$SRC/.git/index"
		else
			rm -f "$idx"
			g status --short | head -20 >&2
			die "build/linux has edits that are not in the repository: run 'make sync' to keep them or 'make reset-tree' to drop them"
		fi
	else
		# Move the working tree from the old history to the new one;
		# files that did not change keep their mtime.
		g read-tree -m -u "$prev" "$FINAL"
	fi
	g update-ref refs/heads/oomkit "$FINAL"
	g symbolic-ref HEAD refs/heads/oomkit
	g update-ref refs/oomkit/prepared "$FINAL"
	g update-ref refs/tags/patched "$PATCHED"
	log "build/linux now at $(g log --oneline -1 "$FINAL")"
}

main "$@"
