"""A reduction verb and its objects, or the subject standing before it.

**Verb and object list**: "giảm 4 cơ quan … đạt 36,4%; 5 sở đạt 26,3%; … và 3 ban chỉ đạo",
"cắt giảm 18% số đầu mối", "mức giảm là 33%", "giảm xuống 263 xã" (the stock count stated
before it), lists resumed after an aside, list items with no verb of their own, one count
given to several bodies ("mỗi nơi"). **Subject first**: "Hơn 539 nghìn biên chế đã được cắt
giảm", "1.284 người nghỉ việc".
"""

from __future__ import annotations

from nq18lib.extract import phrasebook as pb
from nq18lib.extract.sentence import Found, SentenceReader, kind_fits, verb_words
from nq18lib.extract.subjects import LEVEL_CODES, PEOPLE_CATEGORIES, STAFF_CATEGORIES, Subject

_MERGES = pb.first_words(pb.MERGE_VERBS)


class ObjectScanner:
    """Read the figures around the reduction verbs of a sentence."""

    def __init__(self, reader: SentenceReader) -> None:
        self.r = reader
        self.T, self.n, self.lows = reader.T, reader.n, reader.lows
        self.used, self.found = reader.used, reader.found

    def scan(self) -> None:
        """Read the objects (or subject) of every reduction verb, in text order."""
        free = 0  # a verb inside the one before ("cắt giảm") is part of it
        for i, width in sorted(self.r.verbs.items()):
            if i < free:
                continue
            count = len(self.found)
            self._after_verb(i, i + width)
            self._distribute(i, self.found[count:])
            free = i + width

    def scan_implied(self) -> None:
        """Read a list item with no verb of its own (the item before it had one)."""
        self._implied_item()

    def scan_resumed(self) -> None:
        """Read lists resumed after an aside."""
        self._clause_lists()

    # ----------------------------------------------------------------- scanner 2 and 3
    def _after_verb(self, v: int, j: int) -> None:
        T, n = self.T, self.n
        subject_end = v
        if v > 0 and self.lows[v - 1] == pb.LEVEL_NOUN:
            subject_end = v - 1
        elif v > 1 and self.r.seq(v - 2, pb.RATE_WORDS):
            subject_end = v - 2
        if v > 0 and self.lows[v - 1] == pb.INCREASE:
            return
        while j < n and self.lows[j] in pb.AFTER_VERB:
            j += 1
        for words in pb.WHOLE_OF:  # "kết thúc hoạt động toàn bộ 696 đơn vị"
            if self.r.seq(j, words) and self.r.number_at(j + len(words), "N") is not None:
                j += len(words)
        j = self._past_document(j)  # "nghỉ việc theo Nghị định 178/2024/NĐ-CP là 612 người"
        j = self._past_comparison(v, j)  # "ít hơn năm 2015 là 356 người"
        if self.r.seq(j - 1, pb.TOTAL) and self.r.number_at(j + 1) is not None:
            j += 1  # "giảm được tổng số 1.025 biên chế" ("tổng" is skipped above)
        if j < n and self.lows[j] in pb.BEFORE_OBJECT:
            j += 1
        if j < n and T[j].text == ":" and (subject_end != v or self.r.number_at(j + 1) is not None):
            j += 1  # "Giảm: 12 phòng, 3 chi cục"
        if j >= n:
            self._subject_first(v, j)
            return
        if self.lows[j] == pb.FROM:
            if self.r.number_at(j + 1, "N") is None:  # "kết thúc hoạt động từ ngày 1/7"
                self._subject_first(v, j)
            return
        if self.lows[j] in pb.DOWN_TO:
            self._after_only(v, j)
            return
        if subject_end < v and self.r.number_at(j) is None:  # "tỷ lệ/mức giảm biên chế là 10%"
            e = self.r.forward(j)
            if self.r.seq(e - 2, pb.RESPECTIVELY):
                return  # "tỷ lệ giảm … X và Y lần lượt là 10,3% và 12,6%": respectively
            if e > j and e + 1 < n and self.lows[e] in pb.IS_WORDS and T[e + 1].kind == "P":
                item = self._item(e + 1, subject_end, self.r.resolve(j, e), (j, e), v)
                if item is not None and item[0] is not None:
                    self.found.append(item[0])
                return
        count_at = self._count_after_staff_object(j)
        if self.r.number_at(j) is None and count_at is None:
            self._subject_first(v, j)
            return
        first = stock = None
        if count_at is not None:  # "tinh giản biên chế 1.245 người": the object names the staff
            pre_span, first, j = (j, count_at), v, count_at
        else:
            pre_span = self.r.backward(subject_end)
            bare = pre_span[0] == pre_span[1] == subject_end and subject_end >= 2
            if bare and T[subject_end - 1].text == "," and T[subject_end - 2].kind == "N":
                pre_span = (subject_end - 1, subject_end - 1)  # "Thôn: 2.158, giảm 1.004"
            if pre_span[0] > 0 and T[pre_span[0] - 1].kind in "NPF":
                if pre_span[0] - 1 in self.used or T[pre_span[0] - 1].kind != "N":
                    pre_span = (subject_end, subject_end)  # "giảm 5 sở, giảm …": "sở" is taken
                else:
                    stock = pre_span[0] - 1  # "Tiểu học: 212 trường, giảm 61": a table row
        pre = self.r.resolve(*pre_span)
        if pre_span[1] - pre_span[0] == 1 and (self.lows[pre_span[0]],) in pb.EXACT_NAMES:
            pre = None  # "Năm 2024, tỉnh giảm 5": the province acts, it is not what is counted
        merged = any(
            self.r.seq(i, w) for i in range(*pre_span) for w in _MERGES.get(self.lows[i], ())
        )
        if merged and pre is not None and not pre.category:
            pre = None  # "tỉnh đã giải thể, sáp nhập, giảm 37": a clause, not a subject
        if stock is not None and pre is None and stock > 0 and T[stock - 1].text == ":":
            label = (self.r.clause_start(stock), stock - 1)  # "Thôn, tổ dân phố: 2.158, giảm"
            pre_span, pre = label, self.r.resolve(*label)
        if stock is not None and not (pre and pre.category):
            stock = None
        head: Found | None = None
        k = j
        if first is None:
            first = v if subject_end == v else pre_span[0]
        opening = True
        bound = self.r.approx(j)[1] in pb.MINIMUMS  # "tối thiểu 5% … và 10% …": both targets
        while True:
            if bound and not opening and self.r.approx(k)[1] is None and T[k].kind == "P":
                nxt = self._next_item(self.r.forward(self.r.fraction(k + 1)[0]))
                if nxt is None:
                    break
                k = nxt
                continue
            item = self._item(
                k,
                first if opening else None,
                pre if opening else None,
                pre_span if opening else None,
                v,
            )
            if item is None:
                break
            fig, k = item
            if fig is not None and opening and stock is not None:
                fig.first, fig.after = stock, T[stock].value
                fig.doubts.append("list")
                self.used.add(stock)
            opening = False
            if fig is not None:
                fig.head = head
                fig.cue_end = max(fig.cue_end, v + 1)
                if head is None:
                    head = fig
                self.found.append(fig)
            nxt = self._next_item(k)
            if nxt is None:
                break
            stock_left = (
                fig is not None
                and fig.after is not None
                and any(self.lows[i] == pb.LEFT and T[i].paren == T[v].paren for i in range(j, k))
            )  # "(còn 14 sở), 20 phòng": in brackets, the left count is an aside
            if stock_left and T[nxt - 1].text != ";":
                break  # "giảm 5 sở, còn 16 sở và 1 ban": the list goes on with what is left
            k = nxt

    def _past_comparison(self, v: int, j: int) -> int:
        """Skip a point of comparison before a copula: return where the copula stands.

        "ít hơn năm 2015 là 356 người", "giảm so với năm 2015 là 1.204 người".
        """
        T, n = self.T, self.n
        k = j
        if self.r.seq(k, pb.COMPARED_WITH):
            k += len(pb.COMPARED_WITH)
        elif self.lows[v] not in pb.COMPARATIVE_FIRST:
            return j
        for e in range(k, min(n - 1, k + pb.COMPARISON_POINT_SIZE + 1)):
            if T[e].kind == "W" and self.lows[e] in pb.IS_WORDS:
                return e if e > k and self.r.number_at(e + 1, "NPF") is not None else j
            if T[e].kind not in "WN" or (T[e].kind == "N" and T[e - 1].low != pb.YEAR):
                return j  # a count or a sign before any copula: no point of comparison
        return j

    def _past_document(self, j: int) -> int:
        """Skip "theo Nghị định [số] 178/2024/NĐ-CP" before a copula ("… là 612 người")."""
        T, n = self.T, self.n
        if j >= n or self.lows[j] != pb.ACCORDING_TO:
            return j
        k = j + 1
        while k < n and k - j <= 14:
            if T[k].kind == "X" or (T[k].kind == "N" and T[k - 1].low in pb.DOCUMENT_WORDS):
                k += 1
                if k < n and self.lows[k] in pb.BEFORE_OBJECT:
                    return k
                if k < n and self.lows[k] == pb.AND:
                    k += 1  # "theo Nghị định 178 và Nghị định 67 là …"
                    continue
                return j
            if T[k].kind != "W":
                return j
            k += 1
        return j

    def _distribute(self, v: int, figures: list[Found]) -> None:
        """Read "Sở A và Sở B mỗi nơi giảm 3 phòng": one figure per body before "mỗi nơi"."""
        k = v - 1
        while k >= 0 and self.lows[k] in pb.ADVERBS:
            k -= 1
        each = next((w for w in pb.EACH_OF if self.r.seq(k - len(w) + 1, w)), None)
        other_noun = k >= 1 and self.lows[k] and self.lows[k] not in pb.NUMBERING_WORDS
        if each is None and other_noun and self.lows[k - 1] == pb.EACH:  # not "mỗi năm"
            each = (pb.EACH, self.lows[k])  # "mỗi hội", "mỗi huyện"
        if each is None:
            return
        heads = pb.BODY_HEADS | {each[-1]}
        start = self.r.clause_start(v)
        bodies = names = 0  # "Sở A và Sở B mỗi nơi …"; "Chư Jút và Krông Nô mỗi huyện …"
        stop = k - len(each) + 1
        last_word = None
        for i in range(start, stop + 1):
            t = self.T[i] if i < stop else None
            ends = t is None or t.text == "," or self.lows[i] == pb.AND
            if ends and last_word is not None:  # a chunk of the list ends: a name ends capitalised
                names = names + 1 if last_word.text[:1].isupper() else 0
                last_word = None
            elif t is not None and t.kind == "W":
                last_word = t
            if t is None:
                break
            opens = i == start or self.T[i - 1].text == "," or self.lows[i - 1] == pb.AND
            if t.kind == "W" and t.text[:1].isupper() and t.low in heads and opens:
                bodies += 1
        if bodies < 2 and names > 1 and each[-1] not in pb.NOT_EACH_NOUNS:
            bodies = names  # names of places with no head word ("Chư Jút và Krông Nô")
        for fig in figures if bodies > 1 else ():
            for _ in range(bodies - 1):
                copy = Found(**{**fig.__dict__, "doubts": [*fig.doubts, "distributed"]})
                copy.levels = set(fig.levels)
                self.found.append(copy)
        if bodies > 1 or len(each) != 2 or each[-1] in pb.NOT_EACH_NOUNS:
            return
        count = self._count_of(each[-1], k - 1)
        level = LEVEL_CODES.get(each[-1])
        for fig in figures:  # "Tỉnh có 9 huyện; mỗi huyện thôi tổ chức 2 phòng"
            if level and fig.category not in pb.TERRITORIAL_UNITS:
                fig.levels = fig.levels or {level}  # the phòng of each huyện are at its level
            if fig.reduced is None or fig.percent is not None or fig.numerator is not None:
                continue
            fig.first = min(fig.first, k - 1)  # the quote holds "mỗi huyện"
            if count is None:
                fig.doubts.append("per unit")  # what one of them cut: the count is not given
                continue
            fig.doubts.append("distributed over a count")  # one figure per body, as "mỗi nơi"
            for _ in range(count - 1):
                copy = Found(**{**fig.__dict__, "doubts": list(fig.doubts)})
                copy.levels = set(fig.levels)
                self.found.append(copy)

    def _count_of(self, noun: str, before: int) -> int | None:
        """Return the count of ``noun`` stated before "mỗi <noun>" ("9 huyện"), else None.

        The count stands in the sentence, before "mỗi", or in the sentence before it.
        """
        for tokens, stop in ((self.T, before), *((get(), None) for get in self.r.context[-1:])):
            stop = len(tokens) if stop is None else stop
            for k in range(stop - 2, -1, -1):
                tok = tokens[k]
                if tok.kind == "N" and tokens[k + 1].low == noun and isinstance(tok.value, int):
                    return tok.value if 1 < tok.value <= pb.EACH_COUNT_LIMIT else None
        return None

    # ----------------------------------------------------------------- list items
    def _implied_item(self) -> None:
        """Read a list item with no verb under items that have one ("Sở Y tế: 3 phòng")."""
        if any(
            (self.r.verb_at(i) or self.lows[i] in pb.MERGE_FIRST) and not self.T[i].paren
            for i in range(self.n)
        ):  # a verb in brackets is an aside: "Sở Nội vụ (hợp nhất … với Sở Nội vụ): 2 phòng"
            return  # the item has a verb of its own: its scanners read it
        start = next((k + 1 for k, t in enumerate(self.T) if t.text == ":" and not t.paren), 0)
        for k in range(start, self.n):
            if any(self.r.seq(k, words) for words in pb.NOT_CUT_WORDS):
                return  # "Thành lập mới 2 cục", "Bộ hiện có 24 đơn vị": not the list's cut
            tok = self.T[k]
            if tok.kind == "F" and not tok.value < tok.value2:
                return  # "12/12 huyện": coverage, no cut
            if tok.kind in "NPF" and k not in self.used and tok.paren == 0:
                count = len(self.found)  # "Huyện Gia Bình: 9/14" under "Số xã giảm …:"
                self._after_verb(k, k)
                for fig in self.found[count:]:
                    fig.doubts.append("list item without a verb")
                return
            if self.T[k].kind == "X":
                return

    def _count_after_staff_object(self, j: int) -> int | None:
        """Return the index of the count in "<verb> biên chế [công chức] 320 người", else None.

        The object before the count must name staff and the count must be of a staff
        noun ("người", "trường hợp", "biên chế"), so "giảm chi 150 tỷ đồng" stays out.
        """
        T = self.T
        e = j
        while e < self.n and e - j < 6 and T[e].kind == "W" and self.lows[e] not in pb.FWD_STOP:
            e += 1
        if e == j or self.r.number_at(e, "N") is None or T[e].kind != "N":
            return None
        obj = self.r.resolve(j, e)
        if obj is None or not (obj.generic == "staff" or obj.category in STAFF_CATEGORIES):
            return None
        unit = self.r.resolve(e + 1, self.r.forward(e + 1))
        if unit is None or unit.generic != "staff":
            return None
        return e

    def _clause_lists(self) -> None:
        """Resume a list after an aside: "…, trong đó …; 97 phòng … đạt 23,5%, cùng với 2 …"."""
        T = self.T
        for k in self.r.semicolons:  # ";" outside brackets
            if k >= self.n - 1:
                break
            if not self.found:
                continue
            if self.r.number_at(k + 1, "N") is None:
                continue
            if not any(f.last < k for f in self.found):
                continue
            j = k + 1
            while True:
                item = self._item(j, None, None, None, k)
                if item is None:
                    break
                fig, j = item
                if fig is not None:
                    self.found.append(fig)
                nxt = self._next_item(j)
                if nxt is None or T[nxt - 1].text == ";" or (nxt >= 2 and T[nxt - 2].text == ";"):
                    break
                j = nxt

    def _next_item(self, k: int) -> int | None:
        T, n = self.T, self.n
        depth = T[k - 1].paren if k > 0 else 0
        while k < n and T[k].paren > depth:
            k += 1
        if k < n and T[k].text in ")]":
            k += 1
        if k < n and T[k].text in ",;":
            k += 1
        if self.r.seq(k, pb.ALONG_WITH):
            k += 2
        elif k < n and self.lows[k] in pb.LIST_JOINERS:
            k += 1
        if self.r.number_at(k) is not None:
            return k
        return None

    def _item(
        self,
        k: int,
        first: int | None,
        pre: Subject | None,
        pre_span: tuple[int, int] | None,
        verb: int,
    ) -> tuple[Found | None, int] | None:
        """Read one object "[qualifier] count unit [đạt percent (a/b)]" or "percent [số] unit"."""
        T, n = self.T, self.n
        hit = self.r.number_at(k)
        if hit is None:
            return None
        idx, qualifier = hit
        tok = T[idx]
        start = first if first is not None else k
        reduced = percent = numerator = denominator = after = gloss = None
        pct_tok = None
        unknown_after = False
        if tok.kind == "N":
            if not isinstance(tok.value, int) or tok.value <= 0:
                return None
            reduced = tok.value
            s0 = idx + 1
            out_of = self.r.out_of(s0)
            if out_of is not None:  # "giảm 2 trong tổng số 13 ban chỉ đạo"
                numerator, (s0, denominator) = reduced, out_of
            s1 = self.r.forward(s0)
            if s1 > s0 and any(self.r.seq(s0, words) for words in pb.ADVERBIAL_OPENERS):
                s1 = s0  # "giảm 48 kể từ năm 2019": a phrase of time follows, not a noun
            end = s1
            last = max(idx, s1 - 1)
            gloss = self.r.gloss(s1, self.r.resolve(s0, s1))
            if gloss is not None:  # "giảm 75 người (viên chức)"
                end = last = self.r.bracket_end(s1)
                end += 1
            if end < n and T[end].text == "(":  # "giảm 30 xã (còn 120 xã), tương ứng 20%"
                end2, after = self.r.remaining(end)
                if after is not None:
                    end, last = end2, end2 - 1
            end, pct_tok, frac = self.r.rate_after(end)
            if pct_tok is not None:
                last = end - 1
            end2, remaining = self.r.remaining(end) if after is None else (end, None)
            if remaining is not None:
                after, end, last = remaining, end2, end2 - 1
        elif tok.kind == "P":
            pct_tok = tok
            end = idx + 1
            end, frac = self.r.fraction(end)
            if self.r.seq(end, pb.NUMBER_OF):
                end += 2
            elif end < n and self.lows[end] == pb.NUMBER_OF_SHORT:
                end += 1
            s0 = end
            s1 = self.r.forward(s0)
            unit = self.r.resolve(s0, s1)
            if unit is None or not (unit.category or unit.generic):
                unknown_after = s1 > s0
                if unknown_after and T[s0].text[:1].islower():
                    return None, s1  # "giảm 30% thời gian giải quyết": a rate of something else
                s1 = s0  # "giảm khoảng 50% PV": what follows is not the subject
            last = max(end - 1, s1 - 1)
            end = s1
            end2, count = self.r.equivalent(end)
            if count is not None:
                reduced, end, last = count, end2, end2 - 1
        else:  # a fraction as the amount
            if tok.value2 <= 10 or (idx + 1 < n and self.lows[idx + 1] == pb.NUMBER_OF_SHORT):
                return None, idx + 1  # a proportion ("giảm 1/3 số đơn vị"), not a count
            numerator, denominator = tok.value, tok.value2
            reduced = numerator
            s0 = idx + 1
            s1 = self.r.forward(s0)
            end, last = s1, max(idx, s1 - 1)
            end, pct_tok, _ = self.r.rate_after(end)  # "286/1.450 thôn, đạt 19,7%"
            if pct_tok is not None:
                last = end - 1
            frac = None
        if pct_tok is not None:
            percent, pct_dec = pct_tok.value, pct_tok.decimals
            if not 0 < percent <= 100:
                return None, end
        else:
            pct_dec = None
        if frac is not None:
            if frac.value == frac.value2:
                frac = None
            else:
                numerator, denominator = frac.value, frac.value2
                if reduced is None:
                    reduced = numerator
        if qualifier in pb.MINIMUMS and reduced is None:
            return None, end  # a generic target: "giảm tối thiểu 10% biên chế"
        if tok.kind == "N" and s1 > s0 and self.r.seq(s1, pb.REMAINING[0]):
            return None, end  # "4 viện còn lại chuyển sang tự chủ": what remains, no cut
        if tok.kind == "P" and tok.value == 100 and idx > 0 and T[idx - 1].text in ",;":
            return None, end  # "…; 100% bệnh viện đã triển khai …": all of them, no cut
        if reduced is None and percent is None:
            return None, end
        has_unit = s1 > s0
        if not has_unit and tok.kind == "N":
            nxt = T[end] if end < n else None
            follows = nxt is None or nxt.kind == "S" or nxt.low in pb.ITEM_FOLLOWERS
            if not follows and not any(self.r.seq(end, a) for a in pb.ADVERBIAL_OPENERS):
                return None, end
        unknown_counts = tok.kind == "N" and not self.r.implied_verb  # a verb of its own
        unit = self.r.counted(s0, s1) if unknown_counts else self.r.resolve(s0, s1)
        category, levels = self.r.categorise(unit, pre, idx, has_unit, not unknown_after)
        if gloss and unit and unit.generic and kind_fits(gloss.category, unit.generic):
            category, levels = gloss.category, levels | set(gloss.levels)
        if category is None:
            return None, end
        subject = self.r.text(s0, s1)
        if pre is not None and pre_span and (not has_unit or (unit and unit.category is None)):
            pre_text = self.r.text(*pre_span)
            subject = f"{subject} ({pre_text})" if subject and pre_text else subject or pre_text
            if not has_unit and pre.category and pre_span[1] > pre_span[0]:
                start = min(start, pre_span[0])
        for t in range(idx, last + 1):
            if T[t].kind in "NPF":
                self.used.add(t)
        fig = Found(
            category=category,
            subject=subject,
            first=start,
            last=last,
            origin="item",
            reduced=reduced,
            percent=percent,
            percent_decimals=pct_dec,
            numerator=numerator,
            denominator=denominator,
            after=after,
            levels=levels,
            qualifier=qualifier,
            cue_end=idx,
            subject_words=tuple(self.r.words(s0, s1)),
            unit=unit.unit if unit is not None and category == "other" else None,
        )
        if unit is not None and unit.generic and category != "other":
            fig.doubts.append("category from context")
        if idx in self.r.from_opening:
            fig.doubts.append("subject clauses back")
        return fig, end

    def _subject_first(self, v: int, j: int) -> None:
        """Read a count standing before its verb: "Hơn 539 nghìn biên chế đã được cắt giảm"."""
        T = self.T
        k = v - 1
        while k >= 0 and T[k].kind == "W" and T[k].low in pb.ADVERBS:
            k -= 1
        end = k + 1
        if k >= 2 and T[k].text == ")":
            self._bracketed_subject(v, k)  # "Các phòng cấp huyện (157 phòng) chấm dứt hoạt động"
            return
        words = 0
        while k >= 0 and words < 10:
            if T[k].kind == "S" and T[k].text == "," and T[k + 1].low in self.r.cont:
                k -= 1  # "312 cán bộ, công chức, viên chức nghỉ hưu trước tuổi"
                continue
            if T[k].kind != "W":
                break
            if T[k].low in pb.BWD_STOP or T[k].low in pb.FWD_STOP:
                return
            k -= 1
            words += 1
        if words == 0 or k < 0 or T[k].kind != "N" or k in self.used or T[k].paren != T[v].paren:
            return
        if not isinstance(T[k].value, int) or T[k].value <= 0:
            return
        if k > 0 and self.lows[k - 1] in pb.YEAR_WORDS:
            return  # "năm 2021 tỉnh tinh gọn bộ máy": a year, not a count of provinces
        if k > 0 and self.lows[k - 1] in pb.OWNER_WORDS:
            owned = self._owned_count(k - 1)  # "Sáu tổng cục thuộc hai bộ cũ … chấm dứt"
            if owned is None:
                return  # "các huyện của hai tỉnh cũ chấm dứt …": the owners are not the subject
            k, end = owned, k - 1
        start, qualifier = k, None
        for words_, name in pb.APPROX.items():
            w = len(words_)
            if k - w >= 0 and tuple(self.lows[k - w : k]) == words_:
                start, qualifier = k - w, name
                break
        unit = self.r.counted(k + 1, end)
        verb = verb_words(self.r, v)
        category, levels = self.r.categorise(unit, None, k, True)
        people = unit is not None and (
            unit.generic == "staff"
            or (unit.category or "") in PEOPLE_CATEGORIES
            or (unit.category == "other" and unit.words[:1] in pb.PEOPLE_FIRST_WORDS)
        )
        if verb in pb.VERB_CATEGORY and people and not self._posts_ended(category, v):
            category = pb.VERB_CATEGORY[verb]  # "1.284 người nghỉ việc"
        if category is None:
            return
        self.used.add(k)
        last = v + len(verb) - 1
        r = last + 1
        while r < self.n and self.lows[r] in pb.VERB_JOINERS:  # "giải thể hoặc sáp nhập"
            width = self.r.verb_at(r + 1) or max(
                (len(w) for w in pb.MERGE_VERBS if self.r.seq(r + 1, w)), default=0
            )
            if not width:
                break
            r += 1 + width
        r_end, pct, frac = self.r.rate_at(r)
        percent = decimals = numerator = denominator = None
        if pct is not None:  # "3.303 đơn vị … đã được giải thể, chiếm tỷ lệ 20,3%"
            percent, decimals, last = pct.value, pct.decimals, r_end - 1
            self.used.add(T.index(pct))
            if frac is not None and frac.value != frac.value2:
                numerator, denominator = frac.value, frac.value2
        self.found.append(
            Found(
                category=category,
                subject=self.r.text(k + 1, end),
                first=start,
                last=last,
                origin="item",
                reduced=T[k].value,
                percent=percent,
                percent_decimals=decimals,
                numerator=numerator,
                denominator=denominator,
                levels=levels,
                qualifier=qualifier,
                cue_end=v + 1,
                subject_words=tuple(self.r.words(k + 1, end)),
                unit=unit.unit if unit is not None else None,
            )
        )

    def _posts_ended(self, category: str | None, v: int) -> bool:
        """Whether part-time workers leave because their posts end, not under a decree.

        "214 người hoạt động không chuyên trách … đã thôi việc sau khi nhập tổ dân phố" is a
        cut of part-time workers; "… đã nghỉ việc theo Nghị định 154" is a payroll exit.
        """
        if category not in pb.POSTS_NOT_PAYROLL:
            return False
        words = self.lows[self.r.clause_start(v) : self.r.clause_end(v)]
        return not any(
            tuple(words[i : i + len(regime)]) == regime
            for i in range(len(words))
            for regime in pb.EXIT_REGIMES
        )

    def _owned_count(self, owner: int) -> int | None:
        """Return the count before an owner word ("18 huyện, thành phố của hai tỉnh"), else None."""
        T, k, words = self.T, owner - 1, 0
        while k >= 0 and words < 8:
            if T[k].kind == "S" and T[k].text == "," and T[k + 1].low in self.r.cont:
                k -= 1  # "18 huyện, thành phố của …"
                continue
            if T[k].kind != "W" or T[k].low in pb.BWD_STOP or T[k].low in pb.FWD_STOP:
                break
            k -= 1
            words += 1
        if words == 0 or k < 0 or T[k].kind != "N" or k in self.used:
            return None
        return k if isinstance(T[k].value, int) and T[k].value > 0 else None

    def _bracketed_subject(self, v: int, close: int) -> None:
        """Read "<subject> (157 phòng) <verb>": the count in brackets after its subject."""
        T = self.T
        k = close - 1
        while k > 0 and T[k].kind == "W" and T[k].paren == T[close - 1].paren:
            k -= 1
        if T[k].kind != "N" or k in self.used or not isinstance(T[k].value, int):
            return
        if k == 0 or T[k - 1].text != "(" or T[k].value <= 0:
            return
        unit = self.r.resolve(k + 1, close)
        pre = self.r.resolve(*self.r.backward(k - 1))
        category, levels = self.r.categorise(unit, pre, k, close > k + 1)
        if category is None:
            return
        if pre is not None:
            levels = levels | set(pre.levels)
        first = self.r.backward(k - 1)[0]
        verb = verb_words(self.r, v)
        self.used.add(k)
        self.found.append(
            Found(
                category=category,
                subject=self.r.text(first, k - 1) or self.r.text(k + 1, close),
                first=first if first < k else k,
                last=v + len(verb) - 1,
                origin="item",
                reduced=T[k].value,
                levels=levels,
                cue_end=v + 1,
                subject_words=tuple(self.r.words(first, k - 1)),
                unit=unit.unit if unit is not None else None,
            )
        )

    def _after_only(self, v: int, j: int) -> None:
        """Read "giảm xuống 263 xã" with the count before stated earlier ("đang quản lý 526")."""
        T = self.T
        while j < self.n and self.lows[j] in pb.DOWN_TO_WORDS:
            j += 1
        hit = self.r.number_at(j, "N")
        if hit is None:
            return
        idx = hit[0]
        end = self.r.forward(idx + 1)
        unit = self.r.resolve(idx + 1, end)
        if unit is None or not unit.category:
            return
        for b in range(v - 1, -1, -1):
            tok = T[b]
            if tok.kind != "N" or b in self.used or tok.paren != T[v].paren:
                continue
            b_unit = self.r.resolve(b + 1, self.r.forward(b + 1))
            if b_unit is None or b_unit.category != unit.category:
                continue
            if not isinstance(tok.value, int) or tok.value <= T[idx].value:
                continue
            self.used.update((b, idx))
            self.found.append(
                Found(
                    category=unit.category,
                    subject=self.r.text(idx + 1, end),
                    first=v,
                    last=max(idx, end - 1),
                    origin="pair",
                    reduced=tok.value - T[idx].value,
                    baseline=tok.value,
                    after=T[idx].value,
                    levels=set(unit.levels) | set(b_unit.levels),
                    cue_end=v + 1,
                    subject_words=tuple(self.r.words(idx + 1, end)),
                )
            )
            return


__all__ = ["ObjectScanner"]
