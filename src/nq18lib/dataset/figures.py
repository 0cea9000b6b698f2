"""The figures dataset: load, validate and write tables that follow the data contract.

One row per reported figure (see ``data/README.md`` for every column). The loader reads
the canonical CSV, CSV files typed or exported by hand (UTF-8 with or without BOM,
Windows-1258; ``,`` ``;`` or tab separated; Vietnamese or English headers, in any row
near the top) and XLSX workbooks (the first sheet or a named one, merged header cells).

Loading never drops or alters a figure silently: every problem is collected with its
file, row and column, and :class:`~nq18lib.exceptions.DataError` carries all of them.
With ``keep_going=True`` the good rows are returned and the rejected ones, with their
reasons, are attached to the result (``frame.attrs["rejects"]``, see :func:`load_figures`).

Reading lives in :mod:`nq18lib.dataset.rawtable` and typing in :mod:`nq18lib.dataset.typed`
(both re-exported here). Rows are numbered as a spreadsheet shows them: the header is its
own row number (1 for a canonical CSV), a fully blank row is skipped but still counted.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from nq18lib.dataset.contract import (
    COLUMN_NAMES,
    COLUMNS,
    COUNT_COLUMNS,
    DUPLICATE_KEY,
    REQUIRED_COLUMNS,
    STATUSES,
    Column,
)
from nq18lib.dataset.figurecache import FrameStore, cached_by_content
from nq18lib.dataset.rawtable import ROW, check_tables, read_table
from nq18lib.dataset.reader import READER, figure_files
from nq18lib.dataset.typed import parse_figures
from nq18lib.dataset.validation import (
    DUPLICATE_TEXT,
    check_part_of,
    figure_keys,
    first_positions,
    id_keys,
    validate_figures,
)
from nq18lib.exceptions import DataError, Problem
from nq18lib.paths import write_atomic

__all__ = [
    "COLUMNS",
    "COLUMN_NAMES",
    "COUNT_COLUMNS",
    "DUPLICATE_KEY",
    "READER",
    "REQUIRED_COLUMNS",
    "STATUSES",
    "Column",
    "figure_files",
    "load_figures",
    "parse_figures",
    "read_table",
    "rejects_path",
    "validate_figures",
    "write_figures",
]


# --------------------------------------------------------------------------- loading


class FileNames(list):
    """The names of the files a frame was loaded from (``frame.attrs["files"]``).

    A list of strings whose deep copy is a plain copy of the list (strings cannot change):
    pandas deep-copies a frame's ``attrs`` into every frame and series derived from it, and
    with the national data's 240 file names that copy was a quarter of a report's time.
    """

    def __deepcopy__(self, memo: dict) -> FileNames:
        return FileNames(self)


def _loaded_attrs(files: Iterable[str | os.PathLike]) -> dict[str, FileNames]:
    return {"files": FileNames(str(f) for f in files)}


FIGURES_STORE = FrameStore("figures", _loaded_attrs, stored_options=("sheet",))
"""Validated figures kept in the project's cache: ``nq18 run`` parses the data once (its main
process), its kernels read the result (:mod:`nq18lib.dataset.figurecache`)."""


@cached_by_content(lambda paths: _expand(paths), store=FIGURES_STORE)
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
        problems.extend(_unknown_totals(result, origin))
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
    result.attrs = _loaded_attrs(files)
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


def _unknown_totals(result: pd.DataFrame, origin: pd.DataFrame) -> list[Problem]:
    """Rows whose ``part_of`` names no figure of any file loaded with them."""
    files = origin["file"].to_numpy()
    rows = origin["row"].to_numpy()
    part_of = result["part_of"].to_numpy(dtype=object, na_value=None)
    return [
        Problem(
            str(files[i]),
            int(rows[i]),
            "part_of",
            f"part_of {part_of[i]!r} is not the figure_id of a figure loaded with this one",
        )
        for i in np.flatnonzero(check_part_of(result))
    ]


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
    problems: list[Problem] = []
    for p in map(Path, paths):
        if not p.is_dir():
            files.append(p)
            continue
        try:
            files.extend(figure_files(p))
        except OSError as err:  # unreadable, vanished, a loop of links
            reason = f"cannot list the folder: {err.strerror or type(err).__name__}"
            problems.append(Problem(str(p), None, None, reason))
    if problems:
        raise DataError(problems)
    return files


# --------------------------------------------------------------------------- writing


def write_figures(frame: pd.DataFrame, path: str | os.PathLike) -> Path:
    """Write figures as a canonical CSV (UTF-8), atomically (a temporary file, then a rename).

    Percents keep the number of decimals they were written with. The optional ``bound``
    column is written only when a figure has one, so a file of exact figures keeps the
    columns it had before the column existed (design change 23).
    """
    path = Path(path)
    out = frame.copy()
    out.attrs = {}
    if "percent_decimals" in out.columns:
        out["percent"] = [
            "" if pd.isna(v) else f"{v:.{0 if pd.isna(d) else int(d)}f}"
            for v, d in zip(out["percent"], out["percent_decimals"], strict=True)
        ]
    columns = list(COLUMN_NAMES)
    if "bound" not in out.columns or not out["bound"].notna().any():
        columns.remove("bound")
    out = out.reindex(columns=columns)
    write_csv_atomic(out, path)
    return path


def write_csv_atomic(frame: pd.DataFrame, path: Path) -> None:
    """Write a frame as a UTF-8 CSV file atomically (:func:`nq18lib.paths.write_atomic`)."""

    def write(tmp: str) -> None:
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            frame.to_csv(fh, index=False, lineterminator="\r\n")

    write_atomic(path, writer=write)


def rejects_path(out: str | os.PathLike) -> Path:
    """Return where the rejected rows of an output go: ``OUT.rejects.csv`` beside it.

    Examples
    --------
    >>> rejects_path("clean/figures.csv").as_posix()
    'clean/figures.rejects.csv'
    """
    out = Path(out)
    return out.with_name(out.stem + ".rejects.csv")


def data_jurisdictions(figures: Sequence[Path], others: Sequence[Path] = ()) -> list[str]:
    """Validate figure tables and check other tables; return the provinces they cover.

    National figures (code 00) are left out; provinces come sorted by code, each once,
    under its reference name ("Hà Nam" for rows written "Ha Nam" or "tỉnh Hà Nam"), or the
    first name written when the code is not in the reference.

    Raises
    ------
    DataError
        With every problem of every file, when any breaks the contract.
    """
    problems = check_tables(others)
    try:
        frame = load_figures(list(figures))
    except DataError as err:
        raise DataError(problems + err.problems) from None
    if problems:
        raise DataError(problems)
    national = frame["province_code"].astype(str).isin(["00", "0"])
    local = frame.loc[~national, ["province_code", "jurisdiction"]].drop_duplicates()
    names: dict[str, str] = {}
    for code, written in local.sort_values(["province_code", "jurisdiction"]).itertuples(
        index=False
    ):
        names.setdefault(str(code), canonical_jurisdiction(code, written))
    return list(dict.fromkeys(names.values()))


def canonical_jurisdiction(code: object, written: object) -> str:
    """Return the one name a jurisdiction is reported under.

    A province is named by its code (the reference name: "Hà Nam" for rows written
    "Ha Nam" or "tỉnh Hà Nam"); the country and central bodies (code 00), and codes the
    reference does not know, keep the name as written.

    >>> canonical_jurisdiction("35", "tỉnh Ha Nam"), canonical_jurisdiction("00", "Bộ Nội vụ ")
    ('Hà Nam', 'Bộ Nội vụ')
    """
    from nq18lib.reference.provinces import NATIONAL_CODE, province_by_code

    code = str(code or "").strip().zfill(2)
    found = province_by_code(code) if code != NATIONAL_CODE else None
    return found.name if found is not None else str(written or "").strip()


def sector_counts(figures: Sequence[Path]) -> dict[str, dict[str, int]]:
    """Return, for each jurisdiction of the figure tables, its number of figures by sector.

    A province gets the sector reports its data supports: those with at least one figure
    (the runner's grid leaves the others out, so no published report is empty).
    National figures (code 00) are counted under their jurisdiction too.

    Raises
    ------
    DataError
        When a file breaks the contract.
    """
    return count_sectors(load_figures(list(figures)))


def count_sectors(frame: pd.DataFrame) -> dict[str, dict[str, int]]:
    """Return ``{jurisdiction: {sector: number of figures}}`` of loaded figures.

    Examples
    --------
    >>> count_sectors(pd.DataFrame({"jurisdiction": ["Hà Nam", "Hà Nam "],
    ...     "category": ["civil_servant", "party_agency"]}))
    {'Hà Nam': {'staffing': 1, 'party': 1}}
    """
    from nq18lib.reference.taxonomy import sector_of

    codes = frame["province_code"] if "province_code" in frame else [""] * len(frame)
    counts: dict[str, dict[str, int]] = {}
    for name, code, category in zip(frame["jurisdiction"], codes, frame["category"], strict=True):
        sector = sector_of(category) or "other"
        place = counts.setdefault(canonical_jurisdiction(code, name), {})
        place[sector] = place.get(sector, 0) + 1
    return counts
