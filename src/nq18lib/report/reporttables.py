"""The tables of one report: shown in the notebook, kept, and saved into one XLSX workbook.

One sheet per table after a contents sheet; numbers stay numbers (rates as percent values
with the decimals the source wrote, ranges as two columns), for readers who work in Excel.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from nq18lib.paths import write_atomic
from nq18lib.reference.bounds import qualifier_word
from nq18lib.reference.vocabulary import check_lang, label
from nq18lib.report.htmltable import (
    COLUMN_KINDS,
    HIDDEN_PREFIX,
    column_header,
    is_missing,
    table_html,
)

_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def sheet_name(name: str, taken: set[str] | frozenset[str] = frozenset()) -> str:
    r"""Return a valid, unused Excel sheet name (≤ 31 characters, no ``[]:*?/\\``).

    Examples
    --------
    >>> sheet_name("cuts/rates"), sheet_name("cuts", {"cuts"})
    ('cuts_rates', 'cuts_2')
    """
    base = _SHEET_BAD.sub("_", name).strip("'") or "table"
    base = base[:31]
    candidate, n = base, 2
    while candidate.lower() in {t.lower() for t in taken}:
        suffix = f"_{n}"
        candidate = base[: 31 - len(suffix)] + suffix
        n += 1
    return candidate


@dataclass
class ReportTables:
    """The tables of one report: shown in the notebook, saved into one workbook.

    Parameters
    ----------
    path : str
        Where ``save()`` writes the workbook (``.xlsx``); empty means do not write.
    lang : {"vi", "en"}
        The reader's language (headers, texts).

    Examples
    --------
    >>> tables = ReportTables("", "en")
    >>> tables.add("cuts", pd.DataFrame({"category": ["Villages"], "reduced": [553]}))
    >>> list(tables.tables), tables.save() is None
    (['cuts'], True)
    """

    path: str = ""
    lang: str = "vi"
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    captions: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        check_lang(self.lang)

    def add(self, name: str, frame: pd.DataFrame, caption: str = "") -> None:
        """Keep a table for the workbook under a sheet name derived from ``name``."""
        sheet = sheet_name(name, set(self.tables))
        self.tables[sheet] = frame.copy()
        self.captions[sheet] = caption

    def show(
        self, frame: pd.DataFrame | None, name: str, caption: str = "", *, quiet: bool = False
    ) -> None:
        """Display a table in the notebook and keep it for the workbook.

        The caption goes to the workbook's contents sheet (in the report the section
        heading already names the table). An empty table displays a line saying there are
        no figures, or nothing when ``quiet`` (because the narrative already says so).
        """
        from IPython.display import HTML, Markdown, display

        if frame is None or frame.empty:
            if not quiet:
                display(Markdown(f"_{label('text.no_figures', self.lang)}_"))
            return
        self.add(name, frame, caption)
        display(HTML(table_html(frame, self.lang)))

    def save(self, path: str | os.PathLike | None = None) -> Path | None:
        """Write every kept table into one XLSX workbook and return its path.

        The first sheet lists the tables with their captions. Counts and rates stay
        numbers (rates as percent values with the decimals the source wrote); ranges
        become two columns (lowest, highest). Returns None when no path is set.
        """
        target = str(path) if path is not None else self.path
        if not target:
            return None
        out = Path(target)
        index_title = label("sheet.contents", self.lang)
        glossary_title = label("sheet.glossary", self.lang)
        titles: dict[str, str] = {}
        for name in self.tables:
            taken = {index_title, glossary_title, *titles.values()}
            titles[name] = sheet_name(self.captions.get(name) or name, taken)

        def write(tmp: str) -> None:
            from openpyxl import Workbook

            book = Workbook()
            book.remove(book.worksheets[0])
            contents = {
                column_header("sheet", self.lang): [*titles.values(), glossary_title],
                column_header("caption", self.lang): [
                    *(self.captions[s] for s in self.tables),
                    label("sheet.glossary_caption", self.lang),
                ],
            }
            _write_sheet(book, index_title, contents)
            for name, frame in self.tables.items():
                data, formats = excel_columns(frame, self.lang)
                _write_sheet(book, titles[name], data, formats, freeze=True)
            glossary = glossary_frame(self.lang)
            _write_sheet(book, glossary_title, {c: list(glossary[c]) for c in glossary.columns})
            with open(tmp, "wb") as fh:
                _save_book(book, fh)

        write_atomic(out, writer=write)
        return out


def _save_book(book, fh) -> None:
    """Save a workbook as openpyxl's ``Workbook.save`` does, each sheet's XML kept in memory.

    openpyxl writes each sheet into a temporary file, then copies it into the zip and
    removes it: two file creations and a removal a sheet, a workbook having one sheet a
    table. The zip's members are the same bytes (the sheets' entries keep the temporary
    file's mode, 0600 regular file).
    """
    import datetime
    import time
    from io import BytesIO
    from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

    from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
    from openpyxl.worksheet._writer import WorksheetWriter
    from openpyxl.writer.excel import ExcelWriter

    class InMemoryWriter(ExcelWriter):
        def write_worksheet(self, ws) -> None:
            ws._drawing = SpreadsheetDrawing()
            ws._drawing.charts = ws._charts
            ws._drawing.images = ws._images
            writer = WorksheetWriter(ws, out=BytesIO())
            writer.write()
            ws._rels = writer._rels
            entry = ZipInfo(ws.path[1:], date_time=time.localtime()[:6])
            entry.external_attr = 0o100600 << 16
            entry.compress_type = self._archive.compression
            self._archive.writestr(entry, writer.read())
            self.manifest.append(ws)

    archive = ZipFile(fh, "w", ZIP_DEFLATED, allowZip64=True)
    now = datetime.datetime.now(tz=datetime.UTC)
    book.properties.modified = now.replace(tzinfo=None)
    InMemoryWriter(book, archive).save()


def _write_sheet(
    book,
    title: str,
    data: dict[str, list],
    formats: dict[int, str | list[str]] | None = None,
    *,
    freeze: bool = False,
) -> None:
    """Write one table as a sheet: a header row, then its rows; no cell is a formula.

    The cells are those pandas' ``to_excel(index=False)`` writes of ``pd.DataFrame(data)``
    (a number column with an empty cell holds floats, an empty cell is an empty text), so
    the workbook stays the one readers had; each column is as wide as its longest text.
    """
    from openpyxl.utils import get_column_letter

    ws = book.create_sheet(title)
    columns = [_column_cells(values) for values in data.values()]
    rows = len(columns[0]) if columns else 0
    ws.append([_cell_value(header) for header in data])
    for row in zip(*columns, strict=True):
        ws.append(row)
    for col_idx, number_format in (formats or {}).items():
        for row, cell in enumerate(
            ws.iter_rows(min_col=col_idx + 1, max_col=col_idx + 1, min_row=2, max_row=rows + 1)
        ):
            cell[0].number_format = (
                number_format[row] if isinstance(number_format, list) else number_format
            )
    if freeze:
        ws.freeze_panes = "A2"
    for i, (header, cells) in enumerate(zip(data, columns, strict=True), start=1):
        width = max([len(str(header)), *(len(str(v)) for v in cells)]) + 2
        ws.column_dimensions[get_column_letter(i)].width = min(width, 60)
    for row in ws.iter_rows():
        for cell in row:
            if cell.data_type == "f":  # data that begins with "=" stays text, no formula
                cell.data_type = "s"


def _column_cells(values: list) -> list:
    """Return a column's cell values as pandas writes them (a column with a gap is floats)."""
    if all(type(v) is str for v in values):
        return values
    numbers = [v for v in values if not is_missing(v)]
    if len(numbers) < len(values) and numbers and all(type(v) in (int, float) for v in numbers):
        values = [v if is_missing(v) else float(v) for v in values]
    return [_cell_value(v) for v in values]


