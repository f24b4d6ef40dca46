#!/bin/bash
# tools/mm/oom-rank on the host, built with ASan and UBSan: it reads /proc
# (no kernel view here), its --json validates against the schema, a process
# that exits while it reads is skipped without an error, and bad usage is
# refused.  TAP-like "ok - " lines; the VM half is in jobs/smoke.sh.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
bin=$BUILD/oom-rank-host-asan
src=$TOP/tools/mm/oom-rank.c
schema=$TOP/tools/mm/oom-rank.schema.json
mkdir -p "$BUILD"
if ! gcc -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined \
	-fno-sanitize-recover=all -Wall -Wextra -Werror -o "$bin" "$src"; then
	echo "not ok - oom-rank builds with ASan and UBSan, without warnings"
	exit 0
fi
echo "ok - oom-rank builds with ASan and UBSan, without warnings"
ok() { if "$@"; then echo "ok - $what"; else echo "not ok - $what"; fi; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

what="oom-rank on the host: falls back to /proc and says so, ASan clean"
ok bash -c "'$bin' -n 5 >'$tmp/text' 2>'$tmp/err' && [ ! -s '$tmp/err' ] &&
	head -1 '$tmp/text' | grep -q 'no kernel view: from /proc'"
"$bin" --json -n 1000 >"$tmp/json" 2>"$tmp/err"
what="oom-rank --json on the host: exit 0, ASan clean"
ok bash -c "[ ! -s '$tmp/err' ]"
/usr/bin/python3 "$TOOLING/check-json.py" "$schema" "$tmp/json" "oom-rank --json on the host"

# processes that come and go while it reads /proc
( end=$((SECONDS + 4)); while [ $SECONDS -lt $end ]; do
	for i in 1 2 3 4 5 6 7 8; do sleep 0.01 & done; wait; done ) &
churn=$!
bad=0
for i in $(seq 40); do
	"$bin" --json -n 100000 >"$tmp/j$i" 2>>"$tmp/churn-err" || bad=$((bad + 1))
done
wait $churn
what="oom-rank skips processes that exit while it reads, without an error (40 runs)"
ok bash -c "[ $bad -eq 0 ] && [ ! -s '$tmp/churn-err' ]"
what="oom-rank output stays valid JSON while processes come and go"
ok bash -c "for f in '$tmp'/j*; do /usr/bin/python3 -c 'import json,sys; json.load(open(sys.argv[1]))' \"\$f\" || exit 1; done"

# a saved kernel view: every field parsed, the child named in the first line
view=$TOOLING/tests/rank-view.txt
"$bin" --view "$view" >"$tmp/vt" 2>"$tmp/err"
what="oom-rank --view: the first line names the child the rule would kill, with what it frees"
ok bash -c "[ ! -s '$tmp/err' ] && head -1 '$tmp/vt' | grep -qx 'next OOM kills 402 (worker one), freeing 40.0 MiB in its parent.s place \\[policy classic, scope /oomt-a\\]'"
what="oom-rank --view: the table has every candidate in rank order, with their factors"
ok bash -c "awk 'NR > 2 { print \$1, \$2 }' '$tmp/vt' | tr '\\n' ' ' | grep -qx '1 400 2 402 3 77 ' &&
	grep -q '^ *1 *400 sup .*walked *40960 *1.2/1 *30/2 *4 *1 *0 402\$' '$tmp/vt'"
"$bin" --view "$view" --json >"$tmp/vj" 2>"$tmp/err"
/usr/bin/python3 "$TOOLING/check-json.py" "$schema" "$tmp/vj" "oom-rank --view --json"
what="oom-rank --view --json keeps the header, next and every candidate's fields"
ok /usr/bin/python3 -c "
import json, sys
d = json.load(open('$tmp/vj'))
h, n, c = d['header'], d['next'], d['candidates']
assert d['source'] == 'kernel' and h['policy'] == 'classic' and h['kill'] == 2 and h['order'] == 'freeable'
assert n == {'pid': 402, 'points': 9100, 'frees_kb': 40960, 'via': 'child', 'parent': 400, 'comm': 'worker one'}
assert [x['pid'] for x in c] == [400, 402, 77] and c[0]['guard_ms'] == 1500 and c[2]['adj'] == -500
assert c[2]['pick'] == 'none' and c[2]['pick_why'] == 'guard' and c[1]['comm'] == 'worker one'
"

what="oom-rank refuses bad usage with status 2 (-n 0, a relative --memcg, --memcg with --proc, an extra argument)"
ok bash -c "'$bin' -n 0 2>/dev/null; [ \$? -eq 2 ] && { '$bin' --memcg foo 2>/dev/null; [ \$? -eq 2 ]; } &&
	{ '$bin' --proc --memcg /x 2>/dev/null; [ \$? -eq 2 ]; } && { '$bin' extra 2>/dev/null; [ \$? -eq 2 ]; }"
what="oom-rank --memcg without the kernel view fails and says why"
ok bash -c "! '$bin' --memcg /x 2>'$tmp/e' >/dev/null && grep -q 'needs the kernel view' '$tmp/e'"
