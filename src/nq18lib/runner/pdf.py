"""PDF: report pages printed on A4 by one Chromium, from one page kept open for a whole run.

:class:`PdfPrinter` starts the system Chromium itself (headless, network cut off) and drives
it through playwright. The first report is loaded as a page; plotly.js is unpacked and
compiled there once, and every later report of the same template (the same head but for its
title) has its title and body swapped into that same page (:data:`SWAP_JS`), its charts
drawn and fitted, then printed on A4 at the printable width.

A printer that fails, hangs or crashes is bounded: the browser must be ready within
:data:`START_TIMEOUT` seconds and each page printed within the printer's ``timeout``; past
that the browser's process group is killed, the browser restarted and the page tried once
more, else the page fails with a one-line :class:`~nq18lib.exceptions.ReportError`.
:func:`find_browser` looks for the browser in ``--browser``, ``$NQ18_CHROMIUM``, then on
``PATH``: Chromium's headless shell first (:data:`BROWSER_NAMES`), then the full browser.

Playwright is imported inside the functions that need it.
"""

from __future__ import annotations

import collections
import contextlib
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from nq18lib.exceptions import BrowserNotFoundError, ReportError
from nq18lib.paths import PUBLISHED_MODE
from nq18lib.runner.html import A4_PRINT_WIDTH_PX

BROWSER_NAMES = (
    "chromium-headless-shell",
    "chrome-headless-shell",
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
)
"""Executables looked for on ``PATH``, best first.

The headless shell (Debian's ``chromium-headless-shell``, Google's ``chrome-headless-shell``)
is Chromium's rendering engine without the browser around it. It prints the same pages
(the same text and page count; the same pixels at 50 dpi on 85 % of the pages of the
synthetic reports, a few antialiased pixels off on the others) at a lower cost: measured
on 20 synthetic reports (2 cores, the same run), its start cost 0.45 core-s against 2.4
for the full browser (whose new headless mode starts two WebUI renderers of its own), the
first report 4.1 against 7.7 core-s, each later one about 5 % less."""


def find_browser(explicit: str | os.PathLike | None = None) -> str:
    """Return the path of a Chromium executable.

    Looks at ``explicit`` (``--browser``), then ``$NQ18_CHROMIUM``, then each of
    :data:`BROWSER_NAMES` on ``PATH``.

    Raises
    ------
    BrowserNotFoundError
        When none is found, or an explicit path is not an executable file.
    """
    for given, origin in ((explicit, "--browser"), (os.environ.get("NQ18_CHROMIUM"), None)):
        if given:
            found = shutil.which(str(given))
            if found:
                return _unwrapped(found)
            raise BrowserNotFoundError(
                f"{origin or '$NQ18_CHROMIUM'}: {given} is not an executable Chromium"
            )
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return _unwrapped(found)
    raise BrowserNotFoundError(
        "no Chromium found for PDFs (looked for --browser, $NQ18_CHROMIUM, "
        + ", ".join(BROWSER_NAMES)
        + "); install it (Debian/Ubuntu: sudo apt-get install chromium fonts-noto-core) "
        "or pass --browser PATH"
    )


SHELL_BINARY = re.compile(rb"(/[^\s\"';]+/(?:chromium|chrome)-headless-shell)(?=[\s\"';]|$)")
"""An absolute path to a headless shell's binary, in the script that wraps it."""


def _unwrapped(path: str) -> str:
    """Return the headless shell's binary for a script that only wraps it, else ``path``.

    Debian's ``/usr/bin/chromium-headless-shell`` is a ``sh`` script that runs
    ``/usr/lib/chromium/chromium-headless-shell`` as its child instead of replacing itself
    with it: the browser would then not die with the run when the run is killed (it is
    the script that the run's death signal reaches). The full browser's scripts ``exec``.

    Examples
    --------
    >>> _unwrapped("/no/such/chromium-headless-shell")
    '/no/such/chromium-headless-shell'
    """
    if not os.path.basename(path).endswith("-headless-shell"):
        return path
    try:
        with open(path, "rb") as script:
            head = script.read(4096)
    except OSError:
        return path
    if not head.startswith(b"#!"):
        return path
    for match in SHELL_BINARY.finditer(head):
        binary = os.fsdecode(match.group(1))
        if os.path.isfile(binary) and os.access(binary, os.X_OK) and binary != path:
            return binary
    return path


