#!/usr/bin/env python3
"""Do no harm: compare the kernel's own OOM tests on the patched kernel, run
under each policy, with the same tests on the vanilla kernel.

    compare-intree.py VANILLA.out PATCHED.out

The inputs are the results channels of the "intree" job: TAP sections
headed "OOMKIT-BINARY name@label" (label: vanilla, policy0, policy1) and the
kernel's OOM lines of each run as "kmsg label ...".

Prints the per-test table on stderr and TAP lines on stdout:
  - a test that passes on vanilla must pass under every policy (not ok
    otherwise); a test that failed under one policy and passed under the
    other in the same boot is run again ("OOMKIT-RETRY") and counts by
    that second run, and its line says so; one that fails on vanilla too is reported as skipped, never
    as a pass; one that fails here but was only skipped on vanilla fails;
  - the "oom-kill:", "Killed process" and "oom_reaper:" lines keep vanilla's
    format (numbers, names and paths aside);
  - cpuset- and mempolicy-constrained OOMs happened under every policy and
    killed the eligible task (oomc-hog), as on vanilla.
"""
import re
import sys

TAP = re.compile(r"^(not )?ok \d+ (?:- )?(.*?)(\s+#\s*(SKIP|skip).*)?$")
HOG = "oomc-hog"


def parse(path):
    """Results per label and test, kernel lines per label, the test order,
    and the tests a retry decided: (label, key) -> the first run's state."""
    results, kmsg, order, retried = {}, {}, [], {}
    section, retry = None, False
    for line in open(path, errors="replace"):
        line = line.rstrip("\n")
        if line == "OOMKIT-RETRY":
            retry = True
            continue
        if line.startswith("OOMKIT-BINARY "):
            binary, _, label = line.split()[1].partition("@")
            section = (binary, label, retry)
            retry = False
            continue
        if line.startswith("OOMKIT-BINARY-EXIT"):
            section = None
            continue
        if line.startswith("kmsg "):
            _, label, text = line.split(" ", 2)
            kmsg.setdefault(label, []).append(text)
            continue
        m = TAP.match(line)
        if section and m:
            binary, label, again = section
            state = "skip" if m.group(3) else ("fail" if m.group(1) else "pass")
            # mrelease_test names its size, which doubles on a retry
            key = (binary, re.sub(r"\d+MB", "<n>MB", m.group(2).strip()))
            if key not in order:
                order.append(key)
            first = results.setdefault(label, {}).get(key)
            if again:
                # the retry decides only what failed the first time
                if first != "fail":
                    continue
                retried[(label, key)] = first
            results[label][key] = state
    return results, kmsg, order, retried


def shape(text):
    """The format of an OOM line without its values."""
    if text.startswith("oom-kill:"):
        fields = text[len("oom-kill:"):].split(",")
        return "oom-kill:" + ",".join(
            f if "=" not in f else f.split("=")[0] + "=" +
            (f.split("=", 1)[1] if f.startswith("constraint=") else "V")
            for f in fields)
    text = re.sub(r"\([^)]*\)", "(C)", text)
    return re.sub(r"-?\d+", "N", text)


def kind(text):
    for k in ("oom-kill:", "Killed process", "oom_reaper:"):
        if k in text:
            return k
    return None


def main():
    van_res, van_kmsg, order, _ = parse(sys.argv[1])
    our_res, our_kmsg, our_order, retried = parse(sys.argv[2])
    for key in our_order:
        if key not in order:
            order.append(key)
    vanilla = van_res.get("vanilla", {})
    labels = sorted(our_res)
    if not vanilla or not labels:
        print("not ok - in-tree suites: no results (vanilla: %d, patched: %d)"
              % (len(vanilla), len(labels)))
        return

    name = lambda label: label.replace("policy", "policy ")
    out = sys.stderr
    width = max(len("%s %s" % k) for k in order) + 2
    row = lambda first, cells: out.write(("%-*s " % (width, first) +
                                          " ".join("%-9s" % c for c in cells)).rstrip() + "\n")
    row("in-tree test", ["vanilla"] + [name(l) for l in labels])
    for key in order:
        row("%s %s" % key, [vanilla.get(key, "-")] + [our_res[l].get(key, "missing") for l in labels])

    for label in labels:
        ours = our_res[label]
        for key in order:
            v, o = vanilla.get(key), ours.get(key, "missing")
            what = "%s %s under %s" % (key[0], key[1], name(label))
            again = retried.get((label, key))
            if again:
                what += " (%s, then %s on its retry)" % (again, o)
            if v == "pass" and o != "pass":
                print("not ok - %s: %s, passes on vanilla" % (what, o))
            elif v == "pass":
                print("ok - %s (vanilla: pass)" % what)
            elif v is None:
                print("%s - %s (not run on vanilla)" % ("ok" if o == "pass" else "not ok", what))
            elif o == "pass":
                print("ok - %s (vanilla: %s)" % (what, v))
            elif o == "fail" and v == "fail":
                print("ok - %s # SKIP fails on vanilla too" % what)
            elif o == "skip":
                print("ok - %s # SKIP skipped (vanilla: %s)" % (what, v))
            else:
                # a vanilla skip never hides a failure of ours
                print("not ok - %s: %s (vanilla: %s)" % (what, o, v))

    # the log lines tools parse keep their format
    van_shapes = {}
    for text in van_kmsg.get("vanilla", []):
        if kind(text):
            van_shapes.setdefault(kind(text), set()).add(shape(text))
    for label in labels:
        for k in ("oom-kill:", "Killed process", "oom_reaper:"):
            lines = [t for t in our_kmsg.get(label, []) if kind(t) == k]
            new = sorted({shape(t) for t in lines} - van_shapes.get(k, set()))
            if not lines and k != "oom_reaper:":
                print("not ok - kernel log under %s: no '%s' lines" % (name(label), k))
            elif new:
                print("not ok - kernel log under %s: '%s' lines in a format vanilla does not print: %s"
                      % (name(label), k, new[0]))
            else:
                print("ok - kernel log under %s: '%s' lines in vanilla's format (%d lines)"
                      % (name(label), k, len(lines)))

    # constrained OOMs happened and killed the eligible task
    for label in ["vanilla"] + labels:
        lines = van_kmsg.get(label, []) if label == "vanilla" else our_kmsg.get(label, [])
        for c in ("CONSTRAINT_CPUSET", "CONSTRAINT_MEMORY_POLICY"):
            victims = [re.search(r",task=([^,]*),pid=(\d+)", t).groups()
                       for t in lines if t.startswith("oom-kill:constraint=%s," % c)]
            wrong = [v for v in victims if v[0] != HOG]
            ok = victims and not wrong
            out.write("%s under %s: %d kills, victims: %s\n" % (
                c, name(label), len(victims),
                ", ".join("%s (pid %s)" % v for v in victims) or "none"))
            print("%s - %s OOM under %s killed the eligible task (%d kills%s)" % (
                "ok" if ok else "not ok", c, name(label), len(victims),
                "" if not wrong else ", wrong victim: %s" % wrong[0][0]))


if __name__ == "__main__":
    main()
