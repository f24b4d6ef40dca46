#!/usr/bin/env python3
"""Turn the CSV lines of two oomkit-bench runs (vanilla, patched) into
results/bench.csv, bench-summary.csv, bench.md and the gnuplot data.

usage: bench-report.py VANILLA.out PATCHED.out "BASE VERSION" OUTDIR
"""
import datetime
import os
import re
import statistics
import subprocess
import sys

LINE = re.compile(r"^(vanilla|policy0|policy1|policy1-nochild|policy1-nokids),(\d+),(\d+),(\w+),(-?[\d.]+)$")
CONFIGS = ["vanilla", "policy0", "policy1", "policy1-nochild", "policy1-nokids"]
MAIN = CONFIGS[:4]
METRICS = ["select", "kill", "scan", "recover"]
NAMES = {"select": "selection walk (us)", "kill": "out_of_memory() (us)",
         "scan": "read all oom_score (us)", "recover": "OOM recovery (us)"}
SHAPES = {"flat": "every sleeper a child of an unkillable launcher (as services under init)",
          "families": "families of a parent and nine children (the classic policy adds nine "
                      "children's footprints to every tenth candidate)"}


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


def parse(paths):
    samples = []
    for path in paths:
        shape = "families"
        for line in open(path, errors="replace"):
            line = line.strip()
            if line.startswith("# shape="):
                shape = line.split("=", 1)[1]
            m = LINE.match(line)
            if m:
                c, n, r, metric, us = m.groups()
                samples.append((shape, c, int(n), int(r), metric, float(us)))
    return samples


def ratio(a, b):
    return a / b if a is not None and b else None


def fmt(r):
    return "%.2f" % r if r is not None else "-"


