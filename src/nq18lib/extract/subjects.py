"""Subjects of reduction figures: from a noun phrase to a category and levels.

A phrase such as "phòng, ban và tương đương cấp tỉnh, cấp huyện" gives a taxonomy
category (division) and the levels of government it names (tinh+huyen).

The head of a Vietnamese noun phrase comes first, so a phrase gets the category of the
taxonomy synonym it starts with ("phòng chuyên môn thuộc sở" is a division, not a
department). Levels are read from "cấp tỉnh", "cấp huyện", "cấp xã, thôn, tổ dân phố" …;
the words inside a level phrase never give the category ("ở cấp thôn, bản" names a level,
not villages). Phrases headed by a generic noun ("đơn vị", "người", "BQL") get their
category from the context; :class:`Lexicon` says which.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from nq18lib.extract import phrasebook as pb
from nq18lib.extract.phrasebook import fold_tone
from nq18lib.reference.taxonomy import load_taxonomy

ABBREVIATIONS = {
    "bql": ("ban", "quản", "lý"),
    "kcn": ("khu", "công", "nghiệp"),
    "kkt": ("khu", "kinh", "tế"),
    "đvsn": ("đơn", "vị", "sự", "nghiệp"),
    "tp": ("thành", "phố"),
    "cbcc": ("cán", "bộ", "công", "chức"),
    "cbccvc": ("cán", "bộ", "công", "chức", "viên", "chức"),
    "ubnd": ("ủy", "ban", "nhân", "dân"),
    "hđnd": ("hội", "đồng", "nhân", "dân"),
    "bcđ": ("ban", "chỉ", "đạo"),
    "đvhc": ("đơn", "vị", "hành", "chính"),
    "bqlda": ("ban", "quản", "lý", "dự", "án"),
    "ttyt": ("trung", "tâm", "y", "tế"),
}
"""Abbreviations expanded before matching synonyms."""

GENERIC_HEADS: dict[tuple[str, ...], str] = {
    ("đơn", "vị"): "unit",
    ("cơ", "quan"): "unit",
    ("tổ", "chức"): "unit",
    ("ban", "quản", "lý"): "unit",
    ("ban",): "unit",
    ("người",): "staff",
    ("cán", "bộ"): "staff",
    ("suất",): "staff",
    ("trường", "hợp"): "staff",
}
"""Nouns that count something without saying what: their kind (organisational units or staff)."""

STAFF_CATEGORIES = frozenset(
    ["civil_servant", "public_employee", "commune_official", "part_time_worker"]
)
PEOPLE_CATEGORIES = STAFF_CATEGORIES | {"leadership_post", "payroll_exit"}
"""Categories that count people (a generic "người" may stand for them)."""
LEVEL_CODES = {
    "tỉnh": "tinh",
    "thành phố": "tinh",
    "huyện": "huyen",
    "quận": "huyen",
    "xã": "xa",
    "phường": "xa",
    "thị trấn": "xa",
    "cơ sở": "xa",
    "thôn": "thon",
    "bản": "thon",
    "xóm": "thon",
    "ấp": "thon",
    "tổ dân phố": "thon",
    "khu phố": "thon",
}
LEVEL_ORDER = ("tinh", "huyen", "xa", "thon")
IMPLIED_LEVELS = {
    "district_unit": "huyen",
    "commune_unit": "xa",
    "village": "thon",
    "commune_official": "xa",
    "state_department": "tinh",
}
"""The level a category always stands at, used when the text names none."""

_LEADING_FUNCTION_WORDS = (
    ("tổng", "số"),
    ("số", "lượng"),
    ("toàn", "bộ"),
    ("số",),
    ("các",),
    ("những",),
    ("riêng",),
    ("cả",),
    ("khoảng",),
    ("khối",),
)


@dataclass(frozen=True)
class Subject:
    """What a noun phrase counts.

    ``category`` is a taxonomy code or None; ``generic`` the kind ("unit"/"staff") of a
    generic head noun, with ``head`` its words; ``levels`` the level codes named.
    """

    category: str | None
    generic: str | None = None
    head: tuple[str, ...] = ()
    levels: frozenset[str] = field(default_factory=frozenset)
    words: tuple[str, ...] = ()
    unit: str | None = None
    """For ``other`` read from a counted noun the taxonomy does not name: that noun."""


@dataclass(frozen=True)
class Lexicon:
    """The taxonomy synonyms, indexed by their first word, longest first."""

    by_first: dict[str, tuple[tuple[tuple[str, ...], str], ...]]
    unit_words: frozenset[str]

    def match(self, words: list[str], at: int) -> tuple[int, str] | None:
        """Return ``(length, category)`` of the longest synonym starting at ``words[at]``."""
        for synonym, category in self.by_first.get(words[at], ()):
            n = len(synonym)
            if tuple(words[at : at + n]) == synonym:
                return n, category
        return None


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Build the synonym index from ``data/reference/taxonomy.csv``.

    Examples
    --------
    >>> load_lexicon().match(["phòng", "ban", "và", "tương", "đương"], 0)
    (5, 'division')
    """
    table = load_taxonomy()
    codes = set(table["code"])
    named: dict[tuple[str, ...], str] = {}
    for code, synonyms in zip(table["code"], table["synonyms"], strict=True):
        for synonym in synonyms:
            words = tuple(normalise_words(synonym.replace(",", " ").split()))  # "ubnd" too
            if words and (words not in named or named[words] == "other"):
                named[words] = code
    for code, synonyms in pb.EXTRA_SYNONYMS.items():
        if code not in codes:
            continue
        for synonym in synonyms:
            words = tuple(normalise_words(synonym.split()))
            if named.get(words, "other") == "other":
                named[words] = code
    entries: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for words, code in named.items():
        entries.setdefault(words[0], []).append((words, code))
    by_first = {
        first: tuple(sorted(items, key=lambda item: -len(item[0])))
        for first, items in entries.items()
    }
    units = (
        set(by_first)
        | {head[0] for head in GENERIC_HEADS}
        | set(ABBREVIATIONS)
        | {noun[0] for noun in pb.COUNTED_NOUNS}
        | {name[0] for name in pb.EXACT_NAMES}
    )
    return Lexicon(by_first, frozenset(units))


