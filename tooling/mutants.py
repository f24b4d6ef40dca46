#!/usr/bin/env python3
"""make mutants: deliberate bugs in the policy, each of which a test must catch.

Reads tooling/mutants.txt.  First runs every listed test on the unmutated
kernels and stops if that is not green.  Then, for each mutant: applies it
to build/linux, rebuilds the kernel it names (incrementally), boots it with
the "mutant" job (the KUnit results of the boot, then the listed
selftests), restores the file, and records what killed it: a failing
result, a failing KUnit case or a kernel splat; a VM that does not finish
is a timeout, not a kill, and one that does not build is broken (the
list needs fixing), not a kill.  Prints the table and ends "N killed, N survived".
MUTANTS=name,name runs only those.
"""
import os
import re
import signal
import subprocess
import sys
import time

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(TOP, "build", "linux")
LOGS = os.path.join(TOP, "build", "logs")
TOOL = os.path.join(TOP, "tooling")


def parse(path):
    mutants, cur = [], None
    for line in open(path):
        line = line.rstrip("\n")
        if line.startswith("#") or (not line.strip() and cur is None):
            continue
        if line.startswith("== "):
            cur = {"name": line[3:].strip(), "why": "", "file": None,
                   "kernel": "test", "tests": [], "pairs": []}
            mutants.append(cur)
            continue
        if cur is None:
            continue
        if line.startswith("- "):
            if not cur["pairs"] or cur["pairs"][-1][1]:
                cur["pairs"].append([[], []])
            cur["pairs"][-1][0].append(line[2:])
        elif line.startswith("+ "):
            cur["pairs"][-1][1].append(line[2:])
        elif line.startswith("file: "):
            cur["file"] = line[6:].strip()
        elif line.startswith("kernel: "):
            cur["kernel"] = line[8:].strip()
        elif line.startswith("tests: "):
            cur["tests"] = line[7:].split()
        elif line.strip() and not cur["why"]:
            cur["why"] = line.strip()
    return mutants


def run(cmd, **kw):
    return subprocess.run(cmd, cwd=TOP, **kw)


def build(variant):
    r = run(["tooling/build-kernel.sh", variant], capture_output=True, text=True)
    if r.returncode:
        sys.stderr.write(r.stderr[-3000:])
    return r.returncode == 0


def boot(variant, tests, tag):
    """Boot @variant with the mutant job; the verdict and what decided it."""
    kunit = "kunit" in tests
    specs = [t for t in tests if t != "kunit"]
    out = os.path.join(LOGS, f"mutant-{variant}-{tag}.out")
    console = os.path.join(LOGS, f"mutant-{variant}-{tag}.console.log")
    kparams = ["-k", "sysctl.vm.oom_badness_policy=1"]
    r = run(["tooling/vm.sh", variant, "-q", "-n", tag, "-t", "1500"] + kparams +
            ["--", "mutant"] + specs, capture_output=True, text=True)
    text = open(out, errors="replace").read() if os.path.exists(out) else ""
    splat = run(["tooling/splats.sh", console], capture_output=True, text=True)
    if splat.returncode:
        return "killed", "splat: " + splat.stdout.strip().split("\n")[0].strip()
    if kunit:
        kmsg = text.split("OOMKIT-KMSG-BEGIN", 1)[-1].split("OOMKIT-KMSG-END", 1)[0]
        kpath = out + ".kmsg"
        open(kpath, "w").write(kmsg)
        k = run(["tooling/kunit.sh", "parse", kpath], capture_output=True, text=True)
        failed = [l for l in k.stdout.split("\n") if l.startswith(("[FAILED]", "[CRASHED]"))
                  and "oom_badness_test" in l]
        if failed:
            return "killed", "kunit: " + failed[0].split()[1]
        if k.returncode:
            return "error", "kunit.py parse failed"
    res = run(["python3", "tooling/results.py", out, "m"], capture_output=True, text=True).stdout
    fails = [l[len("FAIL m: "):] for l in res.split("\n") if l.startswith("FAIL ")]
    if "OOMKIT-END" not in text:
        return "timeout", f"the VM did not finish ({', '.join(fails[:1]) or 'no failure'})"
    if fails:
        return "killed", fails[0]
    return "survived", ""


def main():
    # a stopped run must still restore the mutated file (the finally below)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("[oomkit] stopped"))
    mutants = parse(os.path.join(TOOL, "mutants.txt"))
    only = [m for m in os.environ.get("MUTANTS", "").split(",") if m]
    if only:
        mutants = [m for m in mutants if m["name"] in only]
    if subprocess.run(["git", "-C", SRC, "diff", "--quiet"]).returncode:
        sys.exit("[oomkit] FATAL: build/linux has edits: 'make sync' or 'make reset-tree' first")
    os.makedirs(LOGS, exist_ok=True)
    t0 = time.time()

    # each mutant must apply exactly, before anything is built
    for m in mutants:
        src = open(os.path.join(SRC, m["file"])).read()
        for find, _ in m["pairs"]:
            n = src.count("\n".join(find) + "\n")
            if n != 1:
                sys.exit(f"[oomkit] FATAL: mutant {m['name']}: its text occurs {n} times in {m['file']}")

    if run(["make", "-s", "initramfs"]).returncode:
        sys.exit("[oomkit] FATAL: make initramfs failed")
    for variant in sorted({m["kernel"] for m in mutants}):
        tests = sorted({t for m in mutants if m["kernel"] == variant for t in m["tests"]})
        print(f"[oomkit] unmutated {variant} kernel: {' '.join(tests)}", flush=True)
        if not build(variant):
            sys.exit(f"[oomkit] FATAL: the unmutated {variant} kernel does not build")
        verdict, why = boot(variant, tests, "base")
        if verdict != "survived":
            sys.exit(f"[oomkit] FATAL: the unmutated {variant} kernel is not green: {verdict}: {why}")

    rows = []
    for m in mutants:
        path = os.path.join(SRC, m["file"])
        orig = open(path).read()
        src = orig
        for find, repl in m["pairs"]:
            src = src.replace("\n".join(find) + "\n", "\n".join(repl) + "\n", 1)
        t = time.time()
        try:
            open(path, "w").write(src)
            if build(m["kernel"]):
                verdict, why = boot(m["kernel"], m["tests"], "m")
            else:
                # a mutant that does not compile tests nothing: fix the list
                verdict, why = "broken", "the mutated kernel does not build"
        finally:
            open(path, "w").write(orig)
        rows.append((m["name"], m["kernel"], verdict, why, time.time() - t))
        print(f"[oomkit] {m['name']}: {verdict.upper()} {why} ({time.time() - t:.0f}s)", flush=True)

    for variant in sorted({m["kernel"] for m in mutants}):
        build(variant)     # leave the unmutated kernels behind
    print()
    w = max(len(r[0]) for r in rows)
    print(f"{'mutant':<{w}}  kernel  verdict   killed by")
    for name, kernel, verdict, why, secs in rows:
        print(f"{name:<{w}}  {kernel:<6}  {verdict.upper():<8}  {why}")
    killed = sum(r[2] == "killed" for r in rows)
    print(f"make mutants took {time.time() - t0:.0f}s")
    print(f"{killed} killed, {len(rows) - killed} survived")
    sys.exit(0 if killed == len(rows) else 1)


if __name__ == "__main__":
    main()
