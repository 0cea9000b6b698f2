"""Raw tables: a figure table read from a file, headers mapped to canonical names.

Reads the canonical CSV, CSV files typed or exported by hand (UTF-8 with or without BOM,
Windows-1258; ``,`` ``;`` or tab separated; Vietnamese or English headers, in any row
near the top) and XLSX workbooks (the first sheet or a named one, merged header cells).
Cells stay text; :mod:`nq18lib.dataset.typed` types them.
"""

from __future__ import annotations

import io
import os
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from nq18lib.dataset import guard
from nq18lib.dataset.encoding import decode_text
from nq18lib.dataset.reader import XLSX_SUFFIXES
from nq18lib.dataset.xlsx import (
    OTHER_WORKBOOK_SUFFIXES,
    column_letters,
    read_other_workbook,
    read_sheet,
    sheet_names,
)
from nq18lib.exceptions import DataError, Problem
from nq18lib.reference import headers as vocab

ROW = "__row__"
HEADER_SEARCH_ROWS = 30


def read_table(path: str | os.PathLike, sheet: str | None = None) -> pd.DataFrame:
    """Read a CSV or XLSX figure table as text, one string cell per value.

    The header row is found among the first rows (title rows above it are allowed; a
    second header row below it, as under merged group headers, is combined with it) and
    its names are mapped to the canonical columns (:mod:`nq18lib.reference.headers`). Fully blank
    rows are skipped; the others keep the row number a spreadsheet shows in ``__row__``.

    Parameters
    ----------
    path : path
        A ``.csv`` or ``.xlsx`` file.
    sheet : str, optional
        The worksheet of an XLSX file (default: the first).

    Returns
    -------
    DataFrame
        Canonical column names (only those present in the file) and ``__row__``; a column
        that could not be mapped follows as ``"<name> (as written)"``. Its ``attrs`` hold
        ``file``, ``header_row``, ``headers`` (canonical name → name as written),
        ``encoding``, ``problems`` (header problems: unknown or repeated columns, values
        under an empty header) and ``extra`` (the unmapped columns).

    Raises
    ------
    DataError
        When the file cannot be read at all (encoding, not a workbook, no header row).
    """
    path = Path(path)
    with guard.guarded_read(str(path)):
        return _read_table(path, sheet)


def _read_table(path: Path, sheet: str | None) -> pd.DataFrame:
    file = str(path)
    guard.check_size(path)
    kind = _table_kind(path)
    if kind in ("xlsx", "calamine"):
        if kind == "xlsx":
            book = read_sheet(path, sheet)
            others = [n for n in sheet_names(path) if n != book.name]
        else:
            book, others = read_other_workbook(path, sheet)
        numbers = book.numbers
        grid = pd.DataFrame(book.cells, dtype=object)
        encoding = "xlsx"
        letters = True
    else:
        if sheet is not None:
            raise DataError(Problem(file, None, None, "--sheet applies to workbooks only"))
        raw = guard.read_bytes(path)
        text, encoding = decode_text(raw, file)
        _check_csv_shape(text, file)
        grid = _csv_grid(text, file)
        numbers = np.arange(1, len(grid) + 1, dtype=np.int64)
        letters = False
    if grid.empty:
        raise DataError(Problem(file, None, None, "the file is empty"))
    for col in grid.columns:
        column = grid[col]
        if column.hasnans:  # XLSX empty cells; a blank line of a CSV file
            column = column.fillna("")
        if column.dtype == object:
            column = column.astype(str)
        grid[col] = strip_cells(column)
    _check_cells(grid, numbers, file, letters)
    try:
        header_pos, names = _find_header(grid, file)
    except DataError as err:
        if encoding == "xlsx":
            reason = f"sheet {book.name!r}: {err.problems[0].reason}"
            if others:
                reason += (
                    f" (other sheets: {', '.join(map(repr, others))}; choose one with --sheet)"
                )
            raise DataError(Problem(file, None, None, reason)) from None
        raise
    header_row = int(numbers[header_pos])
    body = grid.iloc[header_pos + len(names) :]
    body_numbers = numbers[header_pos + len(names) :]
    written = names[-1] if len(names) == 1 else _combine(names)
    columns, problems, unmapped = _map_headers(written, body, file, header_row, letters)
    table = pd.DataFrame({canon: body[pos] for canon, pos in columns.items()})
    # Columns that could not be mapped travel along (as written) so that the rejected rows
    # of keep-going show every value of the row.
    extra = []
    for problem, pos in zip(problems, unmapped, strict=True):
        extra.append(_extra_name(problem.column, [*table.columns, *extra]))
        table[extra[-1]] = body[pos]
    table[ROW] = body_numbers
    blank = (body == "").all(axis=1).to_numpy()
    table = table.loc[~blank].reset_index(drop=True)
    if encoding == "xlsx":  # decode_text has already normalised the text of a CSV file
        for canon in columns:
            if not unicodedata.is_normalized("NFC", "\x00".join(table[canon].tolist())):
                table[canon] = table[canon].str.normalize("NFC")
    table.attrs = {
        "file": file,
        "header_row": header_row,
        "headers": {canon: written[pos] for canon, pos in columns.items()},
        "encoding": encoding,
        "problems": problems,
        "extra": extra,
        "stripped": True,
    }
    return table


