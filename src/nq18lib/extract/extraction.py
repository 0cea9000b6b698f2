"""Extraction: from Vietnamese report text to reduction figures, each tied to its source span.

>>> text = "Tỉnh Hà Nam giảm 4 cơ quan trực thuộc Tỉnh ủy đạt 36,4%; 5 sở đạt 26,3%."
>>> for f in extract_figures(text):
...     print(f.category, f.reduced, f.percent, repr(f.quote))
party_agency 4 36.4 'giảm 4 cơ quan trực thuộc Tỉnh ủy đạt 36,4%'
state_department 5 26.3 '5 sở đạt 26,3%'

The text is NFC-normalised, cut into paragraphs (lines) and sentences, and each sentence
that speaks of a reduction is read by :class:`nq18lib.extract.grammar.SentenceGrammar`. Then the
document is tidied: a count and a percent of the same subject in one sentence join into one
figure ("giảm khoảng 50%" … "giảm xuống 263 xã"), a headline repeating the body is kept once,
levels implied by the category are filled in, and the province is read from the text.

Offsets (``start``, ``end``) point into the text as given, so ``quote == text[start:end]``;
``location`` is ``p<line>:<start>-<end>`` with the 1-based line the quote starts on and the
same offsets into the whole file's text (for .docx and .html files: into the extracted text,
one paragraph a line).

On the command line, ``nq18 extract FILE … --format json|csv [--source-id ID]
[--jurisdiction NAME]`` writes the figures of every file: JSON is a list of objects with
``file``, ``figure_id`` (``<source_id>-NN``), the data-contract columns, ``subject``,
``quote``, ``sentence``, ``start``, ``end`` and ``percent_decimals``; CSV has the data-contract
columns in canonical order (``note`` holds the subject as written), ready for ``nq18 validate``
once reviewed. The source id defaults to the file name without suffix; ``--jurisdiction``
names the province of a text that names none (otherwise the most named province, or
"Toàn quốc" for "cả nước", is used).

Modules of :mod:`nq18lib.extract`: ``textsource`` reads files, ``prefilter`` finds in one
pass the sentences worth reading, ``tokens`` cuts sentences and tokens, ``wordnumbers``
reads numbers in words, ``subjects`` maps noun phrases to the taxonomy,
:mod:`nq18lib.extract.phrasebook` holds the words of the grammar,
:mod:`nq18lib.extract.sentence` and :mod:`nq18lib.extract.grammar` read one sentence, and
``bounds`` fills each figure's ``bound`` ("hơn 300": ``at_least``) from the words before
its numbers.
"""

from __future__ import annotations

import bisect
import calendar
import csv
import gc
import io
import os
import re
import unicodedata
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from functools import lru_cache

from nq18lib.extract import phrasebook as pb
from nq18lib.extract.bounds import NUMBER_COLUMNS, bound_cell, qualifier_before
from nq18lib.extract.confidence import grade
from nq18lib.extract.grammar import Found, SentenceGrammar
from nq18lib.extract.misses import PossibleMiss, unread_numbers
from nq18lib.extract.phrasebook import fold_tone
from nq18lib.extract.prefilter import (
    CueScan,
    alternation,
    finditer,
    guarded,
    has_number,
    literal_starts,
)
from nq18lib.extract.subjects import (
    GENERIC_HEADS,
    IMPLIED_LEVELS,
    STAFF_CATEGORIES,
    level_code,
    load_lexicon,
    normalise_words,
    resolve_subject,
)
from nq18lib.extract.tables import TableHeader, table_cells
from nq18lib.extract.textsource import read_text
from nq18lib.extract.tokens import split_sentences, tokenize


@dataclass
class Figure:
    """One reduction figure found in a text.

    Numbers are as written: ``percent`` 36.4 for "36,4%" with ``percent_decimals`` 1;
    ``reduced`` is the count removed (the lower bound for "hơn 539 nghìn"). ``start`` and
    ``end`` are character offsets into the text, ``quote`` is ``text[start:end]`` and ``line``
    the 1-based line the quote starts on.
    """

    category: str
    subject: str
    reduced: int | None = None
    percent: float | None = None
    percent_decimals: int | None = None
    numerator: int | None = None
    denominator: int | None = None
    baseline: int | None = None
    after: int | None = None
    level: str | None = None
    phase: str | None = None
    status: str = "result"
    period_start: str | None = None
    period_end: str | None = None
    jurisdiction: str | None = None
    province_code: str | None = None
    qualifier: str | None = None
    start: int = 0
    end: int = 0
    line: int = 1
    quote: str = ""
    sentence: str = ""
    unit: str | None = None
    bound: str | None = None
    confidence: str = "high"
    doubts: list[str] = field(default_factory=list)
    origin: str = field(default="", repr=False)
    paragraph_size: int = field(default=0, repr=False)
    bounds: dict[str, str] = field(default_factory=dict, repr=False)

    @property
    def location(self) -> str:
        """Where the figure stands: ``p<line>:<start>-<end>``."""
        return f"p{self.line}:{self.start}-{self.end}"

    def to_dict(self) -> dict:
        """Return the figure as a plain dict (with ``location``)."""
        data = asdict(self)
        data.pop("origin", None)
        data.pop("paragraph_size", None)
        data.pop("bounds", None)
        data["location"] = self.location
        return data


# --------------------------------------------------------------------------- text
class _Offsets:
    """Map offsets in the NFC text back to the text as given (identity when it was NFC)."""

    def __init__(self, text: str) -> None:
        self.nfc = unicodedata.normalize("NFC", text)
        self.table: list[int] | None = None
        if self.nfc != text:
            table: list[int] = []
            out: list[str] = []
            for m in re.finditer(r"(?s).[\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff]*", text):
                piece = unicodedata.normalize("NFC", m.group())
                out.append(piece)
                table.extend([m.start()] * len(piece))
            table.append(len(text))
            self.nfc = "".join(out)
            self.table = table

    def original(self, offset: int) -> int:
        return offset if self.table is None else self.table[offset]


