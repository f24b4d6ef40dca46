#!/usr/bin/env python3
"""make bench's report: results/bench.md, freeable.md, bench.csv,
bench-summary.csv and results/bench-ratios.dat for gnuplot.

usage: bench-report.py "BASE VERSION" OUTDIR LOGDIR SOAK_VERDICT

Reads, in LOGDIR, the outputs of make bench's VM jobs: bench-{vanilla,test}-
icount-N.out (the selection in guest instructions, one file per boot),
bench-{vanilla,test}-bench.out (the emulated wall clock), bench-test-
walk.out, bench-debug-soak.out and bench-debug-walk.out.  Their lines are
oomkit-bench's CSV "shape,config,round,metric,value" and "# shape=S tasks=N".
"""
import datetime
import os
import re
import statistics
import subprocess
import sys

KEEP = "<!-- make bench keeps what follows -->"
LINE = re.compile(r"^([\w:]+),([\w-]+),(\d+),(\w+),(-?[\d.]+)$")
TASKS = re.compile(r"^# shape=(\S+) tasks=(\d+)")
NAMES = {
    "flat:0": "no shape: the VM's own processes and the hog",
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


def per_config(table, shape):
    """stats() of the selection on a shape: vanilla, policy 0, policy 1."""
    return [stats(table.get((shape, c, "select_us"), []))
            for c in ("vanilla", "policy0", "policy1")]


def ratio(a, b):
    """Ratio of medians and its noise band (ratios of the IQR ends)."""
    if not a or not b or not b[0] or not b[1] or not b[2]:
        return None
    return a[0] / b[0], a[1] / b[2], a[2] / b[1]


def fmt_ratio(r):
    return "%.2f (%.2f-%.2f)" % r if r else "-"


def main():
    base, outdir, logdir, soak_verdict = sys.argv[1:5]
    log = lambda name: os.path.join(logdir, name)
    icount = [log(f) for f in sorted(os.listdir(logdir)) if re.match(r"bench-(vanilla|test)-icount-\d+\.out$", f)]
    isamples, itasks = parse(icount)
    samples, tasks = parse([log("bench-vanilla-bench.out"), log("bench-test-bench.out"),
                            log("bench-test-walk.out")])
    tasks.update(itasks)
    # the debug kernel's runs are configurations of their own, never test-kernel samples
    soaked, _ = parse([log("bench-debug-soak.out"), log("bench-debug-walk.out")])
    samples += [(sh, "debug-" + c, r, m, v) for sh, c, r, m, v in soaked]
    os.makedirs(outdir, exist_ok=True)
    by, iby = {}, {}
    for shape, config, rnd, metric, v in samples:
        by.setdefault((shape, config, metric), []).append(v)
    for shape, config, rnd, metric, v in isamples:
        iby.setdefault((shape, config, metric), []).append(v)
    with open(os.path.join(outdir, "bench.csv"), "w") as f:
        f.write("clock,shape,config,round,metric,value\n")
        for s_ in isamples:
            f.write("instructions,%s,%s,%d,%s,%g\n" % s_)
        for s_ in samples:
            f.write("wall,%s,%s,%d,%s,%g\n" % s_)

    today = datetime.date.today().isoformat()
    nboots = len(icount) // 2
    md = [f"# make bench, {today}", "",
          f"{base}, on {machine()}.",
          "The selection is the time in out_of_memory() before oom_kill_process(): the walk",
          "over every candidate, under rcu_read_lock(), then the refinement of the chosen",
          "(ftrace function_graph, the same filter on every kernel; a global OOM by",
          "sysrq-f that kills a 64 MiB hog).  The configurations of a kernel run in the",
          "same boot, interleaved round by round.", "",
          "## Selection, in guest instructions", "",
          "Under `qemu -icount shift=0` the guest's clock counts its instructions, one",
          "nanosecond each, so ftrace's microseconds are thousands of instructions.  A",
          "boot repeats itself exactly; boots differ (the order in which the shape's",
          f"processes came, their page tables), so each kernel ran {nboots} boot(s) and the",
          "noise band of a ratio is the ratio of the interquartile ranges' ends over",
          "all of them.  The emulated wall clock (below) is another matter: TCG pays",
          "for every guest memory access through its software TLB, a cost with no",
          "counterpart on hardware, and its run-to-run spread is wider than the",
          "differences measured here.", "",
          "*Per task* takes out what a selection costs with no shape at all (the",
          "first row: the VM's own processes, the hog, and for policy 1 the refinement",
          "of the chosen, its page-table walk among it): (selection - that) / tasks.", "",
          "| shape | tasks | vanilla (k instr.) | policy 0 | policy 1 | p0 / vanilla | p1 / p0 | per task: p0 / vanilla | per task: p1 / p0 |",
          "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    summary = ["shape,tasks,vanilla,policy0,policy1,p0_vanilla,p0_vanilla_lo,p0_vanilla_hi,p1_p0,p1_p0_lo,p1_p0_hi,task_p0_vanilla,task_p1_p0"]
    dat = []
    base_of = {c: stats(iby.get(("flat:0", c, "select_us"), [])) for c in ("vanilla", "policy0", "policy1")}
    fmt = lambda s: "%.1f (%.1f-%.1f)" % s if s else "-"
    i = 0
    for shape in NAMES:
        if (shape, "policy1", "select_us") not in iby:
            continue
        v, p0, p1 = per_config(iby, shape)
        n = tasks.get(shape, 0)
        r0v, r10 = ratio(p0, v), ratio(p1, p0)
        per = {}
        for c, st in (("vanilla", v), ("policy0", p0), ("policy1", p1)):
            b0 = base_of.get(c)
            per[c] = (st[0] - b0[0]) / n if st and b0 and n else None
        t0v = per["policy0"] / per["vanilla"] if per["policy0"] and per["vanilla"] else None
        t10 = per["policy1"] / per["policy0"] if per["policy1"] and per["policy0"] else None
        md.append(f"| {NAMES[shape]} | {n} | {fmt(v)} | {fmt(p0)} | {fmt(p1)} | "
                  f"{fmt_ratio(r0v)} | {fmt_ratio(r10)} | "
                  f"{'%.3f' % t0v if t0v else '-'} | {'%.3f' % t10 if t10 else '-'} |")
        cells = [shape, n] + [("%.1f" % x[0]) if x else "" for x in (v, p0, p1)]
        for r in (r0v, r10):
            cells += ["%.3f" % x for x in r] if r else ["", "", ""]
        cells += ["%.3f" % x if x else "" for x in (t0v, t10)]
        summary.append(",".join(str(c) for c in cells))
        if n and r10 and r0v and t10 and t0v:
            dat.append(f"{i} \"{shape}\" {t10:.3f} {r10[1] * t10 / r10[0]:.3f} {r10[2] * t10 / r10[0]:.3f} "
                       f"{t0v:.3f} {r0v[1] * t0v / r0v[0]:.3f} {r0v[2] * t0v / r0v[0]:.3f}")
            i += 1
    md += ["", "Targets: p1 / p0 at most 1.1 and p0 / vanilla at most 1.05 per task on every",
           "shape.  The plot (bench.png) shows the per-task ratios, each with the noise",
           "band of its whole-selection ratio.", ""]

    fmt = lambda s: "%.0f (%.0f-%.0f)" % s if s else "-"
    md += ["## Selection, on the emulated wall clock", "",
           "The same shapes, one boot per kernel, medians and interquartile ranges of the",
           "rounds, in microseconds of QEMU TCG.", "",
           "| shape | tasks | vanilla (us) | policy 0 (us) | policy 1 (us) | p0 / vanilla | p1 / p0 |",
           "| --- | --- | --- | --- | --- | --- | --- |"]
    for shape in NAMES:
        if (shape, "policy1", "select_us") not in by:
            continue
        v, p0, p1 = per_config(by, shape)
        md.append(f"| {NAMES[shape]} | {tasks.get(shape, 0)} | {fmt(v)} | {fmt(p0)} | {fmt(p1)} | "
                  f"{fmt_ratio(ratio(p0, v))} | {fmt_ratio(ratio(p1, p0))} |")
    md.append("")

    md += ["## Lock holds and RCU sections", "",
           "The longest oom_visit_children() (it holds tasklist_lock read, dropping it when a",
           "writer waits, so this bounds any one hold) and the longest selection (one",
           "rcu_read_lock() section), in us, over all rounds.", "",
           "| shape | policy 1 children walk, max | policy 1 selection, max | vanilla selection, max |",
           "| --- | --- | --- | --- |"]
    for shape in NAMES:
        if shape == "flat:0":
            continue
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
            # vanilla and policy 0 read oom_score without a children walk
            walk = f"{max(vm):.0f}" if vm else "-"
            md.append(f"| {config} | {a:.0f} | {b:.0f} | {b / a:.2f} | {walk} |")
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
    dw = [(label, by.get(("walk", "debug-policy1", f"{key}_entries"), []),
           by.get(("walk", "debug-policy1", f"{key}_us"), [])) for key, label, _ in rows]
    dw.append(("four 800 MiB families, the budget", by.get(("walk", "debug-policy1", "budget_entries"), []),
               by.get(("walk", "debug-policy1", "budget_walk_us"), [])))
    if any(e for _, e, _ in dw):
        sel = by.get(("walk", "debug-policy1", "budget_select_us"), [])
        vis = by.get(("walk", "debug-policy1", "visit_max_us"), [])
        fr += ["", "## The same walks on the debug kernel", "",
               "KASAN + lockdep + PROVE_RCU + DEBUG_ATOMIC_SLEEP, with the soft-lockup and",
               "hung-task detectors set to panic, 4 GiB VM, policy 1, the largest of",
               "the rounds.  The walk runs under the mmap lock, taken by trylock, in a",
               "pass over the candidates (under its rcu_read_lock()) or, for the first",
               "pass's choice, after it; never under tasklist_lock: only the child",
               "pick holds that, for one parent's children.  Kernel logs of the debug",
               "runs: " + ("no splat." if soak_verdict == "ok" else
                           "SPLAT (build/logs/bench-debug-*.console.log)."), "",
               "| candidate | entries | walk (us) |", "| --- | --- | --- |"]
        for label, e, t in dw:
            if e and t:
                fr.append(f"| {label} | {max(e):.0f} | {max(t):.0f} |")
        if sel:
            held = f"{max(vis):.0f} us" if vis else "none (no child could die for its parent)"
            fr += ["", f"Longest selection with the whole budget walked, which bounds each of "
                   f"its RCU read sections: {max(sel):.0f} us; longest children walk "
                   f"(tasklist_lock held): {held}."]
    fr.append("")
    # what a person wrote below the marker stays: measurements of other runs
    path = os.path.join(outdir, "freeable.md")
    kept = ""
    if os.path.exists(path):
        old = open(path).read()
        if KEEP in old:
            kept = old[old.index(KEEP):]
    open(path, "w").write("\n".join(fr) + ("\n" + kept if kept else ""))


if __name__ == "__main__":
    main()