def _table_kind(path: Path) -> str:
    """Tell from the suffix, and from the first bytes, which reader a table needs."""
    suffix = path.suffix.lower()
    file = str(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as err:
        raise DataError(Problem(file, None, None, f"cannot read: {err.strerror}")) from None
    magic = guard.describe_magic(head)
    if suffix in OTHER_WORKBOOK_SUFFIXES or magic == "ole2":
        return "calamine"
    if magic == "pdf":
        raise DataError(Problem(file, None, None, "a PDF file, not a figure table (CSV, XLSX)"))
    if magic == "zip":
        with guard.open_zip(path, "workbook") as book:
            kind = guard.zip_kind(book)
        if kind == "xlsx":
            return "xlsx"
        if kind == "ods":
            return "calamine"
        raise DataError(
            Problem(file, None, None, f"{guard.ZIP_NAMES[kind]}, not a figure table (CSV, XLSX)")
        )
    if suffix in XLSX_SUFFIXES:
        raise DataError(
            Problem(file, None, None, "not an XLSX workbook (not a zip archive); save it as .xlsx")
        )
    return "csv"


def _check_csv_shape(text: str, file: str) -> None:
    """Refuse, before parsing, a CSV text whose rows or columns pass the limits."""
    lines = text.count("\n") + 1
    if lines > guard.MAX_ROWS + HEADER_SEARCH_ROWS:
        raise DataError(
            Problem(file, None, None, f"{lines:,} lines, more than {guard.MAX_ROWS:,} rows")
        )
    sep = _sniff_separator(text)
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) > guard.MAX_CELL_CHARS and line.count(sep) >= guard.MAX_COLUMNS:
            raise DataError(
                Problem(
                    file,
                    number,
                    None,
                    f"{line.count(sep) + 1:,} fields on one line, more than the "
                    f"{guard.MAX_COLUMNS:,} columns a table may have",
                )
            )


def _check_cells(grid: pd.DataFrame, numbers, file: str, letters: bool) -> None:
    """Report control characters (NUL …) and over-long cells with their place."""
    problems = []
    for col in grid.columns:
        column = grid[col]
        joined = "".join(column.tolist())
        long = len(joined) > guard.MAX_CELL_CHARS and bool(
            (column.str.len() > guard.MAX_CELL_CHARS).any()
        )
        if not long and not guard.has_control(joined):
            continue
        place = column_letters(int(col)) if letters else f"column {int(col) + 1}"
        for pos, cell in enumerate(column.tolist()):
            if len(cell) > guard.MAX_CELL_CHARS:
                reason = f"a cell of {len(cell):,} characters (limit {guard.MAX_CELL_CHARS:,})"
            else:
                found = guard.control_character(cell)
                if found is None:
                    continue
                reason = f"{found} of {cell[:40]!r}: remove it (a damaged file?)"
            problems.append(Problem(file, int(numbers[pos]), place, reason))
            if len(problems) >= 50:
                raise DataError(problems)
    if problems:
        raise DataError(problems)


def _csv_grid(text: str, file: str) -> pd.DataFrame:
    sep = _sniff_separator(text)
    try:
        grid = pd.read_csv(
            io.StringIO(text),
            sep=sep,
            header=None,
            dtype=str,
            keep_default_na=False,
            skip_blank_lines=False,
            engine="c",
        )
    except pd.errors.EmptyDataError:
        return pd.DataFrame()
    except pd.errors.ParserError:
        import csv

        rows = list(csv.reader(io.StringIO(text), delimiter=sep))
        width = max((len(r) for r in rows), default=0)
        if width * len(rows) > guard.MAX_CELLS:
            raise DataError(
                Problem(file, None, None, f"{len(rows):,} rows × {width:,} columns: too many cells")
            ) from None
        grid = pd.DataFrame([r + [""] * (width - len(r)) for r in rows], dtype=str)
    grid.columns = range(grid.shape[1])
    return grid


