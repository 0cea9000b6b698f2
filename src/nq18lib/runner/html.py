"""HTML: executed notebooks into offline, self-contained report pages.

HTML goes through nbconvert with the ``nq18`` template (``templates/nq18``), which extends
JupyterLab's ``lab`` template, drops its CDN scripts (require.js, MathJax, mermaid) and
inlines plotly.js once in the page head (gzip-compressed and base64-encoded: 1.9 MB instead of
4.7 MB; the page unpacks it with the browser's ``DecompressionStream``, then draws the charts).
Before export the notebook is cleaned
(:func:`clean_notebook`): no code, no parameters cells, no stderr noise, every plotly chart
rebuilt from its JSON, and every other HTML or Markdown output sanitized so that text coming
from data cannot inject markup or scripts.

PDFs are printed from these pages by :mod:`nq18lib.runner.pdf`.

Heavy imports (nbconvert, plotly) happen inside the functions that need them.
"""

from __future__ import annotations

import contextlib
import copy
import os
import re
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

from nq18lib.paths import TEMPLATES_DIR
from nq18lib.runner.manifest import write_atomic

TEMPLATE_NAME = "nq18"
PLOTLY_MIME = "application/vnd.plotly.v1+json"
HIDDEN_TAGS = frozenset({"injected-parameters", "parameters", "remove-cell", "hide"})
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
    return _sanitized(text)


@lru_cache(maxsize=256)
def _sanitized(text: str) -> str:
    """Sanitize with one cleaner per process.

    The same text (a table every report of a sector shares, the sources …) is cleaned once.
    """
    import warnings

    cleaner = _cleaner()
    with _CLEANING, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return cleaner.clean(text)


@lru_cache(maxsize=1)
def _cleaner() -> Any:
    from bleach.sanitizer import Cleaner

    try:
        from bleach.css_sanitizer import CSSSanitizer

        css = CSSSanitizer()
    except ImportError:  # tinycss2 missing: style attributes are dropped
        css = None
    return Cleaner(
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        css_sanitizer=css,
        strip=False,
        strip_comments=True,
    )


_CLEANING = threading.Lock()
"""A cleaner's parser is not shared by two threads at once."""


def chart_html(figure: dict[str, Any], div_id: str | None = None) -> str:
    """Return a plotly chart as a ``<div>`` and its drawing script, without plotly.js.

    The figure JSON is re-serialized by plotly, which escapes ``<``, ``>`` and ``/`` inside
    strings, so data text cannot close the script element. ``div_id`` names the chart's
    element (plotly draws a random one when None; reports number their charts, so the same
    notebook gives the same bytes).
    """
    import plotly.io as pio

    div = pio.to_html(
        figure,
        include_plotlyjs=False,
        full_html=False,
        config=PLOTLY_CONFIG,
        validate=False,
        div_id=div_id,
    )
    # drawn by the page once plotly.js is unpacked (see templates/nq18/index.html.j2)
    return re.sub(
        r'<script(?: type="text/javascript")?>', f'<script type="{CHART_SCRIPT_TYPE}">', div
    )


def clean_notebook(nb: Any) -> Any:
    """Return a copy of an executed notebook ready for readers.

    Removes the ``parameters`` and ``injected-parameters`` cells (and cells tagged
    ``remove-cell``), stderr streams, JavaScript outputs and code cells left without output;
    rebuilds each plotly chart from its JSON (numbered ``nq18-chart-1`` … in page order);
    sanitizes every other HTML or Markdown output
    (see :func:`sanitize_html`). Error outputs stay, so a failed report shows its error.
    """
    from nbconvert.filters.markdown import markdown2html

    nb = copy.deepcopy(nb)
    cells = []
    charts = iter(range(1, 1 << 30))
    for cell in nb.cells:
        tags = set(cell.get("metadata", {}).get("tags", []))
        if tags & HIDDEN_TAGS:
            continue
        if cell.cell_type == "code":
            outputs = [_clean_output(o, markdown2html, charts) for o in cell.get("outputs", [])]
            cell.outputs = [o for o in outputs if o is not None]
            if not cell.outputs:
                continue
        cells.append(cell)
    nb.cells = cells
    return nb


def _clean_output(output: Any, markdown2html: Any, charts: Any) -> Any | None:
    kind = output.get("output_type")
    if kind == "stream":
        return output if output.get("name") == "stdout" else None
    if kind not in ("display_data", "execute_result"):
        return output  # errors stay visible
    data = output.get("data", {})
    if PLOTLY_MIME in data:
        output.data = {"text/html": chart_html(data[PLOTLY_MIME], f"nq18-chart-{next(charts)}")}
    elif "text/html" in data:
        output.data = {"text/html": sanitize_html(_characters(_text(data["text/html"])))}
    elif "text/markdown" in data:
        markdown = markdown2html(_text(data["text/markdown"]))
        output.data = {"text/html": sanitize_html(_characters(markdown))}
    else:
        # SVG can carry scripts: only PNG images and plain text pass
        kept = {k: v for k, v in data.items() if k in ("text/plain", "image/png", "image/jpeg")}
        if not kept:
            return None
        output.data = kept
    output.pop("metadata", None)
    output.metadata = {}
    return output


_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}));")


