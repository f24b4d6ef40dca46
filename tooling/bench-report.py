#!/usr/bin/env python3
"""make bench's report: results/bench.md, freeable.md, bench.csv,
bench-summary.csv and results/bench-ratios.dat for gnuplot.

usage: bench-report.py "BASE VERSION" OUTDIR VANILLA.out PATCHED.out WALK.out SOAK.out SOAK_VERDICT

The inputs are oomkit-bench's CSV lines "shape,config,round,metric,value"
and its "# shape=S tasks=N" lines, in the VM jobs' outputs.
"""
import datetime
import os
import re
import statistics
import subprocess
import sys

LINE = re.compile(r"^([\w:]+),([\w-]+),(\d+),(\w+),(-?[\d.]+)$")
TASKS = re.compile(r"^# shape=(\S+) tasks=(\d+)")
NAMES = {
    "flat:1000": "1,000 sleepers of a user", "flat:4000": "4,000 sleepers of a user",
    "families:4000": "4,000 sleepers in families of ten",
    "root:4000": "4,000 identical root sleepers",
    "threads:200:50": "200 processes x 50 threads", "threads:20:500": "20 processes x 500 threads",
    "children:20:200": "20 parents x 200 children", "children:1:1000": "1 parent x 1,000 children",
    "children:1:4000": "1 parent x 4,000 children",
    "storm:4000": "4,000 sleepers, fork storm on the other CPU",
}


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
    samples, tasks = [], {}
    for path in paths:
        if not os.path.exists(path):
            continue
        for line in open(path, errors="replace"):
            line = line.strip()
            m = TASKS.match(line)
            if m:
                tasks[m.group(1)] = int(m.group(2))
            m = LINE.match(line)
            if m:
                samples.append((m.group(1), m.group(2), int(m.group(3)), m.group(4),
                                float(m.group(5))))
    return samples, tasks


def stats(vals):
    vals = sorted(vals)
    if not vals:
        return None
    if len(vals) < 4:
        return statistics.median(vals), vals[0], vals[-1]
    q = statistics.quantiles(vals, n=4)
    return statistics.median(vals), q[0], q[2]


