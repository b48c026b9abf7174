#!/usr/bin/env python3
"""Static checks over every page of a release's html/ (docs/format.md 5.4).

    python3 tests/browser/check_pages.py RELEASE_DIR

Parses each page with the standard library's HTML tokenizer and checks what
must hold on every page whatever the corpus says:

- a Content-Security-Policy <meta> with the required directives, the corpus
  canary, lang, a viewport, one <main>, a skip link;
- no element outside the set the compiler writes (so no iframe, object,
  style, base, ... from the corpus), no inline script (only the index's search.js and site.js),
  no style attribute, no on* handler;
- every URL attribute is a relative link into the release, an http(s) or
  mailto link (anchors only), or a data:image/(png|gif|jpeg|webp) image:
  nothing is loaded from outside and no script URL survives;
- comments are only cmark's "raw HTML omitted";
- ids are unique and every in-page #fragment link points at one.

Prints one "not ok" line per problem and a summary; exits 1 on any problem.
"""
import html.parser
import json
import os
import re
import sys
import urllib.parse

ALLOWED_TAGS = set("""
html head meta title link body header nav main footer section article aside
h1 h2 h3 h4 h5 h6 p a ul ol li dl dt dd div span code pre em strong blockquote
hr br img q table caption thead tbody tfoot tr th td form label input select
option button details summary figure figcaption svg text rect title script
""".split())
VOID = {"meta", "link", "img", "br", "hr", "input", "rect"}
URL_ATTRS = {"href", "src", "action", "formaction", "data", "poster", "xlink:href",
             "background", "cite", "srcset", "ping", "manifest", "codebase"}
SAFE_IMAGE = re.compile(r"^data:image/(png|gif|jpeg|webp)[;,]", re.I)
REQUIRED_CSP = ["default-src 'none'", "script-src 'self'", "style-src 'self'",
                "img-src 'self' data:"]
OK_COMMENTS = {" raw HTML omitted "}


def scheme_of(url):
    """The scheme a browser would see (it drops tabs/newlines, leading controls)."""
    u = re.sub(r"[\t\n\r]", "", url).lstrip("".join(chr(c) for c in range(0x21)))
    m = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*):", u)
    return m.group(1).lower() if m else ""


