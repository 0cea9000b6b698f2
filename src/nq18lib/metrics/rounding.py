"""Rounded percents: checking them against counts and inverting them into baselines.

Reports give a count and a rounded percent ("giảm 4 cơ quan, đạt 36,4%") but rarely the
count before. Every integer baseline ``b`` with ``round(100·reduced/b, d) = percent`` is
consistent with what was written (``d`` = decimals as written), and these numbers form one
contiguous range: the *implied baseline*.

Rounding. Reports round half up (5,75 → 5,8), but a spreadsheet or a program may round
half to even (5,65 → 5,6). The functions here take ``rounding=``:

* ``"half_up"``: ``x`` rounds to ``p`` when ``p − h/2 ≤ x < p + h/2`` (``h = 10**-d``);
* ``"half_even"``: ties go to the even last digit;
* ``"either"`` (the default): the union of the two, ``p − h/2 ≤ x < p + h/2``, plus
  ``x = p + h/2`` when the last digit of ``p`` is even; a figure rounded correctly by either
  rule is never flagged and the true baseline is always inside the range. It differs from
  ``half_up`` only when ``100·reduced/b`` falls exactly on a tie.

All arithmetic is on integers (no floating-point edge effects): with ``P = percent·10**d``
and ``N = 200·reduced·10**d`` the condition is ``2P − 1 ≤ N/b ≤ 2P + 1``, so
``b ∈ [N/(2P+1), N/(2P−1)]`` in closed form (an end moves inwards by one where the rule
excludes that tie).

Everything here takes and returns plain numbers; :mod:`nq18lib.metrics` applies it to
tables of figures and re-exports these functions.
"""

from __future__ import annotations

import math
from fractions import Fraction

import pandas as pd

ROUNDINGS = ("half_up", "half_even", "either")
"""Rounding rules accepted by the inversion functions."""

ROUNDING_RULES = ("half_up", "half_even", "down", "up")
"""Rounding rules that :func:`matching_roundings` tries, in that order."""


# --------------------------------------------------------------------------- numbers
def float_decimals(percent: float) -> int:
    """Return the decimals a float shows (trailing zeros are lost: ``25.0`` gives 0).

    Examples
    --------
    >>> float_decimals(36.4), float_decimals(25.0), float_decimals(5.748)
    (1, 0, 3)
    """
    text = repr(float(percent))
    if "e" in text or "." not in text:
        return 0
    return len(text.split(".")[1].rstrip("0"))


def _scaled(percent: float, decimals: int | None) -> tuple[int, int]:
    """Return ``(P, d)`` with ``P = percent·10**d`` as an exact integer."""
    if percent is None or (isinstance(percent, float) and math.isnan(percent)):
        raise ValueError("percent is missing")
    percent = float(percent)
    if not 0 <= percent <= 100:
        raise ValueError(f"percent must be between 0 and 100, not {percent:g}")
    d = float_decimals(percent) if decimals is None or pd.isna(decimals) else int(decimals)
    if d < 0:
        raise ValueError(f"decimals must be ≥ 0, not {d}")
    scaled = percent * 10**d
    whole = round(scaled)
    if abs(scaled - whole) > 1e-6 * max(1.0, abs(scaled)):
        raise ValueError(f"percent {percent!r} has more than {d} decimals")
    return int(whole), d


def _check_rounding(rounding: str) -> None:
    if rounding not in ROUNDINGS:
        raise ValueError(f"unknown rounding {rounding!r}; expected one of {', '.join(ROUNDINGS)}")


def _closed_ends(scaled_percent: int, rounding: str) -> tuple[bool, bool]:
    """Whether the rounding interval of ``P`` includes its (lower, upper) tie."""
    _check_rounding(rounding)
    even = scaled_percent % 2 == 0
    if rounding == "either":  # half up, or the upper tie too when P is even (half to even)
        return True, even
    if rounding == "half_up":
        return True, False
    return even, even


