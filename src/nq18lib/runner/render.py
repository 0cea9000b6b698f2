"""Rendering: executed notebooks into offline HTML, and HTML into A4 PDF with Chromium.

HTML goes through nbconvert with the ``nq18`` template (``templates/nq18``), which extends
JupyterLab's ``lab`` template, drops its CDN scripts (require.js, MathJax, mermaid) and
inlines plotly.js once in the page head (gzip-compressed and base64-encoded: 1.9 MB instead of
4.7 MB; the page unpacks it with the browser's ``DecompressionStream``, then draws the charts).
Before export the notebook is cleaned
(:func:`clean_notebook`): no code, no parameters cells, no stderr noise, every plotly chart
rebuilt from its JSON, and every other HTML or Markdown output sanitized so that text coming
from data cannot inject markup or scripts.

PDFs are printed by one Chromium for a whole run (:class:`PdfPrinter`, through playwright
with the system browser), on A4, at the printable width, after every chart has drawn, with
the network cut off. :func:`find_browser` looks for the browser in ``--browser``,
``$NQ18_CHROMIUM``, then ``chromium``, ``chromium-browser``, ``google-chrome`` on ``PATH``.

Heavy imports (nbconvert, plotly, playwright) happen inside the functions that need them.
"""

from __future__ import annotations

import contextlib
import copy
import os
import re
import shutil
import subprocess
import tempfile
import time
from functools import lru_cache
from pathlib import Path
from typing import Any

from nq18lib.exceptions import BrowserNotFoundError, ReportError
from nq18lib.paths import TEMPLATES_DIR
from nq18lib.runner.manifest import write_atomic

TEMPLATE_NAME = "nq18"
PLOTLY_MIME = "application/vnd.plotly.v1+json"
HIDDEN_TAGS = frozenset({"injected-parameters", "parameters", "remove-cell", "hide"})
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
A4_PRINT_WIDTH_PX = 703
"""CSS pixels across an A4 page inside the template's 12 mm side margins (186 mm at 96 dpi)."""
PLOTLY_CONFIG = {"displaylogo": False, "responsive": True}
CHART_SCRIPT_TYPE = "application/x-nq18-chart"

_TAGS = """a abbr b blockquote br caption code col colgroup dd del details div dl dt em figcaption
figure h1 h2 h3 h4 h5 h6 hr i ins kbd li mark ol p pre q s small span strong style sub summary
sup table tbody td tfoot th thead tr u ul"""
ALLOWED_TAGS = frozenset(_TAGS.split())
ALLOWED_ATTRIBUTES = {
    "*": ["class", "id", "style", "title", "lang", "dir", "role", "align"],
    "a": ["href", "class", "id", "title"],
    "td": ["colspan", "rowspan", "class", "id", "style", "title", "align"],
    "th": ["colspan", "rowspan", "class", "id", "style", "title", "align", "scope"],
    "table": ["border", "class", "id", "style"],
    "style": ["scoped", "type"],
}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
"""Link schemes kept in sanitized HTML (``javascript:`` and ``data:`` are dropped)."""


# --------------------------------------------------------------------------- HTML


def sanitize_html(text: str) -> str:
    """Return HTML with only harmless tags and attributes; anything else is shown as text.

    Scripts, event handlers (``onerror=`` …), ``<iframe>``, ``<img>`` and ``javascript:``
    links cannot run: disallowed tags are escaped, not silently removed, so the reader sees
    exactly what the data said.

    Examples
    --------
    >>> sanitize_html('<b>Hà Nam</b><script>alert(1)</script>')
    '<b>Hà Nam</b>&lt;script&gt;alert(1)&lt;/script&gt;'
    >>> sanitize_html('<a href="javascript:alert(1)" onclick="x()">x</a>')
    '<a>x</a>'
    """
    import warnings

    import bleach

    try:
        from bleach.css_sanitizer import CSSSanitizer

        css = CSSSanitizer()
    except ImportError:  # tinycss2 missing: style attributes are dropped
        css = None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return bleach.clean(
            text,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            protocols=ALLOWED_PROTOCOLS,
            css_sanitizer=css,
            strip=False,
            strip_comments=True,
        )