def normalise_words(words: list[str]) -> list[str]:
    """Lower-case words with abbreviations expanded.

    Examples
    --------
    >>> normalise_words(["2", "BQL", "KCN"])
    ['2', 'ban', 'quản', 'lý', 'khu', 'công', 'nghiệp']
    """
    key = tuple(words)
    known = _NORMALISED.get(key)
    if known is None:
        out: list[str] = []
        for word in words:
            low = fold_tone(word.lower())
            out.extend(ABBREVIATIONS.get(low, (low,)))
        if len(_NORMALISED) > 50_000:
            _NORMALISED.clear()
        known = _NORMALISED[key] = tuple(out)
    return list(known)


_NORMALISED: dict[tuple[str, ...], tuple[str, ...]] = {}
"""Noun phrases already normalised (reports repeat their words)."""


def level_spans(words: list[str]) -> tuple[set[int], set[str]]:
    """Return the positions inside level phrases and the level codes they name.

    Examples
    --------
    >>> sorted(level_spans(["ở", "cấp", "xã", "thôn", "tổ", "dân", "phố"])[1])
    ['thon', 'xa']
    """
    inside: set[int] = set()
    levels: set[str] = set()
    i, n = 0, len(words)
    while i < n:
        if words[i] == "cấp" and i + 1 < n:
            j = i + 1
            found = False
            while j < n:
                if words[j] == "cấp" and found:
                    j += 1
                    continue
                code, width = _level_at(words, j)
                if code is None:
                    break
                levels.add(code)
                inside.update(range(j, j + width))
                found = True
                j += width
            if found:
                inside.add(i)
                i = j
                continue
        i += 1
    return inside, levels


def _level_at(words: list[str], j: int) -> tuple[str | None, int]:
    for width in (3, 2, 1):
        phrase = " ".join(words[j : j + width])
        if len(words) - j >= width and phrase in LEVEL_CODES:
            return LEVEL_CODES[phrase], width
    return None, 0


