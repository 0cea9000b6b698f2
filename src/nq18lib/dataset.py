"""The figures dataset: load, validate and write tables that follow the data contract.

One row per reported figure (see ``data/README.md`` for every column). The loader reads
the canonical CSV, CSV files typed or exported by hand (UTF-8 with or without BOM,
Windows-1258; ``,`` ``;`` or tab separated; Vietnamese or English headers, in any row
near the top) and XLSX workbooks (the first sheet or a named one, merged header cells).

Loading never drops or alters a figure silently: every problem is collected with its
file, row and column, and :class:`~nq18lib.exceptions.DataError` carries all of them.
With ``keep_going=True`` the good rows are returned and the rejected ones, with their
reasons, are attached to the result (``frame.attrs["rejects"]``, see :func:`load_figures`).

Rows are numbered as a spreadsheet shows them: the header is its own row number (1 for a
canonical CSV), a fully blank row is skipped but still counted.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import sys
import tempfile
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from nq18lib import headers as vocab
from nq18lib import taxonomy
from nq18lib.contract import (
    COLUMN_NAMES,
    COLUMNS,
    COUNT_COLUMNS,
    DUPLICATE_KEY,
    REQUIRED_COLUMNS,
    STATUSES,
    Column,
)
from nq18lib.encoding import decode_text
from nq18lib.exceptions import DataError, NumberFormatError, Problem
from nq18lib.numerals import parse_count, parse_decimal
from nq18lib.paths import FIGURES_DIR
from nq18lib.validation import (
    DUPLICATE_TEXT,
    figure_keys,
    first_positions,
    id_keys,
    validate_figures,
)
from nq18lib.workbook import column_letters, read_sheet, sheet_names

__all__ = [
    "COLUMNS",
    "COLUMN_NAMES",
    "COUNT_COLUMNS",
    "DUPLICATE_KEY",
    "REQUIRED_COLUMNS",
    "STATUSES",
    "Column",
    "figure_files",
    "load_figures",
    "parse_figures",
    "read_table",
    "rejects_path",
    "validate_figures",
    "validate_from_args",
    "write_figures",
]

ROW = "__row__"
XLSX_SUFFIXES = {".xlsx", ".xlsm"}
HEADER_SEARCH_ROWS = 30

_COUNT_FAST = r"\d+|[1-9]\d{0,2}(?:\.\d{3})+"
_PERCENT_FAST = r"(\d{1,3})(?:[.,](\d{1,2}))?%?"
_PERCENT_DOT3 = re.compile(r"(\d{1,3})\.(\d{3})%?")
_PERIOD_DMY = r"(\d{1,2})/(\d{1,2})/(\d{4})"
_PERIOD_MY = r"(\d{1,2})/(\d{4})"


def figure_files(folder: str | os.PathLike | None = None) -> list[Path]:
    """Return the figure tables of a folder (``data/figures`` by default), sorted by name."""
    folder = Path(folder) if folder is not None else FIGURES_DIR
    return sorted(
        p
        for p in folder.iterdir()
        if p.suffix.lower() in {".csv", *XLSX_SUFFIXES} and not p.name.startswith((".", "~$"))
    )


# --------------------------------------------------------------------------- reading


def read_table(path: str | os.PathLike, sheet: str | None = None) -> pd.DataFrame:
    """Read a CSV or XLSX figure table as text, one string cell per value.

    The header row is found among the first rows (title rows above it are allowed; a
    second header row below it, as under merged group headers, is combined with it) and
    its names are mapped to the canonical columns (:mod:`nq18lib.headers`). Fully blank
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
    file = str(path)
    if path.suffix.lower() in XLSX_SUFFIXES:
        book = read_sheet(path, sheet)
        others = [n for n in sheet_names(path) if n != book.name]
        numbers = book.numbers
        grid = pd.DataFrame(book.cells, dtype=object)
        encoding = "xlsx"
        letters = True
    else:
        if sheet is not None:
            raise DataError(Problem(file, None, None, "--sheet applies to XLSX files only"))
        try:
            raw = path.read_bytes()
        except OSError as err:
            raise DataError(Problem(file, None, None, f"cannot read the file ({err})")) from None
        text, encoding = decode_text(raw, file)
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


# --------------------------------------------------------------------------- typing


