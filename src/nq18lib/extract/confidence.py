"""How sure the extraction is of each figure: ``high``, ``medium`` or ``low``.

Every figure starts ``high`` and each doubt the grammar noted while reading it lowers it:

=========================  ==============================================================
doubt                      when
=========================  ==============================================================
``unknown noun``           the count is of a noun the taxonomy does not name (``other``
                           with ``unit``: "đội", "tổ công tác")
``category from context``  the unit is generic ("đơn vị", "người") and the category came
                           from an earlier phrase or sentence
``list item without a      the number stands in a list or table item with no verb of its
verb``                     own ("Sở Y tế: 3 phòng")
``list``                   a table row "212 trường, giảm 61"
``rate in the next         the percent came from the next sentence ("Tỷ lệ giảm tương ứng
sentence``                 đạt 20,5%")
``distributed``            one count written for several bodies ("mỗi nơi giảm 3 phòng")
``distributed over a       "mỗi huyện giảm 2 phòng" after "9 huyện": one figure per
count``                    huyện, as for named bodies ("mỗi nơi")
``per unit``               "mỗi huyện giảm 2 phòng" with no count of the huyện: what one
                           of them cut
``subject clauses back``   a bare count took the subject opening its clause ("Về đơn vị
                           sự nghiệp, qua rà soát, …, giảm 37")
``plan from scope``        the status comes from a heading or an opening, not the clause
``part of a total``        a part of a breakdown ("trong đó 41 xã")
``breakdown in the next    the parts of a figure opened the next sentence ("… nghỉ việc.
sentence``                 Trong đó, 1.212 người là …")
``respectively``           a "lần lượt" list paired subjects and numbers by their order
``table``                  a table row read under its header ("Trước | Sau | Giảm")
``category from the        a table row whose cells, header and title name nothing took
headline``                 its kind from the document's first line
``category from the        a bare count under a list's opening ("Số xã giảm của từng
heading``                  huyện:" … "- Huyện A: 12/18") took its kind from the opening
=========================  ==============================================================

One doubt gives ``medium``; two or more, or an unknown noun, give ``low``. Reviewers start
with the low ones (the review page colours them).
"""

from __future__ import annotations

LEVELS = ("high", "medium", "low")
"""Confidence levels, surest first."""

ALWAYS_LOW = frozenset(["unknown noun"])
"""Doubts that make a figure low on their own."""


def grade(doubts: list[str] | tuple[str, ...]) -> str:
    """Return the confidence of a figure from its doubts.

    Examples
    --------
    >>> grade([]), grade(["list"]), grade(["list", "plan from scope"]), grade(["unknown noun"])
    ('high', 'medium', 'low', 'low')
    """
    distinct = set(doubts)
    if not distinct:
        return "high"
    if distinct & ALWAYS_LOW or len(distinct) > 1:
        return "low"
    return "medium"


__all__ = ["ALWAYS_LOW", "LEVELS", "grade"]
