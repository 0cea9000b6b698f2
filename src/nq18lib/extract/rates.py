"""Rates with no count of their own, and lists of rates.

Rates with no count of their own: "công chức đạt tỷ lệ 14,4% (215/1.503)" in a sentence
about reductions, and rate lists "Tỷ lệ giảm biên chế …: Thanh Hóa 12,5%, Nghệ An 9,8%".
"""

from __future__ import annotations

from nq18lib.extract import phrasebook as pb
from nq18lib.extract.sentence import Found, SentenceReader, kind_fits


class RateScanner:
    """Read the rates of a sentence."""

    def __init__(self, reader: SentenceReader) -> None:
        self.r = reader
        self.T, self.n, self.lows = reader.T, reader.n, reader.lows
        self.used, self.found = reader.used, reader.found

    def scan(self) -> None:
        """Read rates (in a sentence about reductions) and rate lists."""
        if self.r.reduction_context:
            self._rates()
        self._rate_list()

    # ----------------------------------------------------------------- scanner 4
    def _rates(self) -> None:
        """Read rates: "công chức đạt tỷ lệ 14,4% (215/1.503)" in a sentence about reductions."""
        T = self.T
        for k in [k for k, t in enumerate(T) if t.kind == "P"]:
            tok = T[k]
            if k in self.used or not 0 < tok.value < 100:
                continue
            if self.r.phrase_at(k + 1, pb.COMPLETION_NOUNS) is not None:
                continue  # "đạt 95% chỉ tiêu": a plan's completion
            m = k
            if m >= 2 and self.r.seq(m - 2, pb.RATE_WORDS):
                m -= 2
            if m >= 1 and self.lows[m - 1] == pb.REACH:
                m -= 1
            if m == k:
                continue
            if m >= 1 and T[m - 1].kind == "W" and T[m - 1].low in pb.APPROX_LAST_WORDS:
                continue
            named = self._rate_subject(m)
            opening = self.r.clause_start(m)
            share = named is None and self.r.seq(opening, pb.RATE_WORDS)
            if share and not any(self.r.verb_at(i) for i in range(opening + 2, m)):
                continue  # "Tỷ lệ đơn vị tự chủ … đạt 23%": a share, not a rate of a cut
            s0, s1 = named[1:] if named else self.r.backward(m)
            pre = self.r.resolve(s0, s1)
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
            counted = self._counted_part(s0, pre)  # "công chức 215/1.503 người, đạt 14,3%"
            if counted is not None:
                pre, s0, s1, f = counted
                first = s0
                self.used.add(f)
                numerator, denominator = T[f].value, T[f].value2
                reduced = numerator
            if pre.category is None and not pre.generic:
                continue
            category, levels = self.r.categorise(pre, None, s0, True)
            if category is None:
                continue
            end, frac = self.r.fraction(k + 1)
            if counted is None:
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
                    subject=self.r.text(s0, s1),
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
                    subject_words=tuple(self.r.words(s0, s1)),
                )
            )

    def _counted_part(self, s0: int, pre):
        """Read "công chức 215/1.503 người, đạt 14,3%": a kind, its fraction, a generic noun.

        Returns (subject, its start, its end, the fraction's index) when the generic noun
        before the rate follows a fraction that a named kind opens, else None.
        """
        T = self.T
        f = s0 - 1
        if not (pre.generic and f >= 1 and T[f].kind == "F" and f not in self.used):
            return None
        if not 0 < T[f].value < T[f].value2:
            return None
        n0, n1 = self.r.backward(f)
        named = self.r.resolve(n0, n1) if n1 > n0 else None
        if named is None or not named.category or named.generic:
            return None
        if not kind_fits(named.category, pre.generic):
            return None
        return named, n0, n1, f

    def _rate_subject(self, m: int) -> tuple[int, int, int] | None:
        """Find "Tỷ lệ tinh giản biên chế … đạt 10,5%": (start of "tỷ lệ", subject span)."""
        start = self.r.clause_start(m)
        for r in range(start, m - 2):
            if self.r.seq(r, pb.RATE_WORDS):
                width = self.r.verb_at(r + 2)
                if width:
                    s0 = r + 2 + width
                    s1 = self.r.forward(s0)
                    return (r, s0, s1) if s1 > s0 else None
        return None

    def _rate_list(self) -> None:
        """Read "Tỷ lệ giảm biên chế công chức …: Thanh Hóa 12,5%, Nghệ An 9,8%"."""
        T, n = self.T, self.n
        for r in range(n - 3):
            if self.lows[r] not in pb.RATE_FIRST or self.lows[r + 1] != pb.RATE_WORDS[1]:
                continue
            j = r + 2
            width = self.r.verb_at(j)
            if not width:
                return
            s0 = j + width
            s1 = self.r.forward(s0)
            colon = next((k for k in range(s1, min(n, s1 + 12)) if T[k].text == ":"), None)
            subject = self.r.resolve(s0, s1)
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
                        subject=f"{self.r.text(s0, s1)} ({self.r.text(names, k)})",
                        first=names,
                        last=k,
                        origin="rate",
                        percent=T[k].value,
                        percent_decimals=T[k].decimals,
                        levels=set(subject.levels),
                        cue_end=k,
                        subject_words=tuple(self.r.words(s0, s1)),
                        doubts=["list item without a verb"],
                    )
                )
                k += 1
                if k < n and T[k].text in ",;":
                    k += 1
                if k < n and self.lows[k] == pb.AND:
                    k += 1
            return


__all__ = ["RateScanner"]
