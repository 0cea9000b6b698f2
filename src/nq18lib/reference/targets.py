"""The national targets (``data/reference/targets.csv``): read and checked.

One row per instrument × subject, with the minimum percent, the base year it counts from,
the deadline, the scope (``all``, ``local``, ``ministries``, ``national``) and the taxonomy
categories it applies to. Whether a figure attains one is :mod:`nq18lib.metrics.targets`.
"""

from __future__ import annotations

import os
import re

import pandas as pd

from nq18lib.exceptions import DataError, Problem
from nq18lib.paths import reference_file
from nq18lib.reference import taxonomy

KINDS = ("reduction", "criterion", "direction")
SCOPES = ("all", "local", "ministries", "national")


def load_targets(path: str | os.PathLike | None = None) -> pd.DataFrame:
    """Read and check the national targets table.

    Returns one row per target with ``min_percent`` as float (NaN for criteria and
    directions), ``base_year`` and ``deadline`` as Int64, and ``applies_to`` and
    ``uncertain_for`` (categories whose inclusion is uncertain, [U]) as tuples of
    category codes.

    Raises
    ------
    DataError
        When a category, kind or scope is unknown, an id repeats or a number is unreadable.

    Examples
    --------
    >>> targets = load_targets()
    >>> row = targets.set_index("target_id").loc["KL40-CBCC-2026"]
    >>> float(row.min_percent), int(row.base_year), int(row.deadline), row.applies_to
    (5.0, 2021, 2026, ('civil_servant', 'commune_official'))
    """
    path = path or reference_file("targets.csv")
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    problems: list[Problem] = []
    known = set(taxonomy.category_codes())
    seen: set[str] = set()
    for i, row in table.iterrows():
        line = int(i) + 2

        def bad(column: str, reason: str, line: int = line) -> None:
            problems.append(Problem(str(path), line, column, reason))

        if row["target_id"] in seen:
            bad("target_id", f"duplicate id {row['target_id']!r}")
        seen.add(row["target_id"])
        if row["kind"] not in KINDS:
            bad("kind", f"kind must be one of {', '.join(KINDS)}, not {row['kind']!r}")
        if row["scope"] not in SCOPES:
            bad("scope", f"scope must be one of {', '.join(SCOPES)}, not {row['scope']!r}")
        for code in row["applies_to"].split("|"):
            if code not in known:
                bad("applies_to", f"unknown category {code!r}")
        for column in ("min_percent", "base_year", "deadline"):
            text = row[column].strip()
            if text and not re.fullmatch(r"\d+(\.\d+)?", text):
                bad(column, f"not a number: {text!r}")
        if row["kind"] == "reduction" and not row["min_percent"].strip():
            bad("min_percent", "a reduction target needs a minimum percent")
    if problems:
        raise DataError(problems)
    table["min_percent"] = pd.to_numeric(table["min_percent"].replace("", None)).astype(float)
    for column in ("base_year", "deadline"):
        table[column] = pd.array([int(x) if x else pd.NA for x in table[column]], dtype="Int64")
    table["applies_to"] = table["applies_to"].map(lambda s: tuple(s.split("|")))
    if "uncertain_for" not in table.columns:
        table["uncertain_for"] = ""
    table["uncertain_for"] = table["uncertain_for"].map(
        lambda s: tuple(x for x in s.split("|") if x)
    )
    return table
