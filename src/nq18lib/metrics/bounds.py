"""Bounded numbers as intervals: what "hơn 2.100" or "gần 20" admits, and what follows from it.

A figure's ``bound`` (:mod:`nq18lib.reference.bounds`) makes some of its numbers intervals:
``at_least v`` is ``[v, ∞)``, ``at_most v`` is ``[0, v]`` (``[0,9·v, v]`` when the audit asks
whether it is "not far below"), ``about v`` is ``v ± 10 %`` (``± 5 %`` for a warning); an exact
percent is its rounding interval (``14,4`` → ``[14,35, 14,45]``), an exact count itself. A rate
or baseline computed from intervals is an interval too, never one exact number.
"""

from __future__ import annotations

import math

import pandas as pd

from nq18lib.frames import cell_count
from nq18lib.reference.bounds import BoundError, bound_interval, parse_bound

Interval = tuple[float, float]


def figure_bounds(figure: dict | pd.Series) -> dict[str, str]:
    """Return a figure's bounds as ``{column: qualifier}``; empty when exact (or unreadable).

    Examples
    --------
    >>> figure_bounds({"reduced": 2100, "bound": "at_least"})
    {'reduced': 'at_least'}
    >>> figure_bounds({"reduced": 4, "percent": 18.0, "bound": "percent:at_least"})
    {'percent': 'at_least'}
    >>> figure_bounds({"reduced": 4})
    {}
    """
    get = figure.get
    text = get("bound")
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return {}
    try:
        return parse_bound(text, dict(figure))
    except BoundError:
        return {}  # validation reports it; the audit treats the figure as written


def value_interval(
    figure: dict | pd.Series,
    column: str,
    bounds: dict[str, str],
    decimals: int | None = None,
    *,
    strict: bool = True,
) -> Interval | None:
    """Return the interval of exact values one number of a figure admits (None if empty).

    Examples
    --------
    >>> value_interval({"percent": 30.0}, "percent", {"percent": "at_least"}, 0)
    (29.5, inf)
    >>> value_interval({"reduced": 20}, "reduced", {"reduced": "at_most"}, strict=False)
    (18.0, 20.0)
    >>> [round(v, 2) for v in value_interval({"percent": 14.4}, "percent", {}, 1)]
    [14.35, 14.45]
    """
    raw = figure.get(column)
    if raw is None or pd.isna(raw):
        return None
    if column == "percent":
        value = float(raw)
        slack = 0.5 * 10.0 ** -(decimals or 0)
    else:
        value, slack = float(cell_count(raw)), 0.0
    low, high = bound_interval(value, bounds.get(column), slack, strict=strict)
    return (max(low, 0.0), high)


def effective_reduced_interval(
    figure: dict | pd.Series, bounds: dict[str, str], *, strict: bool = True
) -> Interval | None:
    """Return the interval of the count reduced: reduced, else numerator, else baseline − after.

    Examples
    --------
    >>> effective_reduced_interval({"baseline": 10000, "after": 2500}, {"baseline": "at_least"})
    (7500.0, inf)
    >>> effective_reduced_interval({"reduced": 430}, {"reduced": "at_least"})
    (430.0, inf)
    """
    for name in ("reduced", "numerator"):
        found = value_interval(figure, name, bounds, strict=strict)
        if found is not None:
            return found
    base = value_interval(figure, "baseline", bounds, strict=strict)
    after = value_interval(figure, "after", bounds, strict=strict)
    if base is None or after is None:
        return None
    return difference(base, after)


def difference(a: Interval, b: Interval) -> Interval:
    """Return ``a − b`` over intervals, not below 0.

    Examples
    --------
    >>> difference((10000, math.inf), (2500, 2500))
    (7500, inf)
    """
    low = a[0] - b[1] if b[1] != math.inf else 0.0
    high = a[1] - b[0] if a[1] != math.inf else math.inf
    return (max(low, 0), high)


def rate_interval(reduced: Interval, baseline: Interval) -> Interval:
    """Return the rate ``100·reduced/baseline`` over intervals (the baseline at least the count).

    Examples
    --------
    >>> rate_interval((4, 4), (13, 13))[0] == 100 * 4 / 13
    True
    >>> rate_interval((2100, math.inf), (5000, 5000))
    (42.0, 100.0)
    """
    base_low = max(baseline[0], reduced[0], 1e-12)
    low = 100 * reduced[0] / baseline[1] if baseline[1] != math.inf else 0.0
    high = 100 * reduced[1] / base_low if reduced[1] != math.inf else 100.0
    return (low, min(high, 100.0))


