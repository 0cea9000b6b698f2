"""Bounds: a figure's number written with a qualifier ("hơn 2.100", "gần 20", "khoảng 50%").

A figure's ``bound`` cell says which of its numbers is not exact and how:

* empty: every number is exact (as written, percents rounded to their written decimals);
* a bare qualifier (``at_least``, ``at_most``, ``about``) qualifies the figure's headline
  number, :func:`headline_column`: ``reduced`` when given, else ``percent``, else
  ``numerator``;
* ``<column>:<qualifier>`` qualifies another number of the row (``percent:at_least`` for
  "4 fewer, a cut of more than 18 %": the count is exact, the rate a lower bound); several
  are separated by ``;`` (``baseline:at_least;reduced:at_least`` for "from over 10,000 to
  2,500").

The qualifiers, and the words that give them:

* ``at_least``: a lower bound — hơn, trên, ít nhất, tối thiểu, more than, over, at least;
* ``at_most``: an upper bound, the value slightly less — gần, tới, tối đa, nearly, almost,
  up to;
* ``about``: approximate — khoảng, xấp xỉ, ước, approximately, around, about.

How the audit compares a bound (:func:`bound_interval`): ``at_least v`` holds for an exact
value ≥ v; ``at_most v`` for ≤ v, and "not far below" (≥ 90 % of v) or a warning;
``about v`` within ±5 % of v (or the rounding of its written digits, when wider), a
warning up to ±10 %, beyond that an error. The words readers see are
:func:`qualified` ("hơn 2.100", "nearly 20", "khoảng 50%"), its words the ``bound.*``
labels of :data:`nq18lib.reference.vocabulary.LABELS`.
"""

from __future__ import annotations

import math

import pandas as pd

from nq18lib.reference.headers import header_key
from nq18lib.reference.vocabulary import label

QUALIFIERS = ("at_least", "at_most", "about")
"""The values of a bound (its empty value means exact)."""

BOUND_COLUMNS = ("reduced", "percent", "numerator", "denominator", "baseline", "after")
"""The numbers of a figure a bound may qualify."""

ABOUT_TOLERANCE = 0.05
"""``about v`` holds within ±5 % of v (relative) without a finding above info."""
ABOUT_LIMIT = 0.10
"""Beyond ±10 % of v an ``about`` is contradicted (an error); between, a warning."""
NEARLY_FLOOR = 0.90
"""``at_most v`` ("nearly v") expects at least 90 % of v; lower is a warning."""

QUALIFIER_WORDS: dict[str, str] = {
    "at_least": "at_least",
    "at least": "at_least",
    "more than": "at_least",
    "over": "at_least",
    "hon": "at_least",
    "tren": "at_least",
    "it nhat": "at_least",
    "toi thieu": "at_least",
    "at_most": "at_most",
    "at most": "at_most",
    "nearly": "at_most",
    "almost": "at_most",
    "up to": "at_most",
    "gan": "at_most",
    "toi": "at_most",
    "toi da": "at_most",
    "about": "about",
    "approximately": "about",
    "around": "about",
    "khoang": "about",
    "xap xi": "about",
    "uoc": "about",
    "uoc tinh": "about",
}
"""A qualifier as written (matching key, no diacritics) → canonical qualifier."""


class BoundError(ValueError):
    """A bound cell that cannot be read; the message says why."""


def canonical_qualifier(value: object) -> str | None:
    """Return the qualifier of a word as written ("hơn" → at_least), or None if unknown.

    Examples
    --------
    >>> canonical_qualifier("Hơn"), canonical_qualifier("gần"), canonical_qualifier("khoảng")
    ('at_least', 'at_most', 'about')
    >>> canonical_qualifier("exactly") is None
    True
    """
    return QUALIFIER_WORDS.get(header_key(value))


def canonical_bound(value: object) -> str:
    """Return a bound cell with its qualifiers in canonical form (unknown parts kept).

    Examples
    --------
    >>> canonical_bound("hơn"), canonical_bound(" Percent : khoảng ; reduced:over ")
    ('at_least', 'percent:about;reduced:at_least')
    """
    parts = []
    for part in str(value).split(";"):
        column, sep, word = part.strip().rpartition(":")
        word = word.strip()
        code = canonical_qualifier(word) or word
        parts.append(f"{column.strip().lower()}:{code}" if sep else code)
    return ";".join(parts)


