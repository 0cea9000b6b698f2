"""The grammar of reduction phrases in one sentence of Vietnamese report text.

A sentence is read as tokens (:mod:`nq18lib.extract.tokens`) by five scanners, each for one way
reports write a reduction:

1. **before/after**: "từ 11 huyện … giảm xuống còn 10", "trước đây có 134 phòng …, nay chỉ
   còn 106 phòng", "từ 2 BQL …, nay hợp lại thành 1 BQL";
2. **verb and object list**: "giảm 4 cơ quan … đạt 36,4%; 5 sở đạt 26,3%; … và 3 ban chỉ
   đạo", "cắt giảm 18% số đầu mối", "cấp xã giảm 37 đơn vị, đạt 20,3%", "mức giảm là 33%",
   "giảm xuống 263 xã" (with the stock count stated before it);
3. **subject first**: "Hơn 539 nghìn biên chế đã được cắt giảm";
4. **rate**: "công chức đạt tỷ lệ 14,4% (215/1.503)" in a sentence about reductions;
5. **breakdown**: "trong số này, 14 đơn vị …, hai đơn vị …" under a reduction.

What is not a reduction never enters: numbers that count nothing (dates, document numbers,
money, ranges, phone numbers) are separate token kinds; stock counts and units rearranged
or set up have no reduction verb; a percent bound by "tối thiểu"/"ít nhất" is a generic
target; a fraction a/a is coverage.

Scanners 2 and 3 live in :mod:`nq18lib.extract.clauses`
(:class:`~nq18lib.extract.clauses.ClauseScanner`, which :class:`SentenceGrammar` extends).
"""

from __future__ import annotations

from nq18lib.extract import phrasebook as pb
from nq18lib.extract.clauses import ClauseScanner
from nq18lib.extract.sentence import Found, kind_fits

_OPENERS = pb.first_words(pb.BEFORE_OPENERS)
_MERGES = pb.first_words(pb.MERGE_VERBS)
_BEFORE_AFTER_FIRST = frozenset({"từ", "so", *_OPENERS, *_MERGES})
"""First words of every way the before/after scanner starts."""


