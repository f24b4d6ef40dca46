#!/bin/bash
# make series: the whole change as an upstream-style git format-patch series
# against the base, in build/series/: split as tooling/series/steps says,
# with a cover letter (tooling/series/cover.txt) and a Signed-off-by from
# the repository's git identity.  Each commit that adds files adds their
# lines to the MAINTAINERS entry (the top-level MAINTAINERS fragment).  Every commit is built (bisectability):
# the test kernel at each step, the KUnit suite where it is added, the
# selftests where they are added.  Then checkpatch --strict on every patch
# and get_maintainer.pl on the series.  SERIES_BUILD=0 skips the builds.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

cd "$TOP"
tooling/prepare.sh
name=$(git config user.name || true)
email=$(git config user.email || true)
[ -n "$name" ] && [ -n "$email" ] || die "set git config user.name and user.email: they sign the series"
export GIT_AUTHOR_NAME=$name GIT_AUTHOR_EMAIL=$email
export GIT_COMMITTER_NAME=$name GIT_COMMITTER_EMAIL=$email
unset GIT_AUTHOR_DATE GIT_COMMITTER_DATE

wt=$BUILD/series-tree
out=$BUILD/series
prepared=refs/oomkit/prepared
steps=$TOOLING/series/steps
if [ -d "$wt" ]; then
	git -C "$SRC" worktree remove --force "$wt"
fi
git -C "$SRC" worktree prune
git -C "$SRC" worktree add -q --detach "$wt" base
g() { git -C "$wt" "$@"; }

# Compose the commits.  A patch's own message is the commit's: one source.
while read -r msg what; do
	case $msg in ''|'#'*) continue ;; esac
	msgfile=$TOOLING/series/$msg.msg
	for w in $what; do
		case $w in
		patch:*)
			p=$(ls "$TOP"/patches/"${w#patch:}"-*.patch 2>/dev/null | head -1)
			[ -n "$p" ] || die "$steps: no patch ${w#patch:}"
			g apply --index "$p" || die "$(basename "$p") does not apply in the series"
			msgfile=$BUILD/series-msg
			git mailinfo "$msgfile.body" /dev/null <"$p" >"$msgfile.info"
			{ sed -n 's/^Subject: //p' "$msgfile.info"; echo
			  sed '/^Signed-off-by:/d' "$msgfile.body"; } >"$msgfile"
			;;
		*)
			g checkout "$prepared" -- "$w" || die "$steps: $w is not in the prepared tree"
			;;
		esac
	done
	# The MAINTAINERS entry grows with the files: each commit lists what
	# it adds (checkpatch asks for it), the last one has the whole entry.
	frag=$(mktemp)
	awk -v wt="$wt" '/^F:\t/ { f = $0; sub(/^F:\t/, "", f); if (system("test -e \"" wt "/" f "\"")) next } { print }' \
		"$TOP/MAINTAINERS" >"$frag"
	if grep -q '^F:' "$frag"; then
		g show base:MAINTAINERS | python3 "$TOOLING/maintainers.py" "$frag" >"$wt/MAINTAINERS"
		g add MAINTAINERS
	fi
	rm -f "$frag"
	[ -f "$msgfile" ] || die "$steps: step $msg has no patch and no $msgfile"
	g commit -q -s -F "$msgfile"
done <"$steps"

# Every change of the prepared tree is in the series, and nothing else.
if ! g diff --quiet HEAD "$prepared"; then
	g diff --stat HEAD "$prepared" >&2
	die "the series differs from the prepared tree: fix tooling/series/steps"
fi

rm -rf "$out"
mkdir -p "$out"
g format-patch -q --cover-letter -o "$out" base..HEAD
python3 - "$out"/0000-cover-letter.patch "$TOOLING/series/cover.txt" "$BUILD/base-version" <<'PY'
import sys
cover, text, base = sys.argv[1], open(sys.argv[2]).read(), open(sys.argv[3]).read().strip()
subject, _, blurb = text.replace("@BASE@", base).partition("\n\n")
s = open(cover).read()
s = s.replace("*** SUBJECT HERE ***", subject.strip()).replace("*** BLURB HERE ***", blurb.strip())
open(cover, "w").write(s)
PY
log "series: $(ls "$out" | wc -l) files in build/series/"
ls "$out" | sed 's/^/  /'

rc=0
if [ "${SERIES_BUILD:-1}" != 0 ]; then
	bo=$BUILD/out/series
	mkdir -p "$bo"
	tooling/build-kernel.sh test >/dev/null
	n=0
	for c in $(g rev-list --reverse base..HEAD); do
		n=$((n + 1))
		subj=$(g log -1 --format=%s "$c")
		g checkout -q "$c"
		cp "$(out_dir test)/.config" "$bo/.config"
		t0=$(now)
		if make -C "$wt" O="$bo" -j"$JOBS" olddefconfig bzImage >"$LOGS/series-build-$n.log" 2>&1 &&
		   ! grep -q "warning:" "$LOGS/series-build-$n.log"; then
			echo "ok - step $n builds without warnings ($(elapsed "$t0")s): $subj"
		else
			grep -E "warning:|error:" "$LOGS/series-build-$n.log" | head -5
			echo "not ok - step $n builds without warnings: $subj"
			rc=1
		fi
		if [ -n "$(g diff --name-only "$c~1" "$c" -- mm/tests)" ]; then
			if (cd "$wt" && ./tools/testing/kunit/kunit.py run --kunitconfig=mm/tests \
				--build_dir="$BUILD/kunit-series" --jobs="$JOBS") >"$LOGS/series-kunit-$n.log" 2>&1; then
				echo "ok - step $n: KUnit $(grep -o 'Ran [0-9]* tests: passed: [0-9]*' "$LOGS/series-kunit-$n.log" | tail -1)"
			else
				echo "not ok - step $n: KUnit (build/logs/series-kunit-$n.log)"
				rc=1
			fi
		fi
		if [ -n "$(g diff --name-only "$c~1" "$c" -- tools/testing/selftests/oom)" ]; then
			if make -C "$wt/tools/testing/selftests" TARGETS=oom >"$LOGS/series-selftests-$n.log" 2>&1 &&
			   ! grep -q "warning:" "$LOGS/series-selftests-$n.log"; then
				echo "ok - step $n: the oom selftests build without warnings"
			else
				echo "not ok - step $n: the oom selftests build (build/logs/series-selftests-$n.log)"
				rc=1
			fi
			make -C "$wt/tools/testing/selftests" TARGETS=oom clean >/dev/null 2>&1 || true
		fi
	done
	g checkout -q HEAD 2>/dev/null || true
fi

for p in "$out"/0*.patch; do
	case $p in *0000-cover-letter.patch) continue ;; esac
	# in-tree checkpatch runs scripts/spdxcheck.py: Debian's python3 + ply
	if res=$(PATH=/usr/bin:$PATH "$wt/scripts/checkpatch.pl" --strict --terse --no-summary "$p" 2>&1) &&
	   [ -z "$res" ]; then
		echo "ok - checkpatch --strict $(basename "$p")"
	else
		printf '%s\n' "$res" | sed 's/^/#   /'
		echo "not ok - checkpatch --strict $(basename "$p")"
		rc=1
	fi
done
echo "get_maintainer.pl on the series:"
(cd "$wt" && ./scripts/get_maintainer.pl --no-git --no-git-fallback --no-rolestats \
	$(ls "$out"/0*.patch | grep -v 0000-cover-letter)) | sed 's/^/  /'
log "build/series/ is ready: git send-email build/series/*.patch"
exit $rc
