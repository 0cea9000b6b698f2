"""Cells of an XLSX workbook as the text a reader sees, fast enough for 100,000 rows.

openpyxl's read-only mode needs about 21 s for 100,000 rows × 18 columns on the
project's machine; reading the sheet's XML with the standard library's ``iterparse``
needs about 6 s (see ``benchmarks/bench_load.py``). This module does only that: it
turns every cell into text, keeping what the reader saw:

- numbers are written the Vietnamese way, without grouping ("1503", "36,4"), so that
  a decimal can never be mistaken for a thousands group; the decimals shown by the
  cell's number format are kept ("25,0" for 25 shown as ``0.0``);
- a cell formatted as a percent gives the percent (0.364 shown as ``0.0%`` → "36,4");
- a date gives its ISO form ("2017-10-25");
- a formula without a stored result gives "=FORMULA" (so that it is reported, not
  read as empty);
- a merged range gives its value to every cell it covers, as the sheet shows it.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import posixpath
import re
import zipfile
from dataclasses import dataclass
from decimal import Decimal as _Dec
from decimal import localcontext
from pathlib import Path
from xml.etree.ElementTree import iterparse, parse

import numpy as np
import pandas as pd
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.datetime import MAC_EPOCH, WINDOWS_EPOCH, from_excel

from nq18lib.exceptions import DataError, Problem

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


@dataclass(frozen=True)
class Sheet:
    """The cells of one worksheet as text.

    ``numbers`` holds the sheet row number of every row that has a value, in order;
    ``cells`` is a 2-D object array (one row per number, one column per sheet column
    from A) of str or None.
    """

    name: str
    numbers: np.ndarray
    cells: np.ndarray

    @property
    def rows(self) -> list[tuple[int, list[str | None]]]:
        """The rows as ``(row_number, cells)`` pairs, trailing empty cells dropped."""
        out = []
        for number, cells in zip(self.numbers.tolist(), self.cells.tolist(), strict=True):
            while cells and cells[-1] is None:
                cells.pop()
            out.append((number, cells))
        return out


def column_index(letters: str) -> int:
    """Return the 0-based index of a column name.

    Examples
    --------
    >>> column_index("A"), column_index("Z"), column_index("AA")
    (0, 25, 26)
    """
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - 64
    return index - 1


def column_letters(index: int) -> str:
    """Return the column name of a 0-based index.

    Examples
    --------
    >>> column_letters(0), column_letters(27)
    ('A', 'AB')
    """
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def sheet_names(path: str | Path) -> list[str]:
    """Return the names of the worksheets of a workbook, in order."""
    with _open(path) as book:
        return [name for name, _ in _sheets(book)]


def read_sheet(path: str | Path, sheet: str | None = None) -> Sheet:
    """Read one worksheet (the first, or the one named) as text cells.

    Raises
    ------
    DataError
        When the file is not a workbook or has no sheet of that name.
    """
    path = Path(path)
    with _open(path) as book:
        sheets = _sheets(book)
        if not sheets:
            raise DataError(Problem(str(path), None, None, "the workbook has no worksheet"))
        if sheet is None:
            name, target = sheets[0]
        else:
            found = [s for s in sheets if s[0] == sheet]
            if not found:
                names = ", ".join(repr(s[0]) for s in sheets)
                raise DataError(
                    Problem(str(path), None, None, f"no sheet named {sheet!r}; sheets: {names}")
                )
            name, target = found[0]
        shared = _shared_strings(book)
        styles = _cell_styles(book)
        date1904 = _date1904(book)
        xml = book.read(target)
    fast = _fast_sheet(xml, shared, styles, date1904)
    if fast is not None:
        numbers, cells, merges = fast
    else:  # prefixed element names or unusual attribute order: parse the XML
        rows, merges = _sheet_rows(io.BytesIO(xml), shared, styles, date1904)
        numbers, cells = _grid(rows)
    numbers, cells = _fill_merges(numbers, cells, merges)
    return Sheet(name, numbers, cells)


def _open(path: str | Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as err:
        raise DataError(
            Problem(str(path), None, None, f"not an XLSX workbook ({err}); save it as .xlsx")
        ) from None


def _sheets(book: zipfile.ZipFile) -> list[tuple[str, str]]:
    workbook = parse(book.open("xl/workbook.xml")).getroot()
    rels = parse(book.open("xl/_rels/workbook.xml.rels")).getroot()
    targets = {r.get("Id"): r.get("Target") for r in rels.iter(f"{_PKG_REL}Relationship")}
    sheets = []
    for el in workbook.iter(f"{_NS}sheet"):
        target = targets.get(el.get(f"{_REL_NS}id"), "")
        if target.startswith("/"):
            target = target.lstrip("/")
        else:
            target = posixpath.normpath(posixpath.join("xl", target))
        sheets.append((el.get("name", ""), target))
    return sheets


def _date1904(book: zipfile.ZipFile) -> bool:
    workbook = parse(book.open("xl/workbook.xml")).getroot()
    pr = workbook.find(f"{_NS}workbookPr")
    return pr is not None and pr.get("date1904") in {"1", "true"}


def _shared_strings(book: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in book.namelist():
        return []
    strings = []
    for _, el in iterparse(book.open("xl/sharedStrings.xml")):
        if el.tag == f"{_NS}si":
            strings.append(_text_of(el))
            el.clear()
    return strings


def _text_of(el) -> str:
    # Rich text runs hold their text in <t>; phonetic runs (<rPh>) are not shown.
    parts = []
    for child in el:
        if child.tag == f"{_NS}t":
            parts.append(child.text or "")
        elif child.tag == f"{_NS}r":
            parts.extend(t.text or "" for t in child.iter(f"{_NS}t"))
    return "".join(parts)


@dataclass(frozen=True)
class _Style:
    date: bool
    percent: bool
    decimals: int | None


def _cell_styles(book: zipfile.ZipFile) -> list[_Style]:
    if "xl/styles.xml" not in book.namelist():
        return []
    root = parse(book.open("xl/styles.xml")).getroot()
    formats = dict(BUILTIN_FORMATS)
    numfmts = root.find(f"{_NS}numFmts")
    if numfmts is not None:
        for el in numfmts:
            formats[int(el.get("numFmtId", "0"))] = el.get("formatCode", "General")
    styles = []
    xfs = root.find(f"{_NS}cellXfs")
    for xf in xfs if xfs is not None else []:
        code = formats.get(int(xf.get("numFmtId", "0")), "General")
        styles.append(_style_of(code))
    return styles


def _style_of(code: str) -> _Style:
    first = code.split(";")[0]
    bare = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", first)
    decimals = None
    m = re.search(r"\.([0#?]+)", bare)
    if m:
        decimals = m.group(1).count("0")
    elif re.search(r"[0#]", bare):
        decimals = 0
    return _Style(date=is_date_format(code), percent="%" in bare, decimals=decimals)


def _sheet_rows(stream, shared, styles, date1904):
    rows: list[tuple[int, list[str | None]]] = []
    merges: list[tuple[int, int, int, int]] = []
    row_tag, cell_tag, v_tag, f_tag = f"{_NS}row", f"{_NS}c", f"{_NS}v", f"{_NS}f"
    is_tag, merge_tag = f"{_NS}is", f"{_NS}mergeCell"
    last_row = 0
    columns: dict[str, int] = {}
    for _, el in iterparse(stream):
        tag = el.tag
        if tag == row_tag:
            number = int(el.get("r") or last_row + 1)
            last_row = number
            cells: list[str | None] = []
            position = 0
            for c in el:
                if c.tag != cell_tag:
                    continue
                ref = c.get("r")
                if ref:
                    letters = ref.rstrip("0123456789")
                    index = columns.get(letters)
                    if index is None:
                        index = columns[letters] = column_index(letters)
                    position = index
                kind = c.get("t")
                v = c.find(v_tag)
                raw = v.text if v is not None else None
                if kind == "s":
                    text = shared[int(raw)] if raw is not None else None
                elif kind == "inlineStr":
                    inline = c.find(is_tag)
                    text = _text_of(inline) if inline is not None else None
                elif kind in ("str", "e"):
                    text = raw
                elif kind == "b":
                    text = None if raw is None else ("TRUE" if raw == "1" else "FALSE")
                elif raw is None:
                    f = c.find(f_tag)
                    text = f"={f.text or ''}" if f is not None else None
                else:
                    s = c.get("s")
                    style = styles[int(s)] if s and int(s) < len(styles) else None
                    text = _number_text(raw, style, date1904)
                if text is not None and text != "":
                    if position >= len(cells):
                        cells.extend([None] * (position - len(cells) + 1))
                    cells[position] = text
                position += 1
            if cells:
                rows.append((number, cells))
            el.clear()
        elif tag == merge_tag:
            m = re.fullmatch(r"([A-Z]+)(\d+):([A-Z]+)(\d+)", el.get("ref", ""))
            if m:
                merges.append(
                    (
                        int(m.group(2)),
                        column_index(m.group(1)),
                        int(m.group(4)),
                        column_index(m.group(3)),
                    )
                )
    return rows, merges


def _number_text(raw: str, style: _Style | None, date1904: bool) -> str:
    if style is not None and style.date:
        try:
            value = from_excel(float(raw), epoch=MAC_EPOCH if date1904 else WINDOWS_EPOCH)
        except (ValueError, OverflowError):
            return raw
        if isinstance(value, dt.datetime):
            if value.time() == dt.time(0):
                return value.date().isoformat()
            return value.isoformat(sep=" ")
        return value.isoformat()
    if not _NUMBER.fullmatch(raw):  # an ISO date cell (t="d") or anything unexpected
        return raw[:-9] if raw.endswith("T00:00:00") else raw
    with localcontext() as ctx:
        ctx.prec = 15  # what Excel shows; drops binary noise such as 14.399999999999999
        number = +_Dec(raw)
        if style is not None and style.percent:
            number = +(number * 100)
    text = format(number, "f")
    whole, _, frac = text.partition(".")
    frac = frac.rstrip("0")
    if style is not None and style.decimals and len(frac) < style.decimals:
        frac = frac + "0" * (style.decimals - len(frac))
    return f"{whole},{frac}" if frac else whole


def _grid(rows: list[tuple[int, list[str | None]]]) -> tuple[np.ndarray, np.ndarray]:
    numbers = np.array([n for n, _ in rows], dtype=np.int64)
    width = max((len(c) for _, c in rows), default=0)
    cells = np.full((len(rows), width), None, dtype=object)
    for i, (_, values) in enumerate(rows):
        cells[i, : len(values)] = values
    return numbers, cells


def _fill_merges(numbers: np.ndarray, cells: np.ndarray, merges):
    """Give the value of each merged range's first cell to every cell of the range."""
    position = {n: i for i, n in enumerate(numbers.tolist())}
    wanted = []
    for top, left, bottom, right in merges:
        i = position.get(top)
        if i is None or left >= cells.shape[1] or cells[i, left] is None:
            continue
        wanted.append((top, left, bottom, right, cells[i, left]))
    if not wanted:
        return numbers, cells
    extra = sorted({n for w in wanted for n in range(w[0], w[2] + 1)} - set(position))
    width = max(cells.shape[1], *(w[3] + 1 for w in wanted))
    all_numbers = np.union1d(numbers, np.array(extra, dtype=np.int64))
    grid = np.full((len(all_numbers), width), None, dtype=object)
    grid[np.searchsorted(all_numbers, numbers), : cells.shape[1]] = cells
    for top, left, bottom, right, value in wanted:
        lo, hi = np.searchsorted(all_numbers, [top, bottom + 1])
        block = grid[lo:hi, left : right + 1]
        block[np.equal(block, None)] = value
    return all_numbers, grid