def parse_figures(table: pd.DataFrame, file: str = "") -> tuple[pd.DataFrame, list[Problem]]:
    """Turn a table of text cells into typed figures, collecting every problem.

    Counts become ``Int64``, ``percent`` ``Float64`` with ``percent_decimals`` (the
    decimals as written: "25,0" has 1), the rest strings. Coded values written in words
    are mapped to their codes: status ("kết quả" → result, "dự kiến" → plan), level
    ("tỉnh+huyện" → tinh+huyen), category (its code, or its Vietnamese or English label);
    a one-digit province code gets its leading zero back; a period written "25/10/2017"
    or "10/2024" becomes ISO ("2017-10-25", "2024-10").

    Returns
    -------
    (DataFrame, list of Problem)
        The typed frame (a cell that cannot be read stays ``<NA>``) and the problems.
        The frame's ``attrs`` keep ``rows``, ``file`` and ``headers`` for
        :func:`validate_figures`.
    """
    file = file or table.attrs.get("file", "")
    header_row = table.attrs.get("header_row", 1)
    written = dict(table.attrs.get("headers") or {})
    table = table.reset_index(drop=True)
    problems: list[Problem] = []
    for name in REQUIRED_COLUMNS:
        if name not in table.columns:
            problems.append(Problem(file, header_row, name, "required column is missing"))
    n = len(table)
    rows = (
        table[ROW].to_numpy(dtype=np.int64)
        if ROW in table.columns
        else np.arange(header_row + 1, header_row + 1 + n, dtype=np.int64)
    )
    out: dict[str, object] = {}
    for column in COLUMNS:
        label = written.get(column.name, column.name)
        if column.name in table.columns:
            text = table[column.name].fillna("").astype(str)
            text = text if table.attrs.get("stripped") else strip_cells(text)
        else:
            text = pd.Series([""] * n, dtype=object)
        if column.kind == "count":
            out[column.name] = _counts(text, rows, file, label, problems)
        elif column.kind == "decimal":
            out[column.name], out["percent_decimals"] = _percents(text, rows, file, label, problems)
        else:
            out[column.name] = text.where(text != "", None)
    frame = pd.DataFrame(out)
    frame = frame[[*COLUMN_NAMES, "percent_decimals"]]
    for name in COLUMN_NAMES:
        if name not in COUNT_COLUMNS and name != "percent":
            frame[name] = frame[name].astype("string")
    _normalise_codes(frame)
    # Row numbers as an array: pandas deep-copies attrs on every operation, a list is slow.
    present = [c for c in COLUMN_NAMES if c in table.columns]
    frame.attrs = {"rows": rows, "file": file, "headers": written, "present": present}
    return frame, problems


def _all_match(values: list[str], pattern: str) -> bool:
    """Whether every value is empty or matches ``pattern`` (one regex run over them all)."""
    joined = "\x00".join(values)
    if joined.replace("\x00", "").isdigit():
        return re.fullmatch(pattern, "0") is not None
    return re.fullmatch(f"(?:{pattern})?(?:\x00(?:{pattern})?)*", joined) is not None


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


def _counts(text: pd.Series, rows, file: str, label: str, problems: list[Problem]):
    values = pd.array(np.zeros(len(text), dtype=np.int64), dtype="Int64")
    empty = (text == "").to_numpy()
    values[empty] = pd.NA
    if _all_match(text.tolist(), _COUNT_FAST):
        fast = ~empty
    else:
        fast = text.str.fullmatch(_COUNT_FAST).fillna(False).to_numpy(dtype=bool) & ~empty
    if fast.any():
        digits = text[fast]
        if digits.str.contains(".", regex=False).any():
            digits = digits.str.replace(".", "", regex=False)
        values[fast] = pd.to_numeric(digits).to_numpy()
    for i in np.flatnonzero(~fast & ~empty):
        try:
            values[i] = parse_count(text.iat[i])
        except NumberFormatError as err:
            values[i] = pd.NA
            problems.append(Problem(file, int(rows[i]), label, str(err)))
    return values


