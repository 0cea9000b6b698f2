"""Breakdowns: the parts of a reduction given after it, each a figure of its own.

Breakdowns: the parts of a reduction given after it ("trong đó có 41 xã, 6 phường và 2
thị trấn", "(trong đó 315 công chức và 1.825 viên chức)"), each a figure of its own.
"""

from __future__ import annotations

from nq18lib.extract import phrasebook as pb
from nq18lib.extract.sentence import Found, SentenceReader, kind_fits, names_something
from nq18lib.extract.subjects import Subject, kind_of


class BreakdownScanner:
    """Read the breakdowns of the figures found in a sentence."""

    def __init__(self, reader: SentenceReader) -> None:
        self.r = reader
        self.T, self.n, self.lows = reader.T, reader.n, reader.lows
        self.used, self.found = reader.used, reader.found

    def scan(self) -> None:
        """Read the parts given after each figure."""
        self._breakdowns()

    # ----------------------------------------------------------------- scanner 5
    def _breakdowns(self) -> None:
        """Sub-breakdowns under a reduction ("trong số này, 14 đơn vị …, hai đơn vị …")."""
        T, n = self.T, self.n
        for fig in sorted(self.found, key=lambda f: f.last):
            if fig.reduced is None or fig.parent is not None:
                continue
            if fig.after is not None and fig.origin in ("pair", "item"):
                continue  # "từ 63 xuống còn 34 tỉnh, thành phố, gồm 28 tỉnh …", "còn 34 đơn
                # vị, giảm 29 đơn vị. Trong đó có 28 tỉnh …": parts of the stock
            k = fig.last + 1
            while k < n and T[k].text in ",;:.":  # "." only when the next sentence is joined
                k += 1
            opened = k < n and T[k].text == "("  # "giảm 1.234 người (trong đó 456 …)"
            k += opened
            marker = self._marker_at(k)
            if marker is None and not opened:  # "1.356 người nghỉ việc theo …, trong đó 289"
                tail = k
                while tail < min(n, k + 12) and (
                    T[tail].kind == "W" or (T[tail].kind == "X" and tail > k)
                ):
                    tail += 1  # "… nghỉ việc theo Nghị định 178/2024/NĐ-CP, trong đó …"
                if tail < n and T[tail].text in ",.":
                    marker = self._marker_at(tail + 1)
                    k = tail + 1
            if marker is None:
                continue
            end = self._parts_clauses(marker, fig.category)
            label = self._label_end(marker)
            if label is not None:  # "Chia theo đối tượng: công chức 428 người; viên chức …"
                marker, end = label, self._parts_end(label)
            if opened:
                end = next((i for i in range(marker, end) if T[i].paren < T[k].paren), end)
            children = [f for f in self.found if f is not fig and marker <= f.first < end]
            for child in children:
                child.parent = fig
            total = sum(c.reduced or 0 for c in children)
            starts = [marker] + [
                i + 1 for i in range(marker, end) if T[i].text in ",;" or self.lows[i] == pb.AND
            ]
            listed = False  # "trong đó có 41 xã, 6 phường và 2 thị trấn": a bare list
            read: set[int] = set()
            for s in starts:
                while s < end and (T[s].text in ",:" or self.lows[s] == pb.HAS):
                    listed = listed or self.lows[s] == pb.HAS
                    s += 1
                if s in read:
                    continue  # "Trong số này, công chức …": the marker's comma starts no new part
                read.add(s)
                hit = self.r.number_at(s, "N")
                named = None
                if hit is None:  # "trong đó: công chức 28 biên chế, viên chức 118 biên chế"
                    hit, named = self._named_part(s, end, fig.category)
                if hit is None or hit[0] >= end:
                    continue
                idx = hit[0]
                unit_end = self.r.forward(idx + 1)
                if named is not None:  # "công chức 28 biên chế, viên chức …": up to the comma
                    unit_end = next(
                        (i for i in range(idx + 1, unit_end) if T[i].kind != "W"), unit_end
                    )
                unit = self.r.resolve(idx + 1, unit_end)
                bare = (
                    unit_end >= end or T[unit_end].text in ",;.)" or self.lows[unit_end] == pb.AND
                )
                if listed and not bare:
                    continue  # "trong đó có 2 sở hợp nhất vào cuối năm": an aside
                if named is not None:
                    if unit and unit.category not in (None, named.category) and not unit.generic:
                        continue  # "công chức 28 sở": a count of something else
                    unit = named
                if unit is None or not (unit.generic or unit.category):
                    continue
                if unit.generic and not kind_fits(fig.category, unit.generic):
                    continue
                own_kind = unit.category and not unit.generic and unit.category != fig.category
                staff_parts = fig.category == "other" and kind_fits(unit.category or "", "staff")
                if fig.category == "other" and fig.subject_words[:2] in pb.UNIT_TOTALS:
                    staff_parts = kind_of(unit.category or "") == "unit"  # "14 đầu mối: 5 sở …"
                exits = fig.category == "payroll_exit" and kind_fits(unit.category or "", "staff")
                if own_kind and not staff_parts and not exits:
                    continue  # only a staff total breaks down into kinds of staff
                value = T[idx].value
                if not isinstance(value, int) or total + value > fig.reduced:
                    continue
                total += value
                self.used.add(idx)
                self.found.append(
                    Found(
                        category=unit.category
                        if unit.category and not unit.generic and not exits
                        else fig.category,  # "viên chức 751 người" of 1.647 leavers: leavers
                        subject=self.r.text(s, idx) if named else self.r.text(idx + 1, unit_end),
                        first=s,
                        last=self._predicate_end(unit_end, end),
                        origin="breakdown",
                        reduced=value,
                        levels=set(unit.levels) or set(fig.levels),
                        cue_end=s,
                        parent=fig,
                        subject_words=tuple(self.r.words(idx + 1, unit_end)),
                    )
                )

    def _parts_clauses(self, marker: int, category: str) -> int:
        """Return where the parts after a marker end.

        Its clause, and the clauses after ";" that go on listing parts with no verb ("Trong
        số này có 143 người …; công chức 602 người, viên chức 877 người").
        """
        T, end = self.T, self.r.clause_end(marker)
        while end + 1 < self.n and T[end].text == ";":
            nxt, stop = end + 1, self.r.clause_end(end + 1)
            part = self.r.number_at(nxt, "N") or self._named_part(nxt, stop, category)[0]
            if part is None or any(self.r.verb_at(i) for i in range(nxt, stop)):
                break
            end = stop
        return end

    def _marker_at(self, k: int) -> int | None:
        """Return where the words of a breakdown marker at k end ("trong đó"), else None."""
        words = self.r.phrase_at(k, pb.BREAKDOWN_MARKERS)
        return None if words is None else k + len(words)

    def _label_end(self, marker: int) -> int | None:
        """Return where the parts start after a label and its colon ("theo đối tượng:")."""
        for k in range(marker, min(self.n, marker + pb.BREAKDOWN_LABEL_WORDS + 1)):
            if self.T[k].text == ":":
                return k + 1
            if self.T[k].kind != "W":
                return None
        return None

    def _parts_end(self, k: int) -> int:
        """Return the end of the parts listed after a label: the sentence, or its full stop."""
        for j in range(k, self.n):
            if self.T[j].text in ".!?" and self.T[j].paren == 0:
                return j
        return self.n

    def _predicate_end(self, k: int, end: int) -> int:
        j = k
        while j < end and self.T[j].text not in ",;" and j - k < 12:
            if self.lows[j] == pb.AND and self.r.number_at(j + 1, "N") is not None:
                break  # "315 công chức và 1.825 viên chức": the next part
            j += 1
        while j > k and self.T[j - 1].kind == "S" and self.T[j - 1].text in ".!?…":
            j -= 1  # the sentence's full stop is not part of the quote
        return max(k, j) - 1

    def _named_part(self, s: int, end: int, category: str):
        """Read "công chức 28 biên chế" or "cấp huyện 600 người": a named part, then its count.

        A part named by its level only ("cấp tỉnh 900 người") counts what the total counts.
        """
        e = s
        while e < end and e - s < 5 and self.T[e].kind == "W":
            e += 1
        if e == s or e >= end or self.T[e].kind != "N":
            return None, None
        named = self.r.resolve(s, e)
        by_level = named is not None and not named.category and named.levels
        if by_level and self.lows[s] == pb.LEVEL and not names_something(named):
            return (e, None), Subject(category, levels=named.levels, words=named.words)
        if named is None or not named.category or named.generic:
            # "giáo dục 41 đơn vị" under "57 đơn vị sự nghiệp": a part named by its field
            # counts what the total counts when its own noun says so
            unit = self.r.resolve(e + 1, self.r.forward(e + 1))
            generic = unit is not None and unit.generic is not None and category != "other"
            fits = unit is not None and (
                unit.category == category or (generic and kind_fits(category, unit.generic))
            )
            has_verb = any(self.r.verb_at(i) for i in range(s, e))  # "Y tế giảm 14 đơn vị"
            if named is None or named.category or not fits or has_verb:
                return None, None
            return (e, None), Subject(category, levels=named.levels, words=named.words)
        return (e, None), named


__all__ = ["BreakdownScanner"]