class Page(html.parser.HTMLParser):
    def __init__(self, path, rel):
        super().__init__(convert_charrefs=True)
        self.path, self.rel = path, rel
        self.problems = []
        self.csp = []
        self.ids = []
        self.fragments = []
        self.mains = 0
        self.skip = False
        self.lang = None
        self.viewport = False
        self.scripts = []
        self.in_script = False
        self.text = []

    def bad(self, msg):
        self.problems.append(msg)

    def handle_starttag(self, tag, attrs):
        self.check(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self.check(tag, attrs)

    def check(self, tag, attrs):
        a = {}
        for k, v in attrs:
            k = k.lower()
            if k in a:
                self.bad("<%s> repeats attribute %s" % (tag, k))
            a[k] = v if v is not None else ""
        if tag not in ALLOWED_TAGS:
            self.bad("unexpected element <%s %s>" % (tag, attrs))
        for k, v in a.items():
            if k.startswith("on"):
                self.bad("event handler %s=%r on <%s>" % (k, v, tag))
            if k == "style":
                self.bad("inline style on <%s>: %r" % (tag, v))
            if k == "id":
                self.ids.append(v)
            if k in URL_ATTRS:
                self.check_url(tag, k, v)
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "main":
            self.mains += 1
        if tag == "a" and a.get("class") == "skip" and a.get("href") == "#main":
            self.skip = True
        if tag == "meta":
            equiv = a.get("http-equiv", "").lower()
            if equiv == "content-security-policy":
                self.csp.append(a.get("content", ""))
            elif equiv:
                self.bad("<meta http-equiv=%r>" % equiv)
            if a.get("name") == "viewport" and "width=device-width" in a.get("content", ""):
                self.viewport = True
        if tag == "script":
            self.in_script = True
            self.scripts.append(a.get("src"))
            if not a.get("src"):
                self.bad("inline <script>")
        if tag == "link" and a.get("rel") != "stylesheet":
            self.bad("<link rel=%r>" % a.get("rel"))

    def check_url(self, tag, attr, url):
        s = scheme_of(url)
        if tag == "a" and attr == "href":
            if re.match(r"^[/\\][/\\]", url):
                self.bad("host-relative link href=%r" % url)
            elif s in ("", "http", "https", "mailto"):
                if not s and url.startswith("#"):
                    self.fragments.append(url[1:])
                return
            self.bad("unsafe link href=%r" % url)
            return
        if tag == "img" and attr == "src" and SAFE_IMAGE.match(url):
            return
        if tag in ("link", "script", "img") and attr in ("href", "src"):
            if s or url.startswith("//") or url.startswith("/"):
                self.bad("<%s %s=%r> loads from outside the release" % (tag, attr, url))
                return
            target = os.path.normpath(os.path.join(os.path.dirname(self.path),
                                                   urllib.parse.unquote(url.split("#")[0])))
            if not os.path.isfile(target):
                self.bad("<%s %s=%r> names a file not in the release" % (tag, attr, url))
            return
        if tag == "svg" and attr == "xmlns":
            return
        self.bad("URL attribute %s=%r on <%s>" % (attr, url, tag))

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = False

    def handle_data(self, data):
        if self.in_script and data.strip():
            self.bad("script content: %r" % data[:60])
        self.text.append(data)

    def handle_comment(self, data):
        if data not in OK_COMMENTS:
            self.bad("comment <!--%s-->" % data[:60])

    def handle_decl(self, decl):
        if decl.lower() != "doctype html":
            self.bad("declaration <!%s>" % decl)

    def handle_pi(self, data):
        self.bad("processing instruction <?%s>" % data[:40])


def check_release(release):
    htmldir = os.path.join(release, "html")
    canary = None
    with open(os.path.join(release, "manifest.json"), encoding="utf-8") as f:
        canary = json.load(f)["canary"]
    pages, problems = 0, 0
    for root, _, files in os.walk(htmldir):
        for name in sorted(files):
            path = os.path.join(root, name)
            rel = os.path.relpath(path, htmldir)
            if not name.endswith(".html"):
                if rel not in ("site.css", "site.js", "search.js"):
                    print("not ok - unexpected file html/%s" % rel)
                    problems += 1
                continue
            pages += 1
            with open(path, encoding="utf-8") as f:
                src = f.read()
            p = Page(path, rel)
            p.feed(src)
            p.close()
            if not src.startswith("<!DOCTYPE html>"):
                p.bad("no doctype first")
            if len(p.csp) != 1:
                p.bad("%d CSP metas" % len(p.csp))
            else:
                directives = [d.strip() for d in p.csp[0].split(";")]
                for d in REQUIRED_CSP:
                    if d not in directives:
                        p.bad("CSP lacks %r: %r" % (d, p.csp[0]))
                if "unsafe-inline" in p.csp[0] or "unsafe-eval" in p.csp[0]:
                    p.bad("CSP allows unsafe-*")
            if canary not in "".join(p.text):
                p.bad("no canary")
            if p.lang != "en":
                p.bad("html lang=%r" % p.lang)
            if p.mains != 1 or not p.skip or not p.viewport:
                p.bad("landmarks: %d <main>, skip link %s, viewport %s" % (p.mains, p.skip, p.viewport))
            for s in p.scripts:
                if s not in ("site.js", "search.js") or rel != "index.html":
                    p.bad("script src=%r" % s)
            dup = {i for i in p.ids if p.ids.count(i) > 1}
            if dup:
                p.bad("duplicate ids %s" % sorted(dup))
            for frag in p.fragments:
                if urllib.parse.unquote(frag) not in p.ids:
                    p.bad("link to missing #%s" % frag)
            for msg in p.problems:
                print("not ok - html/%s: %s" % (rel, msg))
            problems += len(p.problems)
    print("# %d pages checked, %d problems" % (pages, problems))
    return pages, problems


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: check_pages.py RELEASE_DIR")
    pages, problems = check_release(sys.argv[1])
    sys.exit(1 if problems or not pages else 0)
