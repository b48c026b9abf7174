#!/usr/bin/env python3
"""`make bench`: measure corpusc against the cost of reading the files.

usage: bench.py CORPUSC N [WORKDIR] [--scale K]   (peakrss beside CORPUSC)

Generates N synthetic scenarios (gen.py), then reports for `cat` (the floor),
`corpusc lint` and `corpusc build`: wall time, files/s, MB/s, peak RSS and
the ratio to cat, measured in the same run (warm page cache: one untimed read
first). cat and lint are the best of 3 runs; build the best of 3 runs, each
into a fresh output directory.

The build's output is several times its input (comparisons repeat the texts
of each pair, and every scenario gets a page): the summary line says how much
it wrote.

With --scale K it also builds and lints K*N files and prints the peak memory
at both sizes and their ratio (issue 7 asks at most 1.5 for K = 5).

Outputs are deleted only at the end: on ext4 without a journal, creating
files within minutes of deleting many is slow (the inode allocator passes
over recently deleted inodes), which would measure the file system, not
corpusc. For the same reason a second `make bench` soon after a first, or
after `make check`, can report a slower build; the cpu column shows it
(system time).

Where /dev/shm is a tmpfs with room, one more row, "build/shm", builds into
it three times, each time right after deleting the previous output: memory
the kernel just freed is reused, so the row measures corpusc with a warm
page cache, without the disk's file system. (On a virtual machine that
hands free memory back to its host, writing to pages the guest has not
touched for a while costs a fault each, which the disk rows pay and cat,
writing to /dev/null, never does.)
"""
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time


PEAKRSS = None  # bench/peakrss, built by make bench beside corpusc


def run_once(cmd, cwd):
    """Wall time, peak RSS (KiB) and CPU seconds (user + system) of one run
    of cmd (via peakrss, whose own footprint is tiny: a child of Python
    would count Python's pages)."""
    t0 = time.perf_counter()
    p = subprocess.run([PEAKRSS, "sh", "-c", 'exec "$@" >/dev/null 2>&1', "sh"] + cmd,
                       cwd=cwd, stdout=subprocess.PIPE)
    dt = time.perf_counter() - t0
    if p.returncode != 0:
        sys.exit("bench: %s failed (exit %d)" % (" ".join(cmd), p.returncode))
    rss, user, system = p.stdout.decode().strip().splitlines()[-1].split()
    return dt, int(rss), float(user) + float(system)


def best_of(cmds, cwd):
    """The best wall time, the largest peak RSS, and the CPU time of the
    fastest run, over the commands run."""
    runs = [run_once(c, cwd) for c in cmds]
    best = min(runs, key=lambda r: r[0])
    return best[0], max(r[1] for r in runs), best[2]


def corpus(here, work, n):
    """The generated corpus of n files, made again when gen.py has changed."""
    root = os.path.abspath(os.path.join(work, "corpus-%d" % n))
    gen = os.path.join(here, "gen.py")
    with open(gen, "rb") as f:
        stamp = hashlib.sha256(f.read()).hexdigest()
    stamp_file = os.path.join(root, "gen.sha256")
    try:
        with open(stamp_file) as f:
            fresh_enough = f.read().strip() == stamp
    except OSError:
        fresh_enough = False
    if not fresh_enough:
        subprocess.run([sys.executable, gen, root, str(n)], check=True)
        with open(stamp_file, "w") as f:
            f.write(stamp + "\n")
    files = []
    for d, _, fs in os.walk(os.path.join(root, "corpus")):
        files += [os.path.join(d, f) for f in fs if f.endswith(".md")]
    files.sort()
    with open(os.path.join(root, "files.txt"), "w") as f:
        f.write("\n".join(files) + "\n")
    return root, files


def tree_size(path):
    n = size = 0
    for d, _, fs in os.walk(path):
        for f in fs:
            n += 1
            size += os.path.getsize(os.path.join(d, f))
    return n, size


def shm_dir(need):
    """A new directory on /dev/shm when it is a tmpfs with need bytes free."""
    try:
        with open("/proc/mounts") as f:
            tmpfs = any(l.split()[1:3] == ["/dev/shm", "tmpfs"] for l in f)
        if not tmpfs or shutil.disk_usage("/dev/shm").free < need:
            return None
        return tempfile.mkdtemp(prefix="corpusc-bench-", dir="/dev/shm")
    except OSError:
        return None