def _sniff_separator(text: str) -> str:
    head = text[:20000].splitlines()[:HEADER_SEARCH_ROWS]
    best, best_score = ",", -1
    for sep in (",", ";", "\t"):
        counts = [line.count(sep) for line in head if line.strip()]
        if not counts:
            continue
        mode = max(set(counts), key=counts.count)
        score = counts.count(mode) * mode
        if score > best_score:
            best, best_score = sep, score
    return best


def _row_columns(cells: list[str]) -> set[str]:
    found = {vocab.canonical_column(c) for c in cells if c}
    found.discard(None)
    found.discard(vocab.IGNORED)
    return found  # type: ignore[return-value]


def _find_header(grid: pd.DataFrame, file: str) -> tuple[int, list[list[str]]]:
    top = grid.head(HEADER_SEARCH_ROWS).values.tolist()
    scores = [len(_row_columns(row)) for row in top]
    best = max(range(len(scores)), key=lambda i: (scores[i], -i))
    if scores[best] < 2:
        raise DataError(
            Problem(
                file,
                None,
                None,
                f"no header row found in the first {HEADER_SEARCH_ROWS} rows: a header names "
                "the columns (figure_id, source_id, jurisdiction … or their Vietnamese names)",
            )
        )
    names = [top[best]]
    if best + 1 < len(top):
        below = top[best + 1]
        filled = [c for c in below if c]
        known = all(vocab.canonical_column(c) is not None for c in filled)
        if filled and known and len(_row_columns(_combine([top[best], below]))) > scores[best]:
            names.append(below)
    return best, names


def _combine(rows: list[list[str]]) -> list[str]:
    top, below = rows
    return [b or t for t, b in zip(top, below, strict=True)]


def _map_headers(
    written: list[str], body: pd.DataFrame, file: str, header_row: int, letters: bool
) -> tuple[dict[str, int], list[Problem], list[int]]:
    """Map headers to canonical columns; return them, the problems and each one's position."""
    columns: dict[str, int] = {}
    problems: list[Problem] = []
    unmapped: list[int] = []
    for pos, name in enumerate(written):
        place = column_letters(pos) if letters else f"column {pos + 1}"
        if not name:
            filled = body[pos] != ""
            if filled.any():
                problems.append(
                    Problem(file, header_row, place, f"values under an empty header ({place})")
                )
                unmapped.append(pos)
            continue
        canon = vocab.canonical_column(name)
        if canon == vocab.IGNORED:
            continue
        if canon is None:
            problems.append(
                Problem(
                    file,
                    header_row,
                    name,
                    f"unknown column {name!r}: rename it to a column of the data contract "
                    "(see data/README.md) or delete it",
                )
            )
            unmapped.append(pos)
            continue
        if canon in columns:
            first = written[columns[canon]]
            problems.append(
                Problem(file, header_row, name, f"column {name!r} repeats {first!r} ({canon})")
            )
            unmapped.append(pos)
            continue
        columns[canon] = pos
    return columns, problems, unmapped


def _extra_name(column: str | None, taken) -> str:
    name = f"{column} (as written)"
    while name in taken or name in {"file", "row", "reason"}:
        name += "'"
    return name


_SPACE = "[ \t\r\n\xa0\u2009\u202f\u3000]"
_EDGE_SPACE = re.compile(f"\x00(?:{_SPACE}|(?<={_SPACE}\x00))")


def strip_cells(column: pd.Series) -> pd.Series:
    """Strip spaces around every cell of a text column, skipping the work when none has any.

    Examples
    --------
    >>> strip_cells(pd.Series([" a", "b "])).tolist()
    ['a', 'b']
    """
    joined = "\x00" + "\x00".join(column.tolist()) + "\x00"
    if _EDGE_SPACE.search(joined):
        return column.str.strip()
    return column


def check_tables(paths: Sequence[os.PathLike | str]) -> list[Problem]:
    """Return the problems of CSV tables that every row must match: UTF-8, one field per column.

    Used on ``data/sources.csv`` and ``data/reference/*.csv``, which notebooks read: a broken
    row there would fail every report, so it stops the run before any kernel starts.
    """
    import csv

    problems = []
    for path in map(Path, paths):
        if path.suffix.lower() != ".csv":
            continue
        try:
            with path.open(encoding="utf-8-sig", newline="") as fh:
                rows = list(csv.reader(fh))
        except (OSError, UnicodeDecodeError, csv.Error) as err:
            problems.append(Problem(str(path), None, None, f"cannot read as UTF-8 CSV: {err}"))
            continue
        width = len(rows[0]) if rows else 0
        for number, row in enumerate(rows[1:], start=2):
            if row and len(row) != width:
                reason = f"{len(row)} fields where the header has {width} (a comma not quoted?)"
                problems.append(Problem(str(path), number, None, reason))
    return problems