_PERIOD_RANGE = re.compile(r"giai đoạn\s+((?:19|20)\d{2})\s*[-–]\s*((?:19|20)\d{2})", re.I)
_PERIOD_END = re.compile(
    r"(?:đến|tới)\s+(?:hết\s+|cuối\s+)?(?:"
    r"ngày\s+(?P<d>\d{1,2})/(?P<dm>\d{1,2})/(?P<dy>\d{4})"
    r"|quý\s+(?P<q>I{1,3}|IV|[1-4])/(?P<qy>\d{4})"
    r"|tháng\s+(?P<m>\d{1,2})/(?P<my>\d{4})"
    r"|năm\s+(?P<y>(?:19|20)\d{2}))",
    re.I,
)
_PERIOD_START = re.compile(r"(?:so với|từ)\s+(?:năm\s+)(?P<y>(?:19|20)\d{2})", re.I)
_BOTH_PHASES = re.compile(r"(?:cả|cho|chung|gồm|qua)\s+(?:2|hai)\s+giai\s+đoạn", re.I)
_PHASE2_PROJECTED = re.compile(
    r"giai đoạn\s+(?:2|II|hai)\b[^.;]{0,60}?dự kiến|dự kiến[^.;]{0,40}giai đoạn\s+(?:2|II)\b",
    re.I,
)
_TIME_HINT = re.compile(
    r"giai đoạn|(?:đến|tới)\s+(?:hết\s+|cuối\s+)?(?:ngày|quý|tháng|năm)\s|so với\s|từ năm|số liệu",
    re.I,
)
_TIME_HINT_WORDS = ("giai", "đến", "tới", "so với", "từ năm", "liệu")
"""Substrings one of which every match of ``_TIME_HINT`` holds (a cheap test before it)."""
_DATA_AS_OF = re.compile(r"số liệu[^.;]{0,40}(?:đến|tính đến)", re.I)
_PARENS = re.compile(r"\([^()]*\)")
_HEADING_SIZE = 150
"""A line this short that ends without a full stop is a heading (context for the next line)."""
_ENDS_SENTENCE = re.compile(r"[.!?…]\s*$")
_QUARTER_END = {"I": 3, "1": 3, "II": 6, "2": 6, "III": 9, "3": 9, "IV": 12, "4": 12}


def _period(sentence: str) -> tuple[str | None, str | None]:
    text = _PARENS.sub(" ", sentence)
    start = end = None
    m = _PERIOD_RANGE.search(text)
    if m:
        start, end = m.group(1), m.group(2)
    m2 = _PERIOD_END.search(text)
    if m2:
        if m2.group("dy"):
            end = f"{m2.group('dy')}-{int(m2.group('dm')):02d}-{int(m2.group('d')):02d}"
        elif m2.group("qy"):
            year, month = int(m2.group("qy")), _QUARTER_END[m2.group("q").upper()]
            end = f"{year}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"
        elif m2.group("my"):
            year, month = int(m2.group("my")), int(m2.group("m"))
            if 1 <= month <= 12:
                end = f"{year}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"
        else:
            end = m2.group("y")
    m3 = _PERIOD_START.search(text)
    if m3 and start is None:
        start = m3.group("y")
    if start and end and start > end:
        return None, end
    return start, end


def _clause_period(
    text: str, s_start: int, s_end: int, start: int, end: int, outer: tuple
) -> tuple[str | None, str | None]:
    """Return the period stated in the figure's clause (between semicolons), else the outer one."""
    a = text.rfind(";", s_start, start) + 1 or s_start
    b = text.find(";", end, s_end)
    clause = text[max(a, s_start) : b if b >= 0 else s_end]
    low = clause.lower()
    if not any(word in low for word in _TIME_HINT_WORDS) or not _TIME_HINT.search(clause):
        return outer  # the substrings first: a case-blind search is slow
    own = _period(clause)
    period = (own[0] or outer[0], own[1] or outer[1])
    if period[0] and period[1] and period[0] > period[1]:
        return own
    return period


# --------------------------------------------------------------------------- places
@lru_cache(maxsize=1)
def _place_pattern() -> tuple[re.Pattern, dict[str, tuple[str, str]]]:
    from nq18lib.reference import provinces

    names: dict[str, tuple[str, str]] = {}
    for p in provinces.all_provinces():
        for name in (p.name, *p.aliases):
            name = unicodedata.normalize("NFC", name)
            if len(name) >= 4 and name[0].isupper() and " " in name:
                names[name] = (p.name, p.code)
    national = provinces.NATIONAL
    for name in ("cả nước", "Cả nước", "toàn quốc", "Toàn quốc", "trên toàn quốc"):
        names[name] = (national.name, national.code)
    # a trie of the names, from a word boundary (a name starts with a letter): one pass, fast
    return guarded(re.compile(rf"\b(?:{alternation(names)})(?!\w)")), names


def find_places(text: str) -> list[tuple[int, str, str]]:
    """Return ``(offset, name, code)`` for every province (or "cả nước") named in a text.

    Examples
    --------
    >>> [(name, code) for _, name, code in find_places("Tỉnh Hà Nam và TP Đà Nẵng; cả nước")]
    [('Hà Nam', '35'), ('Đà Nẵng', '48'), ('Toàn quốc', '00')]
    """
    pattern, names = _place_pattern()
    return [(m.start(), *names[m.group()]) for m in pattern.finditer(text)]


def _dominant_place(places: list[tuple[int, str, str]]) -> tuple[str, str] | None:
    if not places:
        return None
    counts: dict[tuple[str, str], int] = {}
    for _, name, code in places:
        counts[(name, code)] = counts.get((name, code), 0) + 1
    return max(counts, key=lambda key: counts[key])


@dataclass
class Extraction:
    """What extraction read in one text: the figures, and the numbers it may have missed."""

    figures: list[Figure]
    possible_misses: list[PossibleMiss]


# --------------------------------------------------------------------------- extraction
def extract_figures(text: str, *, jurisdiction: str | None = None) -> list[Figure]:
    """Find every reduction figure in a Vietnamese text (see :func:`extract_text`).

    Examples
    --------
    >>> figs = extract_figures("Cấp huyện từ 11 huyện giảm xuống còn 10; hiện có 1.923 công chức.")
    >>> [(f.category, f.reduced, f.baseline, f.after) for f in figs]
    [('district_unit', 1, 11, 10)]
    """
    return extract_text(text, jurisdiction=jurisdiction).figures


def extract_text(text: str, *, jurisdiction: str | None = None) -> Extraction:
    """Find every reduction figure in a Vietnamese text, and the numbers it may have missed.

    Parameters
    ----------
    text : str
        The report text (any Unicode normal form).
    jurisdiction : str, optional
        The province (or "Toàn quốc") to use when the text names none.

    Returns
    -------
    Extraction
        ``figures`` in text order (``quote == text[start:end]`` for each, ``confidence``
        graded by :mod:`nq18lib.extract.confidence`), and ``possible_misses``: numbers of
        reduction clauses that no figure took and no rule explains (:mod:`.misses`).

    Examples
    --------
    >>> found = extract_text("Tỉnh giảm 5 sở; giảm 3 hạt kiểm lâm; giảm 2 xe công vụ.")
    >>> [(f.category, f.reduced, f.unit, f.confidence) for f in found.figures]
    [('state_department', 5, None, 'high'), ('other', 3, 'hạt', 'low')]
    >>> [(m.number, m.reason) for m in found.possible_misses]
    [('2', 'count in a reduction clause')]
    """
    with _collector_paused():
        return _extract_text(text, jurisdiction)


