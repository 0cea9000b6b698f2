"""Implied counts: the baseline, count after and rate a figure gives, as ranges.

Reported percents are rounded, so a count and a percent give a range of baselines; the
inversion and its rounding rules are in :mod:`nq18lib.metrics.rounding`.
"""

from __future__ import annotations

import pandas as pd

from nq18lib.frames import cell_count
from nq18lib.metrics.bounds import figure_bounds
from nq18lib.metrics.rounding import (
    float_decimals,
    implied_baseline,
)


def written_decimals(figures: pd.DataFrame) -> pd.Series:
    """Return, per figure, how many decimals its percent was written with.

    Uses the ``percent_decimals`` column the loader adds; where it is missing, reads the
    decimals from the float (which cannot tell ``25,0`` from ``25``).

    Examples
    --------
    >>> written_decimals(pd.DataFrame({"percent": [36.4, 25.0, None]})).tolist()
    [1, 0, <NA>]
    """
    if "percent_decimals" in figures.columns:
        written = figures["percent_decimals"]
    else:
        written = pd.Series([pd.NA] * len(figures), index=figures.index)
    return pd.Series(
        [
            (pd.NA if pd.isna(p) else float_decimals(float(p))) if pd.isna(d) else int(d)
            for p, d in zip(figures["percent"], written, strict=True)
        ],
        index=figures.index,
        dtype="Int64",
    )


def effective_reduced(figure: pd.Series | dict) -> int | None:
    """Return the count reduced of one figure.

    That is ``reduced``, else the fraction's numerator, else ``baseline − after``.

    Examples
    --------
    >>> effective_reduced({"reduced": None, "numerator": 215, "denominator": 1503})
    215
    >>> effective_reduced({"baseline": 116, "after": 98})
    18
    """
    get = figure.get
    if cell_count(get("reduced")) is not None:
        return cell_count(get("reduced"))
    if cell_count(get("numerator")) is not None and cell_count(get("denominator")) is not None:
        return cell_count(get("numerator"))
    if cell_count(get("baseline")) is not None and cell_count(get("after")) is not None:
        return cell_count(get("baseline")) - cell_count(get("after"))
    return None


def _given(figure: dict, name: str) -> bool:
    return cell_count(figure.get(name)) is not None


def implied_counts(figures: pd.DataFrame, rounding: str = "either") -> pd.DataFrame:
    """Return, per figure, the best known baseline, count after and rate, as ranges.

    The baseline comes from, in order: ``baseline`` (basis ``reported``), ``after +
    reduced`` (``after``), the fraction's ``denominator`` (``fraction``), or the count and
    the rounded percent (``percent``, via :func:`implied_baseline`). The rate range is
    ``100·reduced/b`` over that range, or, with a percent only, its rounding interval
    ``percent ± h/2``.

    A number that is a bound (``bound``: hơn, gần, khoảng) is not exact: what would be
    computed from it is left empty (``<NA>``), never given as an exact count; the audit
    gives the interval it admits (:mod:`nq18lib.metrics.bounds`).

    Returns
    -------
    DataFrame
        Indexed like ``figures``: ``figure_id``, ``reduced`` (effective, see
        :func:`effective_reduced`), ``baseline_min``, ``baseline_max``, ``baseline_basis``,
        ``after_min``, ``after_max``, ``rate_min``, ``rate_max``.

    Examples
    --------
    >>> frame = pd.DataFrame({"figure_id": ["a", "b"], "reduced": [4, 215],
    ...     "percent": [36.4, 14.4], "numerator": [None, 215], "denominator": [None, 1503]})
    >>> implied_counts(frame)[["baseline_min", "baseline_max", "baseline_basis"]]
       baseline_min  baseline_max baseline_basis
    0            11            11        percent
    1          1503          1503       fraction
    """
    decimals = written_decimals(figures).tolist()
    rows = []
    for position, fig in enumerate(figures.to_dict("records")):
        reduced = effective_reduced(fig)
        bounded = set(figure_bounds(fig))
        if bounded and not _given(fig, "reduced"):
            bounded |= {"reduced"} if bounded & {"numerator", "baseline", "after"} else set()
        elif "reduced" in bounded:
            bounded.add("numerator")
        b_range, basis = None, pd.NA
        baseline, after, denominator = (
            cell_count(fig.get("baseline")),
            cell_count(fig.get("after")),
            cell_count(fig.get("denominator")),
        )
        if baseline is not None:
            if "baseline" not in bounded:
                b_range, basis = (baseline, baseline), "reported"
        elif after is not None and reduced is not None:
            if not bounded & {"after", "reduced"}:
                b_range, basis = (after + reduced, after + reduced), "after"
        elif denominator is not None:
            if "denominator" not in bounded:
                b_range, basis = (denominator, denominator), "fraction"
        elif bounded & {"reduced", "percent"}:
            pass  # a bound gives a range of baselines, not a count (see the audit)
        elif reduced is not None and not pd.isna(fig.get("percent")):
            try:
                b_range = implied_baseline(
                    reduced, float(fig["percent"]), decimals[position], rounding=rounding
                )
            except ValueError:
                b_range = None
            basis = "percent" if b_range else pd.NA
        rate = (pd.NA, pd.NA)
        exact_after = b_range and reduced is not None and "reduced" not in bounded
        if exact_after and b_range[0] > 0:
            rate = (100 * reduced / b_range[1], 100 * reduced / b_range[0])
        elif not pd.isna(fig.get("percent")) and "percent" not in bounded:
            half = 0.5 * 10.0 ** -int(decimals[position])
            p = float(fig["percent"])
            rate = (max(p - half, 0.0), min(p + half, 100.0))
        rows.append(
            {
                "figure_id": fig.get("figure_id", pd.NA),
                "reduced": reduced,
                "baseline_min": b_range[0] if b_range else pd.NA,
                "baseline_max": b_range[1] if b_range else pd.NA,
                "baseline_basis": basis,
                "after_min": b_range[0] - reduced if exact_after else pd.NA,
                "after_max": b_range[1] - reduced if exact_after else pd.NA,
                "rate_min": rate[0],
                "rate_max": rate[1],
            }
        )
    out = pd.DataFrame.from_records(
        rows,
        index=figures.index,
        columns=[
            "figure_id",
            "reduced",
            "baseline_min",
            "baseline_max",
            "baseline_basis",
            "after_min",
            "after_max",
            "rate_min",
            "rate_max",
        ],
    )
    for name in ("reduced", "baseline_min", "baseline_max", "after_min", "after_max"):
        out[name] = pd.array(out[name].tolist(), dtype="Int64")
    for name in ("rate_min", "rate_max"):
        out[name] = pd.array(out[name].tolist(), dtype="Float64")
    out["baseline_basis"] = out["baseline_basis"].astype("string")
    return out