def main():
    base, outdir, van, pat, walk, soak, soak_verdict = sys.argv[1:8]
    samples, tasks = parse([van, pat, walk])
    # the debug kernel's soak is its own configuration, never a test-kernel sample
    soaked, _ = parse([soak])
    samples += [(sh, "debug-" + c, r, m, v) for sh, c, r, m, v in soaked]
    os.makedirs(outdir, exist_ok=True)
    by = {}
    for shape, config, rnd, metric, v in samples:
        by.setdefault((shape, config, metric), []).append(v)
    with open(os.path.join(outdir, "bench.csv"), "w") as f:
        f.write("shape,config,round,metric,value\n")
        for s in samples:
            f.write("%s,%s,%d,%s,%g\n" % s)

    today = datetime.date.today().isoformat()
    md = [f"# make bench, {today}", "",
          f"{base}, on {machine()}.  Medians of the rounds of each cell; the",
          "configurations of a kernel run in the same boot, interleaved round by round.",
          "The selection is the time in out_of_memory() before oom_kill_process(): the walk",
          "over every candidate, under rcu_read_lock() (ftrace function_graph, the same",
          "filter on every kernel).  The noise band of a ratio is the ratio of the",
          "interquartile ranges' ends.  TCG numbers are emulated: the ratios are the point.", "",
          "## Selection per task", "",
          "| shape | tasks | vanilla (us) | policy 0 (us) | policy 1 (us) | p0 / vanilla | p1 / p0 | p1 per task (ns) |",
          "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    summary = ["shape,tasks,vanilla,policy0,policy1,p0_vanilla,p0_vanilla_lo,p0_vanilla_hi,p1_p0,p1_p0_lo,p1_p0_hi"]
    dat = []
    for i, shape in enumerate([s for s in NAMES if (s, "policy1", "select_us") in by]):
        v = stats(by.get((shape, "vanilla", "select_us"), []))
        p0 = stats(by.get((shape, "policy0", "select_us"), []))
        p1 = stats(by.get((shape, "policy1", "select_us"), []))
        n = tasks.get(shape, 0)
        r10 = p1[0] / p0[0] if p0 and p1 else float("nan")
        r10lo = p1[1] / p0[2] if p0 and p1 else float("nan")
        r10hi = p1[2] / p0[1] if p0 and p1 else float("nan")
        r0v = p0[0] / v[0] if v and p0 else float("nan")
        r0vlo = p0[1] / v[2] if v and p0 else float("nan")
        r0vhi = p0[2] / v[1] if v and p0 else float("nan")
        fmt = lambda s: "%.0f (%.0f-%.0f)" % s if s else "-"
        md.append(f"| {NAMES[shape]} | {n} | {fmt(v)} | {fmt(p0)} | {fmt(p1)} | "
                  f"{r0v:.2f} ({r0vlo:.2f}-{r0vhi:.2f}) | {r10:.2f} ({r10lo:.2f}-{r10hi:.2f}) | "
                  f"{p1[0] * 1000 / n if n else 0:.0f} |")
        summary.append(f"{shape},{n},{v[0] if v else ''},{p0[0] if p0 else ''},{p1[0]},"
                       f"{r0v:.3f},{r0vlo:.3f},{r0vhi:.3f},{r10:.3f},{r10lo:.3f},{r10hi:.3f}")
        dat.append(f"{i} \"{shape}\" {r10:.3f} {r10lo:.3f} {r10hi:.3f} {r0v:.3f} {r0vlo:.3f} {r0vhi:.3f}")
    md += ["", "Targets: p1 / p0 at most 1.1 and p0 / vanilla at most 1.05 on every shape.", ""]

    md += ["## Lock holds and RCU sections", "",
           "The longest oom_visit_children() (it holds tasklist_lock read, dropping it when a",
           "writer waits, so this bounds any one hold) and the longest selection (one",
           "rcu_read_lock() section), in us, over all rounds.", "",
           "| shape | policy 1 children walk, max | policy 1 selection, max | vanilla selection, max |",
           "| --- | --- | --- | --- |"]
    for shape in NAMES:
        vm = by.get((shape, "policy1", "visit_max_us"), [])
        s1 = by.get((shape, "policy1", "select_us"), [])
        sv = by.get((shape, "vanilla", "select_us"), [])
        if s1:
            md.append(f"| {NAMES[shape]} | {max(vm) if vm else 0:.0f} | {max(s1):.0f} | "
                      f"{max(sv) if sv else 0:.0f} |")
    md += ["", "## fork+exit latency while every oom_score is read", "",
           "One parent of 4,000 children; a loop on CPU 0 reads /proc/*/oom_score (the",
           "parent's read walks its children) while CPU 1 forks and reaps; p99 over 400 forks.", "",
           "| kernel | p99 idle (us) | p99 reading (us) | ratio | longest children walk (us) |",
           "| --- | --- | --- | --- | --- |"]
    for config in ["vanilla", "policy0", "policy1"]:
        idle = by.get(("forklat:4000", config, "fork_idle_p99_us"), [])
        rd = by.get(("forklat:4000", config, "fork_reading_p99_us"), [])
        vm = by.get(("forklat:4000", config, "visit_max_us"), [])
        if idle and rd:
            a, b = statistics.median(idle), statistics.median(rd)
            md.append(f"| {config} | {a:.0f} | {b:.0f} | {b / a:.2f} | {max(vm) if vm else 0:.0f} |")
    ooms = by.get(("children:1:4000", "debug-policy1", "soak_ooms"), []) + \
        by.get(("threads:20:500", "debug-policy1", "soak_ooms"), [])
    md += ["", "## Debug kernel", "",
           f"60 s of OOMs on each of 1 parent x 4,000 children and 20 x 500 threads, on the",
           f"KASAN + lockdep + PROVE_RCU + DEBUG_ATOMIC_SLEEP kernel with the lockup and",
           f"hung-task detectors: {int(sum(ooms))} OOMs, kernel log: "
           f"{'no splat' if soak_verdict == 'ok' else 'SPLAT (see build/logs/bench-debug-soak.console.log)'}.", ""]
    md += ["| shape (debug kernel, policy 1) | OOMs | selection median (us) | selection max (us) | children walk max (us) |",
           "| --- | --- | --- | --- | --- |"]
    for shape in ("children:1:4000", "threads:20:500"):
        sel = by.get((shape, "debug-policy1", "select_us"), [])
        vis = by.get((shape, "debug-policy1", "visit_max_us"), [])
        if sel:
            md.append(f"| {NAMES.get(shape, shape)} | {len(sel)} | {statistics.median(sel):.0f} | "
                      f"{max(sel):.0f} | {max(vis) if vis else 0:.0f} |")
    md.append("")
    md += ["The walk's own cost is in [freeable.md](freeable.md).", ""]
    open(os.path.join(outdir, "bench.md"), "w").write("\n".join(md))
    open(os.path.join(outdir, "bench-summary.csv"), "w").write("\n".join(summary) + "\n")
    open(os.path.join(outdir, "bench-ratios.dat"), "w").write("\n".join(dat) + "\n")

    fr = [f"# The estimate of what a kill frees: its cost, {today}", "",
          f"{base}, on {machine()}; the kernel's own \"freeable estimate\" line",
          "(entries walked, time), medians of the rounds.", "",
          "| candidate | entries | walk (us) | us per MiB |", "| --- | --- | --- | --- |"]
    rows = [(f"walk_{mib}mib", f"{mib} MiB a fork cloned (walked)", mib) for mib in (64, 256, 1024)]
    rows.append(("walk_private_1024mib", "1024 MiB no fork shared (VMAs only)", 1024))
    for key, label, mib in rows:
        e = by.get(("walk", "policy1", f"{key}_entries"), [])
        t = by.get(("walk", "policy1", f"{key}_us"), [])
        if e and t:
            fr.append(f"| {label} | {statistics.median(e):.0f} | {statistics.median(t):.0f} | "
                      f"{statistics.median(t) / mib:.1f} |")
    e = by.get(("walk", "policy1", "budget_entries"), [])
    t = by.get(("walk", "policy1", "budget_walk_us"), [])
    s1 = stats(by.get(("walk", "policy1", "budget_select_us"), []))
    s0 = stats(by.get(("walk", "policy1-nowalk", "budget_select_us"), []))
    if e:
        how = (f"each walk finds the memory shared with the child, so no bound spares the next"
               f" one: {statistics.median(e):.0f} entries of the default budget's 1,048,576 are walked"
               f" in one selection, the most a 4 GiB VM can make it walk.")
    else:
        how = "no walk was logged."
    fr += ["", "Four copy-on-write families of 800 MiB (a parent and one -1000 child): " + how, "",
           "| | entries | walk (us) | selection (us) |", "| --- | --- | --- | --- |"]
    if e and t and s1:
        fr.append(f"| estimate on (budget 2^20) | {statistics.median(e):.0f} | {statistics.median(t):.0f} | {s1[0]:.0f} |")
    if s0:
        fr.append(f"| estimate off (budget 0) | 0 | 0 | {s0[0]:.0f} |")
    fr.append("")
    open(os.path.join(outdir, "freeable.md"), "w").write("\n".join(fr))


if __name__ == "__main__":
    main()
