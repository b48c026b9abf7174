#!/usr/bin/env python3
"""Drive Debian's Chromium over a built release's html/ from file:// and check
what a person would see (tests/cli/t3010-html-browser.sh runs it).

    python3 tests/browser/check_site.py [--every-page | --tables] RELEASE_DIR OUT_DIR

RELEASE_DIR holds the scenario records (scenarios.jsonl, or the per-split files
under data/scenarios/) and html/; OUT_DIR receives the screenshots (*.png) and
report.json. The expected filter counts come from the records, not from the
page. Any console message, page error, dialog (alert), securitypolicyviolation
event, failed request or request to a non-file: URL is a failure.
--every-page only opens every page of the site (with every <details> opened)
and checks for those: the injection test uses it. --tables checks every
scenario page's rankings table at 390px (it scrolls inside its box, and its
last ranker column can be scrolled fully into view) and the taxonomy page's
contents at 390 and 1280px: for a corpus with many rankers and long ids.

The default run also checks, at 1280 and 390px: full-text search (a word found
only in one scenario's thoughts finds it; expected rows from the records, with
the compiler's word rules), the data links (the index's links resolve to files
of the release; the footer's manifest.json link opens), sorting (arrows and
aria-sort on the headers; on a phone, where the header is hidden, the Sort
menu), the taxonomy page's contents (no two entries overlap) and no
horizontal scrolling of any page but inside a table's box.
Prints "ok - ..." / "not ok - ..." lines; exits 1 on any failure.

Chromium is driven over the DevTools protocol on a pipe (cdp.py), so this
needs only Debian's chromium and python3. Environment: CHROMIUM (default
/usr/bin/chromium).
"""
import glob
import json
import os
import re
import sys
import traceback
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cdp  # noqa: E402

failures = 0
problems = []  # console messages, page errors, CSP violations, outside requests
visited = []
shots = []


def report(ok, what, detail=None):
    global failures
    if ok:
        print("ok - " + what)
    else:
        failures += 1
        print("not ok - " + what + ("" if detail is None else ": " + str(detail)))
    sys.stdout.flush()


def load_records(release):
    files = [os.path.join(release, "scenarios.jsonl")]
    if not os.path.exists(files[0]):
        files = sorted(glob.glob(os.path.join(release, "data", "scenarios", "*.jsonl")))
    recs = []
    for f in files:
        with open(f, encoding="utf-8") as fh:
            recs += [json.loads(line) for line in fh if line.strip()]
    return sorted(recs, key=lambda s: s["id"])


def haystack(s):
    return " ".join([s["title"], s["id"]] + list(s.get("capabilities") or []) +
                    [s.get("split") or "", s.get("origin") or ""] + list(s.get("tags") or []) +
                    [s.get("quest") or ""]).lower()


# The search's words (emit_html.c word_char(), search_words(); site.js):
# runs of ASCII letters and digits and of letters from U+00C0 on (but the
# signs, punctuation and symbols between), ASCII lower-cased, 2 to 40 bytes.
WORD = re.compile("[0-9A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u1FFF\u2C00-\u2FFF"
                  "\u3040-\U0010FFFF]+")


def ascii_lower(t):
    return re.sub("[A-Z]", lambda m: m.group(0).lower(), t)


def words_of(texts):
    return {w for t in texts for w in WORD.findall(ascii_lower(t)) if 2 <= len(w.encode()) <= 40}


def text_words(s):
    return words_of([s["title"], s["scenario"]] + [b["text"] for b in s["behaviors"]] +
                    [b["thoughts"] for b in s["behaviors"]])


def search_match(s, words, query):
    """What site.js shows for query: each of its words is in the row's own
    text (haystack), or all its pieces sit inside words of the scenario."""
    for w in query.split():
        if w.lower() in haystack(s):
            continue
        parts = WORD.findall(ascii_lower(w))
        if not parts or not all(any(p in x for x in words) for p in parts):
            return False
    return True


def behavior_match(s, label, feature):
    return any((not label or b["label"] == label) and
               (not feature or feature in (b.get("features") or [])) for b in s["behaviors"])


# Runs in every page before its own script: CSP violations reach us through a
# binding (CSP does not govern the DevTools protocol).
CSP_HOOK = """
document.addEventListener('securitypolicyviolation', (e) => {
	window.__cspViolation(JSON.stringify({directive: e.violatedDirective,
		blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber}));
});
"""


