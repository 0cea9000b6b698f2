"""Typed frames and cells: tables built from records, with nullable counts and rates."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd


def typed_frame(
    records: Iterable[dict],
    columns: Sequence[str],
    counts: Iterable[str] = (),
    rates: Iterable[str] = (),
) -> pd.DataFrame:
    """Build a frame from records, with counts as ``Int64`` and rates as ``Float64``.

    Parameters
    ----------
    records : iterable of dict
        One dict per row; missing values may be ``None`` or ``pd.NA``.
    columns : sequence of str
        The columns, in order.
    counts, rates : iterable of str
        Columns to type as nullable integers and nullable floats.

    Returns
    -------
    DataFrame
        The table, missing numbers as ``<NA>``.

    Examples
    --------
    >>> frame = typed_frame([{"n": 3, "p": None}], ["n", "p"], counts=["n"], rates=["p"])
    >>> [str(t) for t in frame.dtypes], frame["p"].isna().tolist()
    (['Int64', 'Float64'], [True])
    """
    out = pd.DataFrame.from_records(records, columns=list(columns))
    for name in counts:
        out[name] = pd.array(out[name].tolist(), dtype="Int64")
    for name in rates:
        out[name] = pd.array(out[name].tolist(), dtype="Float64")
    return out


def cell_text(value: object) -> str:
    """Return a cell as text, empty when it is missing.

    Examples
    --------
    >>> cell_text("Hà Nam"), cell_text(None), cell_text(pd.NA), cell_text(12)
    ('Hà Nam', '', '', '12')
    """
    return "" if value is None or pd.isna(value) else str(value)


def cell_count(value: object) -> int | None:
    """Return a cell as an int, None when it is missing.

    Examples
    --------
    >>> cell_count(553.0), cell_count(pd.NA), cell_count(None)
    (553, None, None)
    """
    return None if value is None or pd.isna(value) else int(value)