# One cell, when the sheet is written as Excel, LibreOffice and openpyxl write it:
# <c r="B7" s="3" t="s"><v>12</v></c>, the reference first.
_FAST_CELL = re.compile(rb'<c r="([A-Z]{1,3})(\d+)"([^>]*?)(?:/>|>(.*?)</c>)', re.S)
_MERGE = re.compile(rb'<mergeCell\b[^>]*?ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')


def _fast_sheet(xml: bytes, shared, styles, date1904):
    """Read every cell with one regular expression and convert each distinct cell once.

    Returns None when the sheet is not written in the usual form (a namespace prefix,
    a cell without its reference first), so that the XML parser reads it instead.
    """
    if b"<sheetData" not in xml[:5000] and b"<sheetData" not in xml:
        return None
    found = _FAST_CELL.findall(xml)
    if len(found) != xml.count(b"<c ") or xml.count(b"<c>"):
        return None
    if not found:
        return np.zeros(0, dtype=np.int64), np.full((0, 0), None, dtype=object), []
    letters, rownums, attrs, bodies = zip(*found, strict=True)
    col_codes, col_letters = pd.factorize(pd.Series(letters, dtype=object))
    col_index = np.array([column_index(x.decode()) for x in col_letters], dtype=np.int64)
    columns = col_index[col_codes]
    row_codes, row_uniques = pd.factorize(pd.Series(rownums, dtype=object))
    row_values = np.array([int(x) for x in row_uniques], dtype=np.int64)
    attr_codes, attr_uniques = pd.factorize(pd.Series(attrs, dtype=object))
    body_codes, body_uniques = pd.factorize(pd.Series(bodies, dtype=object))
    key = attr_codes.astype(np.int64) * (len(body_uniques) + 1) + body_codes
    key_codes, key_uniques = pd.factorize(key)
    n_bodies = len(body_uniques) + 1
    kinds = [(_attr(a, b' t="'), _attr(a, b' s="')) for a in attr_uniques]
    texts = np.empty(len(key_uniques), dtype=object)
    for i, k in enumerate(key_uniques.tolist()):
        kind, style = kinds[k // n_bodies]
        texts[i] = _cell_text(body_uniques[k % n_bodies], kind, style, shared, styles, date1904)
    values = texts[key_codes]
    keep = np.not_equal(values, None)
    numbers, row_pos = np.unique(row_values[row_codes][keep], return_inverse=True)
    width = int(columns.max()) + 1
    cells = np.full((len(numbers), width), None, dtype=object)
    cells[row_pos.reshape(-1), columns[keep]] = values[keep]
    tail = xml[xml.rfind(b"</sheetData>") :]
    merges = [
        (int(m[1]), column_index(m[0].decode()), int(m[3]), column_index(m[2].decode()))
        for m in _MERGE.findall(tail)
    ]
    return numbers, cells, merges


def _attr(attrs: bytes, marker: bytes) -> str | None:
    i = attrs.find(marker)
    if i < 0:
        return None
    i += len(marker)
    return attrs[i : attrs.index(b'"', i)].decode()


_V = re.compile(rb"<v>(.*?)</v>", re.S)
_NUMBER = re.compile(r"-?\d+(?:\.\d*)?(?:[eE][-+]?\d+)?")
_F = re.compile(rb"<f\b[^>]*>(.*?)</f>|<f\b[^>]*/>", re.S)
_INLINE_T = re.compile(rb"<t(?:\s[^>]*)?>(.*?)</t>", re.S)
_PHONETIC = re.compile(rb"<rPh\b.*?</rPh>", re.S)


def _cell_text(body: bytes, kind, style_index, shared, styles, date1904) -> str | None:
    """Return the text of one cell from its XML content (the rules of :func:`_sheet_rows`)."""
    if not body:
        return None
    if kind == "inlineStr":
        text = b"".join(_INLINE_T.findall(_PHONETIC.sub(b"", body))).decode()
        return _unescape(text) or None
    m = _V.search(body)
    raw = (_unescape(m.group(1).decode()) or None) if m else None  # <v></v> holds nothing
    if kind == "s":
        return (shared[int(raw)] or None) if raw is not None else None
    if kind in ("str", "e"):
        return raw or None
    if kind == "b":
        return None if raw is None else ("TRUE" if raw == "1" else "FALSE")
    if raw is None:
        f = _F.search(body)
        return f"={_unescape((f.group(1) or b'').decode())}" if f else None
    style = None
    if style_index is not None and int(style_index) < len(styles):
        style = styles[int(style_index)]
    return _number_text(raw, style, date1904) or None


def _unescape(text: str) -> str:
    return html.unescape(text) if "&" in text else text
