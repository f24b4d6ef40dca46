#!/usr/bin/env python3
"""Never worse than stock: oom_scenarios_test on vanilla against policy 0 and 1.

  compare-scenarios.py VANILLA.out PATCHED.out GUIDE.rst

Reads the "# outcome policy=P kills=N dead=role:adj,..." lines each run of
oom_scenarios_test prints after its "RUN scn.NAME.victims_and_kills" line,
and the list of classic wins in the admin guide (the table between the
".. oomkit-classic-wins: begin/end" comments).  Prints the table on stderr
and one TAP line per check on stdout:

  - policy 0 kills exactly whom vanilla kills, as often;
  - policy 1 kills nobody vanilla spares and needs no more kills, unless the
    scenario is a listed classic win (the classic factors chose someone
    else) or a listed cost (they cost a kill, and the episode ends within
    two); even then it never kills a process with a negative oom_score_adj
    that vanilla spares;
  - every listed scenario ran and differs from vanilla.
"""
import re
import sys

RUN = re.compile(r"^#\s+RUN\s+scn\.(\S+)\.victims_and_kills")
OUTCOME = re.compile(r"^# outcome policy=(\S+) kills=(-?\d+) dead=(\S*)$")


def outcomes(path):
    """{scenario: {policy: (kills, frozenset of (role, adj))}}"""
    res, cur = {}, None
    for line in open(path, errors="replace"):
        line = line.rstrip("\n")
        m = RUN.match(line)
        if m:
            cur = m.group(1)
            continue
        m = OUTCOME.match(line)
        if m and cur:
            dead = frozenset(tuple(d.rsplit(":", 1)) for d in m.group(3).split(",") if d)
            res.setdefault(cur, {})[m.group(1)] = (int(m.group(2)), dead)
    return res


def listed(path, block):
    """{scenario: (factor, reason)} from a table of the admin guide."""
    res, on = {}, False
    for line in open(path):
        if f"oomkit-classic-{block}: begin" in line:
            on = True
        elif f"oomkit-classic-{block}: end" in line:
            break
        elif on and line.strip() and not line.startswith("=") and not line.startswith(".."):
            cols = re.split(r"\s{2,}", line.strip(), maxsplit=2)
            if len(cols) == 3 and cols[0] != "Scenario":
                res[cols[0]] = (cols[1], cols[2])
    return res


def classes(dead):
    """How many of each role died: a child's index does not matter (which of
    four identical workers dies is chance), its parent's name does."""
    res = {}
    for role, _ in dead:
        c = re.sub(r"-c\d+$", "-c*", role)
        res[c] = res.get(c, 0) + 1
    return res


def fmt(o):
    if o is None:
        return "-"
    kills, dead = o
    names = ",".join(sorted(r for r, _ in dead)) or "nobody"
    if len(names) > 38:
        names = names[:35] + "..."
    return f"{kills}: {names}"


def main():
    van, pat = outcomes(sys.argv[1]), outcomes(sys.argv[2])
    wins, costs = listed(sys.argv[3], "wins"), listed(sys.argv[3], "costs")
    names = sorted(set(van) | set(pat))
    w = max([len(n) for n in names] + [8])
    print(f"{'scenario':<{w}}  {'vanilla':<42}{'policy 0':<42}{'policy 1':<42}verdict", file=sys.stderr)
    for n in names:
        v = van.get(n, {}).get("vanilla")
        p0 = pat.get(n, {}).get("0")
        p1 = pat.get(n, {}).get("1")
        verdict = ""
        if v is None or p0 is None or p1 is None:
            print(f"not ok - scenario {n} ran on vanilla and under both policies")
            verdict = "missing"
        else:
            if p0[0] == v[0] and classes(p0[1]) == classes(v[1]):
                print(f"ok - policy 0 kills whom vanilla kills: {n}")
            else:
                print(f"not ok - policy 0 kills whom vanilla kills: {n}")
                verdict = "policy 0 differs"
            cv, c1 = classes(v[1]), classes(p1[1])
            extra = {c for c in c1 if c1[c] > cv.get(c, 0)}
            more = p1[0] > v[0]
            # a protected process vanilla spares: never, listed or not
            protected = {r for r, adj in p1[1] if int(adj) < 0 and r not in {x for x, _ in v[1]}}
            if protected:
                print(f"not ok - policy 1 kills {','.join(sorted(protected))} (protected) that vanilla spares: {n}")
                verdict = "kills a protected process"
            elif (n in wins or n in costs) and p1[0] == v[0] and c1 == cv:
                print(f"not ok - {n} is listed in the admin guide but policy 1 does what vanilla does")
                verdict = "stale listing"
            elif not extra and not more:
                print(f"ok - policy 1 never worse than vanilla: {n}")
                verdict = verdict or ("classic win: " + wins[n][0] if n in wins else "same or better")
            elif n in wins:
                print(f"ok - policy 1 differs from vanilla, a classic win ({wins[n][0]}): {n}")
                verdict = verdict or f"classic win: {wins[n][0]}"
            elif n in costs and p1[0] <= 2:
                print(f"ok - policy 1 costs a kill, a listed cost ({costs[n][0]}), {p1[0]} kills: {n}")
                verdict = verdict or f"listed cost: {costs[n][0]}"
            else:
                why = []
                if extra:
                    why.append("kills " + ",".join(sorted(extra)))
                if more:
                    why.append(f"{p1[0]} kills, vanilla {v[0]}")
                if n in costs:
                    why.append("a listed cost beyond the episode's two kills")
                else:
                    why.append("not a listed classic win")
                print(f"not ok - policy 1 {'; '.join(why[:-1])} ({why[-1]}): {n}")
                verdict = "unexplained"
        print(f"{n:<{w}}  {fmt(v):<42}{fmt(p0):<42}{fmt(p1):<42}{verdict}", file=sys.stderr)
    for n in sorted((set(wins) | set(costs)) - set(names)):
        print(f"not ok - the scenario {n} listed in the admin guide ran")


if __name__ == "__main__":
    main()