@contextmanager
def _collector_paused():
    """Pause Python's cyclic garbage collector while a text is read (restored after).

    Reading a text makes hundreds of thousands of small objects that live until the end
    (tokens, figures) and almost no reference cycles; the collector's passes over them cost
    5–10 % of the time and free next to nothing. Reference counting still frees the rest.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _extract_text(text: str, jurisdiction: str | None) -> Extraction:
    offsets = _Offsets(text)
    nfc = offsets.nfc
    lexicon = load_lexicon()
    places = find_places(nfc)
    place_starts = [p[0] for p in places]
    default_place = _dominant_place(places)
    if default_place is None and jurisdiction:
        from nq18lib.reference.provinces import find_province

        province = find_province(jurisdiction)
        default_place = (province.name, province.code) if province else (jurisdiction, None)
    phase2_projected = bool(_PHASE2_PROJECTED.search(nfc))
    newlines = [m.start() for m in re.finditer("\n", text)]
    lower = nfc.lower()
    if len(lower) != len(nfc):  # a letter whose lower case is longer: search case-blind
        lower, cased = nfc, True
    else:
        cased = False
    hint = _lower(_TIME_HINT, cased)
    time_hints = [m.start() for m in finditer(hint, lower, _starts(hint))]
    cues = CueScan.of(lower, cased)
    reduction_hits, cue_hits = cues.reduction, cues.sentence
    number_words = _lower(_number_hint(lexicon.unit_words), cased)

    found: list[tuple[Found, tuple[int, int], int, int, dict, int]] = []
    unread: list[tuple[int, int, int, int, str]] = []  # number span, sentence span, reason
    para_start = 0
    heading: list = []  # a heading line names what the paragraph under it counts
    plan_scope = False  # a plan heading or opening governs the list under it
    section_plan = False  # a numbered plan heading governs its section
    section_plans = [False, False]  # under "I." and under "1."
    table = None  # the header of the table being read
    table_plan = False  # the table stands under a plan opening
    title = ""  # the last short line before a table: what it counts
    headline = _headline(nfc)  # the document's title: what a table under no title counts
    previous_plan = False  # the figures of the paragraph before were all plans
    previous_item = False
    list_had_figure = False  # the list item before had a figure: verbless items continue it
    list_kind = None  # what the opening of a list of cuts counts ("Số xã giảm của từng huyện:")
    leavers_left = None  # what is left of a leavers total whose list of kinds is being read
    for para_end in [*(m.start() for m in re.finditer("\n", nfc)), len(nfc)]:
        context: list = list(heading)
        heading = []
        scope_before = plan_scope  # what the line before opened (a table's header resets it)
        line = nfc[para_start:para_end]
        is_item = bool(_LIST_ITEM.match(line)) or line.rstrip().endswith(";")
        opening = line.rstrip().endswith(":")  # "Số xã giảm của từng huyện:" opens a list
        if not (is_item or opening) and previous_item and len(line) <= _HEADING_SIZE:
            is_item = ". " not in line  # the last item of a list, ended with a full stop
        is_heading = 0 < para_end - para_start <= _HEADING_SIZE and not _ENDS_SENTENCE.search(
            nfc, para_start, para_end
        )
        if is_heading and _NUMBERED_HEADING.match(line) and not line.rstrip().endswith(";"):
            is_item = False  # "2. Nhiệm vụ năm 2025": a numbered heading, not an item
        previous_item = is_item
        if is_heading:
            heading = [_lazy_tokens(nfc, para_start, para_end, lexicon.unit_words)]
        section = _SECTION_HEADING.match(line) if is_heading and not is_item else None
        if section:  # "II. PHƯƠNG HƯỚNG, NHIỆM VỤ" governs its section, "1. Về …" under it too
            depth = 1 if section.group(1).isdigit() else 0
            outer = section_plans[:depth]
            section_plans[depth:] = [
                _scope_is_plan(line) or (any(outer) and not _scope_is_result(line))
            ]
            section_plan = section_plans[depth]
        opens_list = line.rstrip().endswith(":") and not _scope_is_result(line)
        if opens_list and not plan_scope and previous_plan:
            plan_scope = True  # "Cụ thể như sau:" under a plan continues it
        line_plan = (plan_scope and is_item) or section_plan
        implied = is_item and list_had_figure
        if not is_item:  # an opening that names the cut ("Mức giảm tại các sở như sau:")
            list_had_figure = line.rstrip().endswith(":") and _has_hit(
                reduction_hits, para_start, para_end
            )
            list_kind = _title_kind(line, lexicon, counted_first=True) if list_had_figure else None
        if (is_heading and not is_item) or line.rstrip().endswith(":"):
            plan_scope = _scope_is_plan(line) or (opens_list and plan_scope)
        elif not is_item:
            plan_scope = False
        carried: dict = {"phase": None, "period": (None, None)}
        previous_reduction = False
        line_found = len(found)
        previous_start = None  # the sentence before, when it had figures
        sentences = _bounded(split_sentences(nfc, para_start, para_end), nfc)
        if table_cells(line) is None:
            table = None
            if 0 < len(line.strip()) <= _HEADING_SIZE:
                title = line
        elif (header := TableHeader.read(line)) is not None:
            table, table_plan = header, scope_before or section_plan
        elif table is not None:
            plan = table_plan or section_plan
            row = _table_row(table, line, para_start, (title, headline), lexicon, plan)
            if row is not None:
                found.append((*row, carried, para_end - para_start))
                sentences = []  # the row is read: its cells are no sentence
        for s_start, s_end in sentences:
            sentence = nfc[s_start:s_end]
            sentence_count = len(found)
            own = {"phase": carried["phase"], "period": carried["period"]}
            if _has_hit(time_hints, s_start, s_end):
                low = sentence.lower()
                phase_words = "giai" in low
                stated = phase_words and _PERIOD_RANGE.search(sentence)
                if stated or ("liệu" in low and _DATA_AS_OF.search(sentence)):
                    period = _period(sentence)  # a statement of the period of what follows
                    own["period"] = carried["period"] = (
                        period[0] or carried["period"][0],
                        period[1] or carried["period"][1],
                    )
                if phase_words and _BOTH_PHASES.search(_PARENS.sub(" ", sentence)):
                    carried["phase"] = own["phase"] = "cả 2 giai đoạn"
            has_reduction = _has_hit(reduction_hits, s_start, s_end)
            reader = _lazy_tokens(nfc, s_start, s_end, lexicon.unit_words)
            cued = implied or _has_hit(cue_hits, s_start, s_end)
            if not cued and previous_start is not None:
                cued = bool(_BACK_REFERENCE.match(sentence))
            if cued and has_number(lower, s_start, s_end, number_words):
                tokens = reader()
                grammar = SentenceGrammar(
                    tokens,
                    lexicon,
                    context=list(context),
                    reduction_context=has_reduction or previous_reduction,
                    plan_scope=line_plan,
                    implied_verb=implied,
                )
                sentence_found = []
                for fig in grammar.parse():
                    fig.head = fig.parent = None  # let the tokens go
                    span = (tokens[fig.first].start, tokens[fig.last].end)
                    sentence_found.append((fig, span, s_start, s_end, own, para_end - para_start))
                if implied and list_kind and not sentence_found:
                    bare = _bare_item(tokens, list_kind, line_plan)  # "Huyện Gia Bình: 9/14"
                    if bare is not None:
                        span = (tokens[bare.first].start, tokens[bare.last].end)
                        sentence_found.append(
                            (bare, span, s_start, s_end, own, para_end - para_start)
                        )
                        grammar.used.add(bare.first)
                if previous_start is not None and _BACK_REFERENCE.match(sentence):
                    sentence_found = _without_restated(sentence_found, found, previous_start)
                lone = _lone_rate(tokens, sentence_found, lexicon)
                joined = lone is not None and _join_rate(found, lone, tokens, s_start)
                if joined:
                    sentence_found = [f for f in sentence_found if f[0] is not lone[1]]
                covered = [(f[0].first, f[0].last) for f in sentence_found]
                if joined:
                    covered.append((lone[0], lone[0]))
                for k, reason in unread_numbers(tokens, grammar.used, covered, grammar):
                    unread.append((tokens[k].start, tokens[k].end, s_start, s_end, reason))
                found.extend(sentence_found)
            if (
                previous_start is not None
                and len(found) == sentence_count
                and _BREAKDOWN_OPENING.match(sentence)
                and has_number(lower, s_start, s_end, number_words)
            ):  # "… 2.947 người nghỉ việc. Trong đó, 1.212 người là …": the parts of the last
                tokens = tokenize(nfc, previous_start, s_end, lexicon.unit_words)
                grammar = SentenceGrammar(
                    tokens, lexicon, context=list(context[:-1]), plan_scope=line_plan
                )
                for fig in grammar.parse():
                    span = (tokens[fig.first].start, tokens[fig.last].end)
                    if fig.origin != "breakdown" or span[0] < s_start:
                        continue
                    fig.head = fig.parent = None
                    fig.doubts.append("breakdown in the next sentence")
                    unread = [u for u in unread if not span[0] <= u[0] < span[1]]
                    found.append((fig, span, s_start, s_end, own, para_end - para_start))
            previous_start = s_start if len(found) > sentence_count else None
            context.append(reader)
            del context[:-3]
            previous_reduction = has_reduction
        if is_item and leavers_left is not None:
            leavers_left = _leavers_parts(found[line_found:], leavers_left)
        elif not is_item:
            leavers_left = _leavers_total(found[line_found:], line)
        if is_item and len(found) > line_found:
            list_had_figure = True
        if len(found) > line_found:
            previous_plan = all(f[0].status == "plan" for f in found[line_found:])
        elif not is_heading:
            previous_plan = False
        para_start = para_end + 1

    figures = []
    for fig, (start, end), s_start, s_end, carried, paragraph_size in found:
        period = _clause_period(nfc, s_start, s_end, start, end, carried["period"])
        places_before = bisect.bisect_right(place_starts, end) - 1
        place = default_place
        if places_before >= 0 and places[places_before][0] >= s_start:
            place = places[places_before][1:]
        phase = fig.phase or carried["phase"]
        status = fig.status
        if phase == "giai đoạn 2" and phase2_projected:
            status = "plan"
        levels = set(fig.levels)
        if not levels and fig.category in IMPLIED_LEVELS:
            levels = {IMPLIED_LEVELS[fig.category]}
        party_of_province = re.search(r"tỉnh ủy|thành ủy", " ".join(fig.subject_words))
        if not levels and fig.category == "party_agency" and party_of_province:
            levels = {"tinh"}
        o_start, o_end = offsets.original(start), offsets.original(end)
        doubts = list(dict.fromkeys(fig.doubts))
        unit = fig.unit
        if fig.category == "other" and unit is None:
            unit = " ".join(fig.subject_words[:2]) or None
        elif fig.category == "other":
            doubts.append("unknown noun")  # a counted noun the taxonomy does not name
        if fig.origin == "breakdown":
            doubts.append("part of a total")
        figures.append(
            Figure(
                category=fig.category,
                subject=fig.subject,
                reduced=fig.reduced,
                percent=fig.percent,
                percent_decimals=fig.percent_decimals,
                numerator=fig.numerator,
                denominator=fig.denominator,
                baseline=fig.baseline,
                after=fig.after,
                level=level_code(levels),
                phase=phase,
                status=status,
                period_start=period[0],
                period_end=period[1],
                jurisdiction=place[0] if place else None,
                province_code=place[1] if place else None,
                qualifier=fig.qualifier,
                start=o_start,
                end=o_end,
                line=bisect.bisect_right(newlines, o_start - 1) + 1 if newlines else 1,
                quote=text[o_start:o_end],
                sentence=text[offsets.original(s_start) : offsets.original(s_end)],
                unit=unit if fig.category == "other" else None,
                confidence=grade(doubts),
                doubts=doubts,
                origin=f"{s_start}",
                paragraph_size=paragraph_size,
                bounds=dict(fig.bounds),
            )
        )
    figures = _drop_repeats([f for f in _merge_complements(figures) if not _round_target(f)])
    for fig in figures:
        fig.quote = text[fig.start : fig.end]  # a joined count and rate span both
        fig.bound = bound_cell(fig.bounds, {c: getattr(fig, c) for c in NUMBER_COLUMNS})
    misses = []
    for start, end, s_start, s_end, reason in unread:
        o_start, o_end = offsets.original(start), offsets.original(end)
        misses.append(
            PossibleMiss(
                number=text[o_start:o_end],
                start=o_start,
                end=o_end,
                line=bisect.bisect_right(newlines, o_start - 1) + 1 if newlines else 1,
                sentence=text[offsets.original(s_start) : offsets.original(s_end)],
                reason=reason,
            )
        )
    return Extraction(figures, misses)


_LONGEST_SENTENCE = 2000
_BREAKDOWN_OPENING = re.compile(
    r"\s*(?:trong (?:số (?:này|đó)|đó)|cụ thể|chia theo|phân (?:loại )?theo"
    r"|theo (?:từng )?đối tượng)\b",
    re.I,
)
"""A sentence opening with the parts of the figure before it ("Trong đó, 1.212 người …")."""
_BACK_REFERENCE = re.compile(r"\s*(?:con số (?:này|đó|trên)|như vậy)\b", re.I)
"""A sentence opening that points back at the count before it ("Con số này bằng 1,9% …")."""
_LIST_ITEM = re.compile(
    r"\s*(?:[-+•*–—]\s*|[a-zđ]\)\s*|\d{1,2}[.)]\s+|[^\s:;.][^:;.\n]{0,60}:\s*\S)"
)
"""A line that is a list or table item: a bullet, "a)", "1.", or "Label: …"."""


_NUMBERED_HEADING = re.compile(r"\s*(?:\d{1,2}|[IVX]{1,4}|[A-Z])[.)]\s+\S")


def _leavers_total(line_found: list, line: str) -> int | None:
    """Return the leavers total a line opens a list of kinds under, else None.

    "… quyết định nghỉ việc cho 1.286 người. Cụ thể:" followed by "- Viên chức: 538 người;":
    the items count leavers by staff kind, not staff cut from a payroll.
    """
    if not line.rstrip().endswith(":") or not line_found:
        return None
    fig = line_found[-1][0]
    if fig.category != "payroll_exit" or not isinstance(fig.reduced, int):
        return None
    return fig.reduced


def _leavers_parts(item_found: list, left: int) -> int | None:
    """Read an item's figures as parts of a leavers total; return what is left, else None.

    A part is a count of staff of one kind, or of people ("Người lao động: 65 người"), not a
    rate, and no larger than what is left of the total; any other figure ends the list.
    """
    for entry in item_found:
        fig = entry[0]
        people = fig.category == "other" and fig.subject_words[:1] == ("người",)
        if not (fig.category in STAFF_CATEGORIES or fig.category == "payroll_exit" or people):
            return None
        if not isinstance(fig.reduced, int) or fig.percent is not None or fig.reduced > left:
            return None
        fig.category = "payroll_exit"
        left -= fig.reduced
    return left


def _headline(text: str) -> str:
    """Return the text's first line when it is a heading (its title), else ""."""
    first = text.lstrip().split("\n", 1)[0]
    short = len(first) <= _HEADING_SIZE and not _ENDS_SENTENCE.search(first)
    return first if short and table_cells(first) is None else ""


