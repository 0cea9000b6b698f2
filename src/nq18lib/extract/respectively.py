"""Figures written "respectively" ("lần lượt"): n subjects, then n numbers or rates in order.

Two forms are read:

1. the subjects stand before the verb and the numbers after "lần lượt": "Số công chức và
   viên chức dự kiến giảm lần lượt là 92 người và 176 người" (two figures), "Biên chế công
   chức và viên chức đạt tỷ lệ giảm lần lượt 6,1% và 10,2%";
2. the figures are already read and the rates follow: "giảm 8 vụ, cục và 6 đơn vị sự
   nghiệp; tỷ lệ giảm lần lượt là 34,8% và 21,4%" gives each figure its rate.

When the numbers and the subjects (or figures) do not pair one to one, nothing is read and
the numbers are left to the possible misses.
"""

from __future__ import annotations

from nq18lib.extract import phrasebook as pb
from nq18lib.extract.sentence import Found, SentenceReader
from nq18lib.extract.subjects import Subject


class RespectivelyScanner:
    """Read the "lần lượt" figures of a sentence."""

    def __init__(self, reader: SentenceReader) -> None:
        self.r = reader
        self.T, self.n, self.lows = reader.T, reader.n, reader.lows
        self.used, self.found = reader.used, reader.found
        self._last: dict[int, int] = {}  # a number of a list and the last token of its unit

    def scan(self) -> None:
        """Pair the numbers after each "lần lượt" with its subjects or earlier figures."""
        if pb.RESPECTIVELY[0] not in self.lows:
            return
        for k in range(self.n - 2):
            if self.r.seq(k, pb.RESPECTIVELY):
                self._read(k)

    def _numbers(self, k: int) -> tuple[list[int], int]:
        """Return the number tokens listed from k ("92 người và 176 người") and where they end."""
        T, n = self.T, self.n
        if k < n and self.lows[k] in pb.RESPECTIVELY_COPULA:
            k += 1
        numbers: list[int] = []
        kind = None
        while k < n:
            tok = T[k]
            if tok.kind not in "NP" or k in self.used or (kind and tok.kind != kind):
                break
            if tok.kind == "N" and not isinstance(tok.value, int):
                break
            kind = tok.kind
            numbers.append(k)
            k += 1
            while k < n and T[k].kind == "W" and self.lows[k] in pb.RESPECTIVELY_UNITS:
                k += 1  # "92 người", "8 đơn vị"
            self._last[numbers[-1]] = k - 1
            joined = k < n and (T[k].text == "," or self.lows[k] == pb.AND)
            if joined and k + 1 < n and T[k + 1].kind in "NP":
                k += 1
                continue
            break
        return numbers, k

    def _read(self, k: int) -> None:
        numbers, end = self._numbers(k + len(pb.RESPECTIVELY))
        if len(numbers) < 2:
            self._verb_after(k)
            return
        start = self.r.clause_start(k)
        if self.T[numbers[0]].kind == "P" and self._rates_for_figures(k, numbers):
            return
        verb = next((j for j in range(start, k) if self.r.verb_at(j)), None)
        if verb is None:
            verb = k if self.r.verb_at(end) else None  # "lần lượt là 92 và 176 người giảm"
        if verb is None:
            return
        stop = verb
        while stop > start and (
            self.lows[stop - 1] in pb.RESPECTIVELY_BEFORE_VERB
            or self.r.seq(stop - 2, pb.RATE_WORDS)
        ):
            stop -= 2 if self.r.seq(stop - 2, pb.RATE_WORDS) else 1
        if verb + self.r.verb_at(verb) < k and self._rate_noun_before(verb):
            # "tỷ lệ giảm biên chế công chức và viên chức … lần lượt là 10,3% và 12,6%": the
            # subjects follow the rate noun's verb, up to a comparison ("so với năm 2015")
            start = verb + self.r.verb_at(verb)
            stop = next((j for j in range(start, k) if self.r.seq(j, pb.COMPARED)), k)
        parts = self._subjects(start, stop, len(numbers))
        if len(parts) != len(numbers):
            return
        subjects = [self.r.resolve(a, b) for a, b in parts]
        unit = self.r.counted(end, self.r.forward(end)) if end < self.n else None
        if unit is not None and unit.category and not unit.generic:
            # "Sở A và Sở B giảm lần lượt 2 và 3 phòng": the noun after the numbers is counted
            subjects = [Subject(unit.category, levels=unit.levels, words=unit.words)] * len(parts)
            self._last[numbers[-1]] = self.r.forward(end) - 1
        if any(s is None or s.category is None for s in subjects):
            return
        for (a, b), subject, j in zip(parts, subjects, numbers, strict=True):
            tok = self.T[j]
            percent = tok.kind == "P"
            self.used.add(j)
            self.found.append(
                Found(
                    category=subject.category,
                    subject=self.r.text(a, b),
                    first=j if j != numbers[0] else k,
                    last=self._last.get(j, j),
                    origin="respectively",
                    reduced=None if percent else tok.value,
                    percent=tok.value if percent else None,
                    percent_decimals=tok.decimals if percent else None,
                    levels=set(subject.levels),
                    cue_end=j,
                    subject_words=tuple(self.r.words(a, b)),
                    doubts=["respectively"],
                )
            )

    def _verb_after(self, k: int) -> None:
        """Read "Sở A, Sở B và Sở C lần lượt giảm 1, 2 và 3 phòng": the unit after the numbers.

        The subjects stand before "lần lượt" and may be names only; what is counted is the
        noun after the last number (or after each). A figure the object list already read
        from one of the numbers ("3 phòng") gives way to the pairs.
        """
        T, n = self.T, self.n
        v = k + len(pb.RESPECTIVELY)
        while v < n and self.lows[v] in pb.RESPECTIVELY_BEFORE_VERB:
            v += 1
        width = self.r.verb_at(v) if v < n else 0
        if not width:
            return
        j = v + width
        while j < n and self.lows[j] in pb.AFTER_VERB:
            j += 1
        numbers, positions = [], []
        while j < n and T[j].kind == "N" and isinstance(T[j].value, int):
            numbers.append(j)
            unit_end = self.r.forward(j + 1)
            positions.append((j, unit_end))
            j = unit_end
            if j < n and (T[j].text == "," or self.lows[j] == pb.AND):
                j += 1
                continue
            break
        if len(numbers) < 2:
            return
        unit_span = (numbers[-1] + 1, positions[-1][1])
        unit = self.r.counted(*unit_span)
        start = self.r.clause_start(k)
        parts = self._subjects(start, k, len(numbers))
        if len(parts) != len(numbers) or unit is None:
            return
        figures = []
        for (a, b), (j, unit_end) in zip(parts, positions, strict=True):
            own = self.r.counted(j + 1, unit_end) if unit_end > j + 1 else unit
            pre = self.r.resolve(a, b)
            category, levels = self.r.categorise(own, pre, j, True)
            if category is None:
                return
            figures.append((a, b, j, unit_end, category, levels, own))
        taken = set(numbers)
        self.found[:] = [f for f in self.found if not any(f.first <= j <= f.last for j in taken)]
        for a, b, j, unit_end, category, levels, own in figures:
            self.used.add(j)
            self.found.append(
                Found(
                    category=category,
                    subject=f"{self.r.text(*unit_span)} ({self.r.text(a, b)})",
                    first=k if j == numbers[0] else j,
                    last=max(j, unit_end - 1) if j != numbers[-1] else unit_span[1] - 1,
                    origin="respectively",
                    reduced=T[j].value,
                    levels=set(levels),
                    cue_end=j,
                    subject_words=tuple(self.r.words(*unit_span)),
                    unit=own.unit if own is not None and category == "other" else None,
                    doubts=["respectively"],
                )
            )

    def _rate_noun_before(self, verb: int) -> bool:
        """Whether the verb at ``verb`` is the noun form of a rate ("tỷ lệ giảm", "mức giảm")."""
        return self.r.seq(verb - 2, pb.RATE_WORDS) or (
            verb >= 1 and self.lows[verb - 1] == pb.LEVEL_NOUN
        )

    def _subjects(self, start: int, stop: int, count: int) -> list[tuple[int, int]]:
        """Split the noun phrase of tokens start..stop into ``count`` subjects.

        "và" splits first ("Cán bộ, công chức cấp xã và người hoạt động không chuyên
        trách": two subjects); commas split too when "và" gives fewer subjects than numbers
        ("Sở, phòng và chi cục"). An opening before the first subject ("Năm 2024, số biên
        chế công chức và …") is left out: the subjects are the last ones before the verb.
        """
        T = self.T
        for splitters in ((pb.AND,), (pb.AND, ",")):
            parts, a = [], start
            for j in range(start, stop):
                if self.lows[j] in splitters or T[j].text in splitters:
                    if j > a:
                        parts.append((a, j))
                    a = j + 1
            if stop > a:
                parts.append((a, stop))
            if len(parts) >= count:
                break
        if len(parts) < count or any(self._is_list(a, b) for a, b in parts[-count:]):
            return []
        parts = parts[-count:]
        first_start, first_end = parts[0]
        for j in range(first_end - 1, first_start - 1, -1):
            if T[j].text == "," and any(t.kind != "W" for t in T[first_start:j]):
                first_start = j + 1  # "Năm 2024, số biên chế công chức": the opening goes
                break
        while first_start < first_end and (
            T[first_start].kind != "W" or self.lows[first_start] in pb.RESPECTIVELY_LEAD
        ):
            first_start += 1
        return [(first_start, first_end), *parts[1:]]

    def _is_list(self, a: int, b: int) -> bool:
        """Whether a subject is itself a list of kinds ("Sở, phòng": two categories)."""
        chunks, start = [], a
        for j in range(a, b):
            if self.T[j].text == ",":
                chunks.append((start, j))
                start = j + 1
        chunks.append((start, b))
        if len(chunks) < 2:
            return False
        kinds = {s.category for s in (self.r.resolve(x, y) for x, y in chunks) if s is not None}
        return len(kinds - {None}) > 1

    def _rates_for_figures(self, k: int, rates: list[int]) -> bool:
        """Give the figures before "lần lượt" (same sentence) their rates, in order."""
        position = self.T[k].start
        before = sorted(
            (f for f in self.found if self.T[f.last].end <= position),
            key=lambda f: f.first,
        )
        before = before[-len(rates) :] if len(before) >= len(rates) else []
        if not before or any(f.percent is not None or f.reduced is None for f in before):
            return False
        for fig, j in zip(before, rates, strict=True):
            tok = self.T[j]
            fig.percent, fig.percent_decimals = tok.value, tok.decimals
            fig.doubts = [*fig.doubts, "respectively"]
            self.used.add(j)
        return True


__all__ = ["RespectivelyScanner"]
