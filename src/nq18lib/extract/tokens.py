"""Tokens and sentences of Vietnamese report text, for the extraction grammar.

A sentence is cut into typed tokens with one compiled regular expression:

- ``W`` a word (one syllable; ``low`` is its lower case);
- ``N`` a count or number ("1.503", "03", "539 nghìn", "bốn" before a noun);
- ``P`` a percent ("36,4%"), ``F`` a fraction ("215/1.503");
- ``X`` a number that counts nothing here: a date, a year range, a time, a document
  number ("09-ĐA/TU"), a phone number, an amount of money, a numeric range, a web address;
- ``S`` punctuation.

Every token keeps its character span in the text it was cut from.

Thousands are grouped the Vietnamese way ("1.102"), by a single space or narrow no-break
space ("1 102", not after another number or before a percent), or the English way: "1,102"
before a counted noun is 1102, because a count is whole and a decimal count comes with a
multiplier ("1,5 nghìn"); "1,234,567" is always grouped. A percent keeps the Vietnamese
decimal comma ("38,2%").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from nq18lib.exceptions import NumberFormatError
from nq18lib.extract.phrasebook import fold_tone
from nq18lib.extract.prefilter import guarded
from nq18lib.extract.wordnumbers import NUMBER_WORDS, longest_number_words
from nq18lib.numerals import parse_decimal

_TOKEN = re.compile(
    r"""
    \s*(?:  # spaces are taken with the token after them: one match per token, not per space
    (?P<word>[^\W\d_]+(?:\x20[^\W\d_]+)*)  # a run of words, one space apart: split after
  | (?=[\d+IVX])(?:  # the numbers: only where a digit, "+" or a Roman numeral stands
    (?P<phone>(?<![\d.,])(?:\+84|0)\d{2,3}(?:[.\s]\d{3}){2}\d?(?![\d]))
  | (?P<doc>\d+(?:/\d+)*[-/][A-ZĐ][A-ZĐa-zđ0-9]*(?:[-/][A-ZĐ][A-ZĐa-zđ0-9]*)*)
  | (?P<date>\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}(?!\d)
        |(?:0?[1-9]|1[0-2])/(?:19|20)\d{2}(?!\d)
        |[IVX]{1,4}/(?:19|20)\d{2}(?!\d))
  | (?P<years>(?:19|20)\d{2}\s?[-–]\s?(?:19|20)\d{2}(?!\d))
  | (?P<time>\d{1,2}:\d{2}(?::\d{2})?(?!\d))
  | (?P<frac>(?:\d{1,3}(?:\.\d{3})+|\d+)/(?:\d{1,3}(?:\.\d{3})+|\d+)(?![\d/]))
  | (?P<range>\d+(?:[.,]\d+)?\s?%?\s?[-–]\s?\d+(?:[.,]\d+)?(?![\d]))
  | (?P<spaced>(?<![\d.,])(?<!\d[ \u00a0\u202f])[1-9]\d{0,2}(?:[ \u00a0\u202f]\d{3})+(?![\d.,%/]))
  | (?P<pct>\d+(?:[.,]\d+)*\s?%)
  | (?P<num>\d+(?:[.,]\d+)*)
    )
  | (?P<punct>[^\s\w])
    )""",
    re.VERBOSE,
)
_URL = re.compile(r"(?:https?://|www\.)\S*[^\s.,;:)\]]|[\w.+-]+@[\w-]+\.[\w.]+")
_MULTIPLIERS = {"nghìn": 1000, "ngàn": 1000, "triệu": 1_000_000}
_MONEY = frozenset(["tỷ", "tỉ", "đồng", "usd", "vnđ", "vnd", "đô", "euro", "đ"])
_SENTENCE_END = guarded(re.compile(r"[.!?…]+[\"”’)]*\s+|;\s*\n|\n"))
_LAST_WORD = re.compile(r"(\w+)$")
_ABBREVIATIONS = frozenset(["tp", "ths", "ts", "pgs", "gs", "bs", "q", "p", "tt", "ks", "th"])


_LOWS: dict[str, str] = {}
"""Lower-case, tone-folded forms of the words seen (reports repeat their words)."""


def _low(text: str) -> str:
    """Return (and remember) the lower-case, tone-folded form of a token's text."""
    if len(_LOWS) > 100_000:
        _LOWS.clear()
    low = _LOWS[text] = fold_tone(text.lower())
    return low


