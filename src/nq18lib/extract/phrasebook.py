"""The phrase book of the extraction grammar: the Vietnamese words it reads.

Every list here is data about the language of the reports, kept apart from the grammar
(:mod:`nq18lib.extract.grammar`) that uses it: the reduction verbs, the qualifiers of a number
("hơn", "tối thiểu"), the words that end a noun phrase, the cues of a plan ("dự kiến",
"phấn đấu", "sẽ") and of a result ("đã"), the pivots of before/after counts ("xuống còn",
"nay chỉ còn", "hợp lại thành") and the markers of a breakdown ("trong đó").
Multi-word phrases are tuples of lower-case syllables; ``first_words`` indexes them by their
first syllable.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def first_words(phrases: Iterable[tuple[str, ...]]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Index phrases by their first word, longest first.

    Examples
    --------
    >>> first_words([("giảm",), ("giảm", "bớt")])["giảm"]
    (('giảm', 'bớt'), ('giảm',))
    """
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        index.setdefault(phrase[0], []).append(phrase)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in index.items()}


VERBS = (
    ("cắt", "giảm"),
    ("giảm", "bớt"),
    ("cắt", "bớt"),
    ("thu", "gọn"),
    ("tinh", "giản"),
    ("tinh", "gọn"),
    ("rút", "gọn"),
    ("giải", "thể"),
    ("giảm",),
    ("bớt",),
    ("cắt",),
)
"""Verbs of reduction (the noun forms "mức giảm", "tỷ lệ giảm" are read by the grammar)."""
VERB_FIRST = first_words(VERBS)
VERB_WORDS = frozenset(w for v in VERBS for w in v)
REDUCTION_CUE = re.compile(r"giảm|bớt|thu gọn|tinh giản|cắt|giải thể|rút gọn", re.IGNORECASE)
"""A sentence that matches speaks of a reduction."""
SENTENCE_CUE = re.compile(
    r"giảm|bớt|thu gọn|tinh giản|tinh gọn|rút gọn|giải thể|cắt|đạt|tỷ lệ|trước đây|xuống"
    r"|từ \d|sáp nhập|hợp nhất",
    re.IGNORECASE,
)
"""Only sentences that match are read by the grammar (the others cannot hold a figure)."""

AFTER_VERB = _words("được thêm tiếp đi tổng cộng")
"""Words between a verb and its object ("giảm được", "giảm thêm", "cắt giảm tổng cộng")."""
APPROX = {
    ("tối", "thiểu"): "tối thiểu",
    ("ít", "nhất"): "ít nhất",
    ("không", "dưới"): "không dưới",
    ("tối", "đa"): "tối đa",
    ("xấp", "xỉ"): "xấp xỉ",
    ("hơn",): "hơn",
    ("trên",): "trên",
    ("gần",): "gần",
    ("khoảng",): "khoảng",
    ("chừng",): "chừng",
    ("ước",): "ước",
}
"""Qualifiers of a number; the number is kept as written (a bound)."""
APPROX_FIRST = {
    first: tuple((p, APPROX[p]) for p in phrases) for first, phrases in first_words(APPROX).items()
}
APPROX_LAST_WORDS = _words("thiểu nhất dưới đa")
MINIMUMS = frozenset(["tối thiểu", "ít nhất", "không dưới", "tối đa"])
"""A percent under one of these is a generic target ("giảm tối thiểu 10% biên chế")."""
ADVERBS = _words("đã được đều cũng sẽ bị tiếp tục dự kiến có thể phải cần vẫn thêm mới chỉ đang")
"""Words skipped between a subject and its verb ("công chức đã được tinh giản")."""
FWD_STOP = _words(
    """đạt trong gồm bao tức nhờ do theo nay còn so khi để nhằm từ xuống bằng với đã được sẽ
    là giảm cắt bớt chiếm nếu vì nên đồng kéo tiết chuyển sáp hợp giải tiếp hoàn sau trước
    vào lên đưa riêng cùng song như mà nhưng hoặc hay qua thông mỗi tăng có năm tháng ngày
    bị đều cũng thu tinh rút hiện tương đi thêm ước tại đến giai"""
)
"""Words that end a noun phrase read forwards (after a number)."""
FWD_STOP_PAIRS = {
    "dự": ("kiến", "thảo"),
    "thực": ("hiện",),
    "phấn": ("đấu",),
    "không": ("đạt", "đủ", "còn"),
}
"""First words that end a noun phrase only before these ("dự kiến" but "dự án")."""
BWD_STOP = _words(
    """trong còn riêng gồm là tức nhưng thời nhờ vậy khi nếu do thì mà để song đạt tỷ lệ
    giảm cắt bớt thu tinh rút giải đó cạnh"""
)
"""Words that end a noun phrase read backwards (before a verb)."""
TOPIC_WORDS = _words(
    """về ở theo bên với đối trong tại kết như cụ riêng còn sau qua đến từ nhờ do vì hiện
    song cùng mới khối"""
)
"""First words of a clause's topic ("Về tinh giản biên chế, …"), never part of a subject."""
LIST_CONTINUATIONS = _words("cấp ngành giúp thành bản thị dân")
"""Words that carry a list of nouns on after a comma besides the taxonomy's first words."""
VILLAGE_NAMES = _words("khối khóm buôn làng sóc plei bon")
"""Local names of villages that carry a list on when they stand alone ("thôn, xóm, khối,
tương ứng …", "thôn, buôn, làng"), not as the head of a phrase ("khối dân vận")."""
LEVEL_WORDS = _words("tỉnh huyện quận xã phường thị trấn thôn bản xóm ấp tổ phố khu")
LEVEL_WORD = {"tinh": "tỉnh", "huyen": "huyện", "xa": "xã", "thon": "thôn"}