def published_mode() -> int:
    """Return the mode of a published PDF: :data:`~nq18lib.paths.PUBLISHED_MODE` less umask."""
    mask = os.umask(0)
    os.umask(mask)
    return PUBLISHED_MODE & ~mask


PAGE_LIFETIME = 40
"""Reports printed in one kept page before it is closed and a new one opened.

A renderer that swaps report after report into one page keeps some of the memory that
each report's layout and print used (Blink's and the print's own, not JavaScript's): over
120 synthetic reports its own memory grew from 504 to 733 MB, and stayed between 410 and
585 MB with a new page every 20. A new page is a new renderer process (the old one ends
with its page), at the cost of one more page load with plotly.js unpacked and compiled,
spread over the reports the page prints."""

START_TIMEOUT = 20.0
"""Seconds a browser has to start and accept the printer's connection."""

EXIT_GRACE = 5.0
"""Seconds to wait for the exit code of a browser whose output ended before it was ready."""

CHARTS_DRAWN_JS = """() => {
  const charts = [...document.querySelectorAll('.plotly-graph-div')];
  if (charts.length && typeof window.Plotly === 'undefined') return false;
  return charts.every(d => d._fullLayout && d.querySelector('.main-svg')
                           && !d.querySelector('.plotly-notifier .notifier-note'));
}"""
"""True once every plotly chart of the page has its SVG drawn."""

SWAP_JS = """async ([html, base]) => {
  for (const old of document.querySelectorAll('.js-plotly-plot')) {
    if (old._fullLayout) window.Plotly.purge(old);
  }
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const root = document.documentElement;
  for (const name of root.getAttributeNames()) root.removeAttribute(name);
  for (const attr of doc.documentElement.attributes) root.setAttribute(attr.name, attr.value);
  document.title = doc.title;
  let link = document.head.querySelector('base');
  if (!link) {
    link = document.createElement('base');
    document.head.prepend(link);
  }
  link.href = base;
  document.body.replaceWith(document.adoptNode(doc.body));
  const drawn = [];
  for (const chart of document.querySelectorAll('script[type="application/x-nq18-chart"]')) {
    drawn.push((0, eval)(chart.textContent));
  }
  await Promise.all(drawn);
  if (typeof window.nq18FitAll === 'function') await window.nq18FitAll();
  await document.fonts.ready;
  await new Promise(done => requestAnimationFrame(() => done(true)));
  return true;
}"""
"""Swap a report into the page where plotly.js already runs: its title and body.

Only reports whose head is the page's own but for the title are swapped (the same
template: style sheets and scripts are not sent and parsed again); the others are loaded.
Scripts of a parsed document do not run when moved into the page: only the charts' own
drawing scripts are evaluated, then the charts fitted to the page (the template's
``nq18FitAll``), as the report's page itself does after unpacking plotly.js. The ``<base>``
element resolves the report's relative links as if it had been loaded."""

UNLINK_LOCAL_JS = """() => {
  for (const a of document.querySelectorAll('a[href]')) {
    const href = a.getAttribute('href');
    if (!href.startsWith('#') && a.protocol === 'file:') a.removeAttribute('href');
  }
  return true;
}"""
"""Drop the links of a page to files beside it before it is printed.

A PDF stores links as absolute addresses: a link to ``audit.html`` would carry the build
folder (``file:///srv/build/reports/…``), which no reader of a mailed PDF can open. Its
words stay; links to the web and within the page (``#…``) stay links."""