def watch(page):
    """Record everything a page must not do, and block requests leaving file:."""
    def on(method, p):
        if method == "Runtime.consoleAPICalled":
            text = " ".join(str(a.get("value", a.get("description", ""))) for a in p.get("args", []))
            problems.append({"kind": "console", "type": p.get("type"), "text": text, "page": page.url})
        elif method == "Log.entryAdded":
            e = p["entry"]
            if e.get("source") != "worker":
                problems.append({"kind": "console", "type": e.get("level"), "text": e.get("text"),
                                 "url": e.get("url"), "page": page.url})
        elif method == "Runtime.exceptionThrown":
            d = p["exceptionDetails"]
            problems.append({"kind": "pageerror", "page": page.url,
                             "text": d.get("exception", {}).get("description", d.get("text"))})
        elif method == "Page.javascriptDialogOpening":
            problems.append({"kind": "dialog", "type": p.get("type"), "text": p.get("message"),
                             "page": page.url})
            page.send("Page.handleJavaScriptDialog", {"accept": False})
        elif method == "Runtime.bindingCalled" and p.get("name") == "__cspViolation":
            v = json.loads(p["payload"])
            v.update(kind="csp", page=page.url)
            problems.append(v)
        elif method == "Fetch.requestPaused":
            url = p["request"]["url"]
            if url.startswith("file:"):
                page.send("Fetch.continueRequest", {"requestId": p["requestId"]})
            else:
                problems.append({"kind": "outside-request", "url": url, "page": page.url})
                page.send("Fetch.failRequest", {"requestId": p["requestId"],
                                                "errorReason": "BlockedByClient"})
        elif method == "Network.requestWillBeSent":
            url = p["request"]["url"]
            if not url.startswith(("file:", "data:")):
                problems.append({"kind": "outside-request", "url": url, "page": page.url})
        elif method == "Network.loadingFailed":
            problems.append({"kind": "requestfailed", "error": p.get("errorText"),
                             "page": page.url})
        elif method == "Page.loadEventFired":
            visited.append(page.url)

    page.on_event.append(on)
    page.call("Runtime.addBinding", {"name": "__cspViolation"})
    page.call("Page.addScriptToEvaluateOnNewDocument", {"source": CSP_HOOK})
    page.call("Fetch.enable", {"patterns": [{"urlPattern": "*"}]})