def resolve_subject(words: list[str], lexicon: Lexicon | None = None) -> Subject:
    """Find what a noun phrase counts, from its head.

    Parameters
    ----------
    words : list of str
        Normalised words of the phrase (see :func:`normalise_words`), punctuation removed.

    Examples
    --------
    >>> resolve_subject("phòng chuyên môn thuộc sở".split()).category
    'division'
    >>> s = resolve_subject("cán bộ công chức cấp xã".split())
    >>> s.category, sorted(s.levels)
    ('commune_official', ['xa'])
    >>> resolve_subject("biên chế ở những đơn vị sự nghiệp công lập".split()).category
    'public_employee'
    >>> s = resolve_subject("ở cấp thôn bản".split())
    >>> s.category, sorted(s.levels)
    (None, ['thon'])
    >>> resolve_subject("đơn vị thuộc sở".split()).generic
    'unit'
    """
    lexicon = lexicon or load_lexicon()
    words = strip_function_words(words)
    inside, found_levels = level_spans(words)
    levels, kept = frozenset(found_levels), tuple(words)
    if not words:
        return Subject(None)
    if kept in pb.EXACT_NAMES:  # "63 tỉnh", but not "Tỉnh ủy …" nor "UBND tỉnh"
        return Subject(pb.EXACT_NAMES[kept], levels=levels, words=kept)
    if len(_staff_categories(words, inside, lexicon)) > 1:
        return Subject("other", levels=levels, words=kept)  # "cán bộ, công chức, viên chức"
    if any(tuple(words[: len(f)]) == f for f in pb.FALSE_FRIENDS):
        for head, kind in GENERIC_HEADS.items():
            if tuple(words[: len(head)]) == head:
                return Subject(None, kind, head, levels, kept)
        return Subject(None, levels=levels, words=kept)
    if 0 not in inside:
        found = lexicon.match(words, 0)
        generic = max((len(h) for h in GENERIC_HEADS if tuple(words[: len(h)]) == h), default=0)
        if found is not None and generic > found[0]:
            found = None  # "trường hợp" (cases of staff), not "trường" (schools)
        if found is not None:
            category = refine_payroll(words, found[1])
            bare = [w for i, w in enumerate(words) if i not in inside and w not in ("ở", "các")]
            if bare == ["biên", "chế"]:  # whose payroll, the context may say
                return Subject(category, "staff", ("biên", "chế"), levels, kept)
            return Subject(category, levels=levels, words=kept)
    for head, kind in GENERIC_HEADS.items():
        if tuple(words[: len(head)]) == head:
            return Subject(None, kind, head, levels, kept)
    for noun in pb.COUNTED_NOUNS:
        if tuple(words[: len(noun)]) == noun:
            return Subject("other", levels=levels, words=kept, unit=" ".join(noun))
    return Subject(None, levels=levels, words=kept)


def _staff_categories(words: list[str], inside: set[int], lexicon: Lexicon) -> set[str]:
    """Return the staffing categories a phrase names, each synonym read once, longest first."""
    found: set[str] = set()
    i = 0
    while i < len(words):
        hit = lexicon.match(words, i) if i not in inside else None
        if hit is None:
            i += 1
            continue
        if hit[1] in STAFF_CATEGORIES:
            found.add(hit[1])
        i += hit[0]
    return found


def strip_function_words(words: list[str]) -> list[str]:
    """Drop leading words that do not name anything ("số", "các", "tổng số" …).

    Examples
    --------
    >>> strip_function_words(["tổng", "số", "các", "tổng", "cục"])
    ['tổng', 'cục']
    """
    changed = True
    while changed:
        changed = False
        for phrase in _LEADING_FUNCTION_WORDS:
            n = len(phrase)
            if len(words) > n and tuple(words[:n]) == phrase:
                words, changed = words[n:], True
                break
    return words


def refine_payroll(words: list[str], category: str) -> str:
    """Make "biên chế" precise when the phrase says whose payroll it is.

    Examples
    --------
    >>> refine_payroll("biên chế các cơ quan hành chính".split(), "other")
    'civil_servant'
    """
    if category != "other" or words[:2] != ["biên", "chế"]:
        return category
    text = " ".join(words[2:])
    if "sự nghiệp" in text or "viên chức" in text:
        return "public_employee"
    if "công chức" in text or "hành chính" in text:
        return "civil_servant"
    return category


def kind_of(category: str) -> str:
    """Return "staff" for a staffing category, "unit" for the others, "any" for other."""
    if category == "other":
        return "any"
    return "staff" if category in PEOPLE_CATEGORIES else "unit"


def level_code(levels: set[str] | frozenset[str]) -> str | None:
    """Join level codes in canonical order ("tinh+huyen").

    Examples
    --------
    >>> level_code({"huyen", "tinh"}), level_code(set())
    ('tinh+huyen', None)
    """
    ordered = [code for code in LEVEL_ORDER if code in levels]
    return "+".join(ordered) if ordered else None
