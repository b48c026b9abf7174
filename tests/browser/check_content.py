#!/usr/bin/env python3
"""Check that a release's html/ says what its JSONL files say.

    python3 tests/browser/check_content.py RELEASE_DIR

Every scenario has its page and one index row; a page shows the title,
the behaviors in consensus order with their labels, superhuman flags,
features and thoughts, one rankings column per ranker, the agreement, the
source path and, on quest turns, links to the previous and next turns;
the taxonomy counts, the statistics charts and the quests page match the
records. Prints "not ok" lines and a summary; exits 1 on any mismatch.
"""
import html.parser
import json
import os
import re
import sys
from collections import Counter, defaultdict

VOID = {"meta", "link", "img", "br", "hr", "input", "rect", "source", "wbr"}


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        self.children = []

    def text(self):
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self):
        for c in self.children:
            if isinstance(c, Node):
                yield c
                yield from c.iter()

    def find_all(self, tag=None, cls=None, **attrs):
        out = []
        for n in self.iter():
            if tag and n.tag != tag:
                continue
            if cls and cls not in (n.attrs.get("class") or "").split():
                continue
            if any(n.attrs.get(k.replace("_", "-")) != v for k, v in attrs.items()):
                continue
            out.append(n)
        return out

    def find(self, *a, **k):
        r = self.find_all(*a, **k)
        return r[0] if r else None


class Tree(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", [], None)
        self.cur = self.root

    def handle_starttag(self, tag, attrs):
        n = Node(tag, attrs, self.cur)
        self.cur.children.append(n)
        if tag not in VOID:
            self.cur = n

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, attrs, self.cur))

    def handle_endtag(self, tag):
        n = self.cur
        while n is not self.root and n.tag != tag:
            n = n.parent
        if n is not self.root:
            self.cur = n.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def parse(path):
    t = Tree()
    with open(path, encoding="utf-8") as f:
        t.feed(f.read())
    t.close()
    return t.root


problems = 0


def expect(cond, what):
    global problems
    if not cond:
        problems += 1
        print("not ok - " + what)


def ws(s):
    return " ".join(s.split())