def _characters(text: str) -> str:
    """Return HTML with numeric references to non-ASCII characters written as characters.

    nbconvert's Markdown renderer writes a heading "Nam Định" as ``Nam &#272;&#7883;nh``:
    the same text for a browser, but not for a reader of the page's source, a search, or
    ``pdftotext``'s neighbours. ASCII references (``&#60;`` …) stay as they are.

    Examples
    --------
    >>> _characters("Nam &#272;&#7883;nh &#60;b&#x3e; &#x1F600;")
    'Nam Định &#60;b&#x3e; 😀'
    """

    def character(found: re.Match) -> str:
        code = int(found.group(1), 16) if found.group(1) else int(found.group(2))
        if code < 0xA0 or 0xD800 <= code <= 0xDFFF or code > 0x10FFFF or (code & 0xFFFE) == 0xFFFE:
            return found.group(0)
        return chr(code)

    return _REFERENCE.sub(character, text)


def _text(value: str | list[str]) -> str:
    return "".join(value) if isinstance(value, list) else value


@lru_cache(maxsize=1)
def plotly_js() -> str:
    """Return plotly.js as shipped with the installed plotly package (read once)."""
    from plotly.offline import get_plotlyjs

    return get_plotlyjs()


PACKED_LEVEL = 9
"""gzip's compression level for the plotly.js of the pages."""
PACKED_STORE = "plotlyjs"
"""The folder of the project's cache (:func:`nq18lib.paths.cache_dir`) keeping it packed."""
PACKED_KEPT = 4
"""Packed plotly.js files kept in the store (the newest used): one per plotly or zlib build."""


@lru_cache(maxsize=1)
def plotly_js_packed() -> str:
    """Return plotly.js gzip-compressed and base64-encoded, as the report template embeds it.

    Compressing takes most of a core-second, so the result is kept in the project's cache
    (``plotlyjs/``, keyed by plotly.js's content, the level and zlib's version: the same
    inputs give the same bytes) and every worker of every run reads it instead. A stored
    file starts with the SHA-256 of the rest: one that is missing, truncated or altered is
    made again; a cache that cannot be written is left alone.
    """
    import hashlib
    import zlib

    from nq18lib import paths

    text = plotly_js().encode("utf-8")
    root = paths.cache_dir()
    if root is None:
        return _packed(text)
    identity = f"{PACKED_LEVEL}\0{zlib.ZLIB_RUNTIME_VERSION}\0".encode()
    key = hashlib.sha256(identity + text).hexdigest()
    path = root / PACKED_STORE / f"{key}.b64"
    try:
        checksum, _, packed = path.read_text(encoding="ascii").partition("\n")
        if checksum == hashlib.sha256(packed.encode("ascii")).hexdigest():
            return packed
    except (OSError, UnicodeDecodeError):
        pass
    packed = _packed(text)
    checksum = hashlib.sha256(packed.encode("ascii")).hexdigest()
    try:
        write_atomic(path, f"{checksum}\n{packed}")
        _prune(path.parent, keep=path)
    except OSError:  # a read-only project: the pages are the same, only slower to make
        pass
    return packed


def _packed(text: bytes) -> str:
    import base64
    import gzip

    return base64.b64encode(gzip.compress(text, PACKED_LEVEL, mtime=0)).decode("ascii")


def _prune(folder: Path, keep: Path) -> None:
    """Remove all but the :data:`PACKED_KEPT` most recently written packed files."""
    found = []
    for path in folder.glob("*.b64"):
        with contextlib.suppress(OSError):
            found.append((path == keep, path.stat().st_mtime_ns, path))
    for _, _, path in sorted(found, reverse=True)[PACKED_KEPT:]:
        with contextlib.suppress(OSError):
            path.unlink()


@lru_cache(maxsize=4)
def _exporter(lang: str) -> Any:
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    class ReportExporter(HTMLExporter):
        """nbconvert's HTML exporter without its BeautifulSoup pass over the whole page.

        That pass (a third of a report's HTML export) only makes outputs focusable and
        gives images an alternative text: :func:`_focusable` does the same on the page.
        """

        def from_notebook_node(self, nb: Any, resources: Any = None, **kw: Any) -> Any:
            info = nb.metadata.get("language_info", {})
            lexer = info.get("pygments_lexer", info.get("name", None))
            highlight = Highlight2HTML(pygments_lexer=lexer, parent=self)
            self.register_filter("highlight_code", self.filters.get("highlight_code", highlight))
            resources = self._init_resources(resources)
            self.register_filter(
                "filter_data_type",
                WidgetsDataTypeFilter(
                    notebook_metadata=self._nb_metadata, parent=self, resources=resources
                ),
            )
            page, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
            return _focusable(page), resources

    exporter = ReportExporter(
        template_name=TEMPLATE_NAME,
        extra_template_basedirs=[str(TEMPLATES_DIR)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        anchor_link_text="",
        optimistic_validation=True,  # the notebook validated once, not after each preprocessor
    )
    exporter.language_code = lang
    return exporter


_FOCUSABLE = re.compile(
    r'(<div\b[^>]*\bclass="[^"]*(?<![\w-])jp-(?:OutputArea-output|Cell-inputWrapper)'
    r'(?![\w-])[^"]*")(?![^>]*\btabindex=)'
)
_NO_ALT = re.compile(r"<img\b(?![^>]*\balt=)")


def _focusable(page: str) -> str:
    """Return a page whose outputs take the keyboard focus and whose images have a text.

    As nbconvert's HTML exporter makes them (``tabindex="0"``, its ``alt`` text).
    """
    page = _FOCUSABLE.sub(r'\1 tabindex="0"', page)
    return _NO_ALT.sub('<img alt="No description has been provided for this image"', page)


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
