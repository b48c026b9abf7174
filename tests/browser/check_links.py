#!/usr/bin/env python3
"""The site's links to the release (tests/cli/t3020-html-links.sh).

  check_links.py RELEASE [REPOSITORY]

Every page's footer links the data files, the card, the manifest, the
checksums, the tarball and its checksum, and the rater guide; every relative
link from a page resolves to a file of the release, except the tarball and its
checksum, which sit beside the release directory and must be named
<name>-<version>.tar.gz[.sha256]. With REPOSITORY, every page links it; without,
no page links anything outside the release. The index's Download section gives
the sizes of the files written before the site, as the manifest has them.
Prints "ok - ..." or "not ok - ..." lines; exits 1 on any problem.
"""
import html.parser
import json
import os
import sys
import urllib.parse

KINDS = ("scenarios", "comparisons", "episodes")
SPLITS = ("train", "validation", "test")


class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hrefs, self.footer, self.in_footer = [], [], 0
        self.rows, self.cells, self.in_download, self.cell = [], None, False, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "footer":
            self.in_footer += 1
        if tag == "section" and a.get("id") == "download":
            self.in_download = True
        if tag == "a" and "href" in a:
            self.hrefs.append(a["href"])
            if self.in_footer:
                self.footer.append(a["href"])
        if self.in_download and tag == "tr":
            self.cells = []
        if self.in_download and tag == "td":
            self.cell = ""

    def handle_endtag(self, tag):
        if tag == "footer":
            self.in_footer -= 1
        if tag == "section":
            self.in_download = False
        if self.in_download and tag == "td" and self.cells is not None:
            self.cells.append(self.cell.strip())
            self.cell = None
        if self.in_download and tag == "tr" and self.cells:
            self.rows.append(self.cells)
            self.cells = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data


def size_text(b):
    if b < 1024:
        return "%d bytes" % b
    if b < 1024 * 1024:
        return "%.1f KB" % (b / 1024)
    return "%.1f MB" % (b / (1024 * 1024))


def main():
    release = os.path.abspath(sys.argv[1])
    repo = sys.argv[2] if len(sys.argv) > 2 else None
    htmldir = os.path.join(release, "html")
    with open(os.path.join(release, "manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    mbytes = {f["path"]: f["bytes"] for f in manifest["files"]}
    tarball = "%s-%s.tar.gz" % (manifest["name"], manifest["version"])
    outside_ok = {os.path.join(os.path.dirname(release), tarball),
                  os.path.join(os.path.dirname(release), tarball + ".sha256")}
    want_footer = ["data/%s/%s.jsonl" % (k, s) for k in KINDS for s in SPLITS]
    want_footer += ["README.md", "manifest.json", "SHA256SUMS"]
    bad = 0
    pages = 0

    def fail(msg):
        nonlocal bad
        bad += 1
        print("not ok - " + msg)

    index_rows = None
    for root, _, files in os.walk(htmldir):
        for name in sorted(files):
            if not name.endswith(".html"):
                continue
            path = os.path.join(root, name)
            rel = os.path.relpath(path, htmldir)
            p = Links()
            with open(path, encoding="utf-8") as f:
                p.feed(f.read())
            pages += 1
            if rel == "index.html":
                index_rows = p.rows
            targets = set()
            for h in p.footer:
                u = urllib.parse.urlsplit(h)
                if not u.scheme:
                    targets.add(os.path.normpath(os.path.join(root, urllib.parse.unquote(u.path))))
            for w in want_footer + ["html/rater-guide.html"]:
                if os.path.join(release, w) not in targets:
                    fail("%s: the footer does not link %s" % (rel, w))
            for o in outside_ok:
                if o not in targets:
                    fail("%s: the footer does not link %s" % (rel, os.path.basename(o)))
            if repo and repo not in p.footer:
                fail("%s: the footer does not link the repository %s" % (rel, repo))
            for h in p.hrefs:
                u = urllib.parse.urlsplit(h)
                if u.scheme:
                    if not repo or not h.startswith(repo):
                        fail("%s: a link outside the release: %s" % (rel, h))
                    continue
                if not u.path:
                    continue
                t = os.path.normpath(os.path.join(root, urllib.parse.unquote(u.path)))
                if t in outside_ok:
                    continue
                if not t.startswith(release + os.sep):
                    fail("%s: %s leaves the release" % (rel, h))
                elif not os.path.isfile(t):
                    fail("%s: %s names no file of the release" % (rel, h))
    if index_rows is None:
        fail("no index.html")
        index_rows = []
    sizes = {r[0]: r[2] for r in index_rows if len(r) == 3}
    for w in want_footer[:9] + ["schema/%s.schema.json" % k for k in KINDS]:
        if w not in sizes:
            fail("the Download section does not list %s" % w)
        elif w not in mbytes:
            fail("%s is not in the manifest" % w)
        elif sizes[w] != size_text(mbytes[w]):
            fail("the Download section gives %s as %r, the manifest %d bytes"
                 % (w, sizes[w], mbytes[w]))
    if tarball not in [r[0].split(" ")[0] for r in index_rows]:
        fail("the Download section does not list %s" % tarball)
    print("# %d pages, %d problems" % (pages, bad))
    if not bad:
        print("ok - every page links the release's files%s" % (" and the repository" if repo else ""))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
