"""Report texts: reading .txt, .docx and .html files as plain text for extraction.

Plain text is read as it is (UTF-8, a byte-order mark dropped, line ends kept), so that
character offsets point into the file. A .docx file gives one line per paragraph (table
cells included), read with python-docx. An HTML file gives its visible text, read with
Beautiful Soup: scripts, styles and other non-content elements are dropped and every block
element starts a new line. Offsets of figures found in a .docx or .html file point into this
extracted text.
"""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

from nq18lib.dataset import guard
from nq18lib.exceptions import DataError, Problem

TEXT_SUFFIXES = (".txt", ".text", ".md")
DOCX_SUFFIXES = (".docx",)
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_BLANKS = re.compile(r"[ \t\u00a0]*\n[ \t\u00a0\n]*")
_DROPPED_TAGS = ("script", "style", "noscript", "template", "iframe", "svg", "head")


def read_text(path: str | os.PathLike) -> str:
    """Return the text of a report file (.txt, .docx or .html).

    Every failure is the user's error (:class:`DataError`, the file and the reason): a
    file too large, a damaged or expanding .docx, text that is not UTF-8. Control
    characters (a NUL inside a word) are taken out with a warning that names their line,
    so that the word around them is still read.

    Parameters
    ----------
    path : path-like
        The file; its suffix picks the reader (anything that is not .docx or .html is
        read as UTF-8 text, or UTF-16 with or without a byte-order mark).

    Raises
    ------
    DataError
        When the file cannot be read (missing, not UTF-8, not a valid .docx).
    """
    path = Path(path)
    file = str(path)
    with guard.guarded_read(file):
        text = _read_text(path)
    return _without_controls(text, file)


def _read_text(path: Path) -> str:
    suffix = path.suffix.lower()
    file = str(path)
    raw = guard.read_bytes(path)
    if suffix in DOCX_SUFFIXES or guard.describe_magic(raw[:8]) == "zip":
        return docx_text(path)
    magic = guard.describe_magic(raw[:8])
    if magic is not None:
        kind = {"ole2": "a Word 97-2003 or Excel 97-2003 file", "pdf": "a PDF file"}[magic]
        raise DataError(Problem(file, None, None, f"{kind}: save it as .docx, .html or .txt"))
    if suffix in HTML_SUFFIXES:
        return html_text(raw)
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")) and len(raw) % 2 == 0:
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            pass
    else:
        wide = _utf16(raw)
        if wide:
            guard.warn_input(file, f"read as {wide.upper()} without a byte-order mark (a guess)")
            return raw.decode(wide)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise DataError(
            Problem(
                file, line, None, f"not UTF-8 text (byte {err.start}, line {line}); save as UTF-8"
            )
        ) from None


def _utf16(raw: bytes) -> str | None:
    head = raw[:4096]
    if len(head) < 4 or b"\x00" not in head:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.3 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.3 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _without_controls(text: str, file: str) -> str:
    """Take control characters out of a text, with one warning naming the first place."""
    if not guard.has_control(text):
        return text
    found = guard.control_character(text)
    first = guard._CONTROL.search(text).start()
    line = text.count("\n", 0, first) + 1
    count = len(guard._CONTROL.findall(text))
    guard.warn_input(file, f"line {line}: {found}; {count} control character(s) taken out")
    return guard._CONTROL.sub("", text)


def docx_text(path: str | os.PathLike) -> str:
    """Return the paragraphs of a Word file, one per line, then the table cells.

    The parts are checked first (:func:`nq18lib.dataset.guard.open_zip`: size, expansion,
    no DTD or entity declarations); python-docx parses with entities off.

    Raises
    ------
    DataError
        When the file is not a readable .docx document.
    """
    import docx

    path = Path(path)
    file = str(path)
    with guard.open_zip(path, ".docx document") as book:
        kind = guard.zip_kind(book)
        if kind != "docx":
            raise DataError(Problem(file, None, None, f"{guard.ZIP_NAMES[kind]}, not a .docx"))
        for name in book.namelist():
            if name.endswith((".xml", ".rels")):
                guard.read_part(book, name, file)
    with guard.guarded_read(file, "the .docx document"):
        document = docx.Document(str(path))
        lines = [p.text for p in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # merged cells repeat
                        continue
                    seen.add(id(cell._tc))
                    lines.extend(p.text for p in cell.paragraphs)
    return "\n".join(lines)


_BLOCK_TAGS = frozenset(
    ("br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol")
)


def html_text(markup: str | bytes) -> str:
    r"""Return the visible text of an HTML page, one block per line.

    A streaming parser (the standard library's): no tree is built, so the time and
    memory are linear in the size of the page however deeply its tags nest or however
    many are left open. Scripts, styles and other non-content elements are dropped;
    every block element ends a line.

    Examples
    --------
    >>> html_text("<p>Tỉnh giảm <b>5</b> sở.</p><script>var x = 3;</script><p>Hết.</p>")
    'Tỉnh giảm 5 sở.\nHết.'
    """
    if isinstance(markup, bytes):
        markup = _decode_html(markup)
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    return _BLANKS.sub("\n", "".join(parser.parts)).strip()


def _decode_html(raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    m = re.search(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_-]+)", raw[:4096], re.I)
    if m:
        try:
            return raw.decode(m.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass
    return raw.decode("cp1252", errors="replace")


class _TextParser(HTMLParser):
    """Collect the visible text; count how deep inside dropped elements the parser is."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0
        self.open_hidden: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _DROPPED_TAGS:
            self.open_hidden.append(tag)
            self.hidden += 1
        elif tag in _BLOCK_TAGS and not self.hidden:  # an unclosed <p> still ends a line
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED_TAGS:
            if self.hidden and tag in self.open_hidden[-8:]:
                while self.open_hidden:
                    self.hidden -= 1
                    if self.open_hidden.pop() == tag:
                        break
            return
        if tag in _BLOCK_TAGS and not self.hidden:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)