def headline_column(figure: dict) -> str | None:
    """Return the number a bare qualifier qualifies: reduced, else percent, else numerator.

    Examples
    --------
    >>> headline_column({"reduced": None, "percent": 70.0})
    'percent'
    >>> headline_column({"reduced": 4, "percent": 18.0})
    'reduced'
    """
    for name in ("reduced", "percent", "numerator"):
        if not _missing(figure.get(name)):
            return name
    return None


def parse_bound(text: object, figure: dict | None = None) -> dict[str, str]:
    """Read a bound cell into ``{column: qualifier}`` (empty for an exact figure).

    Parameters
    ----------
    text : str or None
        The cell, canonical (see :func:`canonical_bound`).
    figure : dict, optional
        The figure's numbers: a bare qualifier goes to its :func:`headline_column`, and a
        qualified column must hold a number.

    Raises
    ------
    BoundError
        An unknown qualifier or column, a column twice, or a column with no number.

    Examples
    --------
    >>> parse_bound("at_least", {"reduced": 2100})
    {'reduced': 'at_least'}
    >>> parse_bound("baseline:at_least;reduced:at_least", {"reduced": 7500, "baseline": 10000})
    {'baseline': 'at_least', 'reduced': 'at_least'}
    >>> parse_bound(None)
    {}
    """
    if _missing(text) or not str(text).strip():
        return {}
    figure = figure or {}
    out: dict[str, str] = {}
    for part in str(text).split(";"):
        column, sep, qualifier = part.strip().rpartition(":")
        if qualifier not in QUALIFIERS:
            raise BoundError(
                f"unknown bound {qualifier!r}: use {', '.join(QUALIFIERS)} (or hơn/gần/khoảng), "
                "optionally after a column (percent:at_least)"
            )
        if not sep:
            column = headline_column(figure) if figure else "reduced"
            if column is None:
                raise BoundError("a bound needs a number to qualify (reduced, percent, numerator)")
        elif column not in BOUND_COLUMNS:
            raise BoundError(f"a bound qualifies one of {', '.join(BOUND_COLUMNS)}, not {column!r}")
        if column in out:
            raise BoundError(f"the bound of {column} is given twice")
        if figure and _missing(figure.get(column)):
            raise BoundError(f"the bound qualifies {column}, but the figure gives no {column}")
        out[column] = qualifier
    return out


def bound_interval(
    value: float, qualifier: str | None, slack: float = 0.0, *, strict: bool = True
) -> tuple[float, float]:
    """Return the interval of exact values a stated value admits.

    Parameters
    ----------
    value : float
        The number as written.
    qualifier : str or None
        ``at_least``, ``at_most``, ``about``; None is exact.
    slack : float
        Half a unit of the written digits (0.05 for a percent written with one decimal).
    strict : bool
        True: the interval outside which the bound is contradicted (an error); False: the
        narrower one outside which it is doubtful (a warning): ``at_most`` not below
        :data:`NEARLY_FLOOR`, ``about`` within :data:`ABOUT_TOLERANCE`.

    Examples
    --------
    >>> bound_interval(30, "at_least", 0.5)
    (29.5, inf)
    >>> bound_interval(20, "at_most", strict=False)
    (18.0, 20.0)
    >>> bound_interval(100, "about"), bound_interval(100, "about", strict=False)
    ((90.0, 110.0), (95.0, 105.0))
    """
    if qualifier is None:
        return (value - slack, value + slack)
    if qualifier == "at_least":
        return (value - slack, math.inf)
    if qualifier == "at_most":
        return (0.0 if strict else NEARLY_FLOOR * value - slack, value + slack)
    if qualifier == "about":
        width = max((ABOUT_LIMIT if strict else ABOUT_TOLERANCE) * abs(value), slack)
        return (value - width, value + width)
    raise BoundError(f"unknown bound {qualifier!r}")


def qualified(text: str, qualifier: str | None, lang: str = "vi") -> str:
    """Write a formatted number the way sources write a bound ("hơn 2.100", "nearly 20").

    Examples
    --------
    >>> qualified("2.100", "at_least"), qualified("20", "at_most", "en")
    ('hơn 2.100', 'nearly 20')
    >>> qualified("50%", "about"), qualified("14,4%", None)
    ('khoảng 50%', '14,4%')
    """
    if not qualifier or text in ("", "–"):
        return text
    return f"{qualifier_word(qualifier, lang)} {text}"


def qualifier_word(qualifier: str, lang: str = "vi") -> str:
    """Return the reader's word of a qualifier ("hơn", "more than").

    Examples
    --------
    >>> qualifier_word("about", "en")
    'about'
    """
    return label(f"bound.{qualifier}", lang)


def _missing(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return False
    return bool(pd.isna(value))