def _title_kind(title: str, lexicon, counted_first: bool = False) -> str | None:
    """Return the category a title line names ("Kết quả sắp xếp đơn vị hành chính cấp xã").

    A capitalised head word followed by a capitalised one is a name ("Sở Nội vụ tổng hợp …
    các đơn vị sự nghiệp"): the body that reports or owns, not what the rows count. Names
    are taken only when nothing else is named, and a kind after "các"/"số" comes first
    (with ``counted_first``, one after "số", "the number of", before all: "Các sở giảm số
    phòng như sau:" counts phòng).
    """
    raw = re.findall(r"[^\W\d_]+", title)
    words: list[str] = []
    named: list[bool] = []  # a capitalised word starts a name: "Sở Giáo dục" counts nothing
    name = False
    for index, word in enumerate(raw):
        expanded = normalise_words([fold_tone(word.lower())])
        words += expanded
        after_capital = name and raw[index - 1][0].isupper()  # "vụ" of "Sở Nội vụ"
        capital = word[0].isupper() and (index > 0 or (len(raw) > 1 and raw[1][0].isupper()))
        name = bool(capital or after_capital)
        named += [name] * len(expanded)
    hits = [
        (
            (
                named[i],
                not (counted_first and i and words[i - 1] == "số"),
                not (i and words[i - 1] in _PLURAL_MARKERS),
            ),
            hit[1],
        )
        for i in range(len(words))
        if (hit := lexicon.match(words, i))
    ]  # a kind after "các"/"số" is counted: "Phòng Nội vụ huyện báo cáo các thôn …"
    hits = [hit for hit in sorted(hits, key=lambda hit: hit[0]) if hit[1] != "other"]
    return hits[0][1] if hits else None


