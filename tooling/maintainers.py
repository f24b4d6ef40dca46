#!/usr/bin/env python3
"""Insert the MAINTAINERS fragment (argv[1]) into the MAINTAINERS file read
on stdin, before the first section whose title sorts after ours; write the
result on stdout."""
import re
import sys

frag = open(sys.argv[1]).read().strip("\n") + "\n"
title = frag.splitlines()[0]
lines = sys.stdin.read().splitlines(keepends=True)
out, done = [], False
for i, line in enumerate(lines):
    header = (not done and i + 1 < len(lines) and (i == 0 or lines[i - 1] == "\n")
              and re.match(r"^[A-Z0-9]", line) and re.match(r"^[A-Z]:\t", lines[i + 1]))
    if header and line.rstrip("\n") > title and out and out[-1] == "\n":
        out.append(frag + "\n")
        done = True
    out.append(line)
if not done:
    out.append("\n" + frag)
sys.stdout.write("".join(out))
