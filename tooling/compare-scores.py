#!/usr/bin/env python3
"""Compare the "oomscore" lines of oom_score_test on the patched kernel
(policy 0) and on the vanilla kernel, process role by process role.

Prints a side-by-side table on stderr and one TAP line per role on stdout.
The scores must be equal.  Only if the two kernels see different inputs
(RAM size, which depends on the kernel image size, or the process's own
footprint) may they differ, and then each must still equal the stock
formula on its own inputs, which oom_score_test asserted inside each VM.
"""
import re
import sys


def parse(path):
    rows = {}
    for line in open(path, errors="replace"):
        if line.startswith("oomscore "):
            kv = dict(re.findall(r"(\w+)=(\S+)", line))
            rows[kv["role"]] = kv
    return rows


def main():
    patched, vanilla = parse(sys.argv[1]), parse(sys.argv[2])
    if not patched or not vanilla:
        print("not ok - policy 0 oom_score compared with vanilla: no oomscore lines")
        return
    sys.stderr.write("%-9s %8s %8s %6s %6s   %s\n" % ("role", "policy0", "vanilla", "rss_kB", "adj", "inputs"))
    for role in patched:
        p, v = patched[role], vanilla.get(role)
        if v is None:
            print("not ok - policy 0 oom_score of %s: missing on vanilla" % role)
            continue
        same_inputs = all(p[k] == v[k] for k in ("rss_kb", "pte_kb", "adj", "memtotal_kb"))
        sys.stderr.write("%-9s %8s %8s %6s %6s   %s\n" % (role, p["oom_score"], v["oom_score"], p["rss_kb"], p["adj"],
                         "identical" if same_inputs else
                         "MemTotal %s vs %s kB" % (p["memtotal_kb"], v["memtotal_kb"])))
        if p["oom_score"] == v["oom_score"]:
            print("ok - policy 0 oom_score of %s equals vanilla (%s)" % (role, v["oom_score"]))
        elif not same_inputs and p["oom_score"] == p["formula"] and v["oom_score"] == v["formula"]:
            print("ok - policy 0 oom_score of %s: %s vs vanilla %s, different inputs, stock formula on both"
                  % (role, p["oom_score"], v["oom_score"]))
        else:
            print("not ok - policy 0 oom_score of %s: %s vs vanilla %s" % (role, p["oom_score"], v["oom_score"]))


if __name__ == "__main__":
    main()