_PLURAL_MARKERS = frozenset(["các", "những", "số"])
"""Words before a noun of a title that make it what is counted ("các đơn vị", "số xã")."""


def _without_restated(sentence_found: list, found: list, previous_start: int) -> list:
    """Drop the counts a back-reference restates: the sentence before's category and count.

    "… hợp nhất 305 thôn thành 142 thôn. Như vậy số thôn giảm đi là 163." is one figure.
    """
    before = {(f[0].category, f[0].reduced) for f in found if f[2] == previous_start}
    return [
        f
        for f in sentence_found
        if f[0].percent is not None or (f[0].category, f[0].reduced) not in before
    ]


def _bare_item(tokens, kind: str, plan: bool) -> Found | None:
    """Read a list item that is a label and a bare count: "- Huyện Gia Bình: 9/14".

    Under an opening that names what its list cut ("Số xã giảm của từng địa phương (số
    giảm/số xã trước sắp xếp):"), the count (or the fraction, cut of the count before) after
    the label's colon is a cut of that kind. Anything else after the colon is no bare item.
    """
    colon = next((k for k, t in enumerate(tokens) if t.text == ":" and not t.paren), None)
    if colon is None or colon + 1 >= len(tokens):
        return None
    tok = tokens[colon + 1]
    if any(t.kind != "S" or t.text not in ";.," for t in tokens[colon + 2 :]):
        return None
    if tok.kind == "F" and 0 < tok.value < tok.value2:
        numerator, denominator = tok.value, tok.value2
    elif tok.kind == "N" and isinstance(tok.value, int) and tok.value > 0:
        numerator = denominator = None
    else:
        return None
    return Found(
        category=kind,
        subject=" ".join(t.text for t in tokens[:colon] if t.kind == "W"),
        first=colon + 1,
        last=colon + 1,
        origin="item",
        reduced=tok.value,
        numerator=numerator,
        denominator=denominator,
        status="plan" if plan else "result",
        status_known=True,
        doubts=["list item without a verb", "category from the heading"],
    )