def main(release):
    h = os.path.join(release, "html")
    def kind(k):  # every split of data/<k>/
        return [json.loads(l) for s in ("train", "validation", "test")
                for l in open(os.path.join(release, "data", k, s + ".jsonl"), encoding="utf-8")]
    recs = sorted(kind("scenarios"), key=lambda r: r["id"])
    episodes = sorted(kind("episodes"), key=lambda r: r["quest"])
    ids = [r["id"] for r in recs]
    pages = sorted(f[:-5] for f in os.listdir(os.path.join(h, "s")))
    expect(pages == sorted(ids), "one page per scenario: %s vs %s" % (pages[:5], ids[:5]))

    # index
    idx = parse(os.path.join(h, "index.html"))
    rows = idx.find("table", id="scenarios").find("tbody").find_all("tr")
    expect([r.find("a").attrs["href"] for r in rows] == ["s/%s.html" % i for i in ids],
           "index rows link every scenario in id order")
    for r, rec in zip(rows, recs):
        expect(r.find("a").text() == rec["title"], "index title of %s" % rec["id"])
        expect(r.attrs.get("data-split") == rec["split"], "index split of %s" % rec["id"])
        expect(r.attrs.get("data-capabilities", "").split() == rec["capabilities"],
               "index capabilities of %s" % rec["id"])
        cells = r.find_all("td")
        expect(cells[2].text().startswith(str(len(rec["behaviors"]))), "index behavior count of %s" % rec["id"])
        want = "n/a" if rec["agreement"] is None else "%.2f" % rec["agreement"]
        expect(ws(cells[3].text()) == want, "index agreement of %s: %r vs %r" % (rec["id"], cells[3].text(), want))
    form = idx.find("form", id="filters")
    expect(form is not None and "hidden" in form.attrs, "the filter form is hidden until the script runs")
    for name in ("q", "capability", "feature", "label", "split", "origin"):
        el = form.find(None, name=name) if form else None
        expect(el is not None and el.parent.tag == "label", "filter %s has a label" % name)

    # scenario pages
    turns = {}
    for e in episodes:
        for k, t in enumerate(e["turns"]):
            turns[t["id"]] = (e["quest"], k, e["turns"])
    for rec in recs:
        page = parse(os.path.join(h, "s", rec["id"] + ".html"))
        sid = rec["id"]
        expect(page.find("h1").text() == rec["title"], "%s: h1 is the title" % sid)
        expect(page.find("title").text().startswith(rec["title"]), "%s: <title>" % sid)
        order = [b for g in rec["consensus"] for b in g]
        items = page.find("ol", cls="behaviors").find_all("li", cls="behavior")
        expect([i.attrs["id"] for i in items] == ["b-" + b for b in order],
               "%s: behaviors in consensus order" % sid)
        byid = {b["id"]: b for b in rec["behaviors"]}
        for li in items:
            b = byid[li.attrs["id"][2:]]
            badges = [ws(s.text()) for s in li.find_all("span", cls="badge")]
            expect(b["label"] in badges, "%s/%s: label badge" % (sid, b["id"]))
            expect(("superhuman" in badges) == bool(b["superhuman"]), "%s/%s: superhuman flag" % (sid, b["id"]))
            expect([a.text() for a in li.find_all("a", cls="feat")] == b["features"],
                   "%s/%s: features" % (sid, b["id"]))
            d = li.find("details", cls="thoughts")
            expect(d is not None and d.find("summary") is not None and "open" not in d.attrs,
                   "%s/%s: thoughts collapsed in <details>" % (sid, b["id"]))
        table = page.find("table", cls="rankings")
        heads = [ws(th.text()) for th in table.find("thead").find_all("th")]
        expect(heads[3:] == [r["by"] for r in rec["rankings"]], "%s: a column per ranker %s" % (sid, heads))
        expect(all(th.attrs.get("scope") in ("col", "row") for th in table.find_all("th")), "%s: th scope" % sid)
        body = table.find("tbody").find_all("tr")
        for tr, bid in zip(body, order):
            cells = [ws(td.text()) for td in tr.find_all("td")]
            for k, rk in enumerate(rec["rankings"]):
                pos = next(i for i, g in enumerate(rk["order"]) if bid in g) + 1
                tie = "=" if len(next(g for g in rk["order"] if bid in g)) > 1 else ""
                expect(cells[2 + k] == "%d%s" % (pos, tie),
                       "%s: %s ranked %s by %s, page says %s" % (sid, bid, pos, rk["by"], cells[2 + k]))
        agr = page.find("p", cls="agreement").find("strong").text()
        want = "n/a" if rec["agreement"] is None else "%.2f" % rec["agreement"]
        expect(agr == want, "%s: agreement %s vs %s" % (sid, agr, want))
        expect(rec["source"] in page.text(), "%s: source path" % sid)
        expect(rec["canary"] in page.text(), "%s: canary" % sid)
        nav = page.find("nav", cls="quest-nav")
        if sid in turns:
            q, k, ts = turns[sid]
            expect(nav is not None, "%s: quest navigation" % sid)
            if nav:
                prev = nav.find("a", rel="prev")
                nxt = nav.find("a", rel="next")
                expect((prev.attrs["href"] if prev else None) ==
                       (ts[k - 1]["id"] + ".html" if k else None), "%s: previous turn link" % sid)
                expect((nxt.attrs["href"] if nxt else None) ==
                       (ts[k + 1]["id"] + ".html" if k + 1 < len(ts) else None), "%s: next turn link" % sid)
                expect("turn %d of %d" % (k + 1, len(ts)) in ws(nav.text()), "%s: turn k of n" % sid)
            if k:
                sec = page.find("section", cls="previously")
                expect(sec is not None and ts[k - 1]["chosen"] in sec.text(), "%s: previous turn's choice" % sid)
        else:
            expect(nav is None, "%s: no quest navigation outside quests" % sid)
        expect(("Consequences" in [ws(x.text()) for x in page.find_all("h2")]) == (rec["consequences"] is not None),
               "%s: consequences section" % sid)

    # quests page
    qp = parse(os.path.join(h, "quests.html"))
    secs = qp.find_all("section", cls="quest")
    expect([s.attrs["id"] for s in secs] == ["q-" + e["quest"] for e in sorted(episodes, key=lambda e: e["quest"])],
           "quests page: one section per episode")
    for s, e in zip(secs, sorted(episodes, key=lambda e: e["quest"])):
        links = [a.attrs["href"] for a in s.find_all("a") if a.parent.tag == "h3"]
        expect(links == ["s/%s.html" % t["id"] for t in e["turns"]], "quest %s: turns in order" % e["quest"])
        chosen = [c.text() for c in s.find_all("code") if c.parent.tag == "a" and c.parent.parent.attrs.get("class") == "label"]
        expect(chosen == [t["chosen"] for t in e["turns"]], "quest %s: chosen actions %s" % (e["quest"], chosen))

    # taxonomy counts
    tx = parse(os.path.join(h, "taxonomy.html"))
    fb, fs = Counter(), defaultdict(set)
    cs = Counter()
    for rec in recs:
        for c in rec["capabilities"]:
            cs[c] += 1
        for b in rec["behaviors"]:
            for f in b["features"]:
                fb[f] += 1
                fs[f].add(rec["id"])
    for sec in tx.find_all("section", cls="taxo"):
        sid = sec.attrs["id"]
        t = ws(sec.find("p", cls="muted").text())
        if sid.startswith("f-"):
            f = sid[2:]
            n, m = fb[f], len(fs[f])
            expect(t.startswith("%d behavior%s in %d scenario" % (n, "" if n == 1 else "s", m)),
                   "taxonomy %s: %r, want %d behaviors in %d scenarios" % (f, t, n, m))
        else:
            c = sid[2:]
            expect(t.startswith("%d scenario" % cs[c]), "taxonomy %s: %r, want %d" % (c, t, cs[c]))

    # statistics: the charts and their numbers
    st = parse(os.path.join(h, "stats.html"))
    figs = st.find_all("figure", cls="chart")
    expect(len(figs) == 6 and all(f.find("svg") is not None for f in figs), "statistics: 6 SVG charts")
    for f in figs:
        cap = f.find("figcaption").text()
        if cap.startswith("Scenarios per capability"):
            got = {ws(tr.find("th").text()): int(tr.find("td").text()) for tr in f.find("tbody").find_all("tr")}
            expect(all(got.get(c, 0) == n for c, n in cs.items()), "statistics: scenarios per capability %s" % got)
        if cap.startswith("Scenarios per split"):
            sp = Counter(r["split"] for r in recs)
            got = {ws(tr.find("th").text()): int(tr.find("td").text()) for tr in f.find("tbody").find_all("tr")}
            expect(all(got[k] == sp.get(k, 0) for k in got), "statistics: per split %s" % got)

    print("# %d scenario pages, %d episodes checked, %d problems" % (len(recs), len(episodes), problems))
    return problems


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: check_content.py RELEASE_DIR")
    sys.exit(1 if main(sys.argv[1]) else 0)
