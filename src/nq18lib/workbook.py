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
import posixpath
import re
import zipfile
from dataclasses import dataclass
from decimal import Decimal as _Dec
from decimal import localcontext
from pathlib import Path
from xml.etree.ElementTree import iterparse, parse

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.datetime import MAC_EPOCH, WINDOWS_EPOCH, from_excel

from nq18lib.exceptions import DataError, Problem

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CELL_REF = re.compile(r"([A-Z]+)(\d+)")


@dataclass(frozen=True)
class Sheet:
    """The cells of one worksheet as text.

    ``rows`` holds ``(row_number, cells)`` for every row that has a value, in sheet
    order; ``cells`` is a list of str or None, one per column from column A.
    """

    name: str
    rows: list[tuple[int, list[str | None]]]


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
        rows, merges = _sheet_rows(book, target, shared, styles, date1904)
    _fill_merges(rows, merges)
    return Sheet(name, rows)


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


def _sheet_rows(book, target, shared, styles, date1904):
    rows: list[tuple[int, list[str | None]]] = []
    merges: list[tuple[int, int, int, int]] = []
    row_tag, cell_tag, v_tag, f_tag = f"{_NS}row", f"{_NS}c", f"{_NS}v", f"{_NS}f"
    is_tag, merge_tag = f"{_NS}is", f"{_NS}mergeCell"
    last_row = 0
    for _, el in iterparse(book.open(target)):
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
                    m = _CELL_REF.match(ref)
                    position = column_index(m.group(1)) if m else position
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


def _fill_merges(rows: list[tuple[int, list[str | None]]], merges) -> None:
    if not merges:
        return
    by_number = {number: i for i, (number, _) in enumerate(rows)}
    for top, left, bottom, right in merges:
        if top not in by_number:
            continue
        cells = rows[by_number[top]][1]
        value = cells[left] if left < len(cells) else None
        if value is None:
            continue
        for number in range(top, bottom + 1):
            if number not in by_number:
                rows.append((number, []))
                by_number[number] = len(rows) - 1
            target = rows[by_number[number]][1]
            if len(target) <= right:
                target.extend([None] * (right + 1 - len(target)))
            for col in range(left, right + 1):
                if target[col] is None:
                    target[col] = value
    rows.sort(key=lambda item: item[0])
