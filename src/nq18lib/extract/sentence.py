"""Sentences being read by the extraction grammar: tokens, noun phrases, cues.

:class:`SentenceReader` holds one tokenised sentence and the readings every scanner of
:class:`nq18lib.extract.grammar.SentenceGrammar` shares: where clauses start and end, the noun
phrase after a number or before a verb, the category of a figure from its unit, the phrase
before its verb or the context (an earlier figure, an earlier mention), and whether a figure
is a plan or a result and which phase it belongs to.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field

from nq18lib.extract import phrasebook as pb
from nq18lib.extract.subjects import (
    LEVEL_ORDER,
    STAFF_CATEGORIES,
    Lexicon,
    Subject,
    kind_of,
    level_spans,
    normalise_words,
    refine_payroll,
    resolve_subject,
)
from nq18lib.extract.tokens import Token

_SUBJECTS: dict[tuple, Subject] = {}
"""Noun phrases already resolved (reports repeat their subjects)."""
_UNREAD = object()
_BY_FIRST: dict[int, tuple[tuple, dict[str, tuple[tuple[str, ...], ...]]]] = {}
"""Phrase lists indexed by their first word, their order kept (see :func:`_in_order`)."""


def _in_order(phrases: tuple[tuple[str, ...], ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Index a phrase list by first word, keeping its order (the first that fits wins)."""
    known = _BY_FIRST.get(id(phrases))
    if known is None or known[0] is not phrases:
        index: dict[str, list[tuple[str, ...]]] = {}
        for words in phrases:
            index.setdefault(words[0], []).append(words)
        known = _BY_FIRST[id(phrases)] = (phrases, {w: tuple(v) for w, v in index.items()})
    return known[1]


"""What a noun phrase counts, before it is first asked."""
_CONTINUATIONS: dict[int, tuple[Lexicon, frozenset[str]]] = {}
"""The words that continue a noun list, by lexicon (see :func:`_continuations`)."""


def _continuations(lexicon: Lexicon) -> frozenset[str]:
    """Return the words that continue a noun list after a comma: counted nouns and more."""
    known = _CONTINUATIONS.get(id(lexicon))
    if known is None or known[0] is not lexicon:
        known = _CONTINUATIONS[id(lexicon)] = (
            lexicon,
            frozenset(lexicon.unit_words | pb.LIST_CONTINUATIONS),
        )
    return known[1]


@dataclass
class Found:
    """A figure found in a sentence, with its token positions (internal to extraction)."""

    category: str
    subject: str
    first: int
    last: int
    origin: str
    reduced: int | None = None
    percent: float | None = None
    percent_decimals: int | None = None
    numerator: int | None = None
    denominator: int | None = None
    baseline: int | None = None
    after: int | None = None
    levels: set[str] = field(default_factory=set)
    qualifier: str | None = None
    cue_end: int = 0
    head: Found | None = None
    parent: Found | None = None
    status: str = "result"
    status_known: bool = False
    phase: str | None = None
    subject_words: tuple[str, ...] = ()
    unit: str | None = None
    doubts: list[str] = field(default_factory=list)
    """Why the reading is less than certain (see :mod:`nq18lib.confidence`)."""
    bounds: dict[str, str] = field(default_factory=dict)
    """The numbers written as bounds ("hơn 300"): column → qualifier (:mod:`.bounds`)."""