class SentenceGrammar(ClauseScanner):
    """Read the reduction figures of one tokenised sentence (see :class:`SentenceReader`)."""

    # ----------------------------------------------------------------- entry point
    def parse(self) -> list[Found]:
        """Run every scanner and return the figures, in text order."""
        self._before_after()
        i = 0
        while i < self.n:
            width = self._verb_at(i)
            if width:
                count = len(self.found)
                self._after_verb(i, i + width)
                self._distribute(i, self.found[count:])
                i += width
            else:
                i += 1
        if self.found and self.retry_pairs:
            self._before_after()  # again: "giảm một nửa, từ 16 còn 8" takes the first subject
        if self.implied_verb and not self.found:
            self._implied_item()
        self._clause_lists()
        if self.reduction_context:
            self._rates()
        self._rate_list()
        self._breakdowns()
        self._reconcile_pairs()
        for fig in self.found:
            fig.status = self._status(fig)
            fig.phase = self._phase(fig)
            if not fig.levels:
                fig.levels = self._topic_levels(fig.first)
        return sorted(self.found, key=lambda f: (self.T[f.first].start, f.last))

    # ----------------------------------------------------------------- scanner 1
    def _before_after(self) -> None:
        T, n = self.T, self.n
        lows = self.lows
        for m in range(n):
            if lows[m] not in _BEFORE_AFTER_FIRST:
                continue
            pivots = pb.PIVOT_FIRST
            opener = next((w for w in _OPENERS.get(lows[m], ()) if self._seq(m, w)), None)
            merge = next((w for w in _MERGES.get(lows[m], ()) if self._seq(m, w)), None)
            if self.lows[m] == "từ":
                k = m + 1
                if m > 0 and any(self._seq(m - len(w), w) for w in pb.MERGE_VERBS):
                    pivots = {**pb.PIVOT_FIRST, **pb.MERGE_PIVOT_FIRST}  # "gom từ 12 … thành 5"
            elif opener is not None:
                k = m + len(opener)
                while k < n and self.lows[k] in ("có", "cả", "thảy", "tổng", "cộng", "là"):
                    k += 1
            elif merge is not None:
                k, pivots = m + len(merge), pb.MERGE_PIVOT_FIRST  # "sáp nhập 3 huyện thành 1"
                if k < n and self.lows[k] == "từ":
                    k += 1  # "sáp nhập từ 3 huyện thành 1 huyện"
                elif self._number_at(k, "N") is None:
                    self._merged_subject(m, k)  # "45 chi cục được gom thành 12"
                    continue
            elif self._seq(m, ("so", "với")):
                self._compared(m)  # "còn 96 tổ so với 211 tổ trước đây"
                continue
            else:
                continue
            start = self._number_at(k, "N")
            if start is None:
                continue
            clause_end = self._clause_end(k)
            pivot = None
            for p in range(start[0] + 1, clause_end):
                if self.lows[p] in ("đến", "tới") and p <= start[0] + 4:
                    break  # a range: "từ 1 đến 3 phòng"
                if T[p].kind == "W" and T[p].paren == T[m].paren:
                    for words in pivots.get(self.lows[p], ()):
                        if self._seq(p, words):
                            pivot = (p, p + len(words))
                            break
                if pivot:
                    break
            if pivot is None:
                continue
            befores = []
            for idx in range(start[0], pivot[0]):
                if T[idx].kind == "N" and T[idx].paren == T[m].paren and idx not in self.used:
                    end = min(self._forward(idx + 1), pivot[0])
                    befores.append((idx, end))
            afters = []
            k = pivot[1]
            if k < n and self.lows[k] == "do":
                k += 1
            while True:
                hit = self._number_at(k, "N")
                if hit is None:
                    break
                idx = hit[0]
                end = self._forward(idx + 1)
                afters.append((idx, end))
                k = end
                if k < n and T[k].text == ",":
                    k += 1
                if k < n and self.lows[k] in ("và", "với"):
                    k += 1
            if not befores or not afters:
                continue
            quote_start = m
            while quote_start > 0 and (
                self.lows[quote_start - 1] in pb.VERB_WORDS
                or (quote_start < m and self.lows[quote_start - 1] in pb.ADVERBS)
                or self._verb_at(quote_start - 1)
            ):
                quote_start -= 1  # "số cục được thu gọn từ 60 xuống 49": the verb is quoted
            self._pair(befores, afters, quote_start, pivot)

    def _merged_subject(self, m: int, k: int) -> None:
        """Read "45 chi cục được gom thành 12 chi cục": the count before stands first."""
        T = self.T
        if not self._seq(k, ("thành",)):
            return
        after = self._number_at(k + 1, "N")
        b = m - 1
        while b >= 0 and self.lows[b] in pb.ADVERBS:
            b -= 1
        end = b + 1
        while b >= 0 and T[b].kind == "W" and end - b <= 8 and self.lows[b] not in pb.BWD_STOP:
            b -= 1
        if after is None or b < 0 or T[b].kind != "N" or b in self.used or b + 1 == end:
            return
        a_idx = after[0]
        self._pair([(b, end)], [(a_idx, self._forward(a_idx + 1))], b, (k, k + 1))

    def _compared(self, m: int) -> None:
        """Read "<count after> <unit> so với <count before> [unit] trước đây"."""
        T = self.T
        before = self._number_at(m + 2, "N")
        if before is None:
            return
        b_idx = before[0]
        b_end = self._forward(b_idx + 1)
        if not any(self._seq(b_end, w) for w in pb.EARLIER):
            return  # "so với năm 2015", "so với kế hoạch": not the count before
        a = m - 1
        while a >= 0 and T[a].kind in "WS" and T[a].text not in ";:" and m - a <= 10:
            if T[a].kind == "S" and T[a].text != ",":
                return
            a -= 1
        if a < 0 or T[a].kind != "N" or a in self.used:
            return
        a_end = m if T[m - 1].text != "," else m - 1
        quote_start = a - 1 if a > 0 and self.lows[a - 1] in ("còn", "có", "là") else a
        count = len(self.found)
        self._pair([(b_idx, b_end)], [(a, a_end)], quote_start, (m, m + 2))
        earlier = next(w for w in pb.EARLIER if self._seq(b_end, w))
        for fig in self.found[count:]:
            fig.last = b_end + len(earlier) - 1

    def _pair(self, befores, afters, quote_start: int, pivot: tuple[int, int]) -> None:
        T = self.T
        paired: set[int] = set()
        for b_idx, b_end in befores:
            b_subject = self._resolve(b_idx + 1, b_end)
            b_words = tuple(self._words(b_idx + 1, b_end)[:1])
            match = None
            for a_idx, a_end in afters:
                if a_idx in paired:
                    continue
                a_words = tuple(self._words(a_idx + 1, a_end)[:1])
                if (a_end == a_idx + 1 and len(befores) == 1) or (
                    b_end == b_idx + 1 and len(afters) == 1
                ):
                    match = (a_idx, a_end)
                    break
                if b_words and a_words == b_words:
                    match = (a_idx, a_end)
                    break
                a_subject = self._resolve(a_idx + 1, a_end)
                if (
                    a_subject
                    and b_subject
                    and a_subject.category
                    and a_subject.category == b_subject.category
                ):
                    match = (a_idx, a_end)
                    break
            if match is None:
                continue
            before, after = T[b_idx].value, T[match[0]].value
            if not isinstance(before, int) or not isinstance(after, int) or before <= after:
                continue
            pre_span = self._backward(quote_start)
            if quote_start > 0 and T[quote_start - 1].text == "(":  # "… thôn (từ 345 xuống 225)"
                a, depth = quote_start - 1, T[quote_start - 1].paren - 1
                while (
                    a > 0
                    and T[a - 1].paren == depth
                    and (T[a - 1].kind == "W" or T[a - 1].text == ",")
                ):
                    a -= 1
                if a > 0 and T[a - 1].kind == "N":  # the unit of the count the bracket explains
                    pre_span = (a, quote_start - 1)
            pre = self._resolve(*pre_span)
            a_idx, a_end = match
            unit = b_subject
            has_unit = b_end > b_idx + 1
            if not has_unit and a_end > a_idx + 1:
                unit, has_unit = self._resolve(a_idx + 1, a_end), True
            category, levels = self._categorise(unit, pre, b_idx, has_unit)
            if category is None:
                self.retry_pairs = True
                continue
            subject = self._text(b_idx + 1, b_end) or self._text(a_idx + 1, a_end)
            if pre is not None and pre.category and (unit is None or not unit.category):
                subject = self._text(*pre_span)
            paired.add(match[0])
            self.used.update((b_idx, match[0]))
            fig = Found(
                category=category,
                subject=subject,
                first=quote_start,
                last=max(match[1] - 1, match[0]),
                origin="pair",
                reduced=before - after,
                baseline=before,
                after=after,
                levels=levels,
                cue_end=pivot[1],
                subject_words=tuple(self._words(b_idx + 1, b_end)),
                unit=unit.unit if unit is not None and category == "other" else None,
            )
            if unit is None or unit.generic:
                fig.doubts.append("category from context")
            self.found.append(fig)

    # ----------------------------------------------------------------- list items
    def _implied_item(self) -> None:
        """Read a list item with no verb under items that have one ("Sở Y tế: 3 phòng")."""
        start = next((k + 1 for k, t in enumerate(self.T) if t.text == ":" and not t.paren), 0)
        for k in range(start, self.n):
            if self.T[k].kind in "NP" and k not in self.used and self.T[k].paren == 0:
                count = len(self.found)
                self._after_verb(k, k)
                for fig in self.found[count:]:
                    fig.doubts.append("list item without a verb")
                return
            if self.T[k].kind == "X":
                return

    def _rate_list(self) -> None:
        """Read "Tỷ lệ giảm biên chế công chức …: Thanh Hóa 12,5%, Nghệ An 9,8%"."""
        T, n = self.T, self.n
        for r in range(n - 3):
            if self.lows[r] not in ("tỷ", "tỉ") or self.lows[r + 1] != "lệ":
                continue
            j = r + 2
            width = self._verb_at(j)
            if not width:
                return
            s0 = j + width
            s1 = self._forward(s0)
            colon = next((k for k in range(s1, min(n, s1 + 12)) if T[k].text == ":"), None)
            subject = self._resolve(s0, s1)
            if colon is None or subject is None or not subject.category:
                return
            k = colon + 1
            while k < n:
                names = k
                while k < n and T[k].kind == "W" and T[k].text[:1].isupper():
                    k += 1
                if k == names or k >= n or T[k].kind != "P" or k in self.used:
                    return
                self.used.add(k)
                self.found.append(
                    Found(
                        category=subject.category,
                        subject=f"{self._text(s0, s1)} ({self._text(names, k)})",
                        first=names,
                        last=k,
                        origin="rate",
                        percent=T[k].value,
                        percent_decimals=T[k].decimals,
                        levels=set(subject.levels),
                        cue_end=k,
                        subject_words=tuple(self._words(s0, s1)),
                        doubts=["list item without a verb"],
                    )
                )
                k += 1
                if k < n and T[k].text in ",;":
                    k += 1
                if k < n and self.lows[k] == "và":
                    k += 1
            return

    def _distribute(self, v: int, figures: list[Found]) -> None:
        """Read "Sở A và Sở B mỗi nơi giảm 3 phòng": one figure per body before "mỗi nơi"."""
        k = v - 1
        while k >= 0 and self.lows[k] in pb.ADVERBS:
            k -= 1
        each = next((w for w in pb.EACH_OF if self._seq(k - len(w) + 1, w)), None)
        if each is None:
            return
        start = self._clause_start(v)
        bodies = 0
        for i in range(start, k - len(each) + 1):
            t = self.T[i]
            opens = i == start or self.T[i - 1].text == "," or self.lows[i - 1] == "và"
            if t.kind == "W" and t.text[:1].isupper() and t.low in pb.BODY_HEADS and opens:
                bodies += 1
        for fig in figures if bodies > 1 else ():
            for _ in range(bodies - 1):
                copy = Found(**{**fig.__dict__, "doubts": [*fig.doubts, "distributed"]})
                copy.levels = set(fig.levels)
                self.found.append(copy)

    # ----------------------------------------------------------------- scanner 4
    def _rates(self) -> None:
        """Read rates: "công chức đạt tỷ lệ 14,4% (215/1.503)" in a sentence about reductions."""
        T = self.T
        for k in range(self.n):
            tok = T[k]
            if tok.kind != "P" or k in self.used or not 0 < tok.value < 100:
                continue
            if any(self._seq(k + 1, words) for words in pb.COMPLETION_NOUNS):
                continue  # "đạt 95% chỉ tiêu": a plan's completion
            m = k
            if m >= 2 and self.lows[m - 2] == "tỷ" and self.lows[m - 1] == "lệ":
                m -= 2
            if m >= 1 and self.lows[m - 1] == "đạt":
                m -= 1
            if m == k:
                continue
            if m >= 1 and T[m - 1].kind == "W" and T[m - 1].low in pb.APPROX_LAST_WORDS:
                continue
            named = self._rate_subject(m)
            s0, s1 = named[1:] if named else self._backward(m)
            pre = self._resolve(s0, s1)
            if pre is None:
                continue
            reduced = None
            first = named[0] if named else s0
            if (
                s0 >= 1
                and T[s0 - 1].kind == "N"
                and s0 - 1 not in self.used
                and isinstance(T[s0 - 1].value, int)
            ):
                reduced, first = T[s0 - 1].value, s0 - 1
            if pre.category is None and not pre.generic:
                continue
            category, levels = self._categorise(pre, None, s0, True)
            if category is None:
                continue
            end, frac = self._fraction(k + 1)
            numerator = denominator = None
            if frac is not None and frac.value != frac.value2:
                numerator, denominator = frac.value, frac.value2
                reduced = reduced if reduced is not None else numerator
            self.used.add(k)
            if first != s0:
                self.used.add(first)
            self.found.append(
                Found(
                    category=category,
                    subject=self._text(s0, s1),
                    first=first,
                    last=end - 1,
                    origin="rate",
                    reduced=reduced,
                    percent=tok.value,
                    percent_decimals=tok.decimals,
                    numerator=numerator,
                    denominator=denominator,
                    levels=set(levels),
                    cue_end=k,
                    subject_words=tuple(self._words(s0, s1)),
                )
            )

    def _rate_subject(self, m: int) -> tuple[int, int, int] | None:
        """Find "Tỷ lệ tinh giản biên chế … đạt 10,5%": (start of "tỷ lệ", subject span)."""
        start = self._clause_start(m)
        for r in range(start, m - 2):
            if self.lows[r] == "tỷ" and self.lows[r + 1] == "lệ":
                width = self._verb_at(r + 2)
                if width:
                    s0 = r + 2 + width
                    s1 = self._forward(s0)
                    return (r, s0, s1) if s1 > s0 else None
        return None

    # ----------------------------------------------------------------- scanner 5
    def _breakdowns(self) -> None:
        """Sub-breakdowns under a reduction ("trong số này, 14 đơn vị …, hai đơn vị …")."""
        T, n = self.T, self.n
        for fig in sorted(self.found, key=lambda f: f.last):
            if fig.reduced is None or fig.parent is not None:
                continue
            k = fig.last + 1
            while k < n and T[k].text in ",;:":
                k += 1
            opened = k < n and T[k].text == "("  # "giảm 1.234 người (trong đó 456 …)"
            k += opened
            marker = None
            for words in pb.BREAKDOWN_MARKERS:
                if self._seq(k, words):
                    marker = k + len(words)
                    break
            if marker is None:
                continue
            end = self._clause_end(marker)
            if opened:
                end = next((i for i in range(marker, end) if T[i].paren < T[k].paren), end)
            children = [f for f in self.found if f is not fig and marker <= f.first < end]
            for child in children:
                child.parent = fig
            total = sum(c.reduced or 0 for c in children)
            starts = [marker] + [
                i + 1 for i in range(marker, end) if T[i].text == "," or self.lows[i] == "và"
            ]
            listed = False  # "trong đó có 41 xã, 6 phường và 2 thị trấn": a bare list
            for s in starts:
                while s < end and (T[s].text in ",:" or self.lows[s] == "có"):
                    listed = listed or self.lows[s] == "có"
                    s += 1
                hit = self._number_at(s, "N")
                named = None
                if hit is None:  # "trong đó: công chức 28 biên chế, viên chức 118 biên chế"
                    hit, named = self._named_part(s, end)
                if hit is None or hit[0] >= end:
                    continue
                idx = hit[0]
                unit_end = self._forward(idx + 1)
                if named is not None:  # "công chức 28 biên chế, viên chức …": up to the comma
                    unit_end = next(
                        (i for i in range(idx + 1, unit_end) if T[i].kind != "W"), unit_end
                    )
                unit = self._resolve(idx + 1, unit_end)
                bare = unit_end >= end or T[unit_end].text in ",;.)" or self.lows[unit_end] == "và"
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
                if own_kind and not staff_parts:
                    continue  # only a staff total breaks down into kinds of staff
                value = T[idx].value
                if not isinstance(value, int) or total + value > fig.reduced:
                    continue
                total += value
                self.used.add(idx)
                self.found.append(
                    Found(
                        category=unit.category
                        if unit.category and not unit.generic
                        else fig.category,
                        subject=self._text(s, idx) if named else self._text(idx + 1, unit_end),
                        first=s,
                        last=self._predicate_end(unit_end, end),
                        origin="breakdown",
                        reduced=value,
                        levels=set(unit.levels) or set(fig.levels),
                        cue_end=s,
                        parent=fig,
                        subject_words=tuple(self._words(idx + 1, unit_end)),
                    )
                )

    def _predicate_end(self, k: int, end: int) -> int:
        j = k
        while j < end and self.T[j].text not in ",;" and j - k < 12:
            if self.lows[j] == "và" and self._number_at(j + 1, "N") is not None:
                break  # "315 công chức và 1.825 viên chức": the next part
            j += 1
        while j > k and self.T[j - 1].kind == "S" and self.T[j - 1].text in ".!?…":
            j -= 1  # the sentence's full stop is not part of the quote
        return max(k, j) - 1

    def _named_part(self, s: int, end: int):
        """Read "công chức 28 biên chế": a named part before its count, in a breakdown."""
        e = s
        while e < end and e - s < 5 and self.T[e].kind == "W":
            e += 1
        if e == s or e >= end or self.T[e].kind != "N":
            return None, None
        named = self._resolve(s, e)
        if named is None or not named.category or named.generic:
            return None, None
        return (e, None), named

    # ----------------------------------------------------------------- post-processing
    def _reconcile_pairs(self) -> None:
        """Before/after counts restating an explicit reduction join it instead of repeating it."""
        explicit = [f for f in self.found if f.origin != "pair"]
        for pair in [f for f in self.found if f.origin == "pair"]:
            for fig in explicit:
                if (
                    fig.category == pair.category
                    and fig.reduced == pair.reduced
                    and fig.baseline is None
                ):
                    fig.baseline, fig.after = pair.baseline, pair.after
                    fig.levels |= pair.levels
                    self.found.remove(pair)
                    break


__all__ = ["Found", "SentenceGrammar"]