FOOTER_JS = """(rules) => {
  let style = document.getElementById('nq18-print-footer');
  if (rules === null) {
    if (style) style.remove();
    return true;
  }
  if (!style) {
    style = document.createElement('style');
    style.id = 'nq18-print-footer';
    document.head.append(style);
  }
  style.textContent = rules;
  return true;
}"""
"""Put the running footer's ``@page`` rule in the page (None: take it out)."""

PACKED_PLOTLY_TYPE = 'type="application/x-nq18-plotly-gzip-base64"'
"""The attribute of the template's packed plotly.js (looked up with ``str.find``: a regular
expression across the page's 2 MB costs a tenth of a core-second a report)."""
READY = re.compile(r"DevTools listening on (ws://\S+)")


class PdfPrinter:
    """One headless Chromium that prints any number of HTML files to A4 PDF.

    Use as a context manager::

        with PdfPrinter(find_browser()) as printer:
            printer.print_pdf("reports/ha-nam/party.html", "reports/ha-nam/party.pdf")

    Pages are laid out at the printable width of A4 with print media, every request that is
    not a local file is refused, and printing waits until every plotly chart has drawn.
    The browser lives in a thread of its own (so printing also works where an asyncio loop
    runs, as in JupyterLab); :meth:`submit` queues a file and returns a future at once.
    When the ``playwright`` package is missing, each file is printed by its own
    ``chromium --headless --print-to-pdf`` (slower, same result).

    Parameters
    ----------
    browser : str
        Path of the Chromium executable (see :func:`find_browser`).
    timeout : float
        Seconds a page has to load, draw its charts and print; past that the browser is
        killed and restarted, and the page tried once more.
    swap : bool
        Swap each report into one page kept open (plotly.js compiled once); when False
        every report is loaded as a page of its own (slower, for comparison).
    arguments : sequence of str
        More command-line arguments for the browser.
    page_lifetime : int
        Reports printed in one page before it is replaced by a new one (a new renderer
        process): see :data:`PAGE_LIFETIME`.
    """

    def __init__(
        self,
        browser: str,
        timeout: float = 60.0,
        swap: bool = True,
        arguments: Sequence[str] = (),
        page_lifetime: int = PAGE_LIFETIME,
    ):
        self.browser = browser
        self.page_lifetime = max(1, page_lifetime)
        self.timeout = timeout
        self.swap = swap
        self.arguments = tuple(arguments)
        self._playwright: Any = None
        self._browser: Any = None
        self._page: Any = None
        self._context: Any = None
        self._page_reports = 0
        self._primed = False
        self._process: subprocess.Popen | None = None
        self._profile: tempfile.TemporaryDirectory | None = None
        self._stderr: collections.deque[str] = collections.deque(maxlen=20)
        self._thread: Any = None
        self._command = False
        self._dead: ReportError | None = None
        self.restarts = 0
        """How many times the browser was killed and started again."""
        self.blocked: list[str] = []
        """URLs the pages tried to load and were refused (should stay empty)."""
        self.durations: dict[str, float] = {}
        """Seconds each PDF took to print, by path."""
        self.swapped = 0
        """Pages printed by swapping the report into the kept page."""
        self.loaded = 0
        """Pages printed by loading the report as a page (the first, and after a fault)."""
        self.pages = 0
        """Pages opened to print in (one a browser start and one a :data:`PAGE_LIFETIME`)."""
        self._head: str | None = None

    @property
    def pid(self) -> int | None:
        """The browser's process id (None when not running or printing by command)."""
        return self._process.pid if self._process is not None else None

    def __enter__(self) -> PdfPrinter:
        """Start the browser (in the printer's thread)."""
        from concurrent.futures import ThreadPoolExecutor

        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="nq18-pdf")
        try:
            self._thread.submit(self._start).result()
        except BaseException:
            self.close()
            raise
        return self

    # ------------------------------------------------------------------ the browser

    def _start(self) -> None:
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:
            self._command = True
            return
        self._launch()
        try:
            if self._playwright is None:
                self._playwright = sync_playwright().start()
            self._browser = self._playwright.chromium.connect_over_cdp(
                self._endpoint, timeout=START_TIMEOUT * 1000
            )
            context = self._browser.new_context(
                viewport={"width": A4_PRINT_WIDTH_PX, "height": 1000}, java_script_enabled=True
            )
            context.route("**/*", self._route)
            self._context = context
            self._new_page()
        except Exception as err:
            self._close()
            raise ReportError(f"cannot start {self.browser}: {_first_line(err)}") from None

    def _new_page(self) -> None:
        """Open the page reports are printed in (closing the one before, and its renderer)."""
        old, self._page = self._page, None
        if old is not None:
            old.close()
        self._page = self._context.new_page()
        self._page.emulate_media(media="print")
        self._primed = False
        self._page_reports = 0
        self.pages += 1

    def _launch(self) -> None:
        """Start the browser process; bounded by :data:`START_TIMEOUT`."""
        self._profile = tempfile.TemporaryDirectory(prefix="nq18-chromium-")
        command = [
            self.browser,
            "--headless",
            "--remote-debugging-port=0",
            "--remote-debugging-address=127.0.0.1",
            f"--user-data-dir={self._profile.name}",
            "--disable-gpu",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
            "--disable-background-networking",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            *self.arguments,
            "about:blank",
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.insert(1, "--no-sandbox")
        try:
            self._process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                start_new_session=True,  # its renderers are killed with it
                preexec_fn=_die_with_parent,
            )
        except OSError as err:
            self._close()
            raise ReportError(f"cannot start {self.browser}: {err.strerror}") from None
        ready = threading.Event()
        found: list[str] = []
        self._stderr.clear()
        threading.Thread(
            target=self._drain, args=(self._process, ready, found), daemon=True
        ).start()
        in_time = ready.wait(START_TIMEOUT)
        if not found:
            # Its output can end a moment before the process is reaped: wait for the exit
            # code briefly rather than report a dead browser as a slow one.
            try:
                code = self._process.wait(timeout=EXIT_GRACE if in_time else 0.1)
            except subprocess.TimeoutExpired:
                code = None
            self._close()
            if code is not None:
                why = f"it exited with code {code} before it was ready"
            elif in_time:
                why = "it closed its output without saying where it listens"
            else:
                why = f"it was not ready within {START_TIMEOUT:g} s"
            last = next((line for line in reversed(self._stderr) if line.strip()), "")
            raise ReportError(
                f"cannot start {self.browser}: {why}" + (f" ({last.strip()[:200]})" if last else "")
            )
        self._endpoint = found[0]

    def _drain(self, process: subprocess.Popen, ready: threading.Event, found: list) -> None:
        """Read the browser's stderr to its end (a full pipe would stop it)."""
        assert process.stderr is not None
        for raw in process.stderr:
            line = raw.decode("utf-8", "replace")
            self._stderr.append(line)
            if not ready.is_set() and (match := READY.search(line)):
                found.append(match.group(1))
                ready.set()
        ready.set()

    def _hung(self, fired: threading.Event) -> None:
        """Mark the page as hung and kill the browser (the watchdog, past the timeout)."""
        fired.set()
        self._kill()

    def _alive(self) -> bool:
        """Whether the browser process runs and the printer is still connected to it."""
        try:
            connected = self._browser is not None and self._browser.is_connected()
        except Exception:
            connected = False
        return connected and self._process is not None and self._process.poll() is None

    def _kill(self) -> None:
        """Kill the browser's whole process group (works on a hung or stopped browser)."""
        process = self._process
        if process is not None and process.poll() is None:
            with contextlib.suppress(OSError):
                os.killpg(process.pid, signal.SIGKILL)
            with contextlib.suppress(Exception):
                process.wait(5)

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith(("file:", "data:", "blob:", "about:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def __exit__(self, *exc: object) -> None:
        """Close the browser."""
        self.close()

    def close(self) -> None:
        """Close the browser and its thread (idempotent)."""
        if self._thread is not None:
            self._kill_later(10)
            with contextlib.suppress(Exception):
                self._thread.submit(self._close, True).result(timeout=30)
            self._thread.shutdown(wait=False, cancel_futures=True)
            self._thread = None
        self._kill()

    def _kill_later(self, seconds: float) -> threading.Timer:
        timer = threading.Timer(seconds, self._kill)
        timer.daemon = True
        timer.start()
        return timer

    def _close(self, everything: bool = False) -> None:
        closers = [lambda: self._browser and self._browser.close()]
        if everything:
            closers.append(lambda: self._playwright and self._playwright.stop())
        for closer in closers:
            with contextlib.suppress(Exception):  # the browser may have died already
                closer()
        self._kill()
        if self._profile is not None:
            with contextlib.suppress(Exception):
                self._profile.cleanup()
        self._browser = self._page = self._context = self._process = self._profile = None
        if everything:
            self._playwright = None

    # ------------------------------------------------------------------ printing

    def submit(
        self, html: str | os.PathLike, pdf: str | os.PathLike, footer_template: str | None = None
    ) -> Any:
        """Queue an HTML file for printing; return a future of the PDF path.

        ``footer_template`` is Chromium's footer template for every page (its ``pageNumber``,
        ``totalPages``, ``title`` … classes); None prints the report's running footer
        (:func:`nq18lib.runner.pagefooter.footer_rules`, in the page margin).
        """
        if self._thread is None:
            raise ReportError("the PDF printer is not started (use it as a context manager)")
        return self._thread.submit(self._print, Path(html), Path(pdf), footer_template)

    def print_pdf(
        self, html: str | os.PathLike, pdf: str | os.PathLike, footer_template: str | None = None
    ) -> Path:
        """Print an HTML file to an A4 PDF, written atomically; return the PDF path."""
        return self.submit(html, pdf, footer_template).result()

    def _print(self, html: Path, pdf: Path, footer: str | None) -> Path:
        started = time.perf_counter()
        html = html.resolve()
        pdf.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=pdf.parent, prefix=f".{pdf.name}.", suffix=".tmp")
        os.fchmod(fd, published_mode())  # mkstemp gives 0600: a web server could not read it
        os.close(fd)
        try:
            if self._command:
                self._print_with_command(html, Path(tmp))
            else:
                self._print_guarded(html, Path(tmp), footer)
            os.replace(tmp, pdf)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self.durations[str(pdf)] = time.perf_counter() - started
        return pdf

    def _print_guarded(self, html: Path, out: Path, footer: str | None) -> None:
        """Print with the kept page; a dead or hung browser is killed, restarted, retried once."""
        for attempt in (1, 2):
            if self._dead is not None:
                raise ReportError(str(self._dead))
            if self._page is None or (self._process and self._process.poll() is not None):
                self.restarts += self._page is not None  # it died since the last page
                self._close()  # … or was closed after a failure
                try:
                    self._start()
                except ReportError as err:  # no second try for the pages after this one
                    self._dead = err
                    raise
            fired = threading.Event()
            watchdog = threading.Timer(self.timeout, self._hung, args=(fired,))
            watchdog.daemon = True
            watchdog.start()
            try:
                if self._page_reports >= self.page_lifetime:
                    self._new_page()
                self._print_with_page(html, out, footer)
                return
            except Exception as err:
                hung = fired.is_set()
                dead = hung or not self._alive()
                if not dead:  # the page itself is at fault (charts never drawn …)
                    self._primed = False
                    raise ReportError(f"{html.name}: {_first_line(err)}") from None
                self._close()
                self.restarts += 1
                if attempt == 2:  # twice in a row: no more tries in this run
                    why = f"did not print within {self.timeout:g} s" if hung else "crashed"
                    self._dead = ReportError(
                        f"{html.name}: the browser {why}, twice (restarted once); "
                        "no more PDFs in this run"
                    )
                    raise ReportError(str(self._dead)) from None
            finally:
                watchdog.cancel()

    def _print_with_page(self, html: Path, out: Path, footer: str | None) -> None:
        page, ms = self._page, self.timeout * 1000
        self._page_reports += 1
        text = html.read_text(encoding="utf-8")
        parts = _page_parts(text)
        head = parts[1] if parts else None
        if self.swap and self._primed and head is not None and head == self._head:
            before, _, title, after = parts  # the same head: only title and body are sent
            page.evaluate(SWAP_JS, [before + title + after, html.as_uri()])
            self.swapped += 1
        else:
            self._primed = False
            page.goto(html.as_uri(), wait_until="load", timeout=ms)
            page.evaluate("() => window.nq18Charts ? window.nq18Charts.then(() => true) : true")
            page.evaluate("() => new Promise(r => requestAnimationFrame(() => r(true)))")
            self.loaded += 1
        self._head = head
        page.wait_for_function(CHARTS_DRAWN_JS, timeout=ms, polling=20)
        from nq18lib.runner import pagefooter

        page.evaluate(UNLINK_LOCAL_JS)
        if footer is None:  # the running footer, laid out with the page (pagefooter.py)
            page.evaluate(FOOTER_JS, pagefooter.page_footer_rules(text))
            options: dict[str, Any] = {"margin": dict(pagefooter.PAGE_MARGINS)}
        else:  # Chromium's own footer, from the caller's template
            page.evaluate(FOOTER_JS, None)
            options = pagefooter.pdf_footer_options(html)
            options["footer_template"] = footer
        page.pdf(path=str(out), print_background=True, format="A4", **options)
        if not self._primed:
            self._primed = page.evaluate("() => typeof window.Plotly !== 'undefined'")

    def _print_with_command(self, html: Path, out: Path) -> None:
        """Print with a browser process of its own (no playwright).

        Slower, and its links to files beside the page keep their absolute addresses
        (:data:`UNLINK_LOCAL_JS` needs the kept page).
        """
        command = [
            self.browser,
            "--headless",
            "--disable-gpu",
            "--no-pdf-header-footer",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            f"--window-size={A4_PRINT_WIDTH_PX},1000",
            "--virtual-time-budget=10000",
            f"--print-to-pdf={out}",
            html.as_uri(),
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.insert(2, "--no-sandbox")
        try:
            done = subprocess.run(command, capture_output=True, timeout=self.timeout, check=False)
        except subprocess.TimeoutExpired:
            raise ReportError(
                f"{html.name}: {self.browser} did not print within {self.timeout:g} s"
            ) from None
        if done.returncode != 0 or not out.stat().st_size:
            raise ReportError(f"{self.browser} could not print {html}: {done.stderr[-300:]!r}")


def _page_parts(text: str) -> tuple[str, str, str, str] | None:
    """Split a report page into four parts (None: no head, or no packed plotly.js in it).

    Up to its head's content; that content without the title; the title element; from the
    head's end on.
    """
    start = text.find("<head>")
    start = start + len("<head>") if start >= 0 else -1
    end = text.find("</head>", start)
    if start < 0 or end < 0 or text.find(PACKED_PLOTLY_TYPE, start, end) < 0:
        return None
    head = text[start:end]
    opened = head.find("<title>")
    closed = head.find("</title>", opened) + len("</title>") if opened >= 0 else -1
    if opened < 0 or closed < len("</title>"):
        return text[:start], head, "", text[end:]
    return text[:start], head[:opened] + head[closed:], head[opened:closed], text[end:]


def _die_with_parent() -> None:
    """Have Linux kill the browser when the process that started it dies (even by SIGKILL).

    The browser has a session of its own (so that it can be killed with its renderers),
    which no signal sent to the run's process group reaches.
    """
    with contextlib.suppress(Exception):
        import ctypes

        PR_SET_PDEATHSIG = 1
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def _first_line(err: BaseException) -> str:
    """Return the first line of an error (playwright appends its call log below it)."""
    text = str(err).strip().splitlines()
    return (text[0] if text else type(err).__name__)[:300]