def _table_row(header, line: str, offset: int, titles: tuple[str, ...], lexicon, plan: bool):
    """Read a table row under its header into (figure, span, row start, row end), or None.

    What the row counts comes from its cells, the header, else the first of ``titles`` (the
    short line above the table, then the document's headline) that names a kind.
    """
    row = header.row(line)
    if row is None:
        return None
    subject = None
    for words in (row.unit_words, header.nouns):
        if words:
            subject = resolve_subject(normalise_words(words), lexicon)
            if subject.category:
                break
    category = subject.category if subject is not None else None
    doubts = ["table"]
    for index, title in enumerate(titles):
        if category:
            break
        category = _title_kind(title, lexicon)  # "Kết quả sắp xếp … cấp xã" above the table
        if category and index:
            doubts.append("category from the headline")
    if not category:
        return None
    fig = Found(
        category=category,
        subject=f"{' '.join(row.unit_words or header.nouns)} ({row.label})".strip(),
        first=0,
        last=0,
        origin="table",
        reduced=row.reduced,
        percent=row.percent,
        percent_decimals=row.percent_decimals,
        baseline=row.before,
        after=row.after,
        levels=set(subject.levels) if subject is not None else set(),
        status="plan" if plan else "result",
        status_known=True,
        subject_words=tuple(row.unit_words or header.nouns),
        doubts=doubts,
    )
    start, end = offset + row.start, offset + row.end
    return fig, (start, end), offset, offset + len(line)


def _scope_cues(line: str) -> dict[str, bool]:
    words = [fold_tone(w) for w in re.findall(r"[^\W\d_]+", line.lower())]
    found = {"plan": False, "result": False}
    for i, word in enumerate(words):
        for kind, cues in (("plan", _PLAN_SCOPE), ("result", _RESULT_SCOPE)):
            if any(tuple(words[i : i + len(c)]) == c for c in cues.get(word, ())):
                if kind == "plan" and pb.meets_plan(words, i):
                    continue  # "theo đúng lộ trình", "vượt kế hoạch": a standard, no plan
                found[kind] = True
    return found


def _scope_is_plan(line: str) -> bool:
    """Whether a heading or an opening line ("… như sau:") announces a plan."""
    found = _scope_cues(line)
    return found["plan"] and not found["result"]


def _scope_is_result(line: str) -> bool:
    """Whether a heading or an opening line ("Kết quả cụ thể:") announces a result."""
    return _scope_cues(line)["result"]


_SECTION_HEADING = re.compile(r"\s*(\d{1,2}|[IVX]{1,4})[.)]\s+\S")
"""A numbered section heading ("1. Phương án sắp xếp", "II. PHƯƠNG HƯỚNG, NHIỆM VỤ")."""


_PLAN_SCOPE = pb.first_words(pb.PLAN_SCOPE_CUES)
_RESULT_SCOPE = pb.first_words(pb.RESULT_SCOPE_CUES)


_LONE_RATE_FIRST = frozenset(words[0] for words in pb.LONE_RATE_OPENERS)


def _lone_rate(tokens, sentence_found, lexicon) -> tuple[int, Found | None] | None:
    """Find the rate of a sentence that gives only the rate of the count before it.

    "Số xã giảm là 45. Tỷ lệ giảm tương ứng đạt 20,5%." — the second sentence opens with
    "Tỷ lệ"/"Mức giảm", names nothing else and holds one percent. Returns the index of the
    percent token and the percent-only figure the grammar read from it (or None).
    """
    if tokens and tokens[0].low != "so":  # most sentences: the first word opens no lone rate
        lead = next((t.low for t in tokens[:5] if t.kind == "W"), None)
        if lead not in _LONE_RATE_FIRST:
            return None
    start = 0
    if tuple(t.low for t in tokens[:2]) == ("so", "với"):  # "So với 172 đơn vị trước đó, …"
        start = next((i + 1 for i, t in enumerate(tokens) if t.text == ","), 0)
    words = [t.low for t in tokens[start : start + 5] if t.kind == "W"]
    if not start or not any(tuple(words[: len(o)]) == o for o in pb.LONE_RATE_OPENERS):
        start = 0
        words = [t.low for t in tokens[:5] if t.kind == "W"]
    if not any(tuple(words[: len(o)]) == o for o in pb.LONE_RATE_OPENERS):
        return None
    percents = [i for i, t in enumerate(tokens) if t.kind == "P"]
    counts = [
        i
        for i, t in enumerate(tokens)
        if i >= start and t.kind in "NF" and tokens[i - 1].low != "năm"
    ]
    if len(percents) != 1 or counts:
        return None
    between = [t.low for t in tokens[start + 2 : percents[0]] if t.kind == "W" and not t.paren]
    if tuple(words[:2]) in (("tỷ", "lệ"), ("tỉ", "lệ")) and not pb.RATE_NOUN_VERBS & set(between):
        heads = GENERIC_HEADS  # "đơn vị", "người": kinds the taxonomy leaves to the context
        if any(
            lexicon.match(between, i) or tuple(between[i : i + 2]) in heads
            for i in range(len(between))
        ):
            return None  # "Tỷ lệ đơn vị tự chủ … đạt 23%": the share of a kind, not a cut
    after = tokens[percents[0] + 1 : percents[0] + 3]
    if tuple(t.low for t in after) in pb.COMPLETION_NOUNS:
        return None  # "Tỷ lệ giảm đạt 100% kế hoạch": how much of a plan was done
    own = [f for f, *_ in sentence_found]
    if len(own) > 1 or (own and (own[0].reduced is not None or own[0].percent is None)):
        return None
    return percents[0], (own[0] if own else None)


def _join_rate(found: list, lone: tuple[int, Found | None], tokens, s_start: int) -> bool:
    """Give a lone rate to the count-only figure of the sentence just before, if it fits."""
    heads = []  # the last figures that are not parts of another, newest last
    for i in range(len(found) - 1, max(-1, len(found) - 12), -1):
        if found[i][0].origin != "breakdown":
            heads.insert(0, i)
        if len(heads) == 4:
            break
    if not heads:
        return False
    at = heads[-1]
    fig, span, f_start, f_end, own, size = found[at]
    if f_end > s_start or fig.percent is not None or fig.reduced is None:
        return False
    if any(found[i][2] == f_start and i != at for i in heads[-4:]):
        return False  # the sentence before counts several things: whose rate is unclear
    if any(f[2] not in (f_start, s_start) for f in found[at:]):
        return False  # not the sentence just before
    index, rate_fig = lone
    if rate_fig is not None and rate_fig.category not in (fig.category, "other"):
        return False
    pct = tokens[index]
    fig.percent, fig.percent_decimals = pct.value, pct.decimals
    qualifier = qualifier_before(tokens, index)
    if qualifier is not None:
        fig.bounds["percent"] = qualifier
    fig.doubts.append("rate in the next sentence")
    found[at] = (fig, (span[0], pct.end), f_start, f_end, own, size)
    return True


