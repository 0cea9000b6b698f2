"""Typed frames: tables built from records with nullable count and rate columns."""

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
