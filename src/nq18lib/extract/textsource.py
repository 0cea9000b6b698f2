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
from pathlib import Path

from nq18lib.exceptions import DataError, Problem

TEXT_SUFFIXES = (".txt", ".text", ".md")
DOCX_SUFFIXES = (".docx",)
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_BLANKS = re.compile(r"[ \t\u00a0]*\n[ \t\u00a0\n]*")
_DROPPED_TAGS = ("script", "style", "noscript", "template", "iframe", "svg", "head")


def read_text(path: str | os.PathLike) -> str:
    """Return the text of a report file (.txt, .docx or .html).

    Parameters
    ----------
    path : path-like
        The file; its suffix picks the reader (anything that is not .docx or .html is
        read as UTF-8 text).

    Raises
    ------
    DataError
        When the file cannot be read (missing, not UTF-8, not a valid .docx).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        if suffix in DOCX_SUFFIXES:
            return docx_text(path)
        raw = path.read_bytes()
    except DataError:
        raise
    except OSError as err:
        raise DataError(Problem(str(path), None, None, f"cannot read: {err.strerror}")) from None
    if suffix in HTML_SUFFIXES:
        return html_text(raw)
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise DataError(
            Problem(str(path), None, None, f"not UTF-8 text (byte {err.start}); save as UTF-8")
        ) from None


def docx_text(path: str | os.PathLike) -> str:
    """Return the paragraphs of a Word file, one per line, then the table cells.

    Raises
    ------
    DataError
        When the file is not a readable .docx document.
    """
    import zipfile

    import docx

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as err:
        reason = getattr(err, "strerror", None) or "not a valid .docx file"
        raise DataError(Problem(str(path), None, None, f"cannot read: {reason}")) from None
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


def html_text(markup: str | bytes) -> str:
    r"""Return the visible text of an HTML page, one block per line.

    Examples
    --------
    >>> html_text("<p>Tỉnh giảm <b>5</b> sở.</p><script>var x = 3;</script><p>Hết.</p>")
    'Tỉnh giảm 5 sở.\nHết.'
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "html.parser")
    for tag in soup(_DROPPED_TAGS):
        tag.decompose()
    for tag in soup.find_all(["br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"]):
        tag.insert_after("\n")
    text = soup.get_text()
    return _BLANKS.sub("\n", text).strip()
