#!/usr/bin/env python3
"""Turn the CSV lines of two oomkit-bench runs (vanilla, patched) into
results/bench.csv, bench-summary.csv, bench.md and the gnuplot data.

usage: bench-report.py VANILLA.out PATCHED.out "BASE VERSION" OUTDIR
"""
import datetime
import os
import platform
import re
import statistics
import subprocess
import sys

LINE = re.compile(r"^(vanilla|policy0|policy1|policy1-nochild),(\d+),(\d+),(\w+),(-?[\d.]+)$")
CONFIGS = ["vanilla", "policy0", "policy1", "policy1-nochild"]
METRICS = ["select", "kill", "scan", "recover"]


def machine():
    model = "unknown CPU"
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    qemu = subprocess.run(["qemu-system-x86_64", "--version"], capture_output=True,
                          text=True).stdout.splitlines()[0]
    accel = os.environ.get("QEMU_ACCEL", "tcg")
    return "%s, %d host cores, %s, %s%s" % (model, os.cpu_count(), qemu, accel,
                                            " (emulated)" if accel == "tcg" else "")


def main():
    van, pat, base, out = sys.argv[1:5]
    samples = []
    for path in (van, pat):
        for line in open(path, errors="replace"):
            m = LINE.match(line.strip())
            if m:
                c, n, r, metric, us = m.groups()
                samples.append((c, int(n), int(r), metric, float(us)))
    if not samples:
        sys.exit("bench-report: no samples")
    date = datetime.date.today().isoformat()
    mach = machine()
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "bench.csv"), "w") as f:
        f.write("date,base,machine,config,n,round,metric,us\n")
        for c, n, r, metric, us in samples:
            f.write('%s,"%s","%s",%s,%d,%d,%s,%.1f\n' % (date, base, mach, c, n, r, metric, us))

    med = {}
    count = {}
    for c in CONFIGS:
        for metric in METRICS:
            for n in sorted({s[1] for s in samples}):
                vals = [s[4] for s in samples if s[0] == c and s[1] == n and s[3] == metric and s[4] >= 0]
                if vals:
                    med[c, n, metric] = statistics.median(vals)
                    count[c, n, metric] = len(vals)
    ns = sorted({s[1] for s in samples})

    def ratio(a, b):
        return a / b if b else float("nan")

    with open(os.path.join(out, "bench-summary.csv"), "w") as f:
        f.write("date,base,config,n,metric,rounds,median_us,ratio_vs_vanilla,ratio_vs_policy0\n")
        for (c, n, metric), v in sorted(med.items()):
            rv = ratio(v, med.get(("vanilla", n, metric), 0))
            rp = ratio(v, med.get(("policy0", n, metric), 0))
            f.write("%s,%s,%s,%d,%s,%d,%.1f,%.3f,%.3f\n" % (date, base, c, n, metric,
                                                           count[c, n, metric], v, rv, rp))

    # marginal cost per task of the selection walk
    marg = {}
    for c in CONFIGS:
        for a, b in zip(ns, ns[1:]):
            if (c, a, "select") in med and (c, b, "select") in med:
                marg[c, a, b] = (med[c, b, "select"] - med[c, a, "select"]) / (b - a)

    for c in CONFIGS:
        with open(os.path.join(out, "bench-%s.dat" % c), "w") as f:
            for n in ns:
                f.write("%d %s %s %s\n" % (n, med.get((c, n, "select"), "NaN"),
                                           med.get((c, n, "scan"), "NaN"),
                                           med.get((c, n, "recover"), "NaN")))

    md = []
    md.append("Benchmark of %s, %s, on %s." % (base, date, mach))
    md.append("Medians of %d rounds per cell, all four configurations in one run"
              % max(count.values()))
    md.append("(TCG numbers are emulated: the ratios are the point).")
    md.append("")
    md.append("| metric | N | vanilla | policy 0 | policy 1 | policy 1, no child rule | p0 / vanilla | p1 / p0 |")
    md.append("| --- | --- | --- | --- | --- | --- | --- | --- |")
    names = {"select": "selection walk (us)", "kill": "out_of_memory() (us)",
             "scan": "read all oom_score (us)", "recover": "OOM recovery (us)"}
    for metric in METRICS:
        for n in ns:
            row = [med.get((c, n, metric)) for c in CONFIGS]
            if all(v is None for v in row):
                continue
            cells = ["%.0f" % v if v is not None else "-" for v in row]
            r0 = "%.2f" % ratio(row[1], row[0]) if row[0] and row[1] else "-"
            r1 = "%.2f" % ratio(row[2], row[1]) if row[1] and row[2] else "-"
            md.append("| %s | %d | %s | %s | %s | %s | %s | %s |" % (names[metric], n, *cells, r0, r1))
    md.append("")
    md.append("Marginal selection cost per task, (t(N2) - t(N1)) / (N2 - N1), in ns:")
    md.append("")
    md.append("| config | " + " | ".join("%d to %d" % (a, b) for a, b in zip(ns, ns[1:])) + " |")
    md.append("| --- | " + " | ".join("---" for _ in ns[1:]) + " |")
    for c in CONFIGS:
        md.append("| %s | %s |" % (c, " | ".join(
            "%.0f" % (marg[c, a, b] * 1000) if (c, a, b) in marg else "-" for a, b in zip(ns, ns[1:]))))
    md.append("")

    # targets
    def check(name, ok):
        md.append("- %s: %s" % (name, "met" if ok else "MISSED"))
    md.append("Targets:")
    big = ns[-1]
    if ("vanilla", big, "select") in med and ("policy0", big, "select") in med:
        r = med["policy0", big, "select"] / med["vanilla", big, "select"]
        check("policy 0 selection within 5%% of vanilla at N=%d (%.3f)" % (big, r), r <= 1.05)
    a, b = ns[0], ns[-1]
    if ("policy1", a, b) in marg and ("policy0", a, b) in marg and marg["policy0", a, b] > 0:
        r = marg["policy1", a, b] / marg["policy0", a, b]
        check("policy 1 per-task selection cost at most 1.3x policy 0 (%.2f)" % r, r <= 1.3)
    if ("policy1", big, "scan") in med and ("policy0", big, "scan") in med:
        r = med["policy1", big, "scan"] / med["policy0", big, "scan"]
        check("policy 1 oom_score scan at most 1.3x policy 0 at N=%d (%.2f)" % (big, r), r <= 1.3)
    if ("policy1", big, "recover") in med and ("vanilla", big, "recover") in med:
        r = med["policy1", big, "recover"] / med["vanilla", big, "recover"]
        check("policy 1 recovery no slower than vanilla at N=%d (%.2f)" % (big, r), r <= 1.0)
    md.append("")
    with open(os.path.join(out, "bench.md"), "w") as f:
        f.write("\n".join(md))


if __name__ == "__main__":
    main()