class SentenceReader:
    """One tokenised sentence and the readings its scanners share.

    Parameters
    ----------
    tokens : list of Token
        The sentence's tokens.
    lexicon : Lexicon
        Taxonomy synonyms.
    context : list of callables
        Each returns the tokens of an earlier sentence of the paragraph, nearest last (read
        only to resolve references such as "BQL").
    reduction_context : bool
        Whether the sentence or the one before it speaks of a reduction (for rates).
    """

    def __init__(
        self,
        tokens: list[Token],
        lexicon: Lexicon,
        context: list[Callable[[], list[Token]]] | None = None,
        reduction_context: bool = False,
        plan_scope: bool = False,
        implied_verb: bool = False,
    ) -> None:
        self.T = tokens
        self.n = len(tokens)
        self.lex = lexicon
        self.context = context or []
        self.reduction_context = reduction_context
        self.plan_scope = plan_scope
        self.implied_verb = implied_verb
        marks = [k for k, t in enumerate(tokens) if t.kind == "S"]
        self.marks = {tokens[k].text for k in marks}
        """The punctuation marks of the sentence."""
        self.plan_from = self.plan_opening()
        self.retry_pairs = False
        self._opening_plan: bool | None = (
            None  # a before/after pair found no subject: read again after
        )
        self.used: set[int] = set()
        self.found: list[Found] = []
        self.cont = _continuations(lexicon)
        self.lows = [t.low if t.kind == "W" else "" for t in tokens]
        self.semicolons = [k for k in marks if tokens[k].text == ";" and tokens[k].paren == 0]
        """Where the clauses of the sentence end (semicolons outside brackets)."""
        self._spans: dict[tuple[int, int], tuple] = {}
        self._windows: dict[tuple[int, int], list[str]] = {}
        """The words, and what they count, of the noun phrases read (by token span)."""
        self.verbs = self._verb_widths()
        self.from_opening: set[int] = set()
        """Counts whose category came from the clause's opening phrase (a doubt)."""
        """Where the reduction verbs start, and their widths in words."""

    def plan_opening(self) -> int:
        """Return where a plan opening ends ("Chậm nhất 1/7/2026: …", "Dự kiến: …"), else n."""
        if ":" not in self.marks:
            return self.n
        for k, tok in enumerate(self.T):
            if tok.text == ":" and tok.paren == 0:  # brackets are asides: "Sở Tài chính (hợp
                words = [t.low for t in self.T[:k] if t.kind == "W" and not t.paren]  # nhất …)"
                for i in range(len(words)):
                    for c in pb.PLAN_SCOPE_CUES:
                        if tuple(words[i : i + len(c)]) == c and not _plan_name(words, i, c):
                            return k
                return self.n
        return self.n

    # ----------------------------------------------------------------- helpers
    def seq(self, i: int, words: tuple[str, ...]) -> bool:
        """Return whether the words from token i are ``words``."""
        if not 0 <= i < self.n or self.lows[i] != words[0]:
            return False  # most calls fail on the first word: no slice for them
        return tuple(self.lows[i : i + len(words)]) == words

    def phrase_at(self, i: int, phrases: tuple[tuple[str, ...], ...]) -> tuple[str, ...] | None:
        """Return the first of ``phrases`` (in their order) whose words stand from token i."""
        if not 0 <= i < self.n:
            return None
        for words in _in_order(phrases).get(self.lows[i], ()):
            if self.seq(i, words):
                return words
        return None

    def verb_at(self, i: int) -> int:
        """Return the number of words of the reduction verb at token i (0 when none)."""
        return self.verbs.get(i, 0)

    def _verb_widths(self) -> dict[int, int]:
        """Return the width of the reduction verb at each token where one starts (one pass)."""
        widths = {}
        first = pb.VERB_FIRST
        for i in [i for i, low in enumerate(self.lows) if low in first]:
            for verb in first[self.lows[i]]:
                if self.seq(i, verb):
                    widths[i] = len(verb)
                    break
        return widths

    def approx(self, k: int) -> tuple[int, str | None]:
        """Return where the number after a qualifier at k starts, and the qualifier."""
        if k < self.n:
            for words, name in pb.APPROX_FIRST.get(self.lows[k], ()):
                if self.seq(k, words):
                    return k + len(words), name
        return k, None

    def number_at(self, k: int, kinds: str = "NPF") -> tuple[int, str | None] | None:
        """Return (index of the number, qualifier) when a number starts at k."""
        j, qualifier = self.approx(k)
        depth = self.T[k - 1].paren if 0 < k <= self.n else 0
        if (
            j < self.n
            and self.T[j].kind in kinds
            and j not in self.used
            and self.T[j].paren == depth
        ):
            return j, qualifier
        return None

    def clause_start(self, i: int) -> int:
        """Return the first token of the clause (between semicolons) holding token i."""
        k = bisect_left(self.semicolons, i)  # the semicolons before token i
        return self.semicolons[k - 1] + 1 if k else 0

    def clause_end(self, i: int) -> int:
        """Return the token ending the clause that starts at token i (a semicolon, or n)."""
        if i < 0:  # counted from the end, as a list index
            return next(
                (k for k in range(i, self.n) if self.T[k].text == ";" and not self.T[k].paren),
                self.n,
            )
        k = bisect_left(self.semicolons, i)
        return self.semicolons[k] if k < len(self.semicolons) else self.n

    def words(self, a: int, b: int) -> list[str]:
        """Return the normalised words of tokens a..b (punctuation and numbers left out)."""
        return list(self._span(a, b)[0])

    def _span(self, a: int, b: int) -> tuple:
        """Return ``[words, subject]`` of tokens a..b, read once (the subject on first need)."""
        known = self._spans.get((a, b))
        if known is None:
            words = tuple(normalise_words([t.text for t in self.T[a:b] if t.kind == "W"]))
            known = self._spans[(a, b)] = [words, _UNREAD]
        return known

    def text(self, a: int, b: int) -> str:
        """Return tokens a..b as written, joined by spaces."""
        if b <= a:
            return ""
        return " ".join(t.text for t in self.T[a:b]).replace(" ,", ",")

    # ----------------------------------------------------------------- subjects
    def forward(self, i: int) -> int:
        """Return the end (exclusive) of the noun phrase starting at i."""
        T, n = self.T, self.n
        j, words = i, 0
        while j < n and words < 16:
            t = T[j]
            if t.kind == "W":
                low = t.low
                if low == pb.AND:
                    if self.seq(j + 1, pb.EQUIVALENT):
                        j, words = j + 3, words + 3
                        continue
                    for noun in pb.EQUIVALENT_NOUNS:  # "tổng cục và tổ chức tương đương"
                        if self.seq(j + 1, (*noun, *pb.EQUIVALENT)):
                            j, words = j + 3 + len(noun), words + 3 + len(noun)
                            break
                    else:
                        noun = None
                    if noun is not None:
                        continue
                    if words and self.joins_staff(j + 1):
                        j, words = j + 1, words + 1  # "biên chế công chức và viên chức"
                        continue
                    break
                if low in pb.FWD_STOP:
                    inside = j > i and (T[j - 1].low, low) in pb.FWD_STOP_INSIDE
                    among = low == pb.INSIDE and j > i and self.lows[j + 1 : j + 2] == ["các"]
                    if not (inside or among):  # "phòng trong các cục, vụ" is one phrase
                        break
                elif (
                    low in pb.FWD_STOP_PAIRS
                    and j + 1 < n
                    and T[j + 1].low in pb.FWD_STOP_PAIRS[low]
                ):
                    break
                j, words = j + 1, words + 1
                continue
            if t.kind == "S" and words and t.paren == T[i].paren:
                nxt = T[j + 1] if j + 1 < n else None
                if (
                    t.text == ","
                    and nxt is not None
                    and nxt.kind == "W"
                    and nxt.low in self.cont
                    and not self.opens_clause(j + 1)
                ):
                    j += 1
                    continue
                if t.text == "," and nxt is not None and self.village_name(j + 1):
                    j, words = j + 2, words + 1
                    if j < n and self.lows[j] == pb.STREET:  # "khối phố"
                        j, words = j + 1, words + 1
                    continue
                if t.text == "-" and nxt is not None and nxt.kind == "W":
                    j += 1
                    continue
            break
        while j > i and T[j - 1].kind == "S":
            j -= 1
        return j

    def village_name(self, k: int) -> bool:
        """Whether k is a local name of villages standing alone in a list ("…, khối, …")."""
        if k >= self.n or self.lows[k] not in pb.VILLAGE_NAMES:
            return False
        k += 1 + (self.lows[k + 1 : k + 2] == [pb.STREET])
        return k >= self.n or self.T[k].kind == "S" or self.lows[k] == "và"

    def joins_staff(self, k: int) -> bool:
        """Whether "và" before k joins a second staff noun to one subject ("… và viên chức")."""
        before = tuple(self.lows[max(0, k - 3) : k - 1])
        return (
            before in pb.STAFF_NOUNS
            and any(self.seq(k, words) for words in pb.STAFF_NOUNS)
            and not self.opens_clause(k)
        )

    def opens_clause(self, k: int) -> bool:
        """Whether the words from k are the subject of a verb of their own ("…, ngành X giảm")."""
        for j in range(k, min(self.n, k + 10)):
            t = self.T[j]
            if t.text == "-":
                continue
            if t.kind != "W" or t.low in pb.FWD_STOP:
                return t.kind == "W" and (t.low in pb.VERB_WORDS or t.low in pb.ADVERBS)
        return False

    def backward(self, i: int) -> tuple[int, int]:
        """Return the span (start, end) of the noun phrase that ends before i (adverbs skipped)."""
        T = self.T
        k = i - 1
        while k >= 0 and T[k].kind == "W" and T[k].low in pb.ADVERBS:
            k -= 1
        end = k + 1
        j = k
        verb_before = False
        depth = T[i].paren if i < self.n else 0
        while j >= 0:
            t = T[j]
            if t.paren != depth:
                break
            if t.kind == "W":
                if t.low == pb.AND and self.seq(j + 1, pb.EQUIVALENT):
                    j -= 1
                    continue
                if (
                    t.low == pb.INSIDE
                    and j + 1 < self.n
                    and T[j + 1].low not in pb.INSIDE_NOT_BEFORE
                ):
                    j -= 1  # "người làm việc trong các đơn vị sự nghiệp"
                    continue
                if t.low in pb.VERB_WORDS or (t.low in pb.BWD_STOP and t.low != pb.LEFT):
                    verb_before = True  # "Về tinh giản biên chế, công chức …": the verb's own
                    break
                if t.low in pb.LIST_ENDS_BACKWARD:
                    break
                j -= 1
                continue
            if t.kind == "S" and t.text in ",-":
                j -= 1
                continue
            # "14 đơn vị, ngành X giảm": that unit is taken (not after a year: "Năm 2025, …")
            verb_before = t.kind in "NPF" and not (j > 0 and self.lows[j - 1] == "năm")
            break
        start = j + 1
        # keep the comma-separated chunks that continue one noun list
        chunks: list[tuple[int, int]] = []
        a = start
        for k2 in range(start, end):
            if T[k2].text == ",":
                chunks.append((a, k2))
                a = k2 + 1
        chunks.append((a, end))
        chunks = [c for c in chunks if c[1] > c[0]]
        if not chunks:
            return end, end
        if verb_before and len(chunks) > 1:
            chunks = chunks[1:]  # the first chunk is the object of the verb before it
        keep = chunks[-1][0]
        for idx in range(len(chunks) - 2, -1, -1):
            prev, nxt = chunks[idx], chunks[idx + 1]
            first_next = T[nxt[0]].low
            first_prev = T[prev[0]].low
            joins_levels = first_next in pb.LEVEL_WORDS and T[prev[1] - 1].low in pb.LEVEL_WORDS
            if not joins_levels and (first_next not in self.cont or first_prev in pb.TOPIC_WORDS):
                break
            keep = prev[0]
        while keep < end and T[keep].kind == "S":
            keep += 1
        return keep, end

    def resolve(self, a: int, b: int) -> Subject | None:
        """Return what the noun phrase of tokens a..b counts (cached), or None."""
        if b <= a:
            return None
        span = self._span(a, b)
        if span[1] is not _UNREAD:
            return span[1]
        words = span[0]
        if not words:
            span[1] = None
            return None
        key = (id(self.lex), words)
        subject = _SUBJECTS.get(key)
        if subject is None:
            if len(_SUBJECTS) > 20_000:
                _SUBJECTS.clear()
            subject = _SUBJECTS[key] = resolve_subject(list(words), self.lex)
        span[1] = subject
        return subject

    def counted(self, a: int, b: int) -> Subject | None:
        """Return what the noun phrase a..b after a count counts, an unknown noun as ``other``.

        A count of a noun the taxonomy does not name ("7 kho lưu trữ", "4 nhà khách") is
        still a figure: category ``other``, the noun as its unit. Any lower-case noun after
        the number counts, except measures and things that are no body or post
        (:data:`~nq18lib.extract.phrasebook.NOT_COUNTED`,
        :data:`~nq18lib.extract.phrasebook.NOT_BODIES`), which stay possible misses.
        """
        subject = self.resolve(a, b)
        if subject is None or subject.category or subject.generic or b <= a:
            return subject
        noun = []
        for t in self.T[a : min(b, a + pb.UNIT_NOUN_WORDS)]:
            if t.kind != "W" or not t.text[:1].islower() or t.low in pb.UNIT_NOUN_STOP:
                break
            noun.append(t.low)
        if not noun or noun[0] in pb.NOT_COUNTED or noun[0] in pb.NOT_BODY_WORDS:
            return subject
        if noun[0] in pb.COUNTED_KINDS:  # "hai tỉnh", "29 tỉnh, thành phố"
            kind = pb.COUNTED_KINDS[noun[0]]
            return Subject(kind, levels=subject.levels, words=subject.words)
        if any(tuple(noun[: len(words)]) == words for words in pb.NOT_BODIES):
            return subject
        if any(self.seq(a, words) for words in pb.ADVERBIAL_OPENERS):
            return subject  # "giảm 48 kể từ năm 2019": a phrase of time, not a noun
        unit = " ".join(noun)
        return Subject("other", levels=subject.levels, words=subject.words, unit=unit)

    def categorise(
        self,
        unit: Subject | None,
        pre: Subject | None,
        position: int,
        has_unit_words: bool,
        elliptical: bool = True,
    ) -> tuple[str | None, set[str]]:
        """Decide the category of a figure from its unit, the phrase before its verb and context."""
        levels: set[str] = set(unit.levels) if unit else set()
        pre_levels = set(pre.levels) if pre else set()
        specific = unit is not None and unit.category is not None and unit.generic is None
        longer = specific and pre is not None and len(pre.words) > len(unit.words) > 0
        exact = unit is not None and unit.words in pb.EXACT_NAMES  # "tỉnh A … giảm 1 tỉnh"
        named = longer and (pre.category or unit.category != "other")
        if longer and not exact and named and pre.words[: len(unit.words)] == unit.words:
            # "số vụ vi phạm giảm 11 vụ": the longer phrase says what "vụ" counts
            return pre.category, levels | set(pre.levels)
        if unit is not None and unit.unit is not None:  # "27 trạm" after "trạm y tế"
            head = tuple(unit.unit.split())
            for tokens in [self.T[:position], *(get() for get in reversed(self.context))]:
                named = _last_mention(tokens, self.lex, "any", head, coreference=True)
                if named:
                    return named, levels | pre_levels
        if (
            unit is not None
            and unit.category == "other"
            and unit.words[:2] in pb.UNIT_TOTALS
            and pre is not None
            and pre.category in pb.BODY_PART_CATEGORIES
        ):  # "Các cơ quan tham mưu, giúp việc Tỉnh ủy giảm 1 đầu mối": the kind is the subject's
            return pre.category, levels | pre_levels
        if unit is not None and unit.category and not unit.generic:
            if pre is not None and pre.category is None:
                levels |= pre_levels
            return unit.category, levels
        if unit is not None and unit.generic:
            all_levels = levels | pre_levels or self.topic_levels(position)
            # the lowest level first: "Ở cấp xã, tỉnh giảm 45 đơn vị" — the province acts,
            # its communes are counted
            for code in sorted(all_levels, key=_lowest_first):
                composed = [*unit.head, pb.LEVEL, pb.LEVEL_WORD[code]]
                hit = self.lex.match(composed, 0)
                if hit and hit[0] == len(composed):
                    return hit[1], all_levels
            if unit.head == pb.PAYROLL and pre is not None:
                refined = refine_payroll(["biên", "chế", *pre.words], "other")
                if refined != "other":  # "các cơ quan hành chính giảm 45 biên chế"
                    return refined, all_levels
            pre_fits = pre is not None and pre.category and kind_fits(pre.category, unit.generic)
            if pre_fits and (pre.category != "other" or not unit.category):
                return pre.category, levels | pre_levels
            category = self.from_context(position, unit.generic, unit.head)
            return category or unit.category or "other", all_levels
        if has_unit_words:
            return None, levels
        if pre is not None and pre.category:
            return pre.category, pre_levels
        if not elliptical or (pre is not None and names_something(pre)):
            return None, levels  # "tỷ lệ hộ nghèo giảm 1,5%": not a subject of the taxonomy
        parent = self.previous(position)
        if parent is not None:
            return parent.category, pre_levels or set()
        opening = self.opening_subject(position)
        if opening is not None:  # "Về đơn vị sự nghiệp, qua rà soát, …, giảm 37"
            self.from_opening.add(position)
            return opening.category, set(opening.levels) | pre_levels
        return None, levels

    def opening_subject(self, position: int) -> Subject | None:
        """Return what the first phrase of the clause names, clauses before a bare count.

        "Về đơn vị sự nghiệp, qua rà soát, tỉnh đã giải thể, sáp nhập, giảm 37": the count
        has no noun and no figure before it; the opening phrase, before its comma, with no
        number or verb of its own, names what it counts.
        """
        start = self.clause_start(position)
        comma = next((k for k in range(start, position) if self.T[k].text == ","), None)
        if comma is None or comma == start:
            return None
        if any(self.T[k].kind != "W" or k in self.verbs for k in range(start, comma)):
            return None
        a = start
        while a < comma and (self.lows[a] in pb.OPENING_TOPIC_WORDS or self.lows[a] == "với"):
            a += 1
        subject = self.resolve(a, comma)
        if subject is None or not subject.category or subject.generic:
            return None
        if subject.category == "other" and subject.unit is None:
            return None  # "cán bộ, công chức, viên chức": no one kind
        return subject

    def previous(self, position: int, kind: str | None = None) -> Found | None:
        """Return the last figure found before ``position`` (of a kind, when given)."""
        start = self.T[position].start if position < self.n else 10**12
        best = None
        for fig in self.found:
            fits = kind is None or kind_fits(fig.category, kind)
            if fits and self.T[fig.last].end <= start and (best is None or fig.last > best.last):
                best = fig
        return best

    def from_context(self, position: int, kind: str, head: tuple[str, ...]) -> str | None:
        """Return the category an earlier figure or mention gives a generic noun."""
        parent = self.previous(position, kind)
        if parent is not None:
            return parent.category
        for tokens in [self.T[:position], *(get() for get in reversed(self.context))]:
            category = _last_mention(tokens, self.lex, kind, head, coreference=True)
            if category:
                return category
        return _last_mention(self.T[:position], self.lex, kind, head, coreference=False)

    def topic_levels(self, i: int) -> set[str]:
        """Levels named by the clause's opening phrase: "Ở cấp huyện, …"."""
        start = self.clause_start(i)
        words = []
        for k in range(start, min(i, start + 8)):
            if self.T[k].text == ",":
                break
            if self.lows[k] == pb.WITH and words[:1] == [pb.LEVEL]:
                break  # "Cấp huyện với 696 đơn vị chấm dứt hoạt động"
            words.append(self.lows[k])
        else:
            return set()
        if not words or words[0] not in pb.TOPIC_OPENERS:
            return set()
        return set(level_spans(words)[1])

    def window(self, fig: Found) -> list[str]:
        """Return the words of a figure's clause up to its number (for its status and phase).

        Read once per (first token, cue end): status and phase both read it; do not change it.
        """
        key = (fig.first, fig.cue_end)
        words = self._windows.get(key)
        if words is None:
            start = self.clause_start(fig.first)
            stop = max(fig.first, fig.cue_end)
            depth = self.T[fig.first].paren
            T = self.T
            words = self._windows[key] = [
                T[i].low for i in range(start, min(stop, self.n)) if T[i].paren <= depth
            ]
        return words

    def status(self, fig: Found) -> str:
        """Return ``plan`` or ``result`` for a figure, from the cues before it and its scope."""
        if fig.status_known:
            return fig.status
        last_plan, last_result = last_cues(self.window(fig))
        status = "result"
        if last_plan > last_result:
            status = "plan"
        elif last_result < 0 and (self.plan_scope or fig.first > self.plan_from):
            status = "plan"  # under a plan heading or opening, with no result cue of its own
            fig.doubts.append("plan from scope")
        else:
            for inherited in (fig.head, fig.parent):
                if inherited is not None and self.status(inherited) == "plan":
                    status = "plan"
            if last_result < 0 and self.opening_is_plan():
                status = "plan"  # "Theo Đề án, … sẽ giảm 13 tổng cục; giảm 111 đơn vị": all plan
        fig.status, fig.status_known = status, True
        return status

    def opening_is_plan(self) -> bool:
        """Whether the words before the sentence's first figure announce a plan (cached)."""
        if self._opening_plan is None:
            first = min((f.first for f in self.found), default=0)
            words = [t.low for t in self.T[:first] if t.kind == "W" and not t.paren]
            last_plan, last_result = last_cues(words)  # brackets are asides
            self._opening_plan = last_plan > last_result
        return self._opening_plan

    def phase(self, fig: Found) -> str | None:
        """Return the phase a figure's clause names ("giai đoạn 2"), or None."""
        words = self.window(fig)
        phase = None
        opener = pb.PHASE[0]
        for i in [i for i, word in enumerate(words[: len(words) - 2]) if word == opener]:
            if tuple(words[i : i + 2]) == pb.PHASE:
                nxt = words[i + 2] if i + 2 < len(words) else ""
                if nxt in pb.PHASE_NUMBER:
                    phase = f"giai đoạn {pb.PHASE_NUMBER[nxt]}"
                    if i >= 1 and words[i - 1] == pb.BOTH:
                        phase = "cả 2 giai đoạn"
        return phase

    # ----------------------------------------------------------------- after a number
    def rate_after(self, k: int) -> tuple[int, Token | None, Token | None]:
        """Read a rate after a count, after a bracket or a before/after aside."""
        end, pct, frac = self._rate_after(k)
        if pct is None and k + 2 < self.n and self.T[k].text == "," and self.lows[k + 1] == pb.FROM:
            for j in range(k + 2, min(self.n - 1, k + 14)):  # "giảm 4 sở, từ 19 sở còn 15 sở, …"
                if self.T[j].text == ";":
                    break
                if self.lows[j] in pb.DOWN_TO and self.T[j + 1].kind == "N":
                    after = self.forward(j + 2)
                    end, pct, frac = self._rate_after(after)
                    if pct is None:
                        return k, None, None
                    break
        return end, pct, frac

    def _rate_after(self, k: int) -> tuple[int, Token | None, Token | None]:
        """Read a rate after a count, also after a bracket: (end, percent, fraction)."""
        end, pct, frac = self.rate_at(k)
        if pct is None and k < self.n and self.T[k].text == "(":
            close = self.bracket_end(k)
            if close is not None:  # "giảm 17 đơn vị (từ 312 xuống 295 đơn vị), đạt 5,4%"
                end, pct, frac = self.rate_at(close + 1, bracket=False)
                if pct is None:
                    return k, None, None
        return end, pct, frac

    def out_of(self, k: int) -> tuple[int, int] | None:
        """Read "trong (tổng) số 13" after a count: (where the unit starts, the total)."""
        for words in pb.OUT_OF:
            if self.seq(k, words):
                j = k + len(words)
                if j < self.n and self.T[j].kind == "N" and isinstance(self.T[j].value, int):
                    self.used.add(j)
                    return j + 1, self.T[j].value
        return None

    def gloss(self, k: int, unit: Subject | None) -> Subject | None:
        """Return what a bracket of words at k names after a generic unit, else None.

        "người (viên chức)" is a count of public employees; "4 sở (Sở A, Sở B, …)" names the
        units counted, which need no gloss.
        """
        if unit is None or not unit.generic or k >= self.n or self.T[k].text != "(":
            return None
        close = self.bracket_end(k)
        if close is None or close == k + 1:
            return None
        if any(self.T[i].kind != "W" and self.T[i].text != "," for i in range(k + 1, close)):
            return None
        named = self.resolve(k + 1, close)
        if named is None or not named.category or named.generic:
            return None
        return named

    def bracket_end(self, k: int) -> int | None:
        """Return the index of the ")" closing the "(" at k, within its clause."""
        depth = self.T[k].paren
        for j in range(k + 1, min(self.n, k + 24)):
            t = self.T[j]
            if t.text == ";":
                return None
            if t.text == ")" and t.paren == depth - 1:
                return j
        return None

    def rate_at(self, k: int, bracket: bool = True) -> tuple[int, Token | None, Token | None]:
        """Read "đạt 36,4%", "tương ứng 20%", "(tỷ lệ 10,5%)" at k: (end, percent, fraction)."""
        T, n = self.T, self.n
        j = k
        if self.seq(j, pb.COMPARED):
            j += 2
            while j < n and j - k < 8 and T[j].text not in ",;" and self.lows[j] not in pb.RATE:
                if T[j].text == "(":  # "so với năm 2015 (10,4%)"
                    end, pct, frac = self.rate_at(j)
                    if pct is not None:
                        return end, pct, frac
                    close = self.bracket_end(j)
                    if close is None:
                        break
                    j = close
                j += 1
        if j < n and T[j].text in (",", "-", "–", "—"):  # "giảm 15 phòng – đạt 12%"
            j += 1
        marker = False
        if j < n and self.lows[j] in pb.RATE_MARKERS:
            j, marker = j + 1, True
        elif self.phrase_at(j, pb.RATE_MARKER_PHRASES) is not None:
            j, marker = j + 2, True
        elif j < n and self.lows[j] == pb.THAT_IS:
            j, marker = j + 1, True
        if marker and j < n and self.lows[j] == pb.REDUCE:
            j += 1  # "…, tức là giảm 11,3%"
        if marker:
            j = self.approx(j)[0]  # "tương đương khoảng 11%"
        if j < n and self.lows[j] == pb.WITH and self.seq(j + 1, pb.RATE_WORDS):
            j += 1  # "giảm 18 thôn, xóm với tỷ lệ 11,6%"
        if self.seq(j, pb.RATE_WORDS) or self.seq(j, (pb.LEVEL_NOUN, pb.REDUCE)):
            j, marker = j + 2, True
            while j < n and self.lows[j] in pb.RATE_NOUN_VERBS:
                j += 1  # "…, tỷ lệ giảm 68,4%"
            if j < n and self.lows[j] in pb.IS_OR_EQUAL:
                j += 1
        if marker and j < n and T[j].kind == "P" and j not in self.used:
            end, frac = self.fraction(j + 1)
            if self.phrase_at(end, pb.COMPLETION_NOUNS) is not None:
                return k, None, None  # "đạt 100% kế hoạch": how much of the plan, not a rate
            return end, T[j], frac
        j = k
        if bracket and j < n and T[j].text == "(":  # "giảm 2.500 người (tỷ lệ 10,5%)"
            j += 1
            if self.seq(j, pb.RATE_WORDS):
                j += 2
            elif j < n and self.lows[j] in pb.IN_BRACKET_RATE:  # "(giảm 14,1%)"
                j += 1
            elif self.phrase_at(j, pb.RATE_MARKER_PHRASES) is not None:  # "(tương đương 5,2%)"
                j += 2
            if j + 1 < n and T[j].kind == "P" and T[j + 1].text == ")" and j not in self.used:
                return j + 2, T[j], None
        return k, None, None

    def fraction(self, k: int) -> tuple[int, Token | None]:
        """Read a fraction at k, bare or in brackets ("(215/1.503)"): (end, fraction)."""
        T, n = self.T, self.n
        if k + 2 < n and T[k].text == "(" and T[k + 1].kind == "F":
            j = k + 2
            while j < n and j < k + 6 and T[j].kind == "W":
                j += 1  # "(1.205/11.476 người)"
            if j < n and T[j].text == ")":
                return j + 1, T[k + 1]
        if k < n and T[k].kind == "F":
            return k + 1, T[k]
        return k, None

    def remaining(self, k: int) -> tuple[int, int | None]:
        """Read the count left after a reduction ("(còn 16 sở)", ", còn lại 9"): (end, count)."""
        T, n = self.T, self.n
        bracket = k < n and T[k].text == "("  # "giảm 5 sở (còn 16 sở)"
        j = k + 1 if k < n and T[k].text in ",(" else k
        for words in pb.REMAINING:
            w = len(words)
            count = T[j + w] if self.seq(j, words) and j + w < n else None
            if (
                count is not None
                and count.kind == "N"
                and count.paren == T[k - 1].paren + bracket
                and isinstance(count.value, int)
            ):
                end = self.forward(j + w + 1)
                if bracket:
                    if end >= n or T[end].text != ")":
                        return k, None
                    end += 1
                self.used.add(j + w)
                return end, count.value
        return k, None

    def equivalent(self, k: int) -> tuple[int, int | None]:
        """Read the count a percent stands for ("(giảm 210 biên chế)", "tương ứng 98")."""
        T, n = self.T, self.n
        if k + 2 < n and T[k].text == "(":  # "giảm 11,5% (giảm 210 biên chế)"
            j = k + 1
            if self.lows[j] == pb.REDUCE:
                j += 1
            elif any(self.seq(j, w) for w in pb.RATE_MARKER_PHRASES[:2]):
                j += 2
            if j < n and T[j].kind == "N" and isinstance(T[j].value, int) and j not in self.used:
                e = self.forward(j + 1)
                if e > j + 1 and e < n and T[e].text == ")":
                    self.used.add(j)
                    return e + 1, T[j].value
        j = k + 1 if k < n and T[k].text == "," else k
        for words in (*pb.RATE_MARKER_PHRASES, (pb.THAT_IS,)):
            if self.seq(j, words):
                j += len(words)
                if j < n and self.lows[j] == pb.REDUCE:
                    j += 1  # "giảm 14,2%, tương ứng giảm 98 đơn vị"
                if j < n and T[j].kind == "N" and isinstance(T[j].value, int):
                    self.used.add(j)
                    return self.forward(j + 1), T[j].value
        return k, None


