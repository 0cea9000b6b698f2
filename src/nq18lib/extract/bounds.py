"""The bound of a figure's numbers: "hơn 300 biên chế" is at least 300, "gần 20 thôn" at most 20.

The grammar keeps every number as written; a qualifier before it (:data:`BOUND_WORDS`) says
that the number is a bound, which the dataset's ``bound`` column records (design change 23,
:mod:`nq18lib.reference.bounds`): bare for the headline number (``reduced``, else
``percent``, else ``numerator``), ``<column>:<qualifier>`` for another one, joined by ``;``.
Only the words that :mod:`nq18lib.reference.bounds` reads as qualifiers are used, so "gần"
(nearly) is ``at_most`` there and here.

Reading the bound never changes what counts as a figure: it is read after the grammar, from
the tokens before each number the figure holds. A reduction computed from a bounded count
before ("từ hơn 300 xuống 120") carries that count's bound.

>>> from nq18lib.extract.tokens import tokenize
>>> tokens = tokenize("giảm hơn 300 biên chế, tương ứng khoảng 12%")
>>> numbers = {"reduced": 300, "percent": 12.0}
>>> bounds = number_bounds(tokens, 0, len(tokens) - 1, numbers)
>>> bounds, bound_cell(bounds, numbers)
({'reduced': 'at_least', 'percent': 'about'}, 'at_least;percent:about')
"""

from __future__ import annotations

from nq18lib.extract.tokens import Token
from nq18lib.reference.bounds import BOUND_COLUMNS, headline_column

BOUND_WORDS: dict[tuple[str, ...], str] = {
    ("hơn",): "at_least",
    ("trên",): "at_least",
    ("ít", "nhất"): "at_least",
    ("tối", "thiểu"): "at_least",
    ("không", "dưới"): "at_least",
    ("không", "ít", "hơn"): "at_least",
    ("gần",): "at_most",
    ("dưới",): "at_most",
    ("tối", "đa"): "at_most",
    ("không", "quá"): "at_most",
    ("chưa", "đến"): "at_most",
    ("chưa", "tới"): "at_most",
    ("khoảng",): "about",
    ("chừng",): "about",
    ("xấp", "xỉ"): "about",
    ("ước",): "about",
    ("ước", "tính"): "about",
    ("khoảng", "chừng"): "about",
}
"""Words before a number that make it a bound, and the qualifier they give."""
COMPARATIVES = frozenset(["ít", "thấp"])
"""Words before "hơn" that make it a verb of reduction ("ít hơn 12 phòng": 12 fewer, exact)."""
_LONGEST = max(len(words) for words in BOUND_WORDS)
_LAST_WORDS = frozenset(words[-1] for words in BOUND_WORDS)
"""The words a qualifier ends with: a number after any other word is exact (checked first)."""
NUMBER_COLUMNS = BOUND_COLUMNS
"""The numbers of a figure a bound may qualify."""


def qualifier_before(tokens: list[Token], index: int) -> str | None:
    """Return the qualifier written just before the number at ``index``, or None.

    Examples
    --------
    >>> from nq18lib.extract.tokens import tokenize
    >>> tokens = tokenize("giảm không quá 3 phòng, ít hơn 2 ban")
    >>> qualifier_before(tokens, 3), qualifier_before(tokens, 0), qualifier_before(tokens, 8)
    ('at_most', None, None)
    """
    if index < 1 or tokens[index - 1].low not in _LAST_WORDS:
        return None
    for width in range(_LONGEST, 0, -1):
        if index - width < 0:
            continue
        words = tokens[index - width : index]
        if all(t.kind == "W" for t in words):
            found = BOUND_WORDS.get(tuple(t.low for t in words))
            after_comparative = index - width > 0 and tokens[index - width - 1].low in COMPARATIVES
            if found is not None and not (after_comparative and width == 1):
                return found
    return None


def number_bounds(tokens: list[Token], first: int, last: int, numbers: dict) -> dict[str, str]:
    """Return ``{column: qualifier}`` for the bounded numbers of a figure (tokens first..last).

    Parameters
    ----------
    tokens : list of Token
        The sentence.
    first, last : int
        The figure's first and last token.
    numbers : dict
        The figure's numbers by column (``reduced``, ``percent``, ``baseline`` …).
    """
    bounds: dict[str, str] = {}
    lo, hi = max(1, first), min(len(tokens), last + 1)
    if not any(tokens[k - 1].low in _LAST_WORDS for k in range(lo, hi)):
        return bounds  # no qualifier in the figure: every number exact (most figures)
    taken: set[int] = set()
    for column in NUMBER_COLUMNS:
        value = numbers.get(column)
        if value is None:
            continue
        kinds = "P" if column == "percent" else "NF"
        for k in range(max(0, first), min(len(tokens), last + 1)):
            tok = tokens[k]
            if k in taken or tok.kind not in kinds:
                continue
            written = tok.value2 if column == "denominator" and tok.kind == "F" else tok.value
            if written == value:
                taken.add(k)
                qualifier = qualifier_before(tokens, k)
                if qualifier is not None:
                    bounds[column] = qualifier
                break
    before = bounds.get("baseline")
    derived = numbers.get("after") is not None and "after" not in bounds
    if before and derived and "reduced" not in bounds:
        bounds["reduced"] = before  # "từ hơn 300 xuống 120": a reduction of more than 180
    return bounds


def bound_cell(bounds: dict[str, str], numbers: dict) -> str | None:
    """Write bounds as the dataset's ``bound`` cell: bare for the headline number.

    Examples
    --------
    >>> bound_cell({"percent": "at_least"}, {"reduced": 4, "percent": 18.0})
    'percent:at_least'
    >>> bound_cell({}, {"reduced": 4}) is None
    True
    """
    bounds = {column: q for column, q in bounds.items() if numbers.get(column) is not None}
    if not bounds:
        return None
    headline = headline_column(numbers)
    parts = [bounds.pop(headline)] if headline in bounds else []
    parts += [f"{column}:{bounds[column]}" for column in NUMBER_COLUMNS if column in bounds]
    return ";".join(parts)


__all__ = ["BOUND_WORDS", "NUMBER_COLUMNS", "bound_cell", "number_bounds", "qualifier_before"]