def _percents(text: pd.Series, rows, file: str, label: str, problems: list[Problem]):
    n = len(text)
    values = pd.array(np.zeros(n), dtype="Float64")
    decimals = pd.array(np.zeros(n, dtype=np.int64), dtype="Int64")
    empty = (text == "").to_numpy()
    if _all_match(text.tolist(), _PERCENT_FAST):
        fast = ~empty
        plain = text[fast].str.rstrip("%").str.replace(",", ".", regex=False)
        values[fast] = pd.to_numeric(plain).to_numpy()
        dot = plain.str.find(".").to_numpy()
        length = plain.str.len().to_numpy()
        decimals[fast] = np.where(dot >= 0, length - dot - 1, 0)
    else:
        parts = text.str.extract(f"^{_PERCENT_FAST}$")
        fast = parts[0].notna().to_numpy() & ~empty
        if fast.any():
            whole = parts.loc[fast, 0]
            frac = parts.loc[fast, 1].fillna("")
            values[fast] = pd.to_numeric(whole + "." + frac.where(frac != "", "0")).to_numpy()
            decimals[fast] = frac.str.len().to_numpy()
    values[empty] = pd.NA
    decimals[empty] = pd.NA
    for i in np.flatnonzero(~fast & ~empty):
        m = _PERCENT_DOT3.fullmatch(text.iat[i])
        if m:  # "1.555": 1555 cannot be a percent, so the dot is the decimal point
            values[i] = float(f"{m.group(1)}.{m.group(2)}")
            decimals[i] = 3
            continue
        try:
            parsed = parse_decimal(text.iat[i])
        except NumberFormatError as err:
            values[i] = pd.NA
            decimals[i] = pd.NA
            problems.append(Problem(file, int(rows[i]), label, str(err)))
            continue
        values[i] = parsed.value
        decimals[i] = parsed.decimals
    return values, decimals


def _normalise_codes(frame: pd.DataFrame) -> None:
    categories = _category_lookup()
    frame["category"] = _map_unique(frame["category"], lambda v: categories.get(_key(v), v))
    frame["status"] = _map_unique(frame["status"], lambda v: vocab.canonical_status(v) or v)
    frame["level"] = _map_unique(frame["level"], lambda v: vocab.canonical_level(v) or v)
    frame["province_code"] = _map_unique(
        frame["province_code"], lambda v: f"0{v}" if re.fullmatch(r"\d", v) else v
    )
    for name in ("period_start", "period_end"):
        frame[name] = _map_unique(frame[name], _iso_period)


def _map_unique(series: pd.Series, func) -> pd.Series:
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    mapped = [func(u) for u in uniques]
    if all(a == b for a, b in zip(uniques, mapped, strict=True)):
        return series
    results = np.empty(len(uniques) + 1, dtype=object)
    results[:-1] = mapped
    results[-1] = None
    return pd.Series(results[codes], index=series.index, dtype="string")


def _key(value: str) -> str:
    return vocab.header_key(value)


def _category_lookup() -> dict[str, str]:
    table = taxonomy.load_taxonomy()
    lookup: dict[str, str] = {}
    for code, vi, en in zip(table["code"], table["label_vi"], table["label_en"], strict=True):
        for name in (code, vi, en):
            lookup.setdefault(_key(name), code)
    return lookup


def _iso_period(value: str) -> str:
    m = re.fullmatch(_PERIOD_DMY, value)
    if m:
        return f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
    m = re.fullmatch(_PERIOD_MY, value)
    if m:
        return f"{m.group(2)}-{int(m.group(1)):02d}"
    return value


# --------------------------------------------------------------------------- loading


