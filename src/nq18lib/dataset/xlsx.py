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

import numpy as np
import pandas as pd
from defusedxml.ElementTree import fromstring as _fromstring
from defusedxml.ElementTree import iterparse as _iterparse
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.datetime import MAC_EPOCH, WINDOWS_EPOCH, from_excel

from nq18lib.dataset import guard
from nq18lib.exceptions import DataError, Problem

OTHER_WORKBOOK_SUFFIXES = frozenset({".xls", ".ods", ".xlsb"})
"""Workbooks read with python-calamine (Excel 97-2003, OpenDocument, binary Excel)."""

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
    file = str(path)
    with _open(path) as book:
        sheets = _sheets(book, file)
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
        with guard.guarded_read(file, "the shared strings (xl/sharedStrings.xml)"):
            shared = _shared_strings(book, file)
        with guard.guarded_read(file, "the styles (xl/styles.xml)"):
            styles = _cell_styles(book, file)
        date1904 = _date1904(book, file)
        xml = guard.read_part(book, target, file)
    _check_complete(xml, file, target)
    with guard.guarded_read(file, f"sheet {name!r} ({target})"):
        fast = _fast_sheet(xml, shared, styles, date1904, file)
        if fast is not None:
            numbers, cells, merges = fast
        else:  # prefixed element names or unusual attribute order: parse the XML
            rows, merges = _sheet_rows(io.BytesIO(xml), shared, styles, date1904, file)
            numbers, cells = _grid(rows, file)
        numbers, cells = _fill_merges(numbers, cells, merges, file)
    return Sheet(name, numbers, cells)


def _check_complete(xml: bytes, file: str, part: str) -> None:
    """Refuse a sheet whose XML stops before its end (a truncated or damaged file)."""
    if not xml.rstrip().endswith(b"worksheet>"):
        raise DataError(
            Problem(file, None, part, f"{part}: the sheet's XML is truncated or broken")
        )


def _check_ref(letters: str, row: int, file: str) -> int:
    """Return the column index of a cell reference; refuse one past XFD or past the last row."""
    index = column_index(letters)
    if index >= guard.MAX_COLUMNS or not 1 <= row <= guard.MAX_ROWS:
        raise DataError(
            Problem(
                file,
                None,
                f"{letters}{row}",
                f"cell {letters}{row} lies outside a sheet (columns A to XFD, rows 1 to "
                f"{guard.MAX_ROWS:,})",
            )
        )
    return index


def _open(path: str | Path) -> zipfile.ZipFile:
    path = Path(path)
    book = guard.open_zip(path, "XLSX workbook")
    kind = guard.zip_kind(book)
    if kind != "xlsx":
        book.close()
        raise DataError(
            Problem(str(path), None, None, f"{guard.ZIP_NAMES[kind]}, not an XLSX workbook")
        )
    return book


def _parse_part(book: zipfile.ZipFile, name: str, file: str):
    with guard.guarded_read(file, name):
        return _fromstring(guard.read_part(book, name, file))


def _sheets(book: zipfile.ZipFile, file: str = "") -> list[tuple[str, str]]:
    workbook = _parse_part(book, "xl/workbook.xml", file)
    rels = _parse_part(book, "xl/_rels/workbook.xml.rels", file)
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


def _date1904(book: zipfile.ZipFile, file: str = "") -> bool:
    workbook = _parse_part(book, "xl/workbook.xml", file)
    pr = workbook.find(f"{_NS}workbookPr")
    return pr is not None and pr.get("date1904") in {"1", "true"}


def _shared_strings(book: zipfile.ZipFile, file: str = "") -> list[str]:
    if "xl/sharedStrings.xml" not in book.namelist():
        return []
    strings = []
    data = guard.read_part(book, "xl/sharedStrings.xml", file)
    for _, el in _iterparse(io.BytesIO(data)):
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


def _cell_styles(book: zipfile.ZipFile, file: str = "") -> list[_Style]:
    if "xl/styles.xml" not in book.namelist():
        return []
    root = _fromstring(guard.read_part(book, "xl/styles.xml", file))
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


def _sheet_rows(stream, shared, styles, date1904, file=""):
    rows: list[tuple[int, list[str | None]]] = []
    merges: list[tuple[int, int, int, int]] = []
    row_tag, cell_tag, v_tag, f_tag = f"{_NS}row", f"{_NS}c", f"{_NS}v", f"{_NS}f"
    is_tag, merge_tag = f"{_NS}is", f"{_NS}mergeCell"
    last_row = 0
    columns: dict[str, int] = {}
    for _, el in _iterparse(stream):
        tag = el.tag
        if tag == row_tag:
            number = int(el.get("r") or last_row + 1)
            _check_ref("A", number, file)
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
                        index = columns[letters] = _check_ref(letters, number, file)
                    position = index
                if position >= guard.MAX_COLUMNS:
                    _check_ref(column_letters(position), number, file)
                kind = c.get("t")
                v = c.find(v_tag)
                raw = v.text if v is not None else None
                if kind == "s":
                    text = _shared(shared, raw, ref or f"row {number}", file)
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
                    style = _style(styles, c.get("s"), ref or f"row {number}", file)
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
            m = re.fullmatch(r"([A-Z]+)([0-9]+):([A-Z]+)([0-9]+)", el.get("ref", ""))
            if m:
                merges.append(_merge(m.groups(), file))
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