def _bounded(spans, text: str):
    """Cut sentences longer than 2000 characters at semicolons, then at spaces.

    Keeps the grammar linear on texts without sentence punctuation (table dumps).
    """
    for start, end in spans:
        while end - start > _LONGEST_SENTENCE:
            cut = text.rfind(";", start, start + _LONGEST_SENTENCE)
            if cut <= start:
                cut = text.rfind(" ", start, start + _LONGEST_SENTENCE)
            if cut <= start:
                cut = start + _LONGEST_SENTENCE
            yield start, cut
            start = cut + 1
        if end > start:
            yield start, end


@lru_cache(maxsize=4)
def _number_hint(units: frozenset) -> re.Pattern:
    """Return a pattern of a number in words that may count something.

    Before a countable noun ("bốn đầu mối"), of several words ("mười lăm", "hai mươi mốt"),
    or after "từ"/"còn"/"lần lượt", as :func:`nq18lib.extract.tokens.tokenize` reads them.
    """
    from nq18lib.extract.wordnumbers import DIGITS, NUMBER_WORDS

    numbers = "|".join(sorted(DIGITS, key=len, reverse=True))
    more = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
    nouns = "|".join(sorted(units, key=len, reverse=True))
    return re.compile(
        rf"một nửa|(?<!\w)mười(?!\w)"
        rf"|(?<!\w)(?:{numbers})(?:\s+(?:{more}))*\s+(?:{nouns}|{more})(?!\w)"
        rf"|(?<!\w)(?:từ|xuống|còn|thành|là|lượt)\s+(?:{numbers})(?!\w)",
        re.IGNORECASE,
    )


@lru_cache(maxsize=16)
def _starts(pattern: re.Pattern) -> frozenset[str] | None:
    """Return the literal prefixes of a whole-text pattern (see :func:`.prefilter.finditer`)."""
    return literal_starts(pattern.pattern, pattern.flags)


@lru_cache(maxsize=16)
def _lower(pattern: re.Pattern, cased: bool) -> re.Pattern:
    """Return the pattern without IGNORECASE, to search lower-cased text (several times faster)."""
    return (
        pattern if cased else guarded(re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE))
    )


def _has_hit(positions: list[int], start: int, end: int) -> bool:
    i = bisect.bisect_left(positions, start)
    return i < len(positions) and positions[i] < end


def _lazy_tokens(text: str, start: int, end: int, units: frozenset):
    """Return a function that tokenises a sentence once, when first asked."""
    cache: list = []

    def read():
        if not cache:
            cache.append(tokenize(text, start, end, units))
        return cache[0]

    return read


def _merge_complements(figures: list[Figure]) -> list[Figure]:
    """Join a percent-only and a count-only figure of the same subject in one sentence."""
    out: list[Figure] = []
    by_sentence: dict[str, list[Figure]] = {}
    for fig in figures:
        partner = None
        for other in by_sentence.get(fig.origin, ()):
            if (
                other.category == fig.category
                and other.status == fig.status
                and other.level == fig.level
                and _complements(other, fig)
            ):
                partner = other
                break
        if partner is None:
            out.append(fig)
            by_sentence.setdefault(fig.origin, []).append(fig)
            continue
        for name in ("reduced", "percent", "percent_decimals", "numerator", "denominator"):
            if getattr(partner, name) is None:
                setattr(partner, name, getattr(fig, name))
                if name in fig.bounds:
                    partner.bounds[name] = fig.bounds[name]
        for name in ("baseline", "after", "qualifier"):
            if getattr(partner, name) is None:
                setattr(partner, name, getattr(fig, name))
        partner.end = max(partner.end, fig.end)
        partner.start = min(partner.start, fig.start)
    return out


def _complements(a: Figure, b: Figure) -> bool:
    def percent_only(f: Figure) -> bool:
        return f.percent is not None and f.reduced is None and f.numerator is None

    def count_only(f: Figure) -> bool:
        return f.percent is None and f.reduced is not None and f.numerator is None

    # a before/after count takes its rate on either side; a plain count only the rate after
    # it ("giảm 5 sở so với trước (giảm 27,8%)", "giảm 135 xã, còn 65 xã, đạt 67,5%")
    if count_only(a) and percent_only(b):
        return a.baseline is not None or a.start < b.start
    return count_only(b) and percent_only(a) and b.baseline is not None


def _drop_repeats(figures: list[Figure]) -> list[Figure]:
    """Keep one figure per fact: a headline repeating the body is dropped (the body stays).

    Only a figure of a headline (a short line with no full stop) is a repeat: two body
    sentences with the same numbers are two facts ("Sở A giảm 2 phòng. Sở B giảm 2 phòng.").
    A headline rounding the body ("Gần 3.000 người nghỉ việc" above "2.947 người", "giảm gần
    30% đầu mối" above "giảm 29,6%") repeats it too.
    """
    headlines = {id(f) for f in figures if _in_headline(f)}
    body = _BodyIndex(f for f in figures if id(f) not in headlines)
    keep: dict[tuple, Figure] = {}
    repeats: dict[tuple, int] = {}  # how many facts share a key (counted, not searched)
    order: list[tuple] = []
    for fig in figures:
        if id(fig) in headlines and any(_rounds(fig, b) for b in body.near(fig)):
            continue
        key = (fig.category, fig.reduced, fig.percent, fig.numerator, fig.denominator, fig.status)
        seen = keep.get(key)
        same_level = seen is not None and (
            seen.level == fig.level or not seen.level or not fig.level
        )
        headline = seen is not None and (id(seen) in headlines or id(fig) in headlines)
        if seen is not None and seen.origin != fig.origin and same_level and headline:
            if fig.paragraph_size > seen.paragraph_size:  # the body, not the headline
                keep[key] = fig
            continue
        if key in keep:  # another fact with the same numbers (same sentence, or a level)
            base = key
            count = repeats[base] = repeats.get(base, 0) + 1
            key = (*base, fig.level, count)
            while key in keep:
                count = repeats[base] = count + 1
                key = (*base, fig.level, count)
        keep[key] = fig
        order.append(key)
    result = sorted((keep[k] for k in order), key=lambda f: (f.start, f.end))
    return result


