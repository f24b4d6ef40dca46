#!/usr/bin/env python3
"""Write edits made in build/linux back to the repository.

  * New files (not in the base tree) are overlay files: copied to the same
    path in the repository; overlay files deleted in the tree are deleted.
  * The MAINTAINERS entry is written back to the top-level fragment.
  * Changes to upstream files, committed or not, are folded into the patch
    of patches/series that last touched the file.  Commits made in
    build/linux on top of the prepared history become new patches appended
    to the series (their subject and message are kept).
  * An edited upstream file that no patch touches and that is not part of a
    new commit is an error: commit it in build/linux first.

The tree's working files are never rewritten, so the next build stays
incremental; tooling/prepare.sh then adopts the new history.
"""
import os
import re
import subprocess
import sys
import tempfile

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(os.environ.get("BUILD", os.path.join(TOP, "build")), "linux")
ENV = dict(os.environ,
           GIT_COMMITTER_NAME="oomkit", GIT_COMMITTER_EMAIL="oomkit@localhost",
           GIT_COMMITTER_DATE="2000-01-01T00:00:00Z")


def git(*args, cwd=SRC, env=None, input=None, check=True):
    r = subprocess.run(["git", *args], cwd=cwd, env=env or ENV, input=input,
                       capture_output=True, text=input is None or isinstance(input, str))
    if check and r.returncode:
        sys.exit(f"[oomkit] FATAL: git {' '.join(args)}: {r.stderr.strip()}")
    return r.stdout


# Editor and patch leftovers that never belong to the overlay.
JUNK = re.compile(r"(^|/)(\.kunit/|\.#)|(\.o|\.swp|~|\.orig|\.rej)$")


def untracked(env=None):
    return [f for f in lines(git("ls-files", "--others", env=env)) if not JUNK.search(f)]


def die(msg):
    sys.exit(f"[oomkit] FATAL: {msg}")


def lines(s):
    return [l for l in s.split("\n") if l]


def prepared_final():
    return git("rev-parse", "refs/oomkit/prepared").strip()