PLAN_CUES = (
    ("dự", "kiến"),
    ("phấn", "đấu"),
    ("sẽ",),
    ("kế", "hoạch"),
    ("mục", "tiêu"),
    ("có", "thể"),
    ("dự", "thảo"),
    ("đề", "xuất"),
    ("định", "hướng"),
    ("lộ", "trình"),
    ("sắp", "tới"),
    ("thời", "gian", "tới"),
    ("tới", "đây"),
    ("trường", "hợp"),
    ("nếu",),
    ("phải",),
    ("cần",),
)
"""Words that make what follows in the clause a plan or a projection."""
RESULT_CUES = (("đã",), ("kết", "quả"), ("đến", "nay"))
"""Words that make what follows an achieved result, overriding an earlier plan cue."""
PLAN_FIRST = first_words(PLAN_CUES)
RESULT_FIRST = first_words(RESULT_CUES)

PIVOTS = (
    ("nay", "hợp", "lại", "thành"),
    ("giảm", "xuống", "còn"),
    ("nay", "chỉ", "còn"),
    ("hợp", "lại", "thành"),
    ("hợp", "nhất", "thành"),
    ("sáp", "nhập", "thành"),
    ("giảm", "xuống"),
    ("giảm", "còn"),
    ("xuống", "còn"),
    ("nay", "còn"),
    ("chỉ", "còn"),
    ("còn", "lại"),
    ("nay", "là"),
    ("xuống",),
    ("còn",),
)
"""Words between a count before ("từ 11 huyện") and the count after ("còn 10")."""
PIVOT_FIRST = first_words(PIVOTS)
STAFF_NOUNS = (("công", "chức"), ("viên", "chức"), ("cán", "bộ"))
"""Staff nouns that "và" joins into one subject ("biên chế công chức và viên chức")."""
OUT_OF = (("trong", "tổng", "số"), ("trên", "tổng", "số"), ("trong", "số"), ("trên", "tổng"))
"""Words between a count and its total ("giảm 2 trong tổng số 13 ban")."""
COMPLETION_NOUNS = (("kế", "hoạch"), ("chỉ", "tiêu"), ("mục", "tiêu"), ("yêu", "cầu"))
"""Nouns after "đạt N%" that make the percent a completion of a plan, not a reduction rate."""
MERGE_VERBS = (("sáp", "nhập"), ("hợp", "nhất"))
"""Verbs that read "<verb> <before> thành <after>" as a reduction by before and after."""
MERGE_PIVOT_FIRST = first_words((("thành",),))
BREAKDOWN_MARKERS = (
    ("trong", "số", "này"),
    ("trong", "số", "đó"),
    ("trong", "đó"),
    ("bao", "gồm"),
    ("gồm",),
    ("cụ", "thể"),
)
"""Words that open a breakdown of the figure before them."""
RATE = _words("đạt bằng chiếm tương")
PHASE_NUMBER = {"1": 1, "2": 2, "3": 3, "i": 1, "ii": 2, "iii": 3, "một": 1, "hai": 2, "ba": 3}