def _shared(shared: list[str], raw: str | None, ref: str, file: str) -> str | None:
    """Return the shared string a cell points to; refuse an index that is not one."""
    if raw is None:
        return None
    raw = raw.strip()
    if not raw.isascii() or not raw.isdigit() or int(raw) >= len(shared):
        raise DataError(
            Problem(
                file,
                None,
                ref,
                f"cell {ref}: shared string {raw[:20]!r} does not exist "
                f"(the workbook has {len(shared)}): a damaged workbook",
            )
        )
    return shared[int(raw)]


def _style(styles: list, index: str | None, ref: str, file: str):
    """Return the style of a cell; refuse a style index that is not a number."""
    if not index:
        return None
    if not index.isascii() or not index.isdigit():
        raise DataError(
            Problem(file, None, ref, f"cell {ref}: style {index[:20]!r} is not a number")
        )
    value = int(index)
    return styles[value] if value < len(styles) else None


def _merge(groups, file: str) -> tuple[int, int, int, int]:
    left, top, right, bottom = groups[0], int(groups[1]), groups[2], int(groups[3])
    return (top, _check_ref(left, top, file), bottom, _check_ref(right, bottom, file))


def _check_claimed(rows: int, width: int, file: str, what: str = "the sheet") -> None:
    if rows * width > guard.MAX_CELLS:
        raise DataError(
            Problem(
                file,
                None,
                None,
                f"{what} claims {rows:,} rows × {width:,} columns = {rows * width:,} cells, "
                f"more than the limit of {guard.MAX_CELLS:,} (docs/limits.md)",
            )
        )


def _grid(
    rows: list[tuple[int, list[str | None]]], file: str = ""
) -> tuple[np.ndarray, np.ndarray]:
    numbers = np.array([n for n, _ in rows], dtype=np.int64)
    width = max((len(c) for _, c in rows), default=0)
    _check_claimed(len(rows), width, file)
    cells = np.full((len(rows), width), None, dtype=object)
    for i, (_, values) in enumerate(rows):
        cells[i, : len(values)] = values
    return numbers, cells


def _fill_merges(numbers: np.ndarray, cells: np.ndarray, merges, file: str = ""):
    """Give the value of each merged range's first cell to every cell of the range."""
    position = {n: i for i, n in enumerate(numbers.tolist())}
    wanted = []
    claimed = 0
    for top, left, bottom, right in merges:
        i = position.get(top)
        if i is None or left >= cells.shape[1] or cells[i, left] is None:
            continue
        if bottom < top or right < left:
            continue
        claimed += (bottom - top + 1) * (right - left + 1)
        if claimed > guard.MAX_CELLS:
            _check_claimed(bottom - top + 1, right - left + 1, file, "a merged range")
            _check_claimed(claimed, 1, file, "the merged ranges")
        wanted.append((top, left, bottom, right, cells[i, left]))
    if not wanted:
        return numbers, cells
    rows = set(numbers.tolist())
    for top, _, bottom, _, _ in wanted:
        rows.update(range(top, bottom + 1))
    _check_claimed(len(rows), max(cells.shape[1], *(w[3] + 1 for w in wanted)), file)
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
_FAST_CELL = re.compile(rb'<c r="([A-Z]{1,3})([0-9]+)"([^>]*?)(?:/>|>(.*?)</c>)', re.S)
_MERGE = re.compile(rb'<mergeCell\b[^>]*?ref="([A-Z]+)([0-9]+):([A-Z]+)([0-9]+)"')