def round_percent(
    numerator: int, denominator: int, decimals: int = 1, rounding: str = "half_up"
) -> float:
    """Return ``100·numerator/denominator`` rounded exactly to ``decimals`` places.

    ``rounding`` is one of ``half_up`` (the way reports round), ``half_even``, ``down``
    (truncation) or ``up`` (ceiling). The arithmetic is exact, so a tie such as 1/8 = 12,5 %
    is a true tie.

    Examples
    --------
    >>> round_percent(215, 1503), round_percent(881, 15327), round_percent(4, 11)
    (14.3, 5.7, 36.4)
    >>> round_percent(1, 8, 0), round_percent(1, 8, 0, "half_even"), round_percent(1, 3, 1, "up")
    (13.0, 12.0, 33.4)
    """
    if denominator <= 0:
        raise ValueError(f"denominator must be positive, not {denominator}")
    exact = Fraction(100 * numerator * 10**decimals, denominator)
    if rounding == "half_up":
        scaled = math.floor(exact + Fraction(1, 2))
    elif rounding == "half_even":
        scaled = round(exact)
    elif rounding == "down":
        scaled = math.floor(exact)
    elif rounding == "up":
        scaled = math.ceil(exact)
    else:
        raise ValueError(f"unknown rounding {rounding!r}")
    return round(scaled / 10**decimals, decimals)


def reduction_rate(reduced: int, baseline: int) -> float:
    """Return the reduction rate in percent, ``100·reduced/baseline``, unrounded.

    Examples
    --------
    >>> round(reduction_rate(215, 1503), 4)
    14.3047
    """
    if baseline <= 0:
        raise ValueError(f"baseline must be positive, not {baseline}")
    return 100 * reduced / baseline


def percent_matches(
    numerator: int,
    denominator: int,
    percent: float,
    decimals: int | None = None,
    rounding: str = "either",
) -> bool:
    """Whether ``100·numerator/denominator`` rounds to ``percent`` under ``rounding``.

    Examples
    --------
    >>> percent_matches(881, 15327, 5.7), percent_matches(215, 1503, 14.4)
    (True, False)
    >>> percent_matches(1, 8, 12, 0, "half_up"), percent_matches(1, 8, 12, 0, "either")
    (False, True)
    """
    if denominator <= 0:
        return False
    scaled, d = _scaled(percent, decimals)
    lower_closed, upper_closed = _closed_ends(scaled, rounding)
    twice = 200 * numerator * 10**d  # 2·X·denominator, X = 100·n·10**d/denominator
    low, high = (2 * scaled - 1) * denominator, (2 * scaled + 1) * denominator
    above = twice >= low if lower_closed else twice > low
    below = twice <= high if upper_closed else twice < high
    return above and below


def matching_roundings(
    numerator: int, denominator: int, percent: float, decimals: int | None = None
) -> tuple[str, ...]:
    """Return the rounding rules under which ``numerator/denominator`` gives ``percent``.

    Tries ``half_up``, ``half_even``, ``down`` (truncation) and ``up`` (ceiling).

    Examples
    --------
    >>> matching_roundings(881, 15327, 5.7)
    ('half_up', 'half_even', 'down')
    >>> matching_roundings(215, 1503, 14.4)
    ('up',)
    """
    scaled, d = _scaled(percent, decimals)
    target = round(scaled / 10**d, d)
    return tuple(
        rule
        for rule in ROUNDING_RULES
        if denominator > 0 and round_percent(numerator, denominator, d, rule) == target
    )


