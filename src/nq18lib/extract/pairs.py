"""Before/after counts: the reduction is the count before minus the count after.

"từ 11 huyện … giảm xuống còn 10", "trước có 14 phòng, nay chỉ còn 9", "còn 96 tổ so với 211
tổ trước đây", "sáp nhập 3 huyện thành 1", "45 chi cục được gom thành 12". The two stocks
are the figure's ``baseline`` and ``after``, never figures of their own.
"""

from __future__ import annotations

from nq18lib.extract import phrasebook as pb
from nq18lib.extract.sentence import Found, SentenceReader

_OPENERS = pb.first_words(pb.BEFORE_OPENERS)
_MERGES = pb.first_words(pb.MERGE_VERBS)
_BEFORE_AFTER_FIRST = frozenset({pb.FROM, pb.COMPARED[0], *_OPENERS, *_MERGES})
"""First words of every way the scanner starts."""


class BeforeAfterScanner:
    """Read the before/after counts of a sentence into :class:`Found` figures."""

    def __init__(self, reader: SentenceReader) -> None:
        self.r = reader
        self.T, self.n, self.lows = reader.T, reader.n, reader.lows
        self.used, self.found = reader.used, reader.found
        self.passes = 0

    def scan(self) -> None:
        """Read every before/after pair not read yet."""
        self.passes += 1
        self._before_after()

    def reconcile(self) -> None:
        """Let pairs that restate an explicit reduction join it."""
        self._reconcile_pairs()

    # ----------------------------------------------------------------- scanner 1
    def _before_after(self) -> None:
        T, n = self.T, self.n
        lows = self.lows
        for m in [m for m, low in enumerate(lows) if low in _BEFORE_AFTER_FIRST]:
            pivots = pb.PIVOT_FIRST
            opener = next((w for w in _OPENERS.get(lows[m], ()) if self.r.seq(m, w)), None)
            merge = next((w for w in _MERGES.get(lows[m], ()) if self.r.seq(m, w)), None)
            if merge is not None and m > 0 and (lows[m - 1], *merge) in pb.MERGE_VERBS:
                merge = None  # "nhập" of "sáp nhập": the longer verb was read from its start
            if self.lows[m] == pb.FROM:
                k = m + 1
                if m > 0 and any(self.r.seq(m - len(w), w) for w in pb.MERGE_VERBS):
                    pivots = {**pb.PIVOT_FIRST, **pb.MERGE_PIVOT_FIRST}  # "gom từ 12 … thành 5"
            elif opener is not None:
                k = m + len(opener)
                while k < n and self.lows[k] in pb.BEFORE_FILLERS:
                    k += 1
            elif merge is not None:
                k, pivots = m + len(merge), pb.MERGE_PIVOT_FIRST  # "sáp nhập 3 huyện thành 1"
                if k < n and T[k].text == ":":
                    k += 1  # "được sáp nhập: 45 trường thành 20 trường"
                if k < n and self.lows[k] == pb.FROM:
                    k += 1  # "sáp nhập từ 3 huyện thành 1 huyện"
                elif self.r.number_at(k, "N") is None:
                    self._merged_subject(m, k)  # "45 chi cục được gom thành 12"
                    continue
            elif self.r.seq(m, pb.COMPARED):
                self._compared(m)  # "còn 96 tổ so với 211 tổ trước đây"
                continue
            else:
                continue
            start = self.r.number_at(k, "N")
            if start is None:
                continue
            clause_end = self.r.clause_end(k)
            pivot = None
            for p in range(start[0] + 1, clause_end):
                if self.lows[p] in pb.RANGE_TO and p <= start[0] + 4:
                    break  # a range: "từ 1 đến 3 phòng"
                if T[p].kind == "W" and T[p].paren == T[m].paren:
                    for words in pivots.get(self.lows[p], ()):
                        if self.r.seq(p, words):
                            pivot = (p, p + len(words))
                            break
                if pivot:
                    break
            if pivot is None:
                if opener is not None:
                    self._after_then_before(m, start[0])  # "còn 11, trước đây là 17"
                continue
            befores = []
            for idx in range(start[0], pivot[0]):
                if T[idx].kind == "N" and T[idx].paren == T[m].paren and idx not in self.used:
                    end = min(self.r.forward(idx + 1), pivot[0])
                    befores.append((idx, end))
            afters = []
            k = pivot[1]
            if k < n and self.lows[k] in pb.AFTER_PIVOT_SKIP:
                k += 1
            while True:
                hit = self.r.number_at(k, "N")
                if hit is None:
                    break
                idx = hit[0]
                end = self.r.forward(idx + 1)
                afters.append((idx, end))
                k = end
                if k < n and T[k].text == ",":
                    k += 1
                if k < n and self.lows[k] in pb.JOINERS:
                    k += 1
            if not befores or not afters:
                continue
            quote_start = m
            while quote_start > 0 and (
                self.lows[quote_start - 1] in pb.VERB_WORDS
                or (quote_start < m and self.lows[quote_start - 1] in pb.ADVERBS)
                or self.r.verb_at(quote_start - 1)
            ):
                quote_start -= 1  # "số cục được thu gọn từ 60 xuống 49": the verb is quoted
            self._pair(befores, afters, quote_start, pivot)

    def _after_then_before(self, m: int, b_idx: int) -> None:
        """Read "<verb> xuống còn 11 [chi cục], trước đây là 17" (or in brackets)."""
        T = self.T
        a = m - 1
        if a >= 0 and T[a].text in ",(":
            a -= 1
        a_end = a + 1
        while a >= 0 and T[a].kind == "W" and a_end - a <= 4:
            a -= 1  # "còn 14 sở, trước đây …": the unit of the count after
        if a < 1 or T[a].kind != "N" or a in self.used or self.lows[a - 1] not in pb.DOWN_TO:
            return
        if self.r.clause_start(a) > a - 1 or self.r.clause_end(a) < b_idx:
            return
        quote_start = a - 1
        while quote_start > 0 and (
            self.lows[quote_start - 1] in pb.DOWN_TO_WORDS
            or self.lows[quote_start - 1] in pb.VERB_WORDS
            or self.r.verb_at(quote_start - 1)
        ):
            quote_start -= 1
        # with no verb, "còn 14 sở, trước đây là 19 sở" compares a stock with its past like
        # "còn 96 tổ so với 211 tổ trước đây": a reduction of 5
        b_end = self.r.forward(b_idx + 1)
        count = len(self.found)
        self._pair([(b_idx, b_end)], [(a, a_end)], quote_start, (m, m + 2))
        for fig in self.found[count:]:
            fig.last = max(fig.last, b_end - 1, b_idx)
            if b_end < self.n and T[b_end].text == ")":
                fig.last = b_end

    def _merged_subject(self, m: int, k: int) -> None:
        """Read "45 chi cục được gom thành 12 chi cục": the count before stands first."""
        T = self.T
        if not self.r.seq(k, pb.INTO):
            return
        after = self.r.number_at(k + 1, "N")
        b = m - 1
        while b >= 0 and self.lows[b] in pb.ADVERBS:
            b -= 1
        end = b + 1
        names = False  # "Ba tỉnh Hà Nam, Nam Định và Ninh Bình hợp nhất": a list of names
        while b >= 0 and end - b <= 12:
            capitals = (
                0 < b < end - 1 and T[b - 1].text[:1].isupper() and T[b + 1].text[:1].isupper()
            )
            if T[b].text == "," and capitals:
                b, names = b - 1, True
                continue
            if T[b].text == "," and b + 1 < self.n and T[b + 1].low in self.r.cont:
                b -= 1  # "62 thôn, tổ dân phố được sáp nhập thành 29"
                continue
            if end - b > 8 and not names:
                break
            if T[b].kind != "W" or self.lows[b] in pb.BWD_STOP:
                break
            b -= 1
        if after is None or b < 0 or T[b].kind != "N" or b in self.used or b + 1 == end:
            return
        if names:  # the counted noun ends where the names start
            end = next((i for i in range(b + 1, end) if T[i].text[:1].isupper()), end)
        a_idx = after[0]
        self._pair([(b, end)], [(a_idx, self.r.forward(a_idx + 1))], b, (k, k + 1))

    def _compared(self, m: int) -> None:
        """Read "<count after> <unit> so với <count before> [unit] trước đây"."""
        T = self.T
        before = self.r.number_at(m + 2, "N")
        if before is None:
            return
        b_idx = before[0]
        b_end = self.r.forward(b_idx + 1)
        at = b_end  # where "trước đây" stands
        if pb.OF_WORD in self.lows[at - 1 : at + 1]:
            k = at  # "so với 31 đầu mối của hai bộ trước khi hợp nhất"
            while k < self.n and k - at <= 6 and T[k].kind != "S":
                if any(self.r.seq(k, w) for w in pb.EARLIER):
                    at = k
                    break
                k += 1
        if not any(self.r.seq(at, w) for w in pb.EARLIER):
            return  # "so với năm 2015", "so với kế hoạch": not the count before
        a = m - 1
        while a >= 0 and T[a].kind in "WS" and T[a].text not in ";:" and m - a <= 10:
            if T[a].kind == "S" and T[a].text != ",":
                return
            a -= 1
        if a < 0 or T[a].kind != "N" or a in self.used:
            return
        a_end = m if T[m - 1].text != "," else m - 1
        quote_start = a - 1 if a > 0 and self.lows[a - 1] in pb.STOCK_BEFORE else a
        count = len(self.found)
        self._pair([(b_idx, b_end)], [(a, a_end)], quote_start, (m, m + 2))
        earlier = next(w for w in pb.EARLIER if self.r.seq(at, w))
        for fig in self.found[count:]:
            fig.last = at + len(earlier) - 1

    def _pair(self, befores, afters, quote_start: int, pivot: tuple[int, int]) -> None:
        T = self.T
        paired: set[int] = set()
        for b_idx, b_end in befores:
            b_subject = self.r.counted(b_idx + 1, b_end)
            b_words = tuple(self.r.words(b_idx + 1, b_end)[:1])
            # "152 xã, phường, so với 210 đơn vị": a total of units is the count after's kind
            b_total = tuple(self.r.words(b_idx + 1, b_end)[:2]) in pb.UNIT_TOTALS
            match = None
            for a_idx, a_end in afters:
                if a_idx in paired:
                    continue
                a_words = tuple(self.r.words(a_idx + 1, a_end)[:1])
                a_named = self.r.resolve(a_idx + 1, a_end)
                a_kind = a_named is not None and a_named.category not in (None, "other")
                if (a_end == a_idx + 1 and len(befores) == 1) or (
                    (b_end == b_idx + 1 or (b_total and a_kind)) and len(afters) == 1
                ):
                    match = (a_idx, a_end)
                    break
                if b_words and a_words == b_words:
                    match = (a_idx, a_end)
                    break
                a_subject = self.r.resolve(a_idx + 1, a_end)
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
            pre_span = self.r.backward(quote_start)
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
            pre = self.r.resolve(*pre_span)
            if pre is None and quote_start > 1 and T[quote_start - 1].text == ":":
                pre_span = self.r.backward(quote_start - 1)  # "Các cục, vụ: từ 53 xuống 25 …"
                pre = self.r.resolve(*pre_span)
            a_idx, a_end = match
            unit = b_subject
            has_unit = b_end > b_idx + 1
            if (not has_unit or b_total) and a_end > a_idx + 1:
                a_subject = self.r.counted(a_idx + 1, a_end)
                if not has_unit or (a_subject and a_subject.category not in (None, "other")):
                    unit, has_unit = a_subject, True
            bare = not has_unit and pre is None and quote_start > 0
            if bare and self.passes == 1 and T[quote_start - 1].text == ",":
                self.r.retry_pairs = True  # "số phòng giảm một nửa, từ 10 xuống còn 5": the
                continue  # clause before names what the bare pair counts; read it first
            category, levels = self.r.categorise(unit, pre, b_idx, has_unit)
            if category is None:
                self.r.retry_pairs = True
                continue
            subject = self.r.text(b_idx + 1, b_end) or self.r.text(a_idx + 1, a_end)
            if pre is not None and pre.category and (unit is None or not unit.category):
                subject = self.r.text(*pre_span)
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
                subject_words=tuple(self.r.words(b_idx + 1, b_end)),
                unit=unit.unit if unit is not None and category == "other" else None,
            )
            if unit is None or unit.generic:
                fig.doubts.append("category from context")
            end, pct, _ = self.r.rate_after(a_end)  # "từ 53 xuống 25 đầu mối, tương đương 52,8%"
            if pct is not None and 0 < pct.value <= 100:
                fig.percent, fig.percent_decimals, fig.last = pct.value, pct.decimals, end - 1
                self.used.add(self.T.index(pct))
            self.found.append(fig)

    # ----------------------------------------------------------------- post-processing
    def _reconcile_pairs(self) -> None:
        """Before/after counts restating an explicit reduction join it instead of repeating it."""
        explicit = [f for f in self.found if f.origin != "pair"]
        for pair in [f for f in self.found if f.origin == "pair"]:
            for fig in explicit:
                of_units = fig.category == "other" and fig.subject_words[:2] in pb.UNIT_TOTALS
                if (
                    (fig.category == pair.category or of_units)  # "… giảm được 13 đầu mối"
                    and fig.reduced == pair.reduced
                    and fig.baseline is None
                    # "3 hội đồng" is not "tổ", but "5 đầu mối" may be the 5 "trạm" merged
                    and (of_units or fig.category != "other" or fig.unit == pair.unit)
                ):
                    fig.baseline, fig.after = pair.baseline, pair.after
                    if fig.percent is None and pair.percent is not None:
                        fig.percent, fig.percent_decimals = pair.percent, pair.percent_decimals
                        fig.last = max(fig.last, pair.last)
                    if of_units:
                        fig.category, fig.unit = pair.category, pair.unit
                    fig.levels |= pair.levels
                    self.found.remove(pair)
                    break


__all__ = ["BeforeAfterScanner"]