def load_figures(
    paths: str | os.PathLike | Iterable[str | os.PathLike] | None = None,
    *,
    sheet: str | None = None,
    keep_going: bool = False,
) -> pd.DataFrame:
    """Load, type and validate figure tables into one DataFrame.

    Parameters
    ----------
    paths : path, list of paths, or None
        CSV or XLSX files, or folders of them; None reads every table in ``data/figures``.
    sheet : str, optional
        The worksheet to read in XLSX files (default: the first).
    keep_going : bool
        When False (the default) any problem raises. When True the good rows are returned
        and ``result.attrs["problems"]`` (every :class:`Problem`) and
        ``result.attrs["rejects"]`` (a DataFrame of the rejected rows as written, with
        ``file``, ``row`` and ``reason``) tell what was left out. A row is rejected with
        all its reasons; a file that cannot be read, or lacks a required column, is
        rejected whole. Of two rows with the same id or the same figure, the second one
        (in file order) is rejected.

    Returns
    -------
    DataFrame
        The columns of :data:`COLUMN_NAMES` and ``percent_decimals``; counts ``Int64``,
        ``percent`` ``Float64``, the rest strings. ``attrs["files"]`` lists the files.

    Raises
    ------
    DataError
        With every problem of every file, when any is found and ``keep_going`` is False.
    """
    files = _expand(paths)
    problems: list[Problem] = []
    bad_files: set[str] = set()
    frames, tables, origins = [], [], []
    for file in files:
        try:
            table = read_table(file, sheet)
        except DataError as err:
            problems.extend(err.problems)
            bad_files.add(str(file))
            continue
        frame, found = parse_figures(table, str(file))
        # A header problem (unknown, repeated or missing column) concerns every row.
        if table.attrs["problems"] or any(p.row == table.attrs["header_row"] for p in found):
            bad_files.add(str(file))
        found = found + validate_figures(frame, str(file))
        found.sort(key=lambda p: p.row or 0)
        problems.extend(table.attrs["problems"] + found)
        frames.append(frame)
        tables.append(table)
        origins.append(pd.DataFrame({"file": str(file), "row": frame.attrs["rows"]}))
        frame.attrs = {}
    if frames:
        result = pd.concat(frames, ignore_index=True)
        origin = pd.concat(origins, ignore_index=True)
        if len(frames) > 1:  # within one file, validate_figures has found them
            problems.extend(_cross_file_duplicates(result, origin))
    else:
        result = _empty_figures()
        origin = pd.DataFrame({"file": pd.Series(dtype=str), "row": pd.Series(dtype=int)})
    order = {str(f): i for i, f in enumerate(files)}
    problems.sort(key=lambda p: (order.get(p.file, len(order)), p.row or 0))
    if problems and not keep_going:
        raise DataError(problems)
    good = _good_rows(origin, problems, bad_files)
    rejects = _rejects(tables, origin, good, problems)
    result = result.loc[good].reset_index(drop=True)
    result.attrs = {"files": [str(f) for f in files]}
    if keep_going:
        result.attrs["problems"] = problems
        result.attrs["rejects"] = rejects
    return result


def _empty_figures() -> pd.DataFrame:
    frame = parse_figures(pd.DataFrame(columns=list(COLUMN_NAMES)))[0]
    frame.attrs = {}
    return frame


def _cross_file_duplicates(result: pd.DataFrame, origin: pd.DataFrame) -> list[Problem]:
    """Ids and figures that repeat one given in an earlier file."""
    problems = []
    files = origin["file"].to_numpy()
    rows = origin["row"].to_numpy()
    figure_ids = result["figure_id"].to_numpy(dtype=object, na_value=None)
    for what, keys in (("id", id_keys(result)), ("figure", figure_keys(result))):
        first = first_positions(keys)
        cross = (keys >= 0) & (first != np.arange(len(keys))) & (files[first] != files)
        for i in np.flatnonzero(cross):
            j = first[i]
            if what == "id":
                reason = f"duplicate id {figure_ids[i]!r} (first in {files[j]} row {rows[j]})"
                column = "figure_id"
            else:
                reason = (
                    f"duplicate figure: {DUPLICATE_TEXT} as {files[j]} row {rows[j]} "
                    f"({figure_ids[j]})"
                )
                column = None
            problems.append(Problem(str(files[i]), int(rows[i]), column, reason))
    return problems


def _good_rows(origin: pd.DataFrame, problems: list[Problem], bad_files: set[str]) -> np.ndarray:
    bad_rows = {(p.file, p.row) for p in problems if p.row is not None}
    files = origin["file"].tolist()
    rows = origin["row"].tolist()
    return np.fromiter(
        (f not in bad_files and (f, r) not in bad_rows for f, r in zip(files, rows, strict=True)),
        dtype=bool,
        count=len(files),
    )