def _lowest_first(code: str) -> tuple[int, str]:
    """Sort key of level codes, lowest level first (thon, xa, huyen, tinh; others last)."""
    order = LEVEL_ORDER[::-1]
    return (order.index(code) if code in order else len(order), code)


def _plan_name(words: list[str], i: int, cue: tuple[str, ...]) -> bool:
    """Whether the plan cue at ``words[i]`` is part of a name ("Sở Kế hoạch và Đầu tư")."""
    return cue == pb.PLAN_WORD and (
        (i + 2 < len(words) and words[i + 2] in pb.PLAN_WORD_NAMES_AFTER)
        or (i > 0 and words[i - 1] in pb.PLAN_WORD_NAMES_BEFORE)
    )


_CUE_FIRST_WORDS = frozenset(pb.PLAN_FIRST) | frozenset(pb.RESULT_FIRST)
"""The words a plan cue or a result cue starts with."""


def last_cues(words: list[str]) -> tuple[int, int]:
    """Return where the last plan cue and the last result cue stand in words (-1: none).

    Examples
    --------
    >>> last_cues("sở kế hoạch và đầu tư dự kiến giảm".split()), last_cues(["đã", "giảm"])
    ((6, -1), (-1, 0))
    """
    last_plan = last_result = -1
    first = _CUE_FIRST_WORDS
    for i in [i for i, word in enumerate(words) if word in first]:  # most words start no cue
        word = words[i]
        for cue in pb.PLAN_FIRST.get(word, ()):
            if tuple(words[i : i + len(cue)]) == cue:
                if _plan_name(words, i, cue):
                    continue  # "Kế hoạch số 12", "Sở Kế hoạch và Đầu tư": names
                if pb.meets_plan(words, i):
                    continue  # "theo đúng lộ trình", "vượt kế hoạch": a standard, no plan
                last_plan = i
        for cue in pb.RESULT_FIRST.get(word, ()):
            if tuple(words[i : i + len(cue)]) == cue:
                last_result = i
    return last_plan, last_result