def main():
    van, pat, base, out = sys.argv[1:5]
    samples = parse([van, pat])
    if not samples:
        sys.exit("bench-report: no samples")
    date = datetime.date.today().isoformat()
    mach = machine()
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "bench.csv"), "w") as f:
        f.write("date,base,machine,shape,config,n,round,metric,us\n")
        for shape, c, n, r, metric, us in samples:
            f.write('%s,"%s","%s",%s,%s,%d,%d,%s,%.1f\n' % (date, base, mach, shape, c, n, r, metric, us))

    med, q1, q3, count = {}, {}, {}, {}
    for key in {(s[0], s[1], s[2], s[4]) for s in samples}:
        vals = [s[5] for s in samples if (s[0], s[1], s[2], s[4]) == key and s[5] >= 0]
        if not vals:
            continue
        med[key] = statistics.median(vals)
        q = statistics.quantiles(vals, n=4) if len(vals) > 1 else [vals[0]] * 3
        q1[key], q3[key], count[key] = q[0], q[2], len(vals)
    shapes = [s for s in SHAPES if any(k[0] == s for k in med)]
    ns = sorted({s[2] for s in samples})
    pairs = list(zip(ns, ns[1:])) + ([(ns[0], ns[-1])] if len(ns) > 2 else [])
    marg = {}
    for shape in shapes:
        for c in CONFIGS:
            for a, b in pairs:
                ka, kb = (shape, c, a, "select"), (shape, c, b, "select")
                if ka in med and kb in med:
                    marg[shape, c, a, b] = (med[kb] - med[ka]) / (b - a)

    with open(os.path.join(out, "bench-summary.csv"), "w") as f:
        f.write("date,base,shape,config,n,metric,rounds,median_us,q1_us,q3_us,ratio_vs_vanilla,ratio_vs_policy0\n")
        for key in sorted(med):
            shape, c, n, metric = key
            rv = ratio(med[key], med.get((shape, "vanilla", n, metric)))
            rp = ratio(med[key], med.get((shape, "policy0", n, metric)))
            f.write('%s,"%s",%s,%s,%d,%s,%d,%.1f,%.1f,%.1f,%s,%s\n' % (
                date, base, shape, c, n, metric, count[key], med[key], q1[key], q3[key],
                fmt(rv), fmt(rp)))

    for shape in shapes:
        for c in CONFIGS:
            with open(os.path.join(out, "bench-%s-%s.dat" % (shape, c)), "w") as f:
                for n in ns:
                    f.write("%d %s %s %s\n" % (n, *[med.get((shape, c, n, m), "NaN")
                                                     for m in ("select", "scan", "recover")]))

    md = ["Benchmark of %s, %s, on %s." % (base, date, mach),
          "Medians of %d rounds per cell; all configurations of a kernel run in the same boot, "
          "interleaved round by round.  TCG numbers are emulated: the ratios are the point." % max(count.values()),
          "`policy1-nokids` (policy 1 with `oom_badness_children_percent=0`) is a diagnostic: "
          "what the classic score costs without the children's share.", ""]
    targets = []
    for shape in shapes:
        md += ["### Sleepers: %s" % SHAPES[shape], "",
               "| metric | N | vanilla | policy 0 | policy 1 | policy 1, no child rule | p0 / vanilla | p1 / p0 |",
               "| --- | --- | --- | --- | --- | --- | --- | --- |"]
        for metric in METRICS:
            for n in ns:
                row = [med.get((shape, c, n, metric)) for c in MAIN]
                if all(v is None for v in row):
                    continue
                cells = ["%.0f" % v if v is not None else "-" for v in row]
                md.append("| %s | %d | %s | %s | %s | %s | %s | %s |" % (
                    NAMES[metric], n, *cells, fmt(ratio(row[1], row[0])), fmt(ratio(row[2], row[1]))))
        md += ["", "Selection walk, interquartile range in us (the noise):", "",
               "| N | " + " | ".join(CONFIGS) + " |", "| --- |" + " --- |" * len(CONFIGS)]
        for n in ns:
            md.append("| %d | %s |" % (n, " | ".join(
                "%.0f-%.0f" % (q1[k], q3[k]) if (k := (shape, c, n, "select")) in q1 else "-" for c in CONFIGS)))
        md += ["", "Marginal selection cost per task, (t(N2) - t(N1)) / (N2 - N1), in ns:", "",
               "| config | " + " | ".join("%d to %d" % p for p in pairs) + " |",
               "| --- |" + " --- |" * len(pairs)]
        for c in CONFIGS:
            if (shape, c, ns[0], "select") in med:
                md.append("| %s | %s |" % (c, " | ".join(
                    "%.0f" % (marg[shape, c, a, b] * 1000) if (shape, c, a, b) in marg else "-"
                    for a, b in pairs)))
        md.append("")

        def check(name, r, limit):
            if r is not None:
                targets.append("- %s, %s sleepers: %.3f (target %s): %s" % (
                    name, shape, r, limit, "met" if r <= limit else "MISSED"))
        a, b, big = ns[0], ns[-1], ns[-1]
        mv, m0, m1 = (marg.get((shape, c, a, b)) for c in ("vanilla", "policy0", "policy1"))
        check("policy 0 vs vanilla, per-task selection cost", ratio(m0, mv), 1.05)
        check("policy 0 vs vanilla, selection walk at N=%d" % big,
              ratio(med.get((shape, "policy0", big, "select")), med.get((shape, "vanilla", big, "select"))), 1.05)
        check("policy 1 vs policy 0, per-task selection cost", ratio(m1, m0), 1.3)
        check("policy 1 vs policy 0, oom_score scan at N=%d" % big,
              ratio(med.get((shape, "policy1", big, "scan")), med.get((shape, "policy0", big, "scan"))), 1.3)
        check("policy 1 vs vanilla, OOM recovery at N=%d" % big,
              ratio(med.get((shape, "policy1", big, "recover")), med.get((shape, "vanilla", big, "recover"))), 1.0)
    md += ["### Targets", ""] + targets + [""]
    with open(os.path.join(out, "bench.md"), "w") as f:
        f.write("\n".join(md))


if __name__ == "__main__":
    main()