def main():
    if not os.path.isdir(os.path.join(SRC, ".git")):
        die("no prepared tree: run 'make prepare' first")
    prepared = git("rev-parse", "-q", "--verify", "refs/tags/patched", check=False).strip()
    if not prepared:
        die("build/linux was not prepared by tooling/prepare.sh")
    stack = lines(git("rev-list", "--reverse", f"base..{prepared}"))
    series_file = os.path.join(TOP, "patches", "series")
    series = []
    if os.path.exists(series_file):
        for l in open(series_file):
            l = l.split("#")[0].strip()
            if l:
                series.append(l)
    if len(stack) != len(series):
        die(f"build/linux has {len(stack)} patch commits but patches/series lists {len(series)}; run 'make prepare'")
    # Both sides must not have moved: if the repository changed since the
    # tree was prepared, writing the tree back would undo those changes.
    r = subprocess.run([os.path.join(TOP, "tooling", "prepare.sh"), "--print-final"],
                       capture_output=True, text=True)
    if r.returncode or r.stdout.strip() != prepared_final():
        die("the repository changed since build/linux was prepared; run 'make prepare' first "
            "(it refuses if build/linux has edits too: then keep a copy of your edits, "
            "'make reset-tree', 'make prepare', and apply them again)")

    # The prepared history is base -> patches -> overlay commit; commits
    # made on top of it in build/linux become new patches.
    prepared_tip = git("rev-parse", "refs/oomkit/prepared").strip()
    user_commits = lines(git("rev-list", "--reverse", f"{prepared_tip}..HEAD"))

    # Working tree state, as a tree object (tracked + untracked, not ignored).
    with tempfile.NamedTemporaryFile() as idx:
        env = dict(ENV, GIT_INDEX_FILE=idx.name)
        git("read-tree", "HEAD", env=env)
        git("add", "-u", "-f", ".", env=env)
        # Debian's tree ignores every top-level path in its .gitignore, so
        # untracked files are listed without the ignore rules.
        for f in untracked(env):
            git("add", "-f", "--", f, env=env)
        work_tree = git("write-tree", env=env).strip()

    changed = lines(git("diff", "--name-only", "--no-renames", "base", work_tree))
    base_files = set(lines(git("ls-tree", "-r", "--name-only", "base")))

    # 1. Overlay files and the MAINTAINERS fragment.
    overlay_now = set()
    for f in changed:
        if f in base_files:
            continue
        overlay_now.add(f)
        data = subprocess.run(["git", "cat-file", "blob", f"{work_tree}:{f}"], cwd=SRC,
                              capture_output=True).stdout
        dst = os.path.join(TOP, f)
        if not os.path.exists(dst) or open(dst, "rb").read() != data:
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            open(dst, "wb").write(data)
            print(f"[oomkit] overlay: {f}")
    tracked = lines(subprocess.run(["git", "ls-files"], cwd=TOP, capture_output=True, text=True).stdout)
    for f in tracked:
        if f.split("/")[0] in ("tooling", "patches", ".ci", "results") or "/" not in f:
            continue
        if f.split("/")[0] not in {p.split("/")[0] for p in base_files}:
            continue
        if f not in overlay_now and f not in base_files and os.path.exists(os.path.join(TOP, f)):
            os.unlink(os.path.join(TOP, f))
            print(f"[oomkit] overlay: removed {f}")

    maint_frag = os.path.join(TOP, "MAINTAINERS")
    if os.path.exists(maint_frag):
        title = open(maint_frag).read().splitlines()[0]
        text = subprocess.run(["git", "cat-file", "blob", f"{work_tree}:MAINTAINERS"], cwd=SRC,
                              capture_output=True, text=True).stdout
        m = re.search("^" + re.escape(title) + r"\n(?:[A-Z]:\t.*\n)+", text, re.M)
        if m and m.group(0).strip() + "\n" != open(maint_frag).read().strip() + "\n":
            open(maint_frag, "w").write(m.group(0).strip() + "\n")
            print("[oomkit] MAINTAINERS fragment updated")

    # 2. Upstream files: who owns each one.
    upstream = [f for f in changed if f in base_files and f != "MAINTAINERS"]
    owner = {}
    for i, c in enumerate(stack):
        for f in lines(git("diff-tree", "--no-commit-id", "--name-only", "-r", c)):
            owner[f] = i
    new_patches = []  # (commit, files)
    for c in user_commits:
        files = [f for f in lines(git("diff-tree", "--no-commit-id", "--name-only", "-r", c))
                 if f in base_files and f != "MAINTAINERS"]
        if files:
            new_patches.append((c, files))
    user_owned = {f for _, fs in new_patches for f in fs}
    for f in upstream:
        if f not in owner and f not in user_owned:
            die(f"{f} is changed in build/linux but no patch touches it: commit it there "
                f"(git -C build/linux commit -s) so it becomes a patch, then run 'make sync' again")
    # Files a new commit touches go to that new patch (the last one touching it).
    for n, (c, files) in enumerate(new_patches):
        for f in files:
            owner[f] = len(stack) + n

    # 3. Rebuild the patch commits: the commit owning a file gets the
    # working-tree version of that file, and so does every later commit.
    commits = stack + [c for c, _ in new_patches]
    final_blob = {}
    for f in upstream + [f for f in owner if f in base_files]:
        r = subprocess.run(["git", "rev-parse", "-q", "--verify", f"{work_tree}:{f}"], cwd=SRC,
                           capture_output=True, text=True)
        final_blob[f] = r.stdout.strip() or None
    parent = git("rev-parse", "base").strip()
    base_maint = git("rev-parse", "base:MAINTAINERS").strip()
    new_commits = []
    for i, c in enumerate(commits):
        with tempfile.NamedTemporaryFile() as idx:
            env = dict(ENV, GIT_INDEX_FILE=idx.name)
            git("read-tree", c, env=env)
            git("update-index", "--cacheinfo", f"100644,{base_maint},MAINTAINERS", env=env)
            for f, o in owner.items():
                if o > i or f not in base_files:
                    continue
                blob = final_blob.get(f)
                if blob:
                    git("update-index", "--add", "--cacheinfo", f"100644,{blob},{f}", env=env)
                else:
                    git("update-index", "--force-remove", f, env=env)
            # overlay files never belong to patches
            for f in lines(git("ls-files", env=env)):
                if f not in base_files:
                    git("update-index", "--force-remove", f, env=env)
            tree = git("write-tree", env=env).strip()
        info = git("log", "-1", "--format=%an%x00%ae%x00%aI%x00%B", c)
        an, ae, ad, msg = info.split("\x00", 3)
        env = dict(ENV, GIT_AUTHOR_NAME=an, GIT_AUTHOR_EMAIL=ae, GIT_AUTHOR_DATE=ad)
        parent = git("commit-tree", tree, "-p", parent, env=env, input=msg).strip()
        new_commits.append(parent)

    # 4. Write the patches.
    os.makedirs(os.path.join(TOP, "patches"), exist_ok=True)
    names = list(series)
    for n, (c, _) in enumerate(new_patches):
        subj = git("log", "-1", "--format=%s", c).strip()
        slug = re.sub(r"[^A-Za-z0-9]+", "-", subj).strip("-")[:52]
        names.append(f"{len(series) + n + 1:04d}-{slug}.patch")
    for name, c in zip(names, new_commits):
        text = git("format-patch", "-1", "--stdout", "--zero-commit", "--no-signature",
                   "--no-numbered", c)
        path = os.path.join(TOP, "patches", name)
        if not os.path.exists(path) or open(path).read() != text:
            open(path, "w").write(text)
            print(f"[oomkit] patches/{name} written")
    if len(names) != len(series):
        with open(series_file, "w") as fh:
            fh.write("".join(n + "\n" for n in names))
        print("[oomkit] patches/series updated")
    print("[oomkit] sync done; 'make prepare' (or any build) adopts the tree as it is")


if __name__ == "__main__":
    main()