def chart_html(figure: dict[str, Any]) -> str:
    """Return a plotly chart as a ``<div>`` and its drawing script, without plotly.js.

    The figure JSON is re-serialized by plotly, which escapes ``<``, ``>`` and ``/`` inside
    strings, so data text cannot close the script element.
    """
    import plotly.io as pio

    div = pio.to_html(
        figure, include_plotlyjs=False, full_html=False, config=PLOTLY_CONFIG, validate=False
    )
    # drawn by the page once plotly.js is unpacked (see templates/nq18/index.html.j2)
    return re.sub(
        r'<script(?: type="text/javascript")?>', f'<script type="{CHART_SCRIPT_TYPE}">', div
    )


def clean_notebook(nb: Any) -> Any:
    """Return a copy of an executed notebook ready for readers.

    Removes the ``parameters`` and ``injected-parameters`` cells (and cells tagged
    ``remove-cell``), stderr streams, JavaScript outputs and code cells left without output;
    rebuilds each plotly chart from its JSON; sanitizes every other HTML or Markdown output
    (see :func:`sanitize_html`). Error outputs stay, so a failed report shows its error.
    """
    from nbconvert.filters.markdown import markdown2html

    nb = copy.deepcopy(nb)
    cells = []
    for cell in nb.cells:
        tags = set(cell.get("metadata", {}).get("tags", []))
        if tags & HIDDEN_TAGS:
            continue
        if cell.cell_type == "code":
            outputs = [_clean_output(o, markdown2html) for o in cell.get("outputs", [])]
            cell.outputs = [o for o in outputs if o is not None]
            if not cell.outputs:
                continue
        cells.append(cell)
    nb.cells = cells
    return nb


def _clean_output(output: Any, markdown2html: Any) -> Any | None:
    kind = output.get("output_type")
    if kind == "stream":
        return output if output.get("name") == "stdout" else None
    if kind not in ("display_data", "execute_result"):
        return output  # errors stay visible
    data = output.get("data", {})
    if PLOTLY_MIME in data:
        output.data = {"text/html": chart_html(data[PLOTLY_MIME])}
    elif "text/html" in data:
        output.data = {"text/html": sanitize_html(_text(data["text/html"]))}
    elif "text/markdown" in data:
        output.data = {"text/html": sanitize_html(markdown2html(_text(data["text/markdown"])))}
    else:
        # SVG can carry scripts: only PNG images and plain text pass
        kept = {k: v for k, v in data.items() if k in ("text/plain", "image/png", "image/jpeg")}
        if not kept:
            return None
        output.data = kept
    output.pop("metadata", None)
    output.metadata = {}
    return output


def _text(value: str | list[str]) -> str:
    return "".join(value) if isinstance(value, list) else value


@lru_cache(maxsize=1)
def plotly_js() -> str:
    """Return plotly.js as shipped with the installed plotly package (read once)."""
    from plotly.offline import get_plotlyjs

    return get_plotlyjs()


@lru_cache(maxsize=1)
def plotly_js_packed() -> str:
    """Return plotly.js gzip-compressed and base64-encoded, as the report template embeds it."""
    import base64
    import gzip

    return base64.b64encode(gzip.compress(plotly_js().encode("utf-8"), 9, mtime=0)).decode()


@lru_cache(maxsize=4)
def _exporter(lang: str) -> Any:
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name=TEMPLATE_NAME,
        extra_template_basedirs=[str(TEMPLATES_DIR)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        anchor_link_text="",
    )
    exporter.language_code = lang
    return exporter


def export_html(nb: Any, lang: str = "vi", title: str = "") -> str:
    """Return the reader's HTML page of an executed notebook: self-contained, no code.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        The executed notebook (left unchanged).
    lang : str
        ``"vi"`` or ``"en"``: the page's ``lang`` attribute.
    title : str
        The page title (escaped by the template); the notebook's name when empty.
    """
    from nq18lib import __version__

    cleaned = clean_notebook(nb)
    if title:
        cleaned.metadata["title"] = title
    resources = {"plotlyjs_gzip_base64": plotly_js_packed(), "nq18_version": __version__}
    body, _ = _exporter(lang).from_notebook_node(cleaned, resources=resources)
    return body


def render_html(
    notebook: str | os.PathLike, html: str | os.PathLike, lang: str = "vi", title: str = ""
) -> Path:
    """Export an executed ``.ipynb`` file to an HTML file, written atomically."""
    import nbformat

    nb = nbformat.read(str(notebook), as_version=4)
    return write_atomic(html, export_html(nb, lang, title))


# --------------------------------------------------------------------------- PDF


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
        page.pdf(path=str(out), prefer_css_page_size=True, print_background=True, format="A4")

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
