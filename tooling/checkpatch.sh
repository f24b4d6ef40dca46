#!/bin/bash
# Static checks of our work, one TAP-like line per item:
#   checkpatch --strict on every patch and every new C file or header,
#   scripts/kernel-doc -none on every new C file or header.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

cp=$SRC/scripts/checkpatch.pl
kd=$SRC/scripts/kernel-doc
rc=0
cd "$TOP"
for p in $(grep -v '^#' patches/series); do
	# on stdin: checkpatch reads a git-tracked file as source, not a patch
	if out=$(perl "$cp" --strict --terse --no-summary - <"patches/$p" 2>&1) && [ -z "$out" ]; then
		echo "ok - checkpatch --strict patches/$p"
	else
		echo "not ok - checkpatch --strict patches/$p"
		printf '%s\n' "$out" | sed 's/^/#   /'
		rc=1
	fi
done
for f in $(git ls-files --cached --others --exclude-standard -- 'mm/*.[ch]' 'include/*.h' 'tools/testing/selftests/oom/*.[ch]' 'tools/mm/*.c' 'tooling/progs/*.c'); do
	if out=$(perl "$cp" --strict --terse --no-summary --no-tree -f "$f" 2>&1) && [ -z "$out" ]; then
		echo "ok - checkpatch --strict $f"
	else
		echo "not ok - checkpatch --strict $f"
		printf '%s\n' "$out" | sed 's/^/#   /'
		rc=1
	fi
	case $f in tools/*|tooling/*) continue ;; esac
	if out=$("$kd" -none -Wall "$f" 2>&1) && [ -z "$out" ]; then
		echo "ok - kernel-doc $f"
	else
		echo "not ok - kernel-doc $f"
		printf '%s\n' "$out" | sed 's/^/#   /'
		rc=1
	fi
done
exit $rc