def _cell_value(value: object) -> object:
    if is_missing(value):
        return ""
    if isinstance(value, float) and value in (float("inf"), float("-inf")):
        return "inf" if value > 0 else "-inf"
    return value if isinstance(value, (int, float, str)) else str(value)


def excel_frame(frame: pd.DataFrame, lang: str = "vi") -> tuple[pd.DataFrame, dict[int, str]]:
    """Return a table ready for Excel (translated headers) and its number formats by column.

    Examples
    --------
    >>> data, formats = excel_frame(pd.DataFrame({"reduced": [553], "percent": [44.6],
    ...     "baseline_range": [(1239, 1241)]}), "en")
    >>> data.to_dict("records")
    [{'Reduced': 553, 'Rate': 0.446, 'Size before (min)': 1239, 'Size before (max)': 1241}]
    >>> formats
    {0: '#,##0', 1: ['0.0%'], 2: '#,##0', 3: '#,##0'}
    >>> bounded = pd.DataFrame({"reduced": [2100], "_bounds": [{"reduced": "at_least"}]})
    >>> excel_frame(bounded)[0].to_dict("records")
    [{'Số giảm': 2100, 'Giới hạn (hơn/gần/khoảng)': 'Số giảm: hơn'}]
    """
    data, formats = excel_columns(frame, lang)
    return pd.DataFrame(data), formats


