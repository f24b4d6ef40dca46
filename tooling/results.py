#!/usr/bin/env python3
"""Turn a VM job's output into results, counted honestly.

  results.py JOB.out LABEL [SUFFIX]

The job frames each binary between "OOMKIT-BINARY NAME" and
"OOMKIT-BINARY-EXIT NAME STATUS"; inside, TAP ("1..N", "ok N name",
"not ok N name", "ok N name # SKIP why") with "# oomkit-time-ms MS" after
each result.  Prints one line per result, "PASS|FAIL|SKIP LABEL: NAME: TEST"
(SUFFIX appended, e.g. " (cached)"), and a last line
"TIME LABEL|WALL_S|SLOWEST_S|SLOWEST_NAME".  A skip is never a pass.  A
binary fails, once, when its results do not match its plan, when it ended
with a non-zero status without a failing result, or when it never ended.
"""
import re
import sys

RESULT = re.compile(r"^(not ok|ok) \d+(?: -)? ?(.*?)\s*$")
SKIP = re.compile(r"\s*#\s*SKIP\b.*$", re.I)


def main(path, label, suffix=""):
    out = []
    binary, plan, results, failed, slow = None, None, 0, False, (0.0, "")
    wall = "?"
    last_name = None

    def close(status):
        nonlocal binary
        if binary is None:
            return
        if plan is None and results == 0:
            out.append(f"FAIL {label}: {binary}: printed no TAP plan and no result{suffix}")
        elif plan is not None and plan != results:
            out.append(f"FAIL {label}: {binary}: {results} results for a plan of {plan}{suffix}")
        if status is None:
            out.append(f"FAIL {label}: {binary}: ended before it reported its exit status{suffix}")
        elif status != 0 and not failed:
            out.append(f"FAIL {label}: {binary}: exited with status {status} without a failing test{suffix}")
        binary = None

    for line in open(path, errors="replace"):
        line = line.rstrip("\n")
        if line.startswith("OOMKIT-BINARY-EXIT "):
            parts = line.split()
            close(int(parts[2]) if len(parts) > 2 and parts[2].lstrip("-").isdigit() else 1)
            continue
        if line.startswith("OOMKIT-BINARY "):
            close(None)
            binary, plan, results, failed = line.split(None, 1)[1], None, 0, False
            continue
        if line.startswith("OOMKIT-WALL "):
            wall = line.split()[1]
            continue
        if binary is None:
            continue
        m = re.match(r"^1\.\.(\d+)", line)
        if m and plan is None:
            plan = int(m.group(1))
            continue
        m = RESULT.match(line)
        if m:
            results += 1
            name = m.group(2)
            last_name = f"{binary}: {SKIP.sub('', name)}"
            if m.group(1) == "not ok":
                failed = True
                out.append(f"FAIL {label}: {last_name}{suffix}")
            elif SKIP.search(name):
                out.append(f"SKIP {label}: {last_name}{suffix}")
            else:
                out.append(f"PASS {label}: {last_name}{suffix}")
            continue
        m = re.match(r"^# oomkit-time-ms (\d+)", line)
        if m and last_name:
            secs = int(m.group(1)) / 1000
            if secs > slow[0]:
                slow = (secs, last_name)
    close(None)
    print("\n".join(out))
    print(f"TIME {label}|{wall}|{slow[0]:.1f}|{slow[1] or '-'}")


if __name__ == "__main__":
    main(*sys.argv[1:])