def _rejects(
    tables: list[pd.DataFrame], origin: pd.DataFrame, good: np.ndarray, problems: list[Problem]
) -> pd.DataFrame:
    reasons: dict[tuple[str, int | None], list[str]] = {}
    for p in problems:
        text = p.reason if p.column is None else f"{p.column}: {p.reason}"
        reasons.setdefault((p.file, p.row), []).append(text)
    parts, extras = [], []
    offset = 0
    for table in tables:
        n = len(table)
        mask = ~good[offset : offset + n]
        offset += n
        if not mask.any():
            continue
        file = table.attrs["file"]
        extra = table.attrs.get("extra", [])
        part = table.loc[mask].reindex(columns=[ROW, *COLUMN_NAMES, *extra]).fillna("")
        file_reasons = [
            r for (f, row), rs in reasons.items() if f == file and row is None for r in rs
        ]
        header_reasons = reasons.get((file, table.attrs["header_row"]), [])
        part.insert(0, "file", file)
        part["reason"] = [
            "; ".join(reasons.get((file, int(r)), []) + header_reasons + file_reasons)
            for r in part[ROW]
        ]
        parts.append(part.rename(columns={ROW: "row"}))
        extras.extend(e for e in extra if e not in extras)
    columns = ["file", "row", *COLUMN_NAMES, *extras, "reason"]
    if not parts:
        return pd.DataFrame(columns=columns)
    return pd.concat(parts, ignore_index=True).reindex(columns=columns).fillna("")


def _expand(paths: str | os.PathLike | Iterable[str | os.PathLike] | None) -> list[Path]:
    if paths is None:
        return figure_files()
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    files: list[Path] = []
    for p in map(Path, paths):
        files.extend(figure_files(p) if p.is_dir() else [p])
    return files


# --------------------------------------------------------------------------- writing


def write_figures(frame: pd.DataFrame, path: str | os.PathLike) -> Path:
    """Write figures as a canonical CSV (UTF-8), atomically (a temporary file, then a rename).

    Percents keep the number of decimals they were written with.
    """
    path = Path(path)
    out = frame.copy()
    out.attrs = {}
    if "percent_decimals" in out.columns:
        out["percent"] = [
            "" if pd.isna(v) else f"{v:.{0 if pd.isna(d) else int(d)}f}"
            for v, d in zip(out["percent"], out["percent_decimals"], strict=True)
        ]
    out = out.reindex(columns=list(COLUMN_NAMES))
    _write_csv_atomic(out, path)
    return path


def _write_csv_atomic(frame: pd.DataFrame, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            frame.to_csv(fh, index=False, lineterminator="\r\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def rejects_path(out: str | os.PathLike) -> Path:
    """Return where the rejected rows of an output go: ``OUT.rejects.csv`` beside it.

    Examples
    --------
    >>> rejects_path("clean/figures.csv").as_posix()
    'clean/figures.rejects.csv'
    """
    out = Path(out)
    return out.with_name(out.stem + ".rejects.csv")


# --------------------------------------------------------------------------- command line


def validate_from_args(args: argparse.Namespace) -> int:
    """Run ``nq18 validate``: check files, print one line per problem, return the exit code.

    Prints ``file:row:column: reason`` lines and a summary on stderr. Exit code 2 when any
    problem is found, 0 otherwise. With ``--out`` the good figures are written as a
    canonical CSV (atomically); with ``--keep-going`` too, they are written even when
    some rows are rejected, and the rejected rows with their reasons go to
    ``OUT.rejects.csv`` (written every time, empty but for its header when nothing was
    rejected). The exit code stays 2 when anything was rejected, so that scripts notice.
    """
    paths = [Path(p) for p in args.paths]
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise DataError([Problem(str(p), None, None, "no such file or folder") for p in missing])
    keep_going = bool(getattr(args, "keep_going", False))
    out = getattr(args, "out", None)
    try:
        figures = load_figures(paths, sheet=getattr(args, "sheet", None), keep_going=keep_going)
    except DataError as err:
        _print_problems(err.problems)
        return 2
    files = figures.attrs.get("files", [])
    problems = figures.attrs.get("problems", [])
    _print_problems(problems)
    if out:
        write_figures(figures, out)
        if keep_going:
            rejects = figures.attrs["rejects"]
            _write_csv_atomic(rejects, rejects_path(out))
            print(
                f"nq18 validate: wrote {len(figures)} figures to {out} and {len(rejects)} "
                f"rejected rows to {rejects_path(out)}",
                file=sys.stderr,
            )
    if problems:
        return 2
    print(f"nq18 validate: OK, {len(figures)} figures in {len(files)} file(s)", file=sys.stderr)
    return 0


def _print_problems(problems: list[Problem]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        files = len({p.file for p in problems})
        print(f"nq18 validate: {len(problems)} problem(s) in {files} file(s)", file=sys.stderr)
