#!/usr/bin/env python3
"""`make bench`: measure corpusc against the cost of reading the files.

usage: bench.py CORPUSC N [WORKDIR]
Generates N synthetic scenarios (gen.py), then reports for `cat` (the floor),
`corpusc lint` and `corpusc build`: wall time, files/s, MB/s, peak RSS and
the ratio to cat, measured in the same run (warm page cache: one untimed
read first). Each measurement is the best of 3 runs.
"""
import os
import resource
import subprocess
import sys
import time


def measure(cmd, cwd, runs=3):
    best, rss = None, 0
    for _ in range(runs):
        t0 = time.perf_counter()
        # a fresh python per run would isolate ru_maxrss; instead run under
        # /usr/bin/env with a wrapper that reports the child's own peak
        p = subprocess.run([sys.executable, "-c", WRAP] + cmd, cwd=cwd,
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        dt = time.perf_counter() - t0
        if p.returncode != 0:
            sys.exit("bench: %s failed (exit %d)" % (" ".join(cmd), p.returncode))
        kb = int(p.stdout.decode().strip().splitlines()[-1])
        best = dt if best is None or dt < best else best
        rss = max(rss, kb)
    return best, rss


WRAP = r"""
import resource, subprocess, sys
r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
if r.returncode != 0:
    sys.exit(r.returncode)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def main():
    corpusc = os.path.abspath(sys.argv[1])
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
    work = sys.argv[3] if len(sys.argv) > 3 else "build/bench"
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.abspath(os.path.join(work, "corpus-%d" % n))
    if not os.path.exists(os.path.join(root, "corpus", "corpus.yaml")):
        subprocess.run([sys.executable, os.path.join(here, "gen.py"), root, str(n)], check=True)
    files = []
    for d, _, fs in os.walk(os.path.join(root, "corpus")):
        files += [os.path.join(d, f) for f in fs if f.endswith(".md")]
    files.sort()
    mb = sum(os.path.getsize(f) for f in files) / 1e6
    listing = os.path.join(root, "files.txt")
    with open(listing, "w") as f:
        f.write("\n".join(files) + "\n")
    subprocess.run("xargs cat < files.txt > /dev/null", shell=True, cwd=root, check=True)
    rows = []
    t_cat, r_cat = measure(["sh", "-c", "xargs cat < files.txt > /dev/null"], root)
    rows.append(("cat", t_cat, r_cat))
    t, r = measure([corpusc, "lint", "corpus"], root)
    rows.append(("lint", t, r))
    # each build writes a fresh --out: deleting 20,000 pages just before
    # creating 20,000 more makes ext4's inode allocator the bottleneck, which
    # would measure the file system, not corpusc
    runs = []
    for k in range(3):
        out = "out%d" % k
        subprocess.run(["rm", "-rf", os.path.join(root, out)], check=True)
        runs.append(measure([corpusc, "build", "--out", out, "corpus"], root, runs=1))
    for k in range(3):
        subprocess.run(["rm", "-rf", os.path.join(root, "out%d" % k)], check=True)
    rows.append(("build", min(t for t, _ in runs), max(r for _, r in runs)))
    print("corpusc bench: %d files, %.1f MB, %d cores (%s)" % (len(files), mb, os.cpu_count(),
          os.uname().machine))
    print("%-6s %9s %10s %8s %10s %8s" % ("", "wall s", "files/s", "MB/s", "peak MiB", "x cat"))
    for name, t, r in rows:
        print("%-6s %9.3f %10.0f %8.1f %10.1f %8.2f" % (name, t, len(files) / t, mb / t,
              r / 1024.0, t / t_cat))


if __name__ == "__main__":
    main()