class Site:
    def __init__(self, release, out):
        self.release, self.out = release, out
        self.html = os.path.join(release, "html")
        self.recs = load_records(release)
        self.words = {s["id"]: text_words(s) for s in self.recs}

    def searched(self, query):
        return sum(1 for s in self.recs if search_match(s, self.words[s["id"]], query))

    def thought_word(self):
        """A scenario and a word only its thoughts have (not its title, id,
        tags or other texts), matching as few scenarios as can be."""
        best = None
        for s in self.recs:
            others = words_of([s["title"], s["scenario"]] + [b["text"] for b in s["behaviors"]])
            for w in sorted(words_of([b["thoughts"] for b in s["behaviors"]]) - others):
                if len(w) < 6 or not w.isascii() or not w.isalpha() or w in haystack(s):
                    continue
                if any(w in x for x in others):
                    continue
                k = self.searched(w)
                if best is None or k < best[2]:
                    best = (s, w, k)
                if k == 1:
                    return best
        return best
    def url(self, rel):
        path = os.path.join(self.html, rel)
        return "file://" + "/".join(urllib.parse.quote(c) for c in path.split(os.sep))

    def page(self, browser, width, height, **kw):
        p = browser.new_page(width, height, **kw)
        watch(p)
        return p

    def visible_rows(self, page):
        return page.evaluate("[...document.querySelectorAll('#scenarios tbody tr')]"
                             ".filter((r) => !r.hidden && r.offsetParent !== null).length")

    def rows_become(self, page, n):
        """The visible rows, once they are n (or still not after the guard)."""
        page.wait_until("[...document.querySelectorAll('#scenarios tbody tr')]"
                        ".filter((r) => !r.hidden && r.offsetParent !== null).length === %d" % n,
                        "%d rows" % n, limit=10)
        return self.visible_rows(page)

    def shot(self, page, name, height=2400):
        f = os.path.join(self.out, name + ".png")
        page.screenshot(f, height)
        shots.append(f)

    def no_overflow(self, page, what):
        o = page.evaluate("({sw: document.documentElement.scrollWidth, w: window.innerWidth})")
        report(o["sw"] <= o["w"], what + " has no horizontal scrolling", json.dumps(o))

    def toc_apart(self, page, what):
        """The taxonomy page's contents: each entry's text stays inside the
        entry's own box (its column), and no two entries' boxes overlap."""
        r = page.evaluate("""(() => {
          const rect = (b) => [b.left, b.top, b.right, b.bottom];
          const items = [...document.querySelectorAll('.toc li')].map((li) => {
            const g = document.createRange(); g.selectNodeContents(li);
            return {id: li.textContent.trim().split(' ')[0],
                    boxes: [...li.getClientRects()].map(rect),
                    text: [...g.getClientRects()].filter((b) => b.width > 0 && b.height > 0).map(rect)};
          });
          const hit = (a, b) => a[0] < b[2] - 0.5 && b[0] < a[2] - 0.5 && a[1] < b[3] - 0.5 && b[1] < a[3] - 0.5;
          const inside = (t, b) => t[0] >= b[0] - 0.5 && t[2] <= b[2] + 0.5 && t[1] >= b[1] - 0.5 && t[3] <= b[3] + 0.5;
          const spill = items.filter((it) => it.text.some((t) => !it.boxes.some((b) => inside(t, b))))
            .map((it) => it.id);
          const bad = [];
          for (let i = 0; i < items.length; i++)
            for (let j = i + 1; j < items.length; j++)
              if (items[i].boxes.some((a) => items[j].boxes.some((b) => hit(a, b))))
                bad.push([items[i].id, items[j].id]);
          return {n: items.length, spill: spill, overlaps: bad.slice(0, 5)};
        })()""")
        report(r["n"] > 0 and not r["spill"] and not r["overlaps"],
               "the taxonomy contents' %d entries stay in their columns at %s" % (r["n"], what),
               json.dumps(r))

    def sorted_by(self, page, col, descending):
        vals = page.evaluate("[...document.querySelectorAll('#scenarios tbody tr')]"
                             ".map((r) => parseFloat(r.cells[%d].getAttribute('data-v')))" % col)
        return len(vals) > 0 and all(
            i == 0 or (vals[i - 1] >= v if descending else vals[i - 1] <= v)
            for i, v in enumerate(vals))

    def desktop(self, browser):
        recs, n = self.recs, len(self.recs)
        page = self.page(browser, 1280, 900)
        page.goto(self.url("index.html"))
        report(page.is_visible("#filters"), "the script shows the filter form")
        report(self.visible_rows(page) == n, "the index shows every scenario",
               "%s of %d" % (self.visible_rows(page), n))
        self.shot(page, "index-desktop")

        # the first key press reaches the skip link
        page.press("Tab")
        focused = page.evaluate("document.activeElement && document.activeElement.className")
        report(focused == "skip", "Tab focuses the skip link first", focused)

        # text search: a scenario id; expected from the records
        term = recs[n // 2]["id"]
        want = self.searched(term)
        page.fill("#filters input[name=q]", term)
        got = self.rows_become(page, want)
        report(got == want and want >= 1 and (n == 1 or want < n),
               'searching "%s" shows %d row(s)' % (term, want), got)
        status = page.js("#count", "return el.textContent;")
        report(str(want) in status, "the status line counts the rows", status)
        page.fill("#filters input[name=q]", "")
        report(self.rows_become(page, n) == n, "clearing the search shows every row again")

        # capability filter: the capability closest to half the corpus
        caps = {}
        for s in recs:
            for c in s["capabilities"]:
                caps[c] = caps.get(c, 0) + 1
        cap = sorted(caps, key=lambda c: (abs(caps[c] - n / 2), c))[0]
        page.select_option("#filters select[name=capability]", cap)
        got = self.rows_become(page, caps[cap])
        report(got == caps[cap], "capability %s shows %d row(s)" % (cap, caps[cap]), got)
        self.shot(page, "index-filtered-desktop")

        # label and feature together: the pair that matches some but fewest
        # scenarios, so the filter visibly narrows
        pick = None
        feats = sorted({f for s in recs for b in s["behaviors"] for f in (b.get("features") or [])})
        for f in feats:
            for label in ("desirable", "undesirable"):
                k = sum(1 for s in recs if behavior_match(s, label, f))
                if k and (pick is None or k < pick[2]):
                    pick = (f, label, k)
        if pick:
            f, label, k = pick
            page.select_option("#filters select[name=capability]", "")
            page.select_option("#filters select[name=feature]", f)
            page.select_option("#filters select[name=label]", label)
            got = self.rows_become(page, k)
            report(got == k, "feature %s + label %s shows %d row(s)" % (f, label, k), got)
            page.click("#filters button[type=reset]")
            got = self.rows_become(page, n)
            report(got == n, "Clear shows every row again", got)

        # sorting by a column header button, by keyboard
        page.focus("#scenarios thead th:nth-child(3) button")
        page.press("Enter")
        vals = page.evaluate("[...document.querySelectorAll('#scenarios tbody tr')]"
                             ".map((r) => parseFloat(r.cells[2].getAttribute('data-v')))")
        report(all(i == 0 or vals[i - 1] <= v for i, v in enumerate(vals)),
               "Enter on the Behaviors header sorts the rows")
        ind = page.evaluate("(() => { const th = document.querySelector('#scenarios thead th:nth-child(3)');"
                            " return [th.getAttribute('aria-sort'),"
                            " getComputedStyle(th.querySelector('button'), '::after').content,"
                            " document.querySelectorAll('#scenarios thead th[aria-sort]').length]; })()")
        report(ind[0] == "ascending" and "\u25b2" in ind[1] and ind[2] == 1,
               "the sorted header says so: aria-sort and an arrow", ind)
        page.focus("#scenarios thead th:nth-child(3) button")
        page.press("Enter")
        ind = page.evaluate("(() => { const th = document.querySelector('#scenarios thead th:nth-child(3)');"
                            " return [th.getAttribute('aria-sort'),"
                            " getComputedStyle(th.querySelector('button'), '::after').content]; })()")
        report(self.sorted_by(page, 2, True) and ind[0] == "descending" and "\u25bc" in ind[1],
               "Enter again sorts descending, with the arrow down", ind)

        # full-text search: a word only in one scenario's thoughts
        tw = self.thought_word()
        report(tw is not None, "the corpus has a word only in some scenario's thoughts")
        if tw:
            s, w, k = tw
            page.fill("#filters input[name=q]", w)
            got = self.rows_become(page, k)
            ids = page.evaluate("[...document.querySelectorAll('#scenarios tbody tr')]"
                                ".filter((r) => !r.hidden).map((r) => r.querySelector('code.id').textContent)")
            report(got == k and s["id"] in ids,
                   'searching "%s" (only in the thoughts of %s) shows it: %d row(s)' % (w, s["id"], k),
                   ids)
            self.shot(page, "index-search-desktop")
            page.fill("#filters input[name=q]", w.upper())
            got = self.rows_become(page, k)
            report(got == k, "the search ignores ASCII case", got)
            page.fill("#filters input[name=q]", "")
            self.rows_become(page, n)

        # the data: the index's links to the release's files resolve
        links = page.evaluate("[...document.querySelectorAll('#download a, footer a')]"
                              ".map((a) => [a.getAttribute('href'), a.href])")
        release_files = [h for rel, h in links if rel.startswith("../") and not rel.startswith("../../")]
        missing = [h for h in release_files
                   if not os.path.isfile(urllib.parse.unquote(urllib.parse.urlsplit(h).path))]
        data = [h for h in release_files if "/data/comparisons/test.jsonl" in h]
        report(len(release_files) >= 14 and not missing and data,
               "the index's %d links to the release's files name existing files" % len(release_files),
               missing[:5])
        page.expect_navigation(lambda: page.click("footer a[href='../manifest.json']"))
        name = page.evaluate("(() => { try { return JSON.parse(document.body.innerText).name; }"
                             " catch (e) { return null; } })()")
        with open(os.path.join(self.release, "manifest.json"), encoding="utf-8") as f:
            want_name = json.load(f)["name"]
        report(page.url.endswith("/manifest.json") and name == want_name,
               "the footer's manifest.json link opens the release's manifest", page.url)
        page.goto(self.url("index.html"))

        # open a scenario: the one searched for
        page.fill("#filters input[name=q]", term)
        self.rows_become(page, want)
        target = next(s for s in recs if s["id"] == term)
        page.expect_navigation(lambda: page.click("#scenarios tbody tr:not([hidden]) a"))
        report(page.url.endswith("/s/" + term + ".html"), "the row link opens the scenario page",
               page.url)
        h1 = page.js("h1", "return el.textContent;").strip()
        report(h1 == target["title"], "the page shows the title", h1)
        nbeh = page.evaluate("document.querySelectorAll('ol.behaviors > li').length")
        report(nbeh == len(target["behaviors"]), "the page lists every behavior", nbeh)
        order = page.evaluate("[...document.querySelectorAll('ol.behaviors > li h3 code')]"
                              ".map((c) => c.textContent)")
        consensus = [b for group in target["consensus"] for b in group]
        report(order == consensus, "behaviors come in consensus order", ",".join(order))
        closed = page.js("details.thoughts", "return !el.open;")
        page.click("details.thoughts summary")
        opened = page.js("details.thoughts", "return el.open;")
        report(closed and opened, "thoughts are collapsed and open on click")
        report(target["canary"] in page.evaluate("document.documentElement.outerHTML"),
               "the page carries the canary")
        self.shot(page, "scenario-desktop")

        # the other pages, and a quest turn's navigation
        for p in ("taxonomy.html", "stats.html", "quests.html", "rater-guide.html"):
            page.goto(self.url(p))
            report(page.evaluate("document.querySelectorAll('h1').length") == 1, p + " loads")
        page.goto(self.url("taxonomy.html"))
        self.toc_apart(page, "1280px")
        self.no_overflow(page, "the taxonomy page at 1280px")
        self.shot(page, "taxonomy-desktop", 1200)
        page.goto(self.url("stats.html"))
        nsvg = page.evaluate("document.querySelectorAll('svg').length")
        report(nsvg >= 5, "the statistics page draws its charts", nsvg)
        self.shot(page, "stats-desktop")
        q = sorted((s for s in recs if s.get("quest")), key=lambda s: (s["quest"], s["turn"]))
        if len(q) > 1 and q[1]["quest"] == q[0]["quest"]:
            page.goto(self.url("s/" + q[0]["id"] + ".html"))
            page.expect_navigation(lambda: page.click(".quest-nav a[rel=next]"))
            report(page.url.endswith("/s/" + q[1]["id"] + ".html"),
                   "a quest turn links to the next turn", page.url)
            self.shot(page, "quest-turn-desktop")

        # a filter preset from a link (taxonomy -> index#capability=...)
        page.goto(self.url("index.html") + "#capability=" + urllib.parse.quote(cap, safe=""))
        got = self.rows_become(page, caps[cap])
        report(got == caps[cap], "index.html#capability=%s presets the filter" % cap, got)
        page.close()

    def phone(self, browser):
        page = self.page(browser, 390, 844, mobile=True)
        page.goto(self.url("index.html"))
        self.no_overflow(page, "the index at 390px")
        self.shot(page, "index-phone")
        # sorting where the header is hidden: the Sort menu
        hidden_head = page.evaluate("document.querySelector('#scenarios thead')"
                                    ".getBoundingClientRect().width <= 1")
        report(hidden_head and page.is_visible("#filters select[name=sort]"),
               "at 390px the table header is hidden and the Sort menu shows")
        opts = page.evaluate("[...document.querySelectorAll('#filters select[name=sort] option')]"
                             ".map((o) => [o.value, o.textContent])")
        want = [o for o in opts if o[0] == "2:-1"]
        report(want and "\u25bc" in want[0][1], "the Sort menu offers each column both ways, with arrows",
               opts[:4])
        page.select_option("#filters select[name=sort]", "2:-1")
        aria = page.evaluate("document.querySelector('#scenarios thead th:nth-child(3)')"
                             ".getAttribute('aria-sort')")
        report(self.sorted_by(page, 2, True) and aria == "descending",
               "choosing Behaviors \u25bc sorts the cards, and the header says so", aria)
        self.shot(page, "index-sorted-phone")
        page.goto(self.url("taxonomy.html"))
        self.no_overflow(page, "the taxonomy page at 390px")
        self.toc_apart(page, "390px")
        page.goto(self.url("s/" + self.recs[0]["id"] + ".html"))
        self.no_overflow(page, "a scenario page at 390px")
        self.shot(page, "scenario-phone")
        page.goto(self.url("stats.html"))
        self.no_overflow(page, "the statistics page at 390px")
        page.goto(self.url("rater-guide.html"))
        self.no_overflow(page, "the rater guide at 390px")
        page.close()

    def tables(self, browser):
        """Every scenario page's rankings table at 390px: the page does not
        scroll sideways, the table's box does, and scrolling the box to its
        end brings the last ranker's column fully into view."""
        page = self.page(browser, 390, 844, mobile=True)
        n, wide = 0, 0
        most = max(len(s["rankings"]) for s in self.recs) if self.recs else 0
        for s in self.recs:
            page.goto(self.url("s/" + s["id"] + ".html"))
            o = page.evaluate("""(() => {
              const box = document.querySelector('table.rankings').closest('.scroll');
              const t = box.querySelector('table'), b = box.getBoundingClientRect();
              box.scrollLeft = box.scrollWidth;
              const last = t.tHead.rows[0].cells[t.tHead.rows[0].cells.length - 1].getBoundingClientRect();
              return {page: document.documentElement.scrollWidth, w: window.innerWidth,
                      box: [b.left, b.right], client: box.clientWidth, scroll: box.scrollWidth,
                      table: t.getBoundingClientRect().width, overflow: getComputedStyle(box).overflowX,
                      last: [last.left, last.right], cols: t.tHead.rows[0].cells.length};
            })()""")
            n += 1
            ok = (o["page"] <= o["w"] and o["box"][1] <= o["w"] + 0.5 and o["cols"] == 3 + len(s["rankings"]) and
                  o["scroll"] + 0.5 >= o["table"] and o["last"][0] >= o["box"][0] - 0.5 and
                  o["last"][1] <= o["box"][1] + 0.5)
            if o["scroll"] > o["client"]:
                wide += 1
                ok = ok and o["overflow"] in ("auto", "scroll")
                if len(s["rankings"]) == most:
                    self.shot(page, "rankings-phone")
            report(ok, "%s: the rankings table (%d rankers) scrolls inside its box at 390px"
                   % (s["id"], len(s["rankings"])), json.dumps(o))
        report(n == len(self.recs) and wide > 0, "checked %d rankings tables, %d wider than the phone"
               % (n, wide))
        page.goto(self.url("taxonomy.html"))
        self.toc_apart(page, "390px")
        self.no_overflow(page, "the taxonomy page at 390px")
        page.close()
        page = self.page(browser, 1280, 900)
        page.goto(self.url("taxonomy.html"))
        self.toc_apart(page, "1280px")
        self.shot(page, "taxonomy-long-ids-desktop", 900)
        page.close()

    def every(self, browser):
        """Open every page, open every disclosure, hover and focus every link."""
        page = self.page(browser, 1280, 900)
        pages = sorted(os.path.join(d, f) for d, _, fs in os.walk(self.html)
                       for f in fs if f.endswith(".html"))
        n = 0
        for f in pages:
            page.goto(self.url(os.path.relpath(f, self.html)))
            page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
            page.evaluate("document.querySelectorAll('a, [tabindex]').forEach((e) => { e.focus();"
                          " e.dispatchEvent(new MouseEvent('mouseover', {bubbles: true})); })")
            page.b.pump(0.02)
            n += 1
            if os.sep + "s" + os.sep in f and not any("every-scenario" in s for s in shots):
                self.shot(page, "every-scenario")
        report(n == len(pages) and n > 0, "opened all %d pages" % n)
        page.close()

    def no_script(self, browser):
        page = self.page(browser, 1024, 768, javascript=False)
        page.goto(self.url("index.html"))
        rows = self.visible_rows(page)
        report(rows == len(self.recs), "without JavaScript the index shows the full table", rows)
        report(not page.is_visible("#filters"), "without JavaScript the filter form stays hidden")
        page.close()


def main(argv):
    mode = argv[0] if argv and argv[0] in ("--every-page", "--tables") else None
    if mode:
        argv = argv[1:]
    if len(argv) != 2:
        print("usage: check_site.py [--every-page | --tables] RELEASE_DIR OUT_DIR", file=sys.stderr)
        return 2
    release, out = (os.path.abspath(a) for a in argv)
    os.makedirs(out, exist_ok=True)
    site = Site(release, out)
    browser = cdp.Browser.launch(os.environ.get("CHROMIUM") or "/usr/bin/chromium")
    try:
        if mode == "--every-page":
            site.every(browser)
        elif mode == "--tables":
            site.tables(browser)
        else:
            site.desktop(browser)
            site.phone(browser)
            site.no_script(browser)
    except Exception:
        report(False, "the browser run finished", traceback.format_exc())
    finally:
        browser.close()
    report(not problems, "no console messages, page errors, CSP violations or outside requests",
           json.dumps(problems[:10]))
    with open(os.path.join(out, "report.json"), "w") as f:
        json.dump({"visited": visited, "shots": shots, "problems": problems,
                   "failures": failures}, f, indent=1)
    print("# %d page loads, %d screenshots, %d problems" % (len(visited), len(shots), len(problems)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
