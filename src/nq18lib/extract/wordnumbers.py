"""Vietnamese numbers written as words: "bốn" = 4, "hai mươi lăm" = 25, "một trăm" = 100.

Reports write small counts as words ("giảm bốn đầu mối", "sáu tổng cục"). Many of these
words are also ordinary words ("năm" is five and year, "ba" is three and father), so the
parser only reads the words it is given; the caller decides, from the word after them,
whether they count something.
"""

from __future__ import annotations

from collections.abc import Sequence

DIGITS = {
    "một": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "năm": 5,
    "sáu": 6,
    "bảy": 7,
    "bẩy": 7,
    "tám": 8,
    "chín": 9,
}
"""Digits that may open a number."""

_UNITS_AFTER_TENS = {**DIGITS, "mốt": 1, "tư": 4, "lăm": 5, "nhăm": 5}
_AFTER_ZERO = {**DIGITS, "tư": 4}
"""Digits after "linh"/"lẻ": "một trăm linh tư" is 104."""
_SCALES = {"nghìn": 1000, "ngàn": 1000, "triệu": 1_000_000}
NUMBER_WORDS = frozenset(
    [*DIGITS, *_UNITS_AFTER_TENS, *_SCALES, "mười", "mươi", "trăm", "linh", "lẻ"]
)
"""Every word that can be part of a number written in words."""


def _parse_group(words: Sequence[str]) -> int | None:
    """Read a number below 1000 that uses every word, or return None."""
    n, i, value = len(words), 0, 0
    if n == 0:
        return None
    if i + 1 < n and words[i] in DIGITS and words[i + 1] == "trăm":
        value, i = DIGITS[words[i]] * 100, i + 2
        if i < n and words[i] in ("linh", "lẻ"):
            if i + 1 < n and words[i + 1] in _AFTER_ZERO:
                return value + _AFTER_ZERO[words[i + 1]] if i + 2 == n else None
            return None
    tens = False
    if i < n and words[i] == "mười":
        value, i, tens = value + 10, i + 1, True
    elif i + 1 < n and words[i] in DIGITS and words[i + 1] == "mươi" and words[i] != "một":
        value, i, tens = value + DIGITS[words[i]] * 10, i + 2, True
    if i < n:
        table = _UNITS_AFTER_TENS if tens else DIGITS
        if words[i] not in table:
            return None
        if words[i] in ("mốt", "tư") and (not tens or value % 100 < 20):
            return None
        if words[i] in ("lăm", "nhăm") and not tens:
            return None
        value, i = value + table[words[i]], i + 1
    return value if i == n and value > 0 else None


def parse_number_words(words: Sequence[str]) -> int | None:
    """Read a whole number written in Vietnamese words, using every word given.

    Parameters
    ----------
    words : sequence of str
        Lower-case words, e.g. ``["hai", "mươi", "lăm"]``.

    Returns
    -------
    int or None
        The number, or None when the words are not one number.

    Examples
    --------
    >>> parse_number_words(["bốn"]), parse_number_words(["mười", "hai"])
    (4, 12)
    >>> parse_number_words(["hai", "mươi", "lăm"]), parse_number_words("một trăm linh năm".split())
    (25, 105)
    >>> parse_number_words(["ba", "nghìn"]), parse_number_words(["năm", "năm"]) is None
    (3000, True)
    >>> parse_number_words("một trăm linh tư".split()), parse_number_words("hai mươi mốt".split())
    (104, 21)
    """
    words = [w.lower() for w in words]
    for scale_word, scale in sorted(_SCALES.items(), key=lambda kv: -kv[1]):
        if scale_word in words:
            k = words.index(scale_word)
            head = _parse_group(words[:k]) if k else None
            if head is None:
                return None
            rest = words[k + 1 :]
            if not rest:
                return head * scale
            tail = parse_number_words(rest)
            return None if tail is None or tail >= scale else head * scale + tail
    return _parse_group(words)


def longest_number_words(words: Sequence[str], limit: int = 8) -> tuple[int, int] | None:
    """Return ``(value, count)`` for the longest run of leading words that reads as a number.

    Examples
    --------
    >>> longest_number_words(["sáu", "tổng", "cục"])
    (6, 1)
    >>> longest_number_words(["hai", "mươi", "đơn", "vị"])
    (20, 2)
    >>> longest_number_words(["đơn", "vị"]) is None
    True
    """
    run = 0
    while run < min(limit, len(words)) and words[run].lower() in NUMBER_WORDS:
        run += 1
    for count in range(run, 0, -1):
        value = parse_number_words(words[:count])
        if value is not None:
            return value, count
    return None