def _fast_sheet(xml: bytes, shared, styles, date1904, file=""):
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
    row_codes, row_uniques = pd.factorize(pd.Series(rownums, dtype=object))
    row_numbers = [int(x) for x in row_uniques]
    bad = [i for i, n in enumerate(row_numbers) if not 1 <= n <= guard.MAX_ROWS]
    if bad:
        at = int(np.flatnonzero(row_codes == bad[0])[0])
        _check_ref(letters[at].decode(), row_numbers[bad[0]], file)
    col_index = np.array([column_index(x.decode()) for x in col_letters], dtype=np.int64)
    if (col_index >= guard.MAX_COLUMNS).any():
        at = int(np.flatnonzero(col_index[col_codes] >= guard.MAX_COLUMNS)[0])
        _check_ref(letters[at].decode(), int(rownums[at]), file)
    columns = col_index[col_codes]
    row_values = np.array(row_numbers, dtype=np.int64)
    attr_codes, attr_uniques = pd.factorize(pd.Series(attrs, dtype=object))
    body_codes, body_uniques = pd.factorize(pd.Series(bodies, dtype=object))
    key = attr_codes.astype(np.int64) * (len(body_uniques) + 1) + body_codes
    key_codes, key_uniques = pd.factorize(key)
    n_bodies = len(body_uniques) + 1
    kinds = [(_attr(a, b' t="'), _attr(a, b' s="')) for a in attr_uniques]
    texts = np.empty(len(key_uniques), dtype=object)
    for i, k in enumerate(key_uniques.tolist()):
        kind, style = kinds[k // n_bodies]
        try:
            texts[i] = _cell_text(
                body_uniques[k % n_bodies], kind, style, shared, styles, date1904, file
            )
        except DataError as err:  # name the first cell of that content
            at = int(np.flatnonzero(key_codes == i)[0])
            ref = f"{letters[at].decode()}{rownums[at].decode()}"
            reason = err.problems[0].reason.replace("cell ?", f"cell {ref}")
            raise DataError(Problem(file, None, ref, reason)) from None
    values = texts[key_codes]
    keep = np.not_equal(values, None)
    numbers, row_pos = np.unique(row_values[row_codes][keep], return_inverse=True)
    width = int(columns.max()) + 1
    _check_claimed(len(numbers), width, file)
    cells = np.full((len(numbers), width), None, dtype=object)
    cells[row_pos.reshape(-1), columns[keep]] = values[keep]
    tail = xml[xml.rfind(b"</sheetData>") :]
    merges = [_merge([g.decode() for g in m], file) for m in _MERGE.findall(tail)]
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


def _cell_text(body: bytes, kind, style_index, shared, styles, date1904, file="") -> str | None:
    """Return the text of one cell from its XML content (the rules of :func:`_sheet_rows`)."""
    if not body:
        return None
    if kind == "inlineStr":
        text = b"".join(_INLINE_T.findall(_PHONETIC.sub(b"", body))).decode()
        return _unescape(text) or None
    m = _V.search(body)
    raw = (_unescape(m.group(1).decode()) or None) if m else None  # <v></v> holds nothing
    if kind == "s":
        return _shared(shared, raw, "?", file) or None
    if kind in ("str", "e"):
        return raw or None
    if kind == "b":
        return None if raw is None else ("TRUE" if raw == "1" else "FALSE")
    if raw is None:
        f = _F.search(body)
        return f"={_unescape((f.group(1) or b'').decode())}" if f else None
    style = _style(styles, style_index, "?", file)
    return _number_text(raw, style, date1904) or None


def _unescape(text: str) -> str:
    return html.unescape(text) if "&" in text else text


def read_other_workbook(path: str | Path, sheet: str | None = None) -> tuple[Sheet, list[str]]:
    """Read one sheet of an .xls, .xlsb or .ods workbook (python-calamine) as text cells.

    Numbers are written as :func:`read_sheet` writes them (no grouping, decimal comma);
    dates as ISO. Returns the sheet and the names of the other sheets.

    Raises
    ------
    DataError
        When the file cannot be read as a workbook, or claims too many cells.
    """
    import python_calamine

    path = Path(path)
    file = str(path)
    guard.check_size(path)
    kind = {".ods": "OpenDocument spreadsheet (.ods)", ".xlsb": "binary Excel workbook (.xlsb)"}
    what = kind.get(path.suffix.lower(), "Excel 97-2003 workbook (.xls)")
    with guard.guarded_read(file, f"the {what}"):
        with path.open("rb") as fh:  # by content: an .ods named .xlsx is still read
            book = python_calamine.CalamineWorkbook.from_filelike(fh)
        names = list(book.sheet_names)
        if not names:
            raise DataError(Problem(file, None, None, "the workbook has no worksheet"))
        name = names[0] if sheet is None else sheet
        if name not in names:
            listed = ", ".join(map(repr, names))
            raise DataError(
                Problem(file, None, None, f"no sheet named {sheet!r}; sheets: {listed}")
            )
        data = book.get_sheet_by_name(name)
        _check_claimed(data.total_height, data.total_width, file)
        rows = data.to_python(skip_empty_area=False)
    numbers, cells = _grid(
        [
            (number, [_calamine_text(v) for v in row])
            for number, row in enumerate(rows, start=1)
            if any(v not in ("", None) for v in row)
        ],
        file,
    )
    return Sheet(name, numbers, cells), [n for n in names if n != name]


def _calamine_text(value) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return _number_text(repr(value), None, False)
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        if isinstance(value, dt.datetime) and value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat()
    return str(value)
