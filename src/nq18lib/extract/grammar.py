"""The grammar of reduction phrases in one sentence of Vietnamese report text.

A sentence is read as tokens (:mod:`nq18lib.extract.tokens`) by :class:`SentenceReader`
(:mod:`nq18lib.extract.sentence`: noun phrases, categories, cues, what follows a number),
and its figures are found by four scanners, each a unit of its own over that reader:

1. :class:`~nq18lib.extract.pairs.BeforeAfterScanner`: "từ 11 huyện … giảm xuống còn 10",
   "trước có 14 phòng, nay chỉ còn 9", "45 chi cục được gom thành 12";
2. :class:`~nq18lib.extract.objects.ObjectScanner`: a verb and its object list ("giảm 4 cơ
   quan … đạt 36,4%; 5 sở đạt 26,3%"), or the subject before it ("Hơn 539 nghìn biên chế đã
   được cắt giảm"), list items with no verb, "mỗi nơi";
3. :class:`~nq18lib.extract.rates.RateScanner`: "công chức đạt tỷ lệ 14,4% (215/1.503)";
4. :class:`~nq18lib.extract.breakdowns.BreakdownScanner`: "trong số này, 14 đơn vị …";
5. :class:`~nq18lib.extract.respectively.RespectivelyScanner`: "công chức và viên chức giảm
   lần lượt là 92 và 176 người".

What is not a reduction never enters: numbers that count nothing (dates, document numbers,
money, ranges, phone numbers) are separate token kinds; stock counts and units rearranged
or set up have no reduction verb; a percent bound by "tối thiểu"/"ít nhất" is a generic
target; a fraction a/a is coverage. Every word the scanners read is in
:mod:`nq18lib.extract.phrasebook`.
"""

from __future__ import annotations

from nq18lib.extract import phrasebook as pb
from nq18lib.extract.bounds import NUMBER_COLUMNS, number_bounds
from nq18lib.extract.breakdowns import BreakdownScanner
from nq18lib.extract.objects import ObjectScanner
from nq18lib.extract.pairs import BeforeAfterScanner
from nq18lib.extract.rates import RateScanner
from nq18lib.extract.respectively import RespectivelyScanner
from nq18lib.extract.sentence import Found, SentenceReader


class SentenceGrammar(SentenceReader):
    """Read the reduction figures of one tokenised sentence (see :class:`SentenceReader`)."""

    def parse(self) -> list[Found]:
        """Run every scanner and return the figures, in text order."""
        pairs, objects = BeforeAfterScanner(self), ObjectScanner(self)
        pairs.scan()
        objects.scan()
        if self.found and self.retry_pairs:
            pairs.scan()  # again: "giảm một nửa, từ 16 còn 8" takes the first subject
        if self.implied_verb and not self.found:
            objects.scan_implied()
        objects.scan_resumed()
        RespectivelyScanner(self).scan()
        RateScanner(self).scan()
        BreakdownScanner(self).scan()
        pairs.reconcile()
        self._owned_totals()
        for fig in self.found:
            fig.status = self.status(fig)
            fig.phase = self.phase(fig)
            if not fig.levels:
                fig.levels = self.topic_levels(fig.first)
            fig.bounds = number_bounds(self.T, fig.first, fig.last, _numbers(fig))
        return sorted(self.found, key=lambda f: (self.T[f.first].start, f.last))

    def _owned_totals(self) -> None:
        """Give a total of "đầu mối" the kind of unit of its owner ("… của hai bộ").

        A rate with no subject of its own beside it ("(giảm 40,5%)") takes the same kind.
        """
        totals = [f for f in self.found if f.category == "other"]
        if not any(f.subject_words[:2] == ("đầu", "mối") for f in totals):
            return
        owner = self._owner_kind()
        for fig in totals if owner else ():
            if fig.subject_words[:2] == ("đầu", "mối") or not fig.subject_words:
                fig.category = owner
                fig.doubts.append("category from context")

    def _owner_kind(self) -> str:
        """Return the kind of unit of the owner the sentence names ("của hai bộ"), else ""."""
        lows = self.lows
        for i in range(self.n - 1):
            if lows[i] not in pb.OWNER_WORDS:
                continue
            j = i + 1
            if self.T[j].kind == "N" or lows[j] == "các":
                j += 1  # "của hai bộ", "thuộc các bộ"
            kind = pb.OWNED_TOTALS.get(lows[j]) if j < self.n else None
            if kind and not (j + 1 < self.n and lows[j + 1] in pb.NOT_OWNERS):
                return kind
        return ""


def _numbers(fig: Found) -> dict:
    return {column: getattr(fig, column) for column in NUMBER_COLUMNS}


__all__ = ["Found", "SentenceGrammar"]