def excel_columns(frame: pd.DataFrame, lang: str = "vi") -> tuple[dict[str, list], dict[int, str]]:
    """Return :func:`excel_frame`'s columns as lists by header, without making a frame.

    Examples
    --------
    >>> excel_columns(pd.DataFrame({"reduced": [553, None]}), "en")
    ({'Reduced': [553, None]}, {0: '#,##0'})
    """
    out: dict[str, list] = {}
    formats: dict[int, str] = {}
    decimals = frame["_decimals"].tolist() if "_decimals" in frame.columns else None
    for c in frame.columns:
        if str(c).startswith(HIDDEN_PREFIX):
            continue
        values = frame[c].tolist()
        kind = COLUMN_KINDS.get(c, "text")
        header = column_header(c, lang)
        if kind == "range":
            low_high = [v if isinstance(v, tuple) else (None, None) for v in values]
            suffixes = (label("range.min", lang), label("range.max", lang))
            for i, suffix in enumerate(suffixes):
                formats[len(out)] = "#,##0"
                out[f"{header} ({suffix})"] = [_excel_int(v[i]) for v in low_high]
        elif kind == "count":
            formats[len(out)] = "#,##0"
            out[header] = [_excel_int(v) for v in values]
        elif kind == "percent":
            written = [
                1 if decimals is None or c != "percent" or is_missing(d) else int(d)
                for d in (decimals if decimals is not None else [None] * len(frame))
            ]
            formats[len(out)] = [percent_format(places) for places in written]
            out[header] = [None if is_missing(v) else round(float(v) / 100, 6) for v in values]
        else:
            out[header] = ["" if is_missing(v) else str(v) for v in values]
    if "_bounds" in frame.columns and any(isinstance(b, dict) and b for b in frame["_bounds"]):
        out[column_header("bound", lang)] = [bound_words(b, lang) for b in frame["_bounds"]]
    return out, formats


def bound_words(bounds: object, lang: str = "vi") -> str:
    """Say which numbers of a row are bounds, for the workbook (where cells are numbers).

    Examples
    --------
    >>> bound_words({"reduced": "at_least", "percent": "about"})
    'Số giảm: hơn; Tỷ lệ giảm: khoảng'
    >>> bound_words({}, "en")
    ''
    """
    if not isinstance(bounds, dict):
        return ""
    return "; ".join(
        f"{column_header(column, lang)}: {qualifier_word(qualifier, lang)}"
        for column, qualifier in bounds.items()
    )


def percent_format(places: int) -> str:
    """Return Excel's number format of a rate with ``places`` decimals, as the source wrote.

    Examples
    --------
    >>> percent_format(0), percent_format(2)
    ('0%', '0.00%')
    """
    return "0%" if places <= 0 else "0." + "0" * places + "%"


def glossary_frame(lang: str = "vi") -> pd.DataFrame:
    """Return the glossary sheet: what each mark, status, scope, round and quality means."""
    from nq18lib.reference.vocabulary import FLAG_MARK, LABELS, STATUS_MARKS

    rows = [(mark, label(f"status.{status}", lang)) for status, mark in STATUS_MARKS.items()]
    rows.append((FLAG_MARK, label("legend.flagged", lang).removeprefix(FLAG_MARK).strip()))
    for prefix in ("scope", "round", "quality", "basis"):
        rows += [
            (key.split(".", 1)[1], words[lang])
            for key, words in LABELS.items()
            if key.startswith(prefix + ".")
        ]
    return pd.DataFrame(rows, columns=[column_header("item", lang), column_header("value", lang)])


def _excel_int(value: object) -> int | None:
    return None if is_missing(value) else int(value)
