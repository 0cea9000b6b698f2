"""The figures dataset: load, validate and write tables that follow the data contract.

One row per reported figure (see ``data/README.md`` for every column). Loading never
drops or alters a figure silently: every problem is collected with its file, row and
column, and :class:`~nq18lib.exceptions.DataError` carries all of them.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from nq18lib import taxonomy
from nq18lib.exceptions import DataError, NumberFormatError, Problem
from nq18lib.numerals import parse_count, parse_decimal
from nq18lib.paths import FIGURES_DIR


@dataclass(frozen=True)
class Column:
    """One column of the data contract."""

    name: str
    kind: str  # "str", "count", "decimal", "period"
    required: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("figure_id", "str", required=True),
    Column("source_id", "str", required=True),
    Column("jurisdiction", "str", required=True),
    Column("province_code", "str", required=True),
    Column("category", "str", required=True),
    Column("level", "str"),
    Column("reduced", "count"),
    Column("percent", "decimal"),
    Column("numerator", "count"),
    Column("denominator", "count"),
    Column("baseline", "count"),
    Column("after", "count"),
    Column("period_start", "period"),
    Column("period_end", "period"),
    Column("phase", "str"),
    Column("status", "str", required=True),
    Column("location", "str"),
    Column("note", "str"),
)
COLUMN_NAMES = tuple(c.name for c in COLUMNS)
COUNT_COLUMNS = tuple(c.name for c in COLUMNS if c.kind == "count")
STATUSES = ("result", "plan")


def figure_files(folder: str | os.PathLike | None = None) -> list[Path]:
    """Return the figure tables of a folder (``data/figures`` by default), sorted by name."""
    folder = Path(folder) if folder is not None else FIGURES_DIR
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in {".csv", ".xlsx"})


def read_table(path: str | os.PathLike) -> pd.DataFrame:
    """Read a CSV figure table as text, one string cell per value.

    The returned frame keeps the file's own header names and gains a ``__row__`` column
    with the row number a spreadsheet would show (header = row 1).
    """
    path = Path(path)
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise DataError(
            Problem(str(path), None, None, f"not UTF-8 text (byte {err.start}); save as UTF-8")
        ) from None
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        raise DataError(Problem(str(path), None, None, "the file is empty"))
    header = [h.strip() for h in rows[0]]
    records = []
    for number, values in enumerate(rows[1:], start=2):
        if not any(v.strip() for v in values):
            continue
        values = values + [""] * (len(header) - len(values))
        records.append({**dict(zip(header, values, strict=False)), "__row__": number})
    frame = pd.DataFrame.from_records(records, columns=[*header, "__row__"])
    return frame


def parse_figures(table: pd.DataFrame, file: str = "") -> tuple[pd.DataFrame, list[Problem]]:
    """Turn a table of text cells into typed figures, collecting every problem.

    Returns the typed frame (rows with a problem keep ``<NA>`` in the failing cell) and
    the list of problems.
    """
    problems: list[Problem] = []
    missing = [c.name for c in COLUMNS if c.required and c.name not in table.columns]
    for name in missing:
        problems.append(Problem(file, 1, name, "required column is missing"))
    rows = (
        table["__row__"].tolist() if "__row__" in table.columns else list(range(2, len(table) + 2))
    )
    out: dict[str, list] = {name: [] for name in COLUMN_NAMES}
    out["percent_decimals"] = []
    for i, row_no in enumerate(rows):
        for column in COLUMNS:
            cell = table[column.name].iloc[i] if column.name in table.columns else ""
            text = "" if cell is None or (isinstance(cell, float) and pd.isna(cell)) else cell
            text = str(text).strip()
            value: object = None
            decimals = None
            if column.kind in ("str", "period"):
                value = text or None
            elif text:
                try:
                    if column.kind == "count":
                        value = parse_count(text)
                    else:
                        parsed = parse_decimal(text)
                        value, decimals = parsed.value, parsed.decimals
                except NumberFormatError as err:
                    problems.append(Problem(file, row_no, column.name, str(err)))
            out[column.name].append(value)
            if column.name == "percent":
                out["percent_decimals"].append(decimals)
    frame = pd.DataFrame(out)
    for name in COUNT_COLUMNS:
        frame[name] = pd.array(frame[name], dtype="Int64")
    frame["percent"] = pd.array(frame["percent"], dtype="Float64")
    frame["percent_decimals"] = pd.array(frame["percent_decimals"], dtype="Int64")
    for name in COLUMN_NAMES:
        if name not in COUNT_COLUMNS and name != "percent":
            frame[name] = frame[name].astype("string")
    frame.attrs["rows"] = rows
    frame.attrs["file"] = file
    return frame, problems


def validate_figures(frame: pd.DataFrame, file: str = "") -> list[Problem]:
    """Check every rule a figure must obey and return the problems found.

    Rules: known category, status result/plan, counts ≥ 0, 0 ≤ percent ≤ 100,
    numerator ≤ denominator, reduced ≤ baseline, after = baseline − reduced,
    period_start ≤ period_end, at least one of reduced/percent/numerator, unique ids.
    """
    problems: list[Problem] = []
    rows = frame.attrs.get("rows") or list(range(2, len(frame) + 2))
    known = set(taxonomy.category_codes())

    def add(i: int, column: str | None, reason: str) -> None:
        problems.append(Problem(file, rows[i], column, reason))

    seen: dict[str, int] = {}
    for i, fig in enumerate(frame.itertuples(index=False)):
        if fig.figure_id is not pd.NA and fig.figure_id:
            if fig.figure_id in seen:
                add(
                    i,
                    "figure_id",
                    f"duplicate id {fig.figure_id!r} (first at row {seen[fig.figure_id]})",
                )
            else:
                seen[fig.figure_id] = rows[i]
        for column in COLUMNS:
            if column.required and _missing(getattr(fig, column.name)):
                add(i, column.name, "required value is empty")
        if not _missing(fig.category) and fig.category not in known:
            add(i, "category", f"unknown category {fig.category!r}")
        if not _missing(fig.status) and fig.status not in STATUSES:
            add(i, "status", f"status must be 'result' or 'plan', not {fig.status!r}")
        for name in COUNT_COLUMNS:
            value = getattr(fig, name)
            if not _missing(value) and value < 0:
                add(i, name, f"count must not be negative ({value})")
        if not _missing(fig.percent) and not 0 <= fig.percent <= 100:
            add(i, "percent", f"percent must be between 0 and 100 ({fig.percent:g})")
        if _missing(fig.reduced) and _missing(fig.percent) and _missing(fig.numerator):
            add(i, None, "a figure needs at least one of reduced, percent, numerator")
        if _has(fig.numerator, fig.denominator) and fig.numerator > fig.denominator:
            add(i, "numerator", f"numerator {fig.numerator} exceeds denominator {fig.denominator}")
        if _has(fig.reduced, fig.baseline) and fig.reduced > fig.baseline:
            add(i, "reduced", f"reduced {fig.reduced} exceeds baseline {fig.baseline}")
        if _has(fig.reduced, fig.baseline, fig.after) and fig.after != fig.baseline - fig.reduced:
            add(
                i,
                "after",
                f"after {fig.after} ≠ baseline {fig.baseline} − reduced {fig.reduced}",
            )
        if _has(fig.period_start, fig.period_end) and str(fig.period_start) > str(fig.period_end):
            add(
                i,
                "period_start",
                f"period starts ({fig.period_start}) after it ends ({fig.period_end})",
            )
    return problems


def _missing(value: object) -> bool:
    return (
        value is None
        or value is pd.NA
        or (isinstance(value, float) and pd.isna(value))
        or value == ""
    )


def _has(*values: object) -> bool:
    return not any(_missing(v) for v in values)


def load_figures(
    paths: str | os.PathLike | Iterable[str | os.PathLike] | None = None,
) -> pd.DataFrame:
    """Load, type and validate figure tables into one DataFrame.

    Parameters
    ----------
    paths : path, list of paths, or None
        Files or folders; None reads every table in ``data/figures``.

    Raises
    ------
    DataError
        With every problem of every file when any is found.
    """
    files = _expand(paths)
    frames, problems = [], []
    for file in files:
        try:
            table = read_table(file)
        except DataError as err:
            problems.extend(err.problems)
            continue
        frame, found = parse_figures(table, str(file))
        problems.extend(found)
        problems.extend(validate_figures(frame, str(file)))
        frames.append(frame)
    if problems:
        raise DataError(problems)
    if not frames:
        return parse_figures(pd.DataFrame(columns=[*COLUMN_NAMES, "__row__"]))[0]
    result = pd.concat(frames, ignore_index=True)
    duplicate = validate_figures(result, "<all files>")
    duplicate = [p for p in duplicate if "duplicate id" in p.reason]
    if duplicate:
        raise DataError(duplicate)
    result.attrs = {"files": [str(f) for f in files]}
    return result


def _expand(paths: str | os.PathLike | Iterable[str | os.PathLike] | None) -> list[Path]:
    if paths is None:
        return figure_files()
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    files: list[Path] = []
    for p in map(Path, paths):
        files.extend(figure_files(p) if p.is_dir() else [p])
    return files


def write_figures(frame: pd.DataFrame, path: str | os.PathLike) -> Path:
    """Write figures as a canonical CSV, atomically (a temporary file, then a rename).

    Percents keep the number of decimals they were written with.
    """
    path = Path(path)
    out = frame.copy()
    if "percent_decimals" in out.columns:
        out["percent"] = [
            "" if pd.isna(v) else f"{v:.{0 if pd.isna(d) else int(d)}f}"
            for v, d in zip(out["percent"], out["percent_decimals"], strict=True)
        ]
    out = out.reindex(columns=list(COLUMN_NAMES))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            out.to_csv(fh, index=False)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
