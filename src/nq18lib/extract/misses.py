"""Possible misses: numbers in a reduction clause that no figure took and no rule explains.

Recall comes first: a number that stands in a clause with a reduction verb and counts
something (a noun or a percent follows it) either becomes a figure or is reported here, so a
reviewer sees it. Numbers the grammar set aside for a stated reason are not reported: stock
counts ("còn 9 sở", "hiện có 1.923"), increases ("tăng 2"), units set up ("thành lập 6"),
generic targets ("tối thiểu 10%"), coverage ("18/18 sở"), dates, money, document numbers and
ranges (these are not numbers to the tokenizer).
"""

from __future__ import annotations

from dataclasses import dataclass

from nq18lib.extract import phrasebook as pb
from nq18lib.extract.sentence import SentenceReader
from nq18lib.extract.tokens import Token


@dataclass
class PossibleMiss:
    """A number that may be a reduction figure the grammar did not read.

    ``start``/``end`` are offsets into the text as given (``text[start:end] == number``),
    ``line`` the 1-based line; ``reason`` says why it is shown.
    """

    number: str
    start: int
    end: int
    line: int
    sentence: str
    reason: str

    @property
    def location(self) -> str:
        """Where the number stands: ``p<line>:<start>-<end>``."""
        return f"p{self.line}:{self.start}-{self.end}"

    def to_dict(self) -> dict:
        """Return the miss as a plain dict (with ``location``)."""
        return {
            "number": self.number,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "location": self.location,
            "reason": self.reason,
            "sentence": self.sentence,
        }


def unread_numbers(
    tokens: list[Token],
    used: set[int],
    covered: list[tuple[int, int]],
    reading: SentenceReader | None = None,
) -> list[tuple[int, str]]:
    """Return ``(token index, reason)`` for the numbers of reduction clauses left unread.

    Parameters
    ----------
    tokens : list of Token
        One sentence.
    used : set of int
        Indices of the tokens the grammar consumed.
    covered : list of (int, int)
        Token spans (first, last) of the figures found in the sentence.
    reading : SentenceReader, optional
        The reader that read these tokens: its words, clauses and verbs are taken as they
        are instead of being found again.
    """
    out: list[tuple[int, str]] = []
    n = len(tokens)
    if reading is not None:
        lows, semicolons, verbs = reading.lows, reading.semicolons, reading.verbs
    else:
        lows = [t.low if t.kind == "W" else "" for t in tokens]
        semicolons = [k for k, t in enumerate(tokens) if t.text == ";" and not t.paren]
        verbs = None
    start = 0
    for end in [*semicolons, n]:
        if _has_verb(lows, start, end) if verbs is None else _verb_in(verbs, start, end):
            for k in range(start, end):
                tok = tokens[k]
                if tok.kind not in "NPF" or k in used:
                    continue
                if any(a <= k <= b for a, b in covered):
                    continue
                reason = _unexplained(tokens, lows, k)
                if reason is not None:
                    out.append((k, reason))
        start = end + 1
    return out


def _verb_in(verbs: dict[int, int], start: int, end: int) -> bool:
    """Whether one of the verbs (start → width) starts in tokens start..end."""
    if end - start < len(verbs):
        return any(i in verbs for i in range(start, end))
    return any(start <= i < end for i in verbs)


def _has_verb(lows: list[str], start: int, end: int) -> bool:
    for i in range(start, end):
        for verb in pb.VERB_FIRST.get(lows[i], ()):
            if tuple(lows[i : i + len(verb)]) == verb:
                return True
    return False


def _unexplained(tokens: list[Token], lows: list[str], k: int) -> str | None:
    """Return why the number at k may be a figure, or None when a rule explains it away."""
    tok = tokens[k]
    before = lows[max(0, k - 3) : k]
    if tok.kind == "F" and tok.value == tok.value2:
        return None  # coverage: "18/18 sở"
    if k and (lows[k - 1] == pb.AND or tokens[k - 1].text == ","):
        for j in range(k - 2, max(0, k - 10), -1):
            if tokens[j].kind in "NPF":
                if lows[j - 1] in pb.NOT_REDUCTION_BEFORE:
                    return None  # "còn 16 sở và 1 ban": the stock's list goes on
                break
            if _has_verb(lows, j, j + 1):
                break
    if tok.kind == "N" and k and lows[k - 1] in pb.NUMBERING_WORDS:
        return None  # "năm 2024", "Nghị quyết số 18", "Đề án 25", "giai đoạn 2"
    after = lows[k + 1] if k + 1 < len(lows) else ""
    if (k and lows[k - 1] == pb.FROM and after in pb.RANGE_TO) or (
        k >= 2 and lows[k - 1] in pb.RANGE_TO and lows[k - 3 : k - 2] == [pb.FROM]
    ):
        return None  # a range: "giảm từ 1 đến 3 phòng"
    if any(w in pb.NOT_REDUCTION_BEFORE for w in before):
        return None  # "còn 9 sở", "tăng 2", "thành lập 6", "hiện có 1.923"
    if any(" ".join(before).endswith(m) for m in pb.MINIMUMS):
        return None  # "tối thiểu 10%": a generic target
    nxt = tokens[k + 1] if k + 1 < len(tokens) else None
    if tok.kind == "N" and (nxt is None or nxt.kind != "W") and not (k and lows[k - 1]):
        return None  # a bare number after punctuation counts nothing named
    if nxt is not None and nxt.kind == "W" and nxt.low in pb.NOT_COUNTED:
        return None  # "giảm 3 lần", "giảm 2 bậc"
    if tok.kind == "P":
        return "percent in a reduction clause"
    return "count in a reduction clause"


__all__ = ["PossibleMiss", "unread_numbers"]
