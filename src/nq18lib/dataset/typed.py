"""Typing a raw table: counts, percents, periods and codes parsed, every problem kept.

:func:`parse_figures` turns the text cells of :func:`nq18lib.dataset.rawtable.read_table` into the
typed columns of the data contract, and lists each cell it cannot read as a
:class:`~nq18lib.exceptions.Problem` (file, row, column, reason).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from nq18lib.dataset.contract import (
    COLUMN_NAMES,
    COLUMNS,
    COUNT_COLUMNS,
    REQUIRED_COLUMNS,
)
from nq18lib.dataset.rawtable import ROW, strip_cells
from nq18lib.exceptions import NumberFormatError, Problem
from nq18lib.numerals import parse_count, parse_decimal
from nq18lib.reference import headers as vocab
from nq18lib.reference import taxonomy
from nq18lib.reference.bounds import canonical_bound

# The fast paths read ASCII digits only, and counts of at most nine digits (int64-safe);
# anything else goes through nq18lib.numerals, which reads other digits or refuses.
_COUNT_FAST = r"[0-9]{1,9}|[1-9][0-9]{0,2}(?:\.[0-9]{3}){1,2}"
_PERCENT_FAST = r"([0-9]{1,3})(?:[.,]([0-9]{1,2}))?%?"
_PERCENT_DOT3 = re.compile(r"([0-9]{1,3})\.([0-9]{3})%?")
_PERIOD_DMY = r"(\d{1,2})/(\d{1,2})/(\d{4})"
_PERIOD_MY = r"(\d{1,2})/(\d{4})"


def parse_figures(table: pd.DataFrame, file: str = "") -> tuple[pd.DataFrame, list[Problem]]:
    """Turn a table of text cells into typed figures, collecting every problem.

    Counts become ``Int64``, ``percent`` ``Float64`` with ``percent_decimals`` (the
    decimals as written: "25,0" has 1), the rest strings. Coded values written in words
    are mapped to their codes: status ("kết quả" → result, "dự kiến" → plan, "dự kiến
    một phần" → partly_projected), level ("tỉnh+huyện" → tinh+huyen), scope ("trung
    ương" → central, "cấp tỉnh + cấp huyện" → provincial+district), round ("2017–2021"
    → 2017-2021), bound ("hơn" → at_least, "percent: khoảng" → percent:about), category
    (its code, or its Vietnamese or English label);
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
    stripped = table.attrs.get("stripped")
    table = table.reset_index(drop=True)
    # pandas deep-copies attrs into every frame and series derived from this one (the
    # read's problems, headers …): the caller keeps them, this copy goes without
    table.attrs = {}
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
            text = text if stripped else strip_cells(text)
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
    digits = joined.replace("\x00", "")
    if digits.isascii() and digits.isdigit() and max(map(len, values), default=0) <= 9:
        return re.fullmatch(pattern, "0") is not None
    return re.fullmatch(f"(?:{pattern})?(?:\x00(?:{pattern})?)*", joined) is not None


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
    frame["scope"] = _map_unique(frame["scope"], lambda v: vocab.canonical_scope(v) or v)
    frame["round"] = _map_unique(frame["round"], vocab.canonical_round)
    frame["bound"] = _map_unique(frame["bound"], canonical_bound)
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
