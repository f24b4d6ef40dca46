#!/bin/bash
# The one splat checker: does a console log hold a kernel bug report?
#
#   splats.sh CONSOLE.log    prints the first matches; exit 1 if any
#   splats.sh --regex        prints the pattern
set -euo pipefail

# Kernel messages that mean a bug, whatever the tests said.
SPLATS='BUG:|WARNING:|INFO: possible|INFO: task .* blocked|inconsistent lock state|possible recursive locking|possible circular locking|suspicious RCU usage|KASAN:|UBSAN:|sleeping function called from invalid context|list_add corruption|list_del corruption|soft lockup|rcu_.* detected stalls|Kernel panic|general protection fault|Oops'

if [ "${1:-}" = --regex ]; then
	printf '%s\n' "$SPLATS"
	exit 0
fi
[ -f "${1:-}" ] || { echo "usage: splats.sh CONSOLE.log" >&2; exit 2; }
if grep -Eq "$SPLATS" "$1"; then
	grep -E -m10 "$SPLATS" "$1" | sed 's/^/    /'
	exit 1
fi
exit 0
