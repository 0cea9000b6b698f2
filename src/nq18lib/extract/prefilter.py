"""Cheap scans of a whole text that say which sentences the grammar must read.

Most sentences of a report hold no reduction figure. Before any sentence is tokenised, one
pass of a regular expression over the lower-cased text finds every cue of a reduction and
every cue that a sentence may hold a figure (:data:`~nq18lib.extract.phrasebook.REDUCTION_CUES`
and :data:`~nq18lib.extract.phrasebook.SENTENCE_CUES`); a sentence without a cue, or without a
number, is never tokenised.

Python's ``re`` tries the branches of an alternation one by one at every position, so the
phrases are compiled as a trie (:func:`alternation`: "giảm|giải thể|gom" becomes
"g(?:iả(?:i thể|m)|om)"), which tries one branch per letter instead; and a whole-text
pattern is searched behind a look-ahead of the letters its matches can start with
(:func:`guarded`), so most positions fail on one test instead of on every branch.

>>> scan = CueScan.of("tỉnh giảm 5 sở. hội nghị diễn ra. tỷ lệ đạt 20%.")
>>> scan.reduction, scan.sentence
([5], [5, 34, 40])
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from nq18lib.extract import phrasebook as pb


def alternation(phrases: Iterable[str]) -> str:
    r"""Return a regular expression matching any of the phrases, as a trie (longest first).

    Examples
    --------
    >>> print(alternation(["giảm", "giải thể", "gom"]))
    g(?:iả(?:i\ thể|m)|om)
    >>> bool(re.fullmatch(alternation(["sở", "sở y tế"]), "sở y tế"))
    True
    """
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}
    return _branches(trie)


def _branches(node: dict) -> str:
    ends = "" in node
    parts = [re.escape(char) + _branches(node[char]) for char in sorted(c for c in node if c)]
    if not parts:
        return ""
    body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
    if ends:  # the phrase may stop here; a longer one is tried first (greedy)
        body = f"(?:{body})?"
    return body


def first_chars(pattern: str, flags: int = 0) -> frozenset[str] | None:
    r"""Return the characters every match of a regular expression starts with, else None.

    None when it cannot tell (a class such as ``\w``, a case-blind pattern, a pattern that
    may match nothing). Zero-width assertions at the start (``(?<!\w)``, ``\b``) are
    passed over: they say nothing about the first character.

    Examples
    --------
    >>> sorted(first_chars(r"(?<!\w)hạ \d|gi(?:ảm|ải)|[a-c]x"))
    ['a', 'b', 'c', 'g', 'h']
    >>> first_chars(r"\d+|x"), sorted(first_chars(r"a?b")), first_chars(r"a*")
    (None, ['a', 'b'], None)
    """
    if flags & re.IGNORECASE:
        return None
    try:
        from re import _constants as c
        from re import _parser

        parsed = _parser.parse(pattern, flags)
    except (ImportError, re.error):  # another Python: no guard, the same matches
        return None
    if parsed.state.flags & re.IGNORECASE:
        return None
    found = _first_of_sequence(list(parsed), c)
    return None if found is None or None in found else frozenset(found)


def _first_of_sequence(items: list, c) -> set | None:
    """First characters of a sequence of parsed items (None: unknown or may be empty)."""
    for index, (op, av) in enumerate(items):
        if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
            continue  # zero width
        if op is c.LITERAL:
            return {chr(av)}
        if op is c.IN:
            chars: set = set()
            for kind, value in av:
                if kind is c.LITERAL:
                    chars.add(chr(value))
                elif kind is c.RANGE and value[1] - value[0] < 256:
                    chars.update(chr(x) for x in range(value[0], value[1] + 1))
                else:
                    return None
            return chars
        if op is c.BRANCH:
            chars = set()
            for branch in av[1]:
                first = _first_of_sequence(list(branch), c)
                if first is None:
                    return None
                chars |= first
            return chars
        if op is c.SUBPATTERN:
            if av[1] & re.IGNORECASE:
                return None
            first = _first_of_sequence(list(av[3]), c)
            return first
        if op in (c.MAX_REPEAT, c.MIN_REPEAT):
            low, _, item = av
            first = _first_of_sequence(list(item), c)
            if first is None:
                return None
            if low >= 1:
                return first
            rest = _first_of_sequence(items[index + 1 :], c)
            return None if rest is None else first | rest
        return None
    return None  # all zero width: may match at any position


def literal_starts(pattern: str, flags: int = 0) -> frozenset[str] | None:
    r"""Return strings one of which every match of a regular expression starts with, else None.

    As :func:`first_chars`, but whole literal prefixes ("giảm", "giải thể"), so a text can be
    searched for them with :meth:`str.find` (see :func:`finditer`).

    Examples
    --------
    >>> sorted(literal_starts(r"(?<!\w)hạ \d|gi(?:ảm|ải thể)|từ(?: năm)?"))
    ['giải thể', 'giảm', 'hạ ', 'từ']
    >>> literal_starts(r"\w+ giảm"), literal_starts(r"[ab]c")
    (None, None)
    """
    if flags & re.IGNORECASE:
        return None
    try:
        from re import _constants as c
        from re import _parser

        parsed = _parser.parse(pattern, flags)
    except (ImportError, re.error):
        return None
    if parsed.state.flags & re.IGNORECASE:
        return None
    found = _prefixes(list(parsed), c)
    if not found or len(found) > 500:
        return None
    # a prefix that starts with another one adds no position: keep the shortest
    return frozenset(s for s in found if not any(o != s and s.startswith(o) for o in found))


def _prefixes(items: list, c) -> set[str] | None:
    """Literal prefixes of a sequence of parsed items (None: unknown; "" may end here)."""
    for index, (op, av) in enumerate(items):
        if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
            continue  # zero width
        if op is c.LITERAL:
            rest = _prefixes(items[index + 1 :], c) if index + 1 < len(items) else {""}
            return {chr(av) + tail for tail in rest} if rest else {chr(av)}
        if op is c.BRANCH:
            out: set[str] = set()
            for branch in av[1]:
                found = _prefixes(list(branch), c)
                if not found or "" in found:
                    return None
                out |= found
            return out
        if op is c.SUBPATTERN and not av[1] & re.IGNORECASE:
            found = _prefixes(list(av[3]), c)
            return None if not found or "" in found else found
        return None  # a class, a repeat, an optional part: the literal prefix ends before it
    return set()


def finditer(pattern: re.Pattern, text: str, starts: frozenset[str] | None) -> Iterator[re.Match]:
    """Yield what ``pattern.finditer(text)`` yields, trying only where one of ``starts`` stands.

    ``starts`` are literal prefixes of every match (:func:`literal_starts`); they are found
    with :meth:`str.find`, much faster than the regular expression tries every position.
    Without them, this is ``pattern.finditer(text)``.
    """
    if not starts:
        yield from pattern.finditer(text)
        return
    positions: list[int] = []
    find = text.find
    for literal in starts:
        k = find(literal)
        while k >= 0:
            positions.append(k)
            k = find(literal, k + 1)
    positions.sort()
    end, match = 0, pattern.match
    for at in positions:
        if at < end:
            continue  # inside the last match: finditer does not look there
        found = match(text, at)  # sees the text before ``at`` (look-behinds, \b)
        if found is not None:
            end = found.end()
            yield found


def guarded(pattern: re.Pattern) -> re.Pattern:
    r"""Return the pattern behind a look-ahead of the characters its matches start with.

    The matches are the same (the look-ahead only refuses positions where no match can
    start), found faster: ``re`` tests one class instead of every branch at most positions.

    >>> guarded(re.compile("giảm|bớt")).pattern
    '(?=[bg])(?:giảm|bớt)'
    """
    chars = first_chars(pattern.pattern, pattern.flags)
    if not chars:
        return pattern
    cls = "".join(re.escape(ch) for ch in sorted(chars))
    return re.compile(f"(?=[{cls}])(?:{pattern.pattern})", pattern.flags)


@lru_cache(maxsize=2)
def _cue_pattern(cased: bool = False) -> tuple[re.Pattern, dict[str, tuple[bool, bool]]]:
    """Return the pattern of both cue lists, and what each phrase it matches is a cue of."""
    reduction = {p for phrase in pb.REDUCTION_CUES for p in pb.tone_spellings(phrase)}
    sentence = {p for phrase in pb.SENTENCE_CUES for p in pb.tone_spellings(phrase)}
    kinds = {}
    for phrase in reduction | sentence:
        kinds[phrase] = (  # a phrase inside the one matched is a hit too ("bỏ" in "xóa bỏ")
            any(p in phrase for p in reduction),
            any(p in phrase for p in sentence),
        )
    extra_both = "|".join(pb.REDUCTION_CUE_PATTERNS)
    extra_sentence = "|".join(pb.SENTENCE_CUE_PATTERNS)
    body = (
        f"(?P<both>{extra_both})|(?P<sentence>{extra_sentence})"
        f"|(?P<phrase>{alternation(reduction | sentence)})"
    )
    return guarded(re.compile(body, re.IGNORECASE if cased else 0)), kinds


@lru_cache(maxsize=2)
def _cue_starts(cased: bool) -> frozenset[str] | None:
    """Return the literal prefixes of the cue pattern (see :func:`literal_starts`)."""
    pattern = _cue_pattern(cased)[0]
    return literal_starts(pattern.pattern, pattern.flags)


_DIGIT = re.compile(r"\d")


@dataclass
class CueScan:
    """Where the cues of a text stand: offsets of reduction cues and of sentence cues."""

    reduction: list[int]
    sentence: list[int]

    @classmethod
    def of(cls, lower: str, cased: bool = False) -> CueScan:
        """Scan a lower-cased text (``cased``: a text as written, searched case-blind)."""
        pattern, kinds = _cue_pattern(cased)
        reduction: list[int] = []
        sentence: list[int] = []
        for m in finditer(pattern, lower, _cue_starts(cased)):
            group = m.lastgroup
            if group == "phrase":
                is_reduction, is_sentence = kinds[m.group().lower() if cased else m.group()]
            else:
                is_reduction, is_sentence = group == "both", True
            if is_reduction:
                reduction.append(m.start())
            if is_sentence:
                sentence.append(m.start())
        return cls(reduction, sentence)


def has_number(lower: str, start: int, end: int, words: re.Pattern) -> bool:
    """Whether ``lower[start:end]`` holds a digit, or a number in words before a counted noun."""
    return bool(_DIGIT.search(lower, start, end) or words.search(lower, start, end))


__all__ = [
    "CueScan",
    "alternation",
    "finditer",
    "first_chars",
    "guarded",
    "has_number",
    "literal_starts",
]
