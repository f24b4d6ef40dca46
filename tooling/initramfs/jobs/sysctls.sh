#!/bin/sh
# Print the OOM policy sysctls, their modes and values.
for f in /proc/sys/vm/oom*; do
	printf '%-40s %s %s\n' "${f#/proc/sys/}" "$(stat -c %a "$f")" "$(cat "$f")"
done
