"""Known counts (``data/reference/reference_counts.csv``): stocks of units at a date.

Communes of a province before and after a merger, departments before and after: each with
its source. The audit compares figures with them (:mod:`nq18lib.audit.reference`).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import pandas as pd

from nq18lib.frames import cell_text
from nq18lib.paths import reference_file


def parse_date(text: object, end: bool = False) -> dt.date | None:
    """Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; a bare year or month spans to its end."""
    s = cell_text(text).strip()
    try:
        if len(s) == 4:
            return dt.date(int(s), 12, 31) if end else dt.date(int(s), 1, 1)
        if len(s) == 7:
            year, month = int(s[:4]), int(s[5:7])
            if end:
                following = dt.date(year + month // 12, month % 12 + 1, 1)
                return following - dt.timedelta(days=1)
            return dt.date(year, month, 1)
        return dt.date.fromisoformat(s[:10]) if s else None
    except ValueError:
        return None


@lru_cache(maxsize=1)
def default_reference_counts() -> pd.DataFrame:
    """Return the packaged table of known counts, read once."""
    return load_reference_counts()


def load_reference_counts(path: str | None = None) -> pd.DataFrame:
    """Read the table of known counts (``data/reference/reference_counts.csv``).

    Columns: ``jurisdiction``, ``province_code``, ``category``, ``level``, ``date``,
    ``count`` (int), ``source``, ``confidence`` (S, D or U as in DOMAIN.md), ``note``.
    """
    table = pd.read_csv(
        path or reference_file("reference_counts.csv"), dtype=str, keep_default_na=False
    )
    table["count"] = table["count"].astype(int)
    return table