def verb_words(reader: SentenceReader, v: int) -> tuple[str, ...]:
    """Return the words of the reduction verb at token ``v`` ("cắt", "giảm")."""
    width = reader.verb_at(v)
    return tuple(reader.lows[v : v + width])


def names_something(subject: Subject) -> bool:
    """Whether a phrase names a thing beyond levels ("ở cấp thôn, bản" names none)."""
    inside, _ = level_spans(list(subject.words))
    return any(
        i not in inside and w not in pb.NOT_NAMING and w not in pb.LEVEL_WORDS
        for i, w in enumerate(subject.words)
    )


def kind_fits(category: str, kind: str) -> bool:
    """Whether a category can be counted by a generic noun of this kind ("unit", "staff").

    Examples
    --------
    >>> kind_fits("civil_servant", "staff"), kind_fits("division", "staff")
    (True, False)
    """
    found = kind_of(category)
    return found == "any" or found == kind


def _last_mention(
    tokens: list[Token], lexicon: Lexicon, kind: str, head: tuple[str, ...], coreference: bool
) -> str | None:
    """Return the category of the last synonym in ``tokens`` that fits (starting with ``head``)."""
    raw = [t.text for t in tokens if t.kind == "W"]
    words = normalise_words(raw)
    inside, _ = level_spans(words)
    best = None
    i = 0
    previous: tuple[int, str] | None = None  # where the last staff synonym ended, and its code
    while i < len(words):
        hit = lexicon.match(words, i) if i not in inside else None
        if hit is not None:
            length, category = hit
            phrase = tuple(words[i : i + length])
            if coreference:
                ok = phrase[: len(head)] == head and length > len(head)
            else:
                ok = length >= 2 and kind_fits(category, kind)
            if ok and category != "other" and kind_fits(category, kind):
                best = category
            if category in STAFF_CATEGORIES:
                joined = previous is not None and previous[0] in (i, i - 1)
                if joined and previous[1] != category and kind == "staff":
                    best = "other"  # "cán bộ, công chức, viên chức" names staff of every kind
                previous = (i + length, category)
            i += length
        else:
            i += 1
    return best


__all__ = ["Found", "SentenceReader", "kind_fits", "names_something", "verb_words"]