def fresh(root, name):
    """A path under root that does not exist yet (nothing is deleted)."""
    k = 0
    while os.path.exists(os.path.join(root, "%s%d" % (name, k))):
        k += 1
    return "%s%d" % (name, k)


def main():
    args = sys.argv[1:]
    scale = 0
    if "--scale" in args:
        i = args.index("--scale")
        scale = int(args[i + 1])
        del args[i:i + 2]
    global PEAKRSS
    corpusc = os.path.abspath(args[0])
    PEAKRSS = os.path.join(os.path.dirname(corpusc), "peakrss")
    n = int(args[1]) if len(args) > 1 else 20000
    work = args[2] if len(args) > 2 else "build/bench"
    here = os.path.dirname(os.path.abspath(__file__))
    root, files = corpus(here, work, n)
    mb = sum(os.path.getsize(f) for f in files) / 1e6
    cat = ["sh", "-c", "xargs cat < files.txt > /dev/null"]
    outs = []

    subprocess.run(cat[2], shell=True, cwd=root, check=True)
    rows = [("cat",) + best_of([cat] * 3, root)]
    rows.append(("lint",) + best_of([[corpusc, "lint", "corpus"]] * 3, root))
    # every row reads the files warm, as cat does (a VM may page out what
    # sat idle for a minute: this one's DAMON pages out page cache idle 60 s)
    subprocess.run(cat[2], shell=True, cwd=root, check=True)
    builds = []
    for _ in range(3):
        out = fresh(root, "out")
        outs.append(os.path.join(root, out))
        builds.append([corpusc, "build", "--out", out, "corpus"])
    rows.append(("build",) + best_of(builds, root))
    release = os.path.join(outs[0], os.listdir(outs[0])[0])
    nout, bout = tree_size(release)
    shm = shm_dir(3 * bout)
    if shm:
        subprocess.run(cat[2], shell=True, cwd=root, check=True)
        runs = []
        for _ in range(3):
            shutil.rmtree(os.path.join(shm, "out"), ignore_errors=True)
            runs.append(run_once([corpusc, "build", "--out", os.path.join(shm, "out"), "corpus"],
                                 root))
        shutil.rmtree(shm, ignore_errors=True)
        best = min(runs, key=lambda r: r[0])
        rows.append(("build/shm", best[0], max(r[1] for r in runs), best[2]))

    t_cat = rows[0][1]
    print("corpusc bench: %d files, %.1f MB, %d cores (%s)" % (len(files), mb, os.cpu_count(),
          os.uname().machine))
    print("%-9s %9s %10s %8s %10s %8s %8s" % ("", "wall s", "files/s", "MB/s", "peak MiB",
                                              "x cat", "cpu s"))
    for name, t, r, cpu in rows:
        print("%-9s %9.3f %10.0f %8.1f %10.1f %8.2f %8.2f" % (name, t, len(files) / t, mb / t,
              r / 1024.0, t / t_cat, cpu))
    print("build wrote %d files, %.0f MB" % (nout, bout / 1e6))
    if shm:
        print("build/shm: into /dev/shm (tmpfs), each run right after deleting the last output")

    if scale > 1:
        big_root, big_files = corpus(here, work, n * scale)
        subprocess.run(cat[2], shell=True, cwd=big_root, check=True)
        out = fresh(big_root, "out")
        outs.append(os.path.join(big_root, out))
        t_big, r_big, _ = run_once([corpusc, "build", "--out", out, "corpus"], big_root)
        tl_big, rl_big, _ = run_once([corpusc, "lint", "corpus"], big_root)
        print("scale  %d files: build %.1f s, peak %.1f MiB (%.2f x the peak at %d); "
              "lint %.1f s, peak %.1f MiB (%.2f x)" %
              (len(big_files), t_big, r_big / 1024.0, r_big / rows[2][2], len(files),
               tl_big, rl_big / 1024.0, rl_big / rows[1][2]))

    for o in outs:
        shutil.rmtree(o, ignore_errors=True)


if __name__ == "__main__":
    main()
