"""Validation of typed figures: every rule a figure must obey, checked column-wise.

The checks run on whole columns (numpy and pandas), not row by row, so that 100,000 rows
take a fraction of a second; a problem is built only for the rows that fail.

A DataFrame validation library (pandera) was considered and not used: its failure cases
name index positions, where a user needs the spreadsheet row and the header as written;
most rules here cross columns, rows or files (duplicates, a code that must agree with a
name, after = baseline − reduced), which would be custom checks anyway; and it would add a
dependency to every install for what is a few dozen lines of column expressions.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from nq18lib.dataset.contract import (
    COLUMN_NAMES,
    COUNT_COLUMNS,
    DUPLICATE_ANCHOR,
    DUPLICATE_KEY,
    REQUIRED_COLUMNS,
    ROUNDS,
    SCOPES,
    STATUSES,
)
from nq18lib.exceptions import Problem
from nq18lib.reference import provinces, taxonomy
from nq18lib.reference.bounds import BOUND_COLUMNS, BoundError, parse_bound
from nq18lib.reference.centralbodies import find_central_body

DUPLICATE_TEXT = (
    "same source, jurisdiction, category, level, period, phase, status, scope and location "
    "(or numbers, where the location gives no character span)"
)
_LOCATION = re.compile(r"p(\d+)(?::(\d+)-(\d+))?")
_SCOPE = re.compile(rf"({'|'.join(SCOPES)})(\+({'|'.join(SCOPES)}))*")
_PERIOD_ISO = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"


def validate_figures(frame: pd.DataFrame, file: str = "") -> list[Problem]:
    """Check every rule a figure must obey and return the problems found.

    Rules: required values present; known category (taxonomy), jurisdiction (a province
    matched by :func:`nq18lib.reference.provinces.find_province`, or a central body matched by
    :func:`nq18lib.reference.centralbodies.find_central_body`) and a province_code that agrees with
    it (``00`` for the country and for central bodies); status result/plan/
    partly_projected; round one of :data:`~nq18lib.dataset.contract.ROUNDS`; scope made of
    :data:`~nq18lib.dataset.contract.SCOPES`; part_of not the figure itself; a bound of
    known qualifiers, each of a number the figure gives
    (:func:`nq18lib.reference.bounds.parse_bound`); for category ``other`` a unit (or a
    note) saying what is counted; level made of
    tinh/huyen/xa/thon; counts ≥ 0; 0 ≤ percent ≤ 100; at least one of
    reduced/percent/numerator; numerator ≤ denominator; reduced ≤ baseline; after =
    baseline − reduced; a period that is a year or an ISO date, with start ≤ end; a
    location ``p<paragraph>`` or ``p<paragraph>:<start>-<end>``; unique ids; no figure
    twice (:data:`DUPLICATE_KEY`).

    That ``part_of`` names a figure of the loaded set is checked by
    :func:`check_part_of` (``load_figures`` runs it over every file loaded together).
    """
    file = file or frame.attrs.get("file", "")
    n = len(frame)
    rows = frame.attrs.get("rows")
    rows = np.asarray(rows if rows is not None and len(rows) == n else range(2, n + 2))
    written = frame.attrs.get("headers") or {}
    present = set(frame.attrs.get("present") or COLUMN_NAMES)
    frame = frame.reset_index(drop=True)
    frame.attrs = {}  # keep pandas from copying them on every operation below
    found: list[tuple[int, int, str | None, str]] = []

    def label(column: str | None) -> str | None:
        return None if column is None else written.get(column, column)

    def add(mask, column: str | None, reason) -> None:
        for i in np.flatnonzero(np.asarray(mask, dtype=bool)):
            text = reason(i) if callable(reason) else reason
            found.append((i, int(rows[i]), label(column), text))

    def given(name: str) -> np.ndarray:
        return frame[name].notna().to_numpy()

    def col(name: str) -> np.ndarray:
        series = frame[name]
        if series.dtype.kind in "iuf" or str(series.dtype) in {"Int64", "Float64"}:
            return series.to_numpy(dtype="float64", na_value=np.nan)
        return series.to_numpy(dtype=object, na_value=None)

    for name in REQUIRED_COLUMNS:
        if name in present:  # a missing column is reported once, by parse_figures
            add(~given(name), name, "required value is empty")

    category = frame["category"]
    known = set(taxonomy.category_codes())
    add(
        given("category") & ~category.isin(known).to_numpy(),
        "category",
        lambda i: f"unknown category {category.iat[i]!r} (known: {', '.join(sorted(known))})",
    )

    status = frame["status"]
    add(
        given("status") & ~status.isin(STATUSES).to_numpy(),
        "status",
        lambda i: (
            "status must be 'result', 'plan' or 'partly_projected' (or 'kết quả' / "
            f"'kế hoạch' / 'dự kiến một phần'), not {status.iat[i]!r}"
        ),
    )
    _validate_extensions(frame, add)

    level = frame["level"]
    level_ok = per_value(
        level,
        lambda v: bool(re.fullmatch(r"(tinh|huyen|xa|thon)(\+(tinh|huyen|xa|thon))*", v)),
        True,
    ).astype(bool)
    add(
        given("level") & ~level_ok,
        "level",
        lambda i: (
            f"unknown level {level.iat[i]!r}: "
            "use tinh, huyen, xa, thon or a combination (tinh+huyen)"
        ),
    )

    _validate_places(frame, add)

    for name in COUNT_COLUMNS:
        values = col(name)
        add(
            np.nan_to_num(values, nan=0) < 0,
            name,
            lambda i, v=values: f"count must not be negative ({int(v[i])})",
        )
    percent = col("percent")
    bad = ~np.isnan(percent) & ((percent < 0) | (percent > 100))
    add(bad, "percent", lambda i: f"percent must be between 0 and 100 ({percent[i]:.10g})")
    reduced, numerator, denominator = col("reduced"), col("numerator"), col("denominator")
    baseline, after = col("baseline"), col("after")
    add(
        np.isnan(reduced) & np.isnan(percent) & np.isnan(numerator),
        None,
        "a figure needs at least one of reduced, percent, numerator",
    )
    add(
        numerator > denominator,
        "numerator",
        lambda i: f"numerator {int(numerator[i])} exceeds denominator {int(denominator[i])}",
    )
    add(
        reduced > baseline,
        "reduced",
        lambda i: f"reduced {int(reduced[i])} exceeds baseline {int(baseline[i])}",
    )
    add(
        ~np.isnan(reduced) & ~np.isnan(baseline) & ~np.isnan(after) & (after != baseline - reduced),
        "after",
        lambda i: (
            f"after {int(after[i])} ≠ baseline {int(baseline[i])} − reduced {int(reduced[i])}"
            f" = {int(baseline[i] - reduced[i])}"
        ),
    )
    _validate_periods(frame, add)
    _validate_locations(frame, add)
    _validate_unique(frame, add, rows)
    found.sort(key=lambda item: (item[0], COLUMN_NAMES.index(_canon(item[2], written))))
    return [Problem(file, row, column, reason) for _, row, column, reason in found]


def _canon(column: str | None, written: dict[str, str]) -> str:
    if column is None:
        return "figure_id"
    reverse = {v: k for k, v in written.items()}
    name = reverse.get(column, column)
    return name if name in COLUMN_NAMES else "figure_id"


def per_value(series: pd.Series, func, default=None) -> np.ndarray:
    """Apply ``func`` once per distinct value of a column and spread the results to its rows.

    Empty cells get ``default``. Much faster than ``Series.map`` when values repeat.

    Examples
    --------
    >>> per_value(pd.Series(["a", None, "a", "b"]), str.upper, "").tolist()
    ['A', '', 'A', 'B']
    """
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    results = np.empty(len(uniques) + 1, dtype=object)
    results[:-1] = [func(u) for u in uniques]
    results[-1] = default
    return results[codes]


def _validate_extensions(frame: pd.DataFrame, add) -> None:
    """Round, scope, part_of and unit: the columns of the contract extension (issue 12)."""
    rounds = frame["round"]
    add(
        rounds.notna().to_numpy() & ~rounds.isin(ROUNDS).to_numpy(),
        "round",
        lambda i: f"unknown round {rounds.iat[i]!r}: use one of {', '.join(ROUNDS)}",
    )
    scope = frame["scope"]
    scope_ok = per_value(scope, lambda v: bool(_SCOPE.fullmatch(v)), True).astype(bool)
    add(
        ~scope_ok,
        "scope",
        lambda i: (
            f"unknown scope {scope.iat[i]!r}: use {', '.join(SCOPES)} "
            "or a combination (provincial+district)"
        ),
    )
    part_of = frame["part_of"]
    add(
        (part_of == frame["figure_id"]).fillna(False).to_numpy(dtype=bool),
        "part_of",
        lambda i: f"figure {part_of.iat[i]!r} cannot be a part of itself",
    )
    other = (frame["category"] == "other").fillna(False).to_numpy(dtype=bool)
    add(
        other & frame["unit"].isna().to_numpy() & frame["note"].isna().to_numpy(),
        "unit",
        "category 'other' needs the unit counted (the noun as written, e.g. 'tổng cục')",
    )
    _validate_bounds(frame, add)


def _validate_bounds(frame: pd.DataFrame, add) -> None:
    """Check that a bound names known qualifiers, each of a number the figure gives."""
    bound = frame["bound"]
    given = np.flatnonzero(bound.notna().to_numpy())
    if not len(given):
        return
    numbers = frame[list(BOUND_COLUMNS)].iloc[given].to_dict("records")
    reasons: dict[int, str] = {}
    for i, figure in zip(given, numbers, strict=True):
        try:
            parse_bound(bound.iat[i], figure)
        except BoundError as err:
            reasons[int(i)] = str(err)
    mask = np.zeros(len(frame), dtype=bool)
    mask[list(reasons)] = True
    add(mask, "bound", lambda i: reasons[int(i)])


def check_part_of(frame: pd.DataFrame) -> np.ndarray:
    """Return a mask of the rows whose ``part_of`` names no ``figure_id`` of the frame.

    Examples
    --------
    >>> f = pd.DataFrame({"figure_id": ["a", "b", "c"], "part_of": ["", "a", "z"]})
    >>> check_part_of(f.replace("", None)).tolist()
    [False, False, True]
    """
    part_of = frame["part_of"]
    known = set(frame["figure_id"].dropna())
    return (part_of.notna() & ~part_of.isin(known)).to_numpy(dtype=bool)


def _jurisdiction(name: str):
    return provinces.find_province(name) or find_central_body(name)


def _validate_places(frame: pd.DataFrame, add) -> None:
    names = frame["jurisdiction"].to_numpy(dtype=object, na_value=None)
    codes = frame["province_code"].to_numpy(dtype=object, na_value=None)
    found = per_value(frame["jurisdiction"], _jurisdiction)
    given = np.array([n is not None for n in names], dtype=bool)
    unknown = given & np.array([p is None for p in found], dtype=bool)
    add(
        unknown,
        "jurisdiction",
        lambda i: (
            f"unknown jurisdiction {names[i]!r}: not one of the 63 provinces before "
            "1 July 2025, 'Toàn quốc', nor a central body of reference/central_bodies.csv"
        ),
    )
    known_codes = set(provinces.province_codes())
    bad_code = per_value(frame["province_code"], lambda v: v not in known_codes, False)
    bad_code = bad_code.astype(bool)
    add(
        bad_code,
        "province_code",
        lambda i: (
            f"unknown province code {codes[i]!r}: use the statistics office's 2-digit code "
            "before 1 July 2025 ('00' for the whole country)"
        ),
    )
    expected = np.array([p.code if p is not None else None for p in found], dtype=object)
    mismatch = ~bad_code & np.array(
        [c is not None and e is not None and c != e for c, e in zip(codes, expected, strict=True)],
        dtype=bool,
    )
    add(
        mismatch,
        "province_code",
        lambda i: (
            f"province_code {codes[i]!r} does not match jurisdiction {names[i]!r} "
            f"(code {expected[i]})"
        ),
    )


def _validate_periods(frame: pd.DataFrame, add) -> None:
    bounds = {}
    for name in ("period_start", "period_end"):
        series = frame[name]
        text = series.to_numpy(dtype=object, na_value=None)
        ok = per_value(series, _period_ok, True).astype(bool)
        add(
            ~ok,
            name,
            lambda i, t=text: (
                f"period {t[i]!r} is not a year (2025) or an ISO date (2017-10-25, 2024-10)"
            ),
        )
        fill = "00" if name == "period_start" else "99"
        bound = per_value(series, lambda v, f=fill: (v + f"-{f}-{f}")[:10], "")
        bound[~ok] = ""
        bounds[name] = bound
    start, end = bounds["period_start"], bounds["period_end"]
    wrong = (start != "") & (end != "") & (start > end)
    add(
        wrong,
        "period_start",
        lambda i: (
            f"period starts ({frame['period_start'].iat[i]}) after it ends "
            f"({frame['period_end'].iat[i]})"
        ),
    )


def _period_ok(value: str) -> bool:
    if not re.fullmatch(_PERIOD_ISO, value):
        return False
    year = int(value[:4])
    if not 1900 <= year <= 2100:
        return False
    if len(value) == 4:
        return True
    padded = value + "-01" if len(value) == 7 else value
    return not pd.isna(pd.to_datetime(padded, format="%Y-%m-%d", errors="coerce"))


def _validate_locations(frame: pd.DataFrame, add) -> None:
    series = frame["location"]

    def ok(value: str) -> bool:
        m = _LOCATION.fullmatch(value)
        if not m or int(m.group(1)) < 1:
            return False
        return m.group(2) is None or int(m.group(2)) < int(m.group(3))

    good = per_value(series, ok, True).astype(bool)
    add(
        ~good,
        "location",
        lambda i: (
            f"location {series.iat[i]!r} is not p<paragraph> or p<paragraph>:<start>-<end> "
            "(1-based paragraph, 0-based character span with start < end)"
        ),
    )


def _validate_unique(frame: pd.DataFrame, add, rows: np.ndarray) -> None:
    ids = frame["figure_id"]
    figure_ids = ids.to_numpy(dtype=object, na_value=None)
    for what, keys in (("id", id_keys(frame)), ("figure", figure_keys(frame))):
        first = first_positions(keys)
        repeated = (keys >= 0) & (first != np.arange(len(keys)))
        if what == "id":
            add(
                repeated,
                "figure_id",
                lambda i, f=first: f"duplicate id {figure_ids[i]!r} (first at row {rows[f[i]]})",
            )
        else:
            add(
                repeated,
                None,
                lambda i, f=first: (
                    f"duplicate figure: {DUPLICATE_TEXT} as row {rows[f[i]]} ({figure_ids[f[i]]})"
                ),
            )


def id_keys(frame: pd.DataFrame) -> np.ndarray:
    """Return an integer per row, equal for equal ``figure_id`` (-1 where it is empty)."""
    return pd.factorize(frame["figure_id"], use_na_sentinel=True)[0]


def figure_keys(frame: pd.DataFrame) -> np.ndarray:
    """Return an integer per row, equal for two rows that report the same figure.

    Equal :data:`~nq18lib.dataset.contract.DUPLICATE_KEY`, and the same location (or, without
    one or when it names a paragraph only, the same numbers:
    :data:`~nq18lib.dataset.contract.DUPLICATE_ANCHOR`); for the category ``other`` the same
    ``unit`` (or ``note`` without a unit) too. Rows without a category get -1.
    """
    parts = {name: frame[name].astype("string").fillna("") for name in DUPLICATE_KEY}
    other = (frame["category"] == "other").fillna(False).to_numpy(dtype=bool)
    counted = frame["unit"].astype("string").fillna(frame["note"].astype("string"))
    parts["note"] = counted.fillna("").where(other, "")
    anchor = frame["location"].astype("string")
    # No span (no location, or a paragraph only): the numbers say which figure it is.
    coarse = (anchor.isna() | ~anchor.str.contains(":", regex=False)).to_numpy(dtype=bool)
    if coarse.any():
        rows = frame.loc[coarse, list(DUPLICATE_ANCHOR)]
        numbers = [rows[name].astype("string").fillna("") for name in DUPLICATE_ANCHOR]
        anchor = anchor.copy()
        place = anchor[coarse].fillna("")
        anchor[coarse] = (place + "#" + numbers[0].str.cat(numbers[1:], sep="|")).to_numpy()
    parts["anchor"] = anchor
    keys = pd.DataFrame(parts).groupby(list(parts), sort=False, dropna=False).ngroup()
    keys = keys.to_numpy(dtype=np.int64, copy=True)
    keys[frame["category"].isna().to_numpy()] = -1
    return keys


def first_positions(keys: np.ndarray) -> np.ndarray:
    """Return, for each row, the position of the first row with the same key.

    Examples
    --------
    >>> first_positions(np.array([5, 7, 5, -1, 7])).tolist()
    [0, 1, 0, 3, 1]
    """
    _, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    positions = first[inverse.reshape(-1)]
    missing = keys < 0
    positions[missing] = np.flatnonzero(missing)
    return positions
