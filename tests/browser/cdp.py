"""A small client of the Chrome DevTools Protocol for the browser tests.

Chromium is started with --remote-debugging-pipe: it reads commands from its
file descriptor 3 and writes replies and events to its descriptor 4, each
message one JSON text ended by a NUL byte. So the tests need nothing but
Debian's chromium and python3: no WebDriver, no npm package, no WebSocket.

One thread does everything: call() writes a command and reads messages until
its reply comes, handing every event on the way to the listeners; wait_for()
reads until a condition holds. A listener may send() (fire and forget) but not
call(). Every wait has a generous limit (WAIT seconds) that is a hang guard,
not a timing check: when it runs out, the wait raises Timeout.

    browser = Browser.launch(chromium_path)
    page = browser.new_page(width=1280, height=900)
    page.goto("file:///...")
    page.evaluate("document.title")
    browser.close()
"""
import base64
import json
import os
import select
import shutil
import subprocess
import tempfile
import time

WAIT = 60.0  # seconds; a hang guard


class Timeout(Exception):
    pass


class ProtocolError(Exception):
    pass


# the flags the project's tests use (Debian's chromium, as root, headless)
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--remote-debugging-pipe"]


class Browser:
    def __init__(self, proc, rfd, wfd, profile):
        self.proc, self.rfd, self.wfd, self.profile = proc, rfd, wfd, profile
        self.buf = b""
        self.next_id = 0
        self.replies = {}
        self.listeners = []  # callables (session_id, method, params)

    @classmethod
    def launch(cls, executable):
        profile = tempfile.mkdtemp(prefix="corpusc-chromium-")
        # ours: to_chrome (chromium's fd 3), from_chrome (its fd 4); moved
        # above 10 so that the dup2() to 3 and 4 in the child cannot clobber
        # one with the other
        fds = [_high(f) for f in os.pipe() + os.pipe()]
        c_read, p_write, p_read, c_write = fds

        def child():
            os.dup2(c_read, 3)
            os.dup2(c_write, 4)

        env = dict(os.environ, HOME=profile, XDG_CONFIG_HOME=profile, XDG_CACHE_HOME=profile)
        proc = subprocess.Popen(
            [executable] + FLAGS + ["--user-data-dir=" + os.path.join(profile, "data"),
                                    "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=open(os.path.join(profile, "chromium.log"), "wb"),
            pass_fds=(3, 4), preexec_fn=child, env=env)
        os.close(c_read)
        os.close(c_write)
        return cls(proc, p_read, p_write, profile)

    def log_tail(self, n=20):
        try:
            with open(os.path.join(self.profile, "chromium.log"), "rb") as f:
                return b"\n".join(f.read().splitlines()[-n:]).decode("utf-8", "replace")
        except OSError:
            return ""

    # ---- messages -------------------------------------------------------

    def send(self, method, params=None, session=None):
        """Write a command; returns its id. The reply is kept for call()."""
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        data = json.dumps(msg).encode() + b"\0"
        while data:
            n = os.write(self.wfd, data)
            data = data[n:]
        return self.next_id

    def _read_one(self, timeout):
        """Read and dispatch what is there within timeout seconds."""
        if b"\0" not in self.buf:
            r, _, _ = select.select([self.rfd], [], [], timeout)
            if not r:
                return
            chunk = os.read(self.rfd, 1 << 20)
            if not chunk:
                raise ProtocolError("chromium closed the pipe:\n" + self.log_tail())
            self.buf += chunk
        while b"\0" in self.buf:
            raw, self.buf = self.buf.split(b"\0", 1)
            msg = json.loads(raw)
            if "id" in msg:
                self.replies[msg["id"]] = msg
            else:
                for f in list(self.listeners):
                    f(msg.get("sessionId"), msg.get("method"), msg.get("params", {}))

    def call(self, method, params=None, session=None):
        """Send a command and return its result; ProtocolError on an error."""
        cid = self.send(method, params, session)
        self.wait_for(lambda: cid in self.replies, method)
        msg = self.replies.pop(cid)
        if "error" in msg:
            raise ProtocolError("%s: %s" % (method, msg["error"].get("message")))
        return msg.get("result", {})

    def wait_for(self, cond, what, limit=WAIT):
        end = time.monotonic() + limit
        while not cond():
            left = end - time.monotonic()
            if left <= 0:
                raise Timeout("no %s within %d s" % (what, limit))
            self._read_one(min(left, 0.05))

    def pump(self, seconds):
        """Dispatch events for a while (lets a page's timers run)."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self._read_one(end - time.monotonic())

    # ---- pages ----------------------------------------------------------

    def new_page(self, width, height, mobile=False, javascript=True):
        ctx = self.call("Target.createBrowserContext")["browserContextId"]
        tid = self.call("Target.createTarget", {"url": "about:blank",
                                                "browserContextId": ctx})["targetId"]
        sid = self.call("Target.attachToTarget", {"targetId": tid, "flatten": True})["sessionId"]
        return Page(self, ctx, tid, sid, width, height, mobile, javascript)

    def close(self):
        try:
            self.send("Browser.close")
            self.proc.wait(timeout=WAIT)
        except Exception:
            self.proc.kill()
            self.proc.wait()
        for fd in (self.rfd, self.wfd):
            try:
                os.close(fd)
            except OSError:
                pass
        shutil.rmtree(self.profile, ignore_errors=True)


def _high(fd):
    import fcntl
    h = fcntl.fcntl(fd, fcntl.F_DUPFD, 10)
    os.close(fd)
    return h


class Page:
    """One tab in a browser context of its own (like a fresh profile)."""

    def __init__(self, browser, ctx, tid, sid, width, height, mobile, javascript):
        self.b, self.ctx, self.tid, self.sid = browser, ctx, tid, sid
        self.width, self.height = width, height
        self.url = "about:blank"
        self.loads = 0
        self.on_event = []  # callables (method, params) for this page
        browser.listeners.append(self._event)
        c = self.call
        c("Page.enable")
        c("Runtime.enable")
        c("Log.enable")
        c("Network.enable")
        c("Emulation.setFocusEmulationEnabled", {"enabled": True})
        c("Emulation.setDeviceMetricsOverride", {"width": width, "height": height,
                                                 "deviceScaleFactor": 1, "mobile": mobile})
        if mobile:
            c("Emulation.setTouchEmulationEnabled", {"enabled": True, "maxTouchPoints": 1})
        if not javascript:
            c("Emulation.setScriptExecutionDisabled", {"value": True})

    def call(self, method, params=None):
        return self.b.call(method, params, self.sid)

    def send(self, method, params=None):
        return self.b.send(method, params, self.sid)

    def _event(self, sid, method, params):
        if sid != self.sid:
            return
        if method == "Page.frameNavigated" and not params["frame"].get("parentId"):
            self.url = params["frame"]["url"]
        elif method == "Page.loadEventFired":
            self.loads += 1
        for f in list(self.on_event):
            f(method, params)

    def close(self):
        self.b.listeners.remove(self._event)
        self.b.call("Target.closeTarget", {"targetId": self.tid})
        self.b.call("Target.disposeBrowserContext", {"browserContextId": self.ctx})

    # ---- navigation -----------------------------------------------------

    def goto(self, url):
        before = self.loads
        res = self.call("Page.navigate", {"url": url})
        if res.get("errorText"):
            raise ProtocolError("cannot open %s: %s" % (url, res["errorText"]))
        self.b.wait_for(lambda: self.loads > before, "load event for " + url)

    def expect_navigation(self, action):
        """Run action() (a click), then wait for the page it opens to load."""
        before = self.loads
        action()
        self.b.wait_for(lambda: self.loads > before, "navigation")

    # ---- script ---------------------------------------------------------

    def evaluate(self, expression):
        """The value of a JavaScript expression (promises are awaited)."""
        res = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                             "awaitPromise": True})
        if "exceptionDetails" in res:
            d = res["exceptionDetails"]
            raise ProtocolError("evaluate %r: %s" % (
                expression[:80], d.get("exception", {}).get("description", d.get("text"))))
        return res["result"].get("value")

    def js(self, selector, body):
        """Evaluate body with `el` bound to querySelector(selector)."""
        return self.evaluate("(() => { const el = document.querySelector(%s); "
                             "if (!el) throw new Error('no element ' + %s); %s })()"
                             % (json.dumps(selector), json.dumps(selector), body))

    def wait_until(self, expression, what, limit=WAIT):
        """Poll a JavaScript condition; False if it never held."""
        end = time.monotonic() + limit
        while True:
            if self.evaluate(expression):
                return True
            if time.monotonic() > end:
                return False
            self.b.pump(0.02)

    # ---- input ----------------------------------------------------------

    def is_visible(self, selector):
        return self.evaluate(
            "(() => { const el = document.querySelector(%s); if (!el) return false;"
            " const r = el.getBoundingClientRect(), s = getComputedStyle(el);"
            " return r.width > 0 && r.height > 0 && s.visibility !== 'hidden'; })()"
            % json.dumps(selector))

    def click(self, selector):
        """A real mouse click at the middle of the element's first box (a link
        that wraps has one box per line, and the middle of their union can be
        outside all of them)."""
        x, y = self.js(selector, "el.scrollIntoView({block: 'center', inline: 'center'});"
                                 " const r = el.getClientRects()[0] || el.getBoundingClientRect();"
                                 " return [r.left + r.width / 2, r.top + r.height / 2];")
        self.call("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x, "y": y})
        for t in ("mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", {"type": t, "x": x, "y": y,
                                                   "button": "left", "clickCount": 1})

    def press(self, key):
        """Tab or Enter, as the keyboard sends them."""
        code, text = {"Tab": (9, ""), "Enter": (13, "\r")}[key]
        down = {"type": "keyDown" if text else "rawKeyDown", "key": key, "code": key,
                "windowsVirtualKeyCode": code, "nativeVirtualKeyCode": code}
        if text:
            down["text"] = down["unmodifiedText"] = text
        self.call("Input.dispatchKeyEvent", down)
        self.call("Input.dispatchKeyEvent", {"type": "keyUp", "key": key, "code": key,
                                             "windowsVirtualKeyCode": code,
                                             "nativeVirtualKeyCode": code})

    def focus(self, selector):
        self.js(selector, "el.focus();")

    def fill(self, selector, value):
        """Select the field's text and type over it (or delete it)."""
        self.js(selector, "el.focus(); el.select();")
        if value:
            self.call("Input.insertText", {"text": value})
        else:
            self.call("Input.dispatchKeyEvent", {"type": "rawKeyDown", "key": "Delete",
                                                 "code": "Delete",
                                                 "windowsVirtualKeyCode": 46})
            self.call("Input.dispatchKeyEvent", {"type": "keyUp", "key": "Delete",
                                                 "code": "Delete",
                                                 "windowsVirtualKeyCode": 46})

    def select_option(self, selector, value):
        """Choose an option as a person would: the value, then input and change."""
        self.js(selector, "el.value = %s; el.dispatchEvent(new Event('input', {bubbles: true}));"
                          " el.dispatchEvent(new Event('change', {bubbles: true}));"
                % json.dumps(value))

    def screenshot(self, path, max_height=2400):
        """A PNG of the page from the top, at most max_height pixels tall."""
        full = self.evaluate("document.documentElement.scrollHeight")
        data = self.call("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": self.width,
                     "height": min(full, max_height), "scale": 1}})["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))