class Token:
    """One token: ``kind``, ``text`` as written, ``low`` (lower case), span, value.

    ``value`` is the number of ``N`` and ``P`` tokens, the numerator of ``F`` tokens
    (``value2`` the denominator); ``decimals`` counts the decimals written in a percent.
    ``paren`` is the depth of parentheses the token stands in.
    """

    __slots__ = ("decimals", "end", "kind", "low", "paren", "start", "text", "value", "value2")

    def __init__(self, kind: str, text: str, start: int, end: int, paren: int = 0) -> None:
        self.kind = kind
        self.text = text
        self.low = _LOWS.get(text) or _low(text)
        self.start = start
        self.end = end
        self.value: float | int | None = None
        self.value2: int | None = None
        self.decimals = 0
        self.paren = paren

    def __repr__(self) -> str:
        value = "" if self.value is None else f"={self.value}"
        return f"{self.kind}:{self.text}{value}"


def split_sentences(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    r"""Yield the ``(start, end)`` spans of the sentences of ``text[start:end]``.

    A sentence ends at a line break, or at ``.``, ``!``, ``?`` or ``…`` followed by a space
    and a capital letter or a digit (not after an abbreviation such as "TP.").

    Examples
    --------
    >>> t = "Tỉnh giảm 1.503 người. Sau đó… Hết TP. Huế.\nMới"
    >>> [t[a:b] for a, b in split_sentences(t)]
    ['Tỉnh giảm 1.503 người.', 'Sau đó…', 'Hết TP. Huế.', 'Mới']
    """
    end = len(text) if end is None else end
    begin = start
    for m in _SENTENCE_END.finditer(text, start, end):
        stop = m.end()
        if text[m.start()] not in "\n;":
            nxt = text[stop] if stop < end else ""
            if nxt and not (nxt.isupper() or nxt.isdigit() or nxt in '"“(['):
                continue
            if text[m.start()] == ".":
                word = _LAST_WORD.search(text, max(begin, m.start() - 6), m.start())
                if word and word.group(1).lower() in _ABBREVIATIONS:
                    continue
        cut = m.start() + len(m.group().rstrip())
        if text[begin:cut].strip():
            yield _trim(text, begin, cut)
        begin = stop
    if begin < end and text[begin:end].strip():
        yield _trim(text, begin, end)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def tokenize(text: str, start: int = 0, end: int | None = None, units: frozenset = frozenset()):
    """Return the tokens of ``text[start:end]``.

    Parameters
    ----------
    text : str
        The whole text (spans point into it).
    start, end : int
        The part to cut (usually one sentence).
    units : frozenset of str
        First words of the nouns that can be counted ("phòng", "đơn", "sở" …): a number
        written in words becomes an ``N`` token only when one of them follows.

    Examples
    --------
    >>> tokenize("giảm 4 cơ quan đạt 36,4% (215/1.503), Đề án 09-ĐA/TU ngày 13/12/2024")
    ... # doctest: +NORMALIZE_WHITESPACE
    [W:giảm, N:4=4, W:cơ, W:quan, W:đạt, P:36,4%=36.4, S:(, F:215/1.503=215, S:), S:,,
     W:Đề, W:án, X:09-ĐA/TU, W:ngày, X:13/12/2024]
    >>> tokenize("hơn 539 nghìn biên chế, 200 tỷ đồng, bốn đầu mối", units=frozenset({"đầu"}))
    [W:hơn, N:539 nghìn=539000, W:biên, W:chế, S:,, X:200 tỷ đồng, S:,, N:bốn=4, W:đầu, W:mối]
    >>> tokenize("giảm 1 102 thôn, 1,102 xóm, 1,5 nghìn người")
    ... # doctest: +NORMALIZE_WHITESPACE
    [W:giảm, N:1 102=1102, W:thôn, S:,, N:1,102=1102, W:xóm, S:,, N:1,5 nghìn=1500, W:người]
    """
    end = len(text) if end is None else end
    raw: list[Token] = []
    paren = 0
    chunk = text[start:end]
    if "://" in chunk or "www." in chunk or "@" in chunk:
        pieces, at = [], start
        for m in _URL.finditer(text, start, end):
            pieces.append((at, m.start()))
            url = Token("X", m.group(), m.start(), m.end())
            pieces.append(url)
            at = m.end()
        pieces.append((at, end))
        out: list[Token] = []
        for piece in pieces:
            if isinstance(piece, Token):
                out.append(piece)
            else:
                out.extend(tokenize(text, piece[0], piece[1], units))
        return out
    append = raw.append
    for m in _TOKEN.finditer(text, start, end):
        kind = m.lastgroup
        s, e = m.span(m.lastindex)
        if kind == "word":
            for word in text[s:e].split(" "):
                e = s + len(word)
                append(Token("W", word, s, e, paren))
                s = e + 1
            continue
        tok = Token("X", text[s:e], s, e)
        if kind == "punct":
            tok.kind = "S"
            if tok.text in "([":
                paren += 1
            elif tok.text in ")]":
                paren = max(0, paren - 1)
        elif kind == "pct":
            try:
                parsed = parse_decimal(tok.text)
                tok.kind, tok.value, tok.decimals = "P", parsed.value, parsed.decimals
            except NumberFormatError:
                pass
        elif kind == "frac":
            a, b = tok.text.split("/")
            tok.kind, tok.value, tok.value2 = "F", int(a.replace(".", "")), int(b.replace(".", ""))
        elif kind == "spaced":  # "1 102": a space (or a narrow no-break space) groups thousands
            tok.kind, tok.value = "N", int(re.sub(r"\D", "", tok.text))
        elif kind == "num":
            value = _number_value(tok.text)
            if value is not None:
                tok.kind, tok.value = "N", value
        tok.paren = paren
        raw.append(tok)
    return _merge(raw, text, units)


def _number_value(text: str) -> int | float | None:
    if re.fullmatch(r"[1-9]\d{0,2}(?:\.\d{3})+", text) or text.isdigit():
        return int(text.replace(".", ""))
    if re.fullmatch(r"[1-9]\d{0,2}(?:,\d{3}){2,}", text):  # "1,234,567": English-style grouping
        return int(text.replace(",", ""))
    try:
        value = parse_decimal(text).value
    except NumberFormatError:
        return None
    return int(value) if value == int(value) else value


_ENGLISH_THOUSANDS = re.compile(r"[1-9]\d{0,2},\d{3}")


def _counts_noun(raw: list[Token], j: int) -> bool:
    """Whether raw[j] is a word that a count stands before (not a multiplier or money)."""
    return j < len(raw) and raw[j].kind == "W" and raw[j].low not in _MONEY


_BEFORE_LONE_NUMBER = frozenset(["từ", "xuống", "còn", "thành", "là", "lượt"])
"""Words after which a lone number word is a number ("từ chín xuống còn sáu")."""
_AFTER_LONE_NUMBER = frozenset(["xuống", "còn", "và", "thành", "so"])
"""Words before which a lone number word is a number ("lần lượt hai và ba phòng")."""
_NOT_AFTER_NUMBER = frozenset(["số", "phần", "nửa", "vài", "chút", "ít", "cách", "lúc", "khi"])
"""Words after a number word that make it no count ("một số", "hai phần ba", "một ít")."""


def _counts(raw: list[Token], i: int, count: int, units: frozenset, out: list[Token]) -> bool:
    """Whether the number words raw[i:i+count] are a count.

    Before a counted noun always ("bốn đầu mối"); a numeral of several words anywhere but
    before "số"/"phần" ("từ mười chín xuống", "giảm là mười lăm."); one word only between
    the words of a before/after or a list ("từ chín xuống còn sáu", "lần lượt hai và ba").
    """
    after = raw[i + count] if i + count < len(raw) else None
    if after is not None and after.kind == "W" and after.low in units:
        return True
    if after is not None and after.kind == "W" and after.low in _NOT_AFTER_NUMBER:
        return _is_percent_words(raw, i + count)
    if count > 1 or raw[i].low == "mười":
        return True
    before = raw[i - 1] if i > 0 else None
    loose_after = after is None or after.kind == "S" or after.low in _AFTER_LONE_NUMBER
    if before is not None and before.low in _BEFORE_LONE_NUMBER and loose_after:
        return True
    listed = before is not None and (before.low == "và" or before.text == ",")
    return listed and loose_after and len(out) >= 2 and out[-2].kind == "N"


def _is_percent_words(raw: list[Token], j: int) -> bool:
    """Whether raw[j:j+2] is "phần trăm" (a percent written in words)."""
    return (
        j + 1 < len(raw)
        and raw[j].low == "phần"
        and raw[j + 1].low == "trăm"
        and raw[j + 1].kind == "W"
    )


def _numbers_at(raw: list[Token]) -> list[int]:
    """Return where the numbers and the number words stand among raw tokens."""
    return [
        i for i, t in enumerate(raw) if t.kind == "N" or (t.kind == "W" and t.low in NUMBER_WORDS)
    ]


def _merge(raw: list[Token], text: str, units: frozenset) -> list[Token]:
    """Join number words, multipliers ("nghìn") and money ("tỷ đồng") into their numbers."""
    out: list[Token] = []
    i, n = 0, len(raw)
    numbers = _numbers_at(raw)  # only numbers and number words can join what follows them
    at = 0  # numbers[at] is the first number not yet passed
    while i < n:
        while at < len(numbers) and numbers[at] < i:
            at += 1
        if at == len(numbers):
            out.extend(raw[i:])  # words that are no numbers, punctuation: as they are
            break
        if numbers[at] > i:
            out.extend(raw[i : numbers[at]])
            i = numbers[at]
        tok = raw[i]
        if tok.low == "một" and i + 1 < n and raw[i + 1].low == "nửa" and raw[i + 1].kind == "W":
            half = Token("P", text[tok.start : raw[i + 1].end], tok.start, raw[i + 1].end)
            half.value, half.paren = 50.0, tok.paren  # "giảm một nửa" is a rate of 50 %
            out.append(half)
            i += 2
            continue
        if tok.kind == "W" and tok.low in NUMBER_WORDS:
            words = []
            j = i
            while j < n and j - i < 8 and raw[j].kind == "W" and raw[j].low in NUMBER_WORDS:
                words.append(raw[j].low)
                j += 1
            found = longest_number_words(words)
            if found is not None:
                value, count = found
                if _counts(raw, i, count, units, out):
                    num = Token("N", text[tok.start : raw[i + count - 1].end], tok.start, 0)
                    num.end = raw[i + count - 1].end
                    num.value, num.paren, num.decimals = value, tok.paren, -1
                    if _is_percent_words(raw, i + count):  # "mười lăm phần trăm"
                        end = raw[i + count + 1].end
                        num = Token("P", text[tok.start : end], tok.start, end, tok.paren)
                        num.value = float(value)
                        count += 2
                    out.append(num)
                    i += count
                    continue
        if tok.kind == "N" and i + 2 < n and raw[i + 1].text == "(":
            j = i + 2  # "01 (một) sở": the number spelt out in brackets is the same number
            while j < n and j - i < 8 and raw[j].kind == "W" and raw[j].low in NUMBER_WORDS:
                j += 1
            glossed = longest_number_words([t.low for t in raw[i + 2 : j]]) if j > i + 2 else None
            if glossed == (tok.value, j - i - 2) and j < n and raw[j].text == ")":
                num = Token("N", text[tok.start : raw[j].end], tok.start, raw[j].end, tok.paren)
                num.value = tok.value
                raw[i : j + 1] = [num]
                n = len(raw)
                numbers, at = _numbers_at(raw), 0
                tok = num
        if (
            tok.kind == "N"
            and i + 2 < n
            and raw[i + 1].low == "phần"
            and raw[i + 2].low == "trăm"
            and raw[i + 2].kind == "W"
        ):  # "10 phần trăm" is "10%"
            pct = Token("P", text[tok.start : raw[i + 2].end], tok.start, raw[i + 2].end, tok.paren)
            pct.value = float(tok.value)
            pct.decimals = len(tok.text.partition(",")[2]) if isinstance(tok.value, float) else 0
            out.append(pct)
            i += 3
            continue
        if tok.kind == "N":
            j = i + 1
            while j < n and raw[j].kind == "W" and raw[j].low in _MULTIPLIERS:
                j += 1
            if j < n and raw[j].kind == "W" and raw[j].low in _MONEY:
                k = j
                while k < n and raw[k].kind == "W" and raw[k].low in _MONEY:
                    k += 1
                money = Token("X", text[tok.start : raw[k - 1].end], tok.start, raw[k - 1].end)
                money.paren = tok.paren
                out.append(money)
                i = k
                continue
            if j == i + 1 and _ENGLISH_THOUSANDS.fullmatch(tok.text) and _counts_noun(raw, j):
                # "1,102 thôn": a count is whole, so a comma before exactly three digits groups
                # thousands the English way (a decimal count has a multiplier: "1,102 nghìn")
                tok.value = int(tok.text.replace(",", ""))
            if j > i + 1:
                scale = 1
                for t in raw[i + 1 : j]:
                    scale *= _MULTIPLIERS[t.low]
                num = Token("N", text[tok.start : raw[j - 1].end], tok.start, raw[j - 1].end)
                num.value, num.paren = round(tok.value * scale), tok.paren
                out.append(num)
                i = j
                continue
        out.append(tok)
        i += 1
    return out
