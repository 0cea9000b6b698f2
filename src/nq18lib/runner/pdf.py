"""PDF: report pages printed on A4 by one Chromium for a whole run.

PDFs are printed by one Chromium for a whole run (:class:`PdfPrinter`, through playwright
with the system browser), on A4, at the printable width, after every chart has drawn, with
the network cut off. :func:`find_browser` looks for the browser in ``--browser``,
``$NQ18_CHROMIUM``, then ``chromium``, ``chromium-browser``, ``google-chrome`` on ``PATH``.

Playwright is imported inside the functions that need it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from nq18lib.exceptions import BrowserNotFoundError, ReportError
from nq18lib.runner.html import A4_PRINT_WIDTH_PX

BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_browser(explicit: str | os.PathLike | None = None) -> str:
    """Return the path of a Chromium executable.

    Looks at ``explicit`` (``--browser``), then ``$NQ18_CHROMIUM``, then ``chromium``,
    ``chromium-browser``, ``google-chrome`` and ``google-chrome-stable`` on ``PATH``.

    Raises
    ------
    BrowserNotFoundError
        When none is found, or an explicit path is not an executable file.
    """
    for given, origin in ((explicit, "--browser"), (os.environ.get("NQ18_CHROMIUM"), None)):
        if given:
            found = shutil.which(str(given))
            if found:
                return found
            raise BrowserNotFoundError(
                f"{origin or '$NQ18_CHROMIUM'}: {given} is not an executable Chromium"
            )
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise BrowserNotFoundError(
        "no Chromium found for PDFs (looked for --browser, $NQ18_CHROMIUM, "
        + ", ".join(BROWSER_NAMES)
        + "); install it (Debian/Ubuntu: sudo apt-get install chromium fonts-noto-core) "
        "or pass --browser PATH"
    )


CHARTS_DRAWN_JS = """() => {
  const charts = [...document.querySelectorAll('.plotly-graph-div')];
  if (charts.length && typeof window.Plotly === 'undefined') return false;
  return charts.every(d => d._fullLayout && d.querySelector('.main-svg')
                           && !d.querySelector('.plotly-notifier .notifier-note'));
}"""
"""True once every plotly chart of the page has its SVG drawn."""


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
        Seconds to wait for a page and its charts.
    """

    def __init__(self, browser: str, timeout: float = 60.0):
        self.browser = browser
        self.timeout = timeout
        self._playwright: Any = None
        self._browser: Any = None
        self._page: Any = None
        self._thread: Any = None
        self.blocked: list[str] = []
        """URLs the pages tried to load and were refused (should stay empty)."""
        self.durations: dict[str, float] = {}
        """Seconds each PDF took to print, by path."""

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

    def _start(self) -> None:
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:
            return
        try:
            self._playwright = sync_playwright().start()
            self._browser = self._playwright.chromium.launch(
                executable_path=self.browser,
                args=["--disable-gpu", "--host-resolver-rules=MAP * ~NOTFOUND"],
            )
        except Exception as err:
            self._close()
            raise ReportError(f"cannot start {self.browser}: {err}") from err
        context = self._browser.new_context(
            viewport={"width": A4_PRINT_WIDTH_PX, "height": 1000}, java_script_enabled=True
        )
        context.route("**/*", self._route)
        self._page = context.new_page()
        self._page.emulate_media(media="print")

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
            with contextlib.suppress(Exception):
                self._thread.submit(self._close).result(timeout=30)
            self._thread.shutdown(wait=False, cancel_futures=True)
            self._thread = None

    def _close(self) -> None:
        for closer in (
            lambda: self._browser and self._browser.close(),
            lambda: self._playwright and self._playwright.stop(),
        ):
            with contextlib.suppress(Exception):  # the browser may have died already
                closer()
        self._browser = self._playwright = self._page = None

    def submit(self, html: str | os.PathLike, pdf: str | os.PathLike) -> Any:
        """Queue an HTML file for printing; return a future of the PDF path."""
        if self._thread is None:
            raise ReportError("the PDF printer is not started (use it as a context manager)")
        return self._thread.submit(self._print, Path(html), Path(pdf))

    def print_pdf(self, html: str | os.PathLike, pdf: str | os.PathLike) -> Path:
        """Print an HTML file to an A4 PDF, written atomically; return the PDF path."""
        return self.submit(html, pdf).result()

    def _print(self, html: Path, pdf: Path) -> Path:
        started = time.perf_counter()
        html = html.resolve()
        pdf.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=pdf.parent, prefix=f".{pdf.name}.", suffix=".tmp")
        os.close(fd)
        try:
            if self._page is not None:
                self._print_with_page(html, Path(tmp))
            else:
                self._print_with_command(html, Path(tmp))
            os.replace(tmp, pdf)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self.durations[str(pdf)] = time.perf_counter() - started
        return pdf

    def _print_with_page(self, html: Path, out: Path) -> None:
        page, ms = self._page, self.timeout * 1000
        page.goto(html.as_uri(), wait_until="load", timeout=ms)
        page.evaluate("() => window.nq18Charts ? window.nq18Charts.then(() => true) : true")
        page.wait_for_function(CHARTS_DRAWN_JS, timeout=ms, polling=50)
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => setTimeout(r, 50)))")
        from nq18lib.runner.pagefooter import pdf_footer_options

        page.pdf(path=str(out), print_background=True, format="A4", **pdf_footer_options(html))

    def _print_with_command(self, html: Path, out: Path) -> None:
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
        done = subprocess.run(command, capture_output=True, timeout=self.timeout, check=False)
        if done.returncode != 0 or not out.stat().st_size:
            raise ReportError(f"{self.browser} could not print {html}: {done.stderr[-300:]!r}")