class _BodyIndex:
    """The body's figures by category and status, sorted by count and by rate.

    A headline is compared only with the body figures whose numbers are near its own, so
    the comparison stays linear in the text (a bisection per headline figure).
    """

    def __init__(self, figures) -> None:
        self.counts: dict[tuple, list] = {}
        self.rates: dict[tuple, list] = {}
        for fig in figures:
            key = (fig.category, fig.status)
            if fig.reduced is not None:
                self.counts.setdefault(key, []).append((fig.reduced, id(fig), fig))
            if fig.percent is not None:
                self.rates.setdefault(key, []).append((fig.percent, id(fig), fig))
        for table in (self.counts, self.rates):
            for rows in table.values():
                rows.sort(key=lambda row: (row[0], row[1]))
        self.categories = {key[0] for key in (*self.counts, *self.rates)}

    def near(self, head: Figure):
        """Yield the body figures whose count or rate is near the headline's."""
        categories = self.categories if head.category == "other" else {head.category}
        if head.reduced is not None:
            table, value = self.counts, head.reduced
            low, high = value * (1 - _ROUNDING), value / (1 - _ROUNDING)
        elif head.percent is not None:
            table, value = self.rates, head.percent
            width = max(_RATE_ROUNDING, _ROUNDING / 2 * value)  # as wide as _rounds allows
            low, high = value - width, value + width
        else:
            return
        for category in categories:
            rows = table.get((category, head.status), ())
            at = bisect.bisect_left(rows, (low, -1))
            stop = min(len(rows), at + _NEAREST)
            while at < stop and rows[at][0] <= high:
                yield rows[at][2]
                at += 1


_NEAREST = 64
"""At most this many body figures per category are compared with a headline figure (a
text repeating one fact thousands of times stays linear)."""


def _round_target(fig: Figure) -> bool:
    """Whether a figure is a round target: "phấn đấu giảm khoảng 20% đầu mối".

    That is a plan with a rounded percent and no count of its own; joined with a count
    ("dự kiến giảm khoảng 50%" … "giảm xuống 263 xã") it is a figure.
    """
    return fig.status == "plan" and fig.reduced is None and fig.qualifier in pb.ROUND_TARGETS


def _in_headline(fig: Figure) -> bool:
    """Return whether a figure stands in a headline: a short line with no full stop."""
    return (
        fig.paragraph_size <= _HEADING_SIZE
        and not _ENDS_CLAUSE.search(fig.sentence)
        and not _BULLET.match(fig.sentence)
        and "|" not in fig.sentence
        and "\t" not in fig.sentence
    )


_ENDS_CLAUSE = re.compile(r"[.!?…;:,]\s*$")
_BULLET = re.compile(r"\s*(?:[-+•*–—]|[a-zđ]\)|\d{1,2}[.)])")
"""A list item or a table row is no headline, even short and without a full stop."""


_ROUNDING = 0.1
"""How far a headline's count may be from the body's to round it ("gần 3.000" for 2.947)."""
_RATE_ROUNDING = 1.5
"""How many points a headline's rate may be from the body's ("gần 30%" for 29,6%)."""


def _rounds(head: Figure, fig: Figure) -> bool:
    """Return whether a headline figure states (maybe rounded) what a body figure states."""
    if head.category not in (fig.category, "other") or head.status != fig.status:
        return False
    if head.reduced is None and head.percent is None:
        return False
    exact = head.qualifier is None and head.category == fig.category
    for mine, theirs, tolerance in (
        (head.reduced, fig.reduced, None),
        (head.percent, fig.percent, _RATE_ROUNDING),
    ):
        if mine is None:
            continue
        if theirs is None:
            return False
        if exact and mine != theirs:
            return False
        if tolerance is None:
            limit = _ROUNDING * max(mine, theirs)
        else:  # "gần 70%" for 68,3%: a round headline rate may be 5 % of itself away
            limit = max(tolerance, _ROUNDING / 2 * mine) if not exact else tolerance
        if abs(mine - theirs) > limit:
            return False
    return True


def extract_path(path: str | os.PathLike, *, jurisdiction: str | None = None) -> Extraction:
    """Read a .txt, .docx or .html file and return what :func:`extract_text` finds in it.

    Raises
    ------
    DataError
        When the file cannot be read.
    """
    return extract_text(read_text(path), jurisdiction=jurisdiction)


def extract_file(path: str | os.PathLike, *, jurisdiction: str | None = None) -> list[Figure]:
    """Read a .txt, .docx or .html file and return its figures (see :func:`extract_figures`).

    Raises
    ------
    DataError
        When the file cannot be read.
    """
    text = read_text(path)
    figures = extract_figures(text, jurisdiction=jurisdiction)
    for fig in figures:
        fig.quote = text[fig.start : fig.end] if fig.quote == "" else fig.quote
    return figures


# --------------------------------------------------------------------------- rows
def figure_rows(figures: list[Figure], source_id: str, file: str = "") -> list[dict[str, object]]:
    """Turn figures into rows of the data contract (plus ``file``, ``quote``, ``subject`` …).

    Examples
    --------
    >>> rows = figure_rows(extract_figures("Tỉnh Hà Nam giảm 5 sở."), "hn-test")
    >>> {k: rows[0][k] for k in ("figure_id", "jurisdiction", "province_code", "reduced")}
    {'figure_id': 'hn-test-01', 'jurisdiction': 'Hà Nam', 'province_code': '35', 'reduced': 5}
    """
    rows = []
    for number, fig in enumerate(figures, start=1):
        notes = [fig.subject]
        if fig.qualifier:
            notes.append(f"'{fig.qualifier}' (lower or upper bound)")
        rows.append(
            {
                "file": file,
                "figure_id": f"{source_id}-{number:02d}",
                "source_id": source_id,
                "jurisdiction": fig.jurisdiction,
                "province_code": fig.province_code,
                "category": fig.category,
                "level": fig.level,
                "reduced": fig.reduced,
                "percent": fig.percent,
                "percent_decimals": fig.percent_decimals,
                "numerator": fig.numerator,
                "denominator": fig.denominator,
                "baseline": fig.baseline,
                "after": fig.after,
                "period_start": fig.period_start,
                "period_end": fig.period_end,
                "phase": fig.phase,
                "status": fig.status,
                "unit": fig.unit,
                "bound": fig.bound,
                "location": fig.location,
                "note": "; ".join(n for n in notes if n),
                "subject": fig.subject,
                "quote": fig.quote,
                "sentence": fig.sentence,
                "start": fig.start,
                "end": fig.end,
                "confidence": fig.confidence,
                "doubts": list(fig.doubts),
            }
        )
    return rows


def write_rows_csv(rows: list[dict[str, object]], stream: io.TextIOBase) -> None:
    """Write rows in the data contract's column order (percents keep their decimals)."""
    from nq18lib.dataset.figures import COLUMN_NAMES

    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(COLUMN_NAMES)
    for row in rows:
        values = []
        for name in COLUMN_NAMES:
            value = row.get(name)
            if name == "percent" and value is not None:
                value = f"{value:.{row.get('percent_decimals') or 0}f}"
            values.append("" if value is None else value)
        writer.writerow(values)


__all__ = [
    "Extraction",
    "Figure",
    "extract_figures",
    "extract_file",
    "extract_path",
    "extract_text",
    "figure_rows",
    "find_places",
    "write_rows_csv",
]