def baseline_interval(reduced: Interval, rate: Interval) -> Interval:
    """Return the baseline ``100·reduced/rate`` over intervals, whole (∞ when unbounded).

    Examples
    --------
    >>> baseline_interval((2650, math.inf), (31.35, 31.45))
    (8427, inf)
    >>> baseline_interval((3240, 3960), (37.65, 37.75))
    (8583, 10517)
    """
    rate = (rate[0], min(rate[1], 100.0))
    low = max(100 * reduced[0] / rate[1], reduced[0]) if rate[1] > 0 else math.inf
    high = 100 * reduced[1] / rate[0] if rate[0] > 0 else math.inf
    low = max(math.ceil(low - 1e-9), 0) if low != math.inf else math.inf
    high = math.floor(high + 1e-9) if high != math.inf else math.inf
    return (low, high)


def overlap(a: Interval, b: Interval, tolerance: float = 1e-9) -> bool:
    """Whether two intervals share a value.

    Examples
    --------
    >>> overlap((49.6, 49.8), (65.5, math.inf)), overlap((30.7, 30.8), (29.5, math.inf))
    (False, True)
    """
    return a[0] <= b[1] + tolerance and b[0] <= a[1] + tolerance


_DIFFERENCE_BOUND = {
    ("at_least", None): "at_least",
    ("at_most", None): "at_most",
    (None, "at_least"): "at_most",
    (None, "at_most"): "at_least",
    ("at_least", "at_most"): "at_least",
    ("at_most", "at_least"): "at_most",
}


def count_bound(figure: dict | pd.Series) -> str | None:
    """Return the qualifier of a figure's effective count (see ``effective_reduced``).

    The count is ``reduced``, else the numerator, else ``baseline − after``; a difference of
    a lower bound and an exact count is a lower bound, and so on (``about`` when the two
    bounds leave it open either way).

    Examples
    --------
    >>> count_bound({"reduced": 2100, "bound": "at_least"})
    'at_least'
    >>> count_bound({"baseline": 300, "after": 120, "bound": "after:at_most"})
    'at_least'
    >>> count_bound({"reduced": 4, "percent": 30.0, "bound": "percent:about"}) is None
    True
    """
    bounds = figure_bounds(figure)
    for name in ("reduced", "numerator"):
        if cell_count(figure.get(name)) is not None:
            return bounds.get(name)
    key = (bounds.get("baseline"), bounds.get("after"))
    if key == (None, None):
        return None
    return _DIFFERENCE_BOUND.get(key, "about")


def combined_bound(qualifiers: list[str | None]) -> str | None:
    """Return the qualifier of a sum of counts with these qualifiers (None: all exact).

    Examples
    --------
    >>> combined_bound([None, "at_least", "at_least"]), combined_bound([None, None])
    ('at_least', None)
    >>> combined_bound(["at_least", "about"])
    'about'
    """
    found = {q for q in qualifiers if q is not None and not (isinstance(q, float) and q != q)}
    if not found:
        return None
    return found.pop() if len(found) == 1 else "about"


def figure_rate_interval(
    figure: dict | pd.Series, bounds: dict[str, str], decimals: int | None = None
) -> Interval | None:
    """Return the interval of a figure's reduction rate, from its counts or its percent.

    The count over the baseline (or the fraction's denominator) when both are written, else
    the percent as written (its rounding interval, widened by its bound).

    Examples
    --------
    >>> figure_rate_interval({"percent": 30.0, "bound": "at_least"}, {"percent": "at_least"}, 0)
    (29.5, 100.0)
    >>> figure_rate_interval({"reduced": 20, "baseline": 100}, {"reduced": "at_least"})
    (20.0, 100.0)
    """
    count = effective_reduced_interval(figure, bounds)
    for name in ("baseline", "denominator"):
        base = value_interval(figure, name, bounds)
        if count is not None and base is not None:
            return rate_interval(count, base)
    found = value_interval(figure, "percent", bounds, decimals)
    return None if found is None else (found[0], min(found[1], 100.0))