def implied_baseline(
    reduced: int, percent: float, decimals: int | None = None, *, rounding: str = "either"
) -> tuple[int, int] | None:
    """Return the range of baselines consistent with a count and a rounded percent.

    Every integer ``b ≥ reduced`` with ``round(100·reduced/b, decimals) == percent`` lies in
    the returned ``(b_min, b_max)`` and every integer in it qualifies (the set is contiguous
    because ``100·reduced/b`` decreases with ``b``). Closed form, exact integer arithmetic:
    with ``P = percent·10**d`` and ``N = 200·reduced·10**d``,
    ``b_min = ⌈N/(2P+1)⌉`` and ``b_max = ⌊N/(2P−1)⌋`` (ends moved inwards by one where the
    rounding rule excludes a tie; see the module docstring).

    Parameters
    ----------
    reduced : int
        How many fewer (≥ 0).
    percent : float
        The rate as written, 0–100.
    decimals : int, optional
        Decimals as written (``36,4`` → 1). None reads them from ``percent``, which
        loses trailing zeros: pass them when known (``25,0`` is not ``25``).
    rounding : {"either", "half_up", "half_even"}
        See the module docstring.

    Returns
    -------
    tuple of int, or None
        None when nothing can be implied (percent 0, which bounds the baseline only from
        below; reduced 0) or when no integer baseline gives the percent (an impossible
        figure such as 1 reduced at 36,4 %).

    Examples
    --------
    >>> implied_baseline(4, 36.4), implied_baseline(83, 21.7), implied_baseline(553, 44.6)
    ((11, 11), (382, 383), (1239, 1241))
    >>> implied_baseline(1, 36.4) is None, implied_baseline(7, 100.0, 1)
    (True, (7, 7))
    """
    if reduced is None or pd.isna(reduced) or percent is None or pd.isna(percent):
        return None
    reduced = int(reduced)
    if reduced < 0:
        raise ValueError(f"reduced must be ≥ 0, not {reduced}")
    scaled, d = _scaled(percent, decimals)
    if reduced == 0 or scaled == 0:
        return None
    lower_closed, upper_closed = _closed_ends(scaled, rounding)
    big = 200 * reduced * 10**d
    low_div, high_div = 2 * scaled + 1, 2 * scaled - 1
    # b_min comes from the upper tie of the percent (x ≤ P + ½), b_max from the lower one
    b_min = -(-big // low_div) if upper_closed else big // low_div + 1
    b_max = big // high_div if lower_closed else -(-big // high_div) - 1
    b_min = max(b_min, reduced, 1)
    return (b_min, b_max) if b_min <= b_max else None


def directed_baseline(reduced: int, percent: float, decimals: int | None, rounding: str):
    """Return the baselines that give the percent cut off (``down``) or rounded up (``up``).

    Some reports cut a rate after its last written digit instead of rounding it (1/7 =
    14,2857… written 14,28 %). With ``N = 100·reduced·10**d``: truncation needs ``P ≤ N/b <
    P + 1``, so ``b ∈ (N/(P+1), N/P]``; ceiling needs ``P − 1 < N/b ≤ P``, so ``b ∈
    [N/P, N/(P−1))``. None when no integer baseline qualifies.

    Examples
    --------
    >>> directed_baseline(1, 14.28, 2, "down"), implied_baseline(1, 14.28, 2) is None
    ((7, 7), True)
    >>> directed_baseline(43, 60.57, 2, "up"), directed_baseline(47, 61.05, 2, "down")
    ((71, 71), None)
    """
    if rounding not in ("down", "up"):
        raise ValueError(f"unknown rounding {rounding!r}; expected 'down' or 'up'")
    scaled, d = _scaled(percent, decimals)
    reduced = int(reduced)
    if reduced <= 0 or scaled <= 0:
        return None
    big = 100 * reduced * 10**d
    if rounding == "down":
        b_min, b_max = big // (scaled + 1) + 1, big // scaled
    else:
        b_min = -(-big // scaled)
        if scaled == 1:
            return None  # at most 0,01 %: any baseline from N up, no range
        b_max = -(-big // (scaled - 1)) - 1
    b_min = max(b_min, reduced, 1)
    return (b_min, b_max) if b_min <= b_max else None


def implied_after(
    reduced: int, percent: float, decimals: int | None = None, *, rounding: str = "either"
) -> tuple[int, int] | None:
    """Return the range of counts after the reduction: ``(b_min − reduced, b_max − reduced)``.

    Examples
    --------
    >>> implied_after(18, 15.5), implied_after(40, 8.2)
    ((98, 98), (445, 450))
    """
    baseline = implied_baseline(reduced, percent, decimals, rounding=rounding)
    if baseline is None:
        return None
    return baseline[0] - int(reduced), baseline[1] - int(reduced)


def implied_reduced(
    percent: float, baseline: int, decimals: int | None = None, *, rounding: str = "either"
) -> tuple[int, int] | None:
    """Return the range of counts ``r`` with ``round(100·r/baseline, d) == percent``.

    ``r ∈ [baseline·(2P−1)/(200·10**d), baseline·(2P+1)/(200·10**d)]``, clipped to
    ``0…baseline``; None when no integer count fits.

    Examples
    --------
    >>> implied_reduced(14.4, 1503), implied_reduced(5.7, 15327)
    ((216, 217), (866, 881))
    """
    if baseline is None or pd.isna(baseline) or int(baseline) <= 0:
        return None
    baseline = int(baseline)
    scaled, d = _scaled(percent, decimals)
    lower_closed, upper_closed = _closed_ends(scaled, rounding)
    unit = 200 * 10**d
    low, high = (2 * scaled - 1) * baseline, (2 * scaled + 1) * baseline
    r_min = -(-low // unit) if lower_closed else low // unit + 1
    r_max = high // unit if upper_closed else -(-high // unit) - 1
    r_min, r_max = max(r_min, 0), min(r_max, baseline)
    return (r_min, r_max) if r_min <= r_max else None
