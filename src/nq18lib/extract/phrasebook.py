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
    ("xóa", "bỏ"),
    ("bãi", "bỏ"),
    ("loại", "bỏ"),
    ("kết", "thúc", "hoạt", "động"),
    ("chấm", "dứt", "hoạt", "động"),
    ("ngừng", "hoạt", "động"),
    ("thôi", "hoạt", "động"),
    ("dừng", "hoạt", "động"),
    ("không", "còn", "tồn", "tại"),
    ("không", "còn", "hoạt", "động"),
    ("thôi", "tổ", "chức"),
    ("không", "tổ", "chức"),
    ("thôi", "giữ", "chức", "vụ"),
    ("ít", "hơn", "trước"),
    ("ít", "hơn"),
    ("thấp", "hơn", "trước"),
    ("thấp", "hơn"),
    ("nghỉ", "việc"),
    ("thôi", "việc"),
    ("nghỉ", "hưu", "trước", "tuổi"),
    ("giảm",),
    ("hạ",),
    ("bớt",),
    ("cắt",),
    ("bỏ",),
)
"""Verbs of reduction, with their passive forms read through ``ADVERBS`` ("bị giải thể",
"cũng được giảm") and their noun forms ("mức giảm", "tỷ lệ giảm") read by the grammar."""
EXIT_VERBS = (("nghỉ", "việc"), ("thôi", "việc"), ("nghỉ", "hưu", "trước", "tuổi"))
"""Verbs of leaving the payroll (Nghị định 178/67/154)."""
EXIT_SETTLED = (
    ("giải", "quyết"),
    ("giải", "quyết", "cho"),
    ("giải", "quyết", "chế", "độ"),
    ("giải", "quyết", "chính", "sách"),
    ("giải", "quyết", "chế", "độ", "chính", "sách"),
)
"""Words before an exit verb saying the exit was granted ("được giải quyết nghỉ việc")."""
EXIT_REGIMES = (("nghị", "định"), ("nđ",), ("giải", "quyết"))
"""Words of a clause that put an exit under a decree ("theo Nghị định 154"; "được giải quyết
nghỉ việc"): a payroll exit. Benefits alone ("được hưởng chế độ") name no decree."""
POSTS_NOT_PAYROLL = frozenset(["part_time_worker"])
"""Kinds of staff whose leaving with no regime named is a cut of their posts ("người hoạt động
không chuyên trách … thôi việc"), not a payroll exit."""
VERBS = VERBS + tuple((*settled, *verb) for settled in EXIT_SETTLED for verb in EXIT_VERBS)
VERB_FIRST = first_words(VERBS)
VERB_WORDS = _words("cắt giảm bớt thu gọn tinh giản rút giải thể xóa bỏ chấm dứt")
"""Words that end a noun phrase read backwards because they belong to a verb."""
VERB_CATEGORY = {
    **{verb: "payroll_exit" for verb in VERBS if any(verb[-len(e) :] == e for e in EXIT_VERBS)},
    ("thôi", "giữ", "chức", "vụ"): "leadership_post",
}
"""Verbs that say what their count of people is: "1.284 người nghỉ việc" (payroll exits)."""
SUBJECT_FIRST_ONLY = frozenset(VERB_CATEGORY) | {("ít", "hơn")}
"""Verbs whose count stands before them, or after them only with a number ("ít hơn trước 95")."""


def tone_spellings(phrase: str) -> set[str]:
    """Return a phrase in both tone placements ("xóa bỏ", "xoá bỏ").

    Examples
    --------
    >>> sorted(tone_spellings("xóa bỏ"))
    ['xoá bỏ', 'xóa bỏ']
    """
    return {phrase, fold_tone_text(phrase, modern=False)}


def _cue(phrases: Iterable[str], *extra: str) -> re.Pattern:
    """Return a regular expression for phrases in either tone placement ("xóa"/"xoá", "ủy"/"uỷ")."""
    alternatives = set()
    for phrase in phrases:
        alternatives |= tone_spellings(phrase)
    body = "|".join(sorted(map(re.escape, alternatives), key=len, reverse=True))
    return re.compile(body + "".join(f"|{raw}" for raw in extra), re.IGNORECASE)


_TONE_PAIRS = {
    "o": ("a", "e"),
    "u": ("y",),
}
_TONED = {
    "a": "áàảãạ",
    "e": "éèẻẽẹ",
    "y": "ýỳỷỹỵ",
    "o": "óòỏõọ",
    "u": "úùủũụ",
}
_OLD_TO_NEW: dict[str, str] = {}
for _first, _seconds in _TONE_PAIRS.items():
    for _second in _seconds:
        for _tone in range(5):
            _OLD_TO_NEW[_first + _TONED[_second][_tone]] = _TONED[_first][_tone] + _second
_NEW_TO_OLD = {v: k for k, v in _OLD_TO_NEW.items()}
_TONE_AT_END = re.compile(
    "(?<![qQ])(" + "|".join(sorted({*_OLD_TO_NEW, *_NEW_TO_OLD}, key=len)) + r")(?!\w)"
)


def fold_tone_text(text: str, modern: bool = True) -> str:
    """Move the tone of a final "oa", "oe", "uy" to one placement ("hoá" → "hóa", "uỷ" → "ủy").

    Reports write both ("Thanh Hoá"/"Thanh Hóa", "Tỉnh uỷ"/"Tỉnh ủy"); the taxonomy and the
    phrase book use the first vowel ("hóa", "ủy"). ``modern=False`` gives the other placement.

    Examples
    --------
    >>> fold_tone_text("Tỉnh uỷ Thanh Hoá, xoá bỏ, hoàn thành, quý")
    'Tỉnh ủy Thanh Hóa, xóa bỏ, hoàn thành, quý'
    >>> fold_tone_text("xóa", modern=False)
    'xoá'
    """
    table = _OLD_TO_NEW if modern else _NEW_TO_OLD
    return _TONE_AT_END.sub(lambda m: table.get(m.group(), m.group()), text)


_FOLDED: dict[str, str] = {}


def fold_tone(word: str) -> str:
    """Return a lower-case word with one tone placement ("uỷ" → "ủy"), cached."""
    folded = _FOLDED.get(word)
    if folded is None:
        if len(_FOLDED) > 50_000:
            _FOLDED.clear()
        folded = _FOLDED[word] = fold_tone_text(word)
    return folded


REDUCTION_CUES = tuple(
    [
        "giảm",
        "bớt",
        "thu gọn",
        "tinh giản",
        "cắt",
        "giải thể",
        "rút gọn",
        "xóa bỏ",
        "bãi bỏ",
        "loại bỏ",
        "bỏ",
        "gom",
        "kết thúc hoạt động",
        "chấm dứt hoạt động",
        "ngừng hoạt động",
        "thôi hoạt động",
        "dừng hoạt động",
        "không còn tồn tại",
        "không còn hoạt động",
        "thôi tổ chức",
        "không tổ chức",
        "thôi giữ chức vụ",
        "ít hơn",
        "thấp hơn",
        "nghỉ việc",
        "thôi việc",
        "nghỉ hưu trước tuổi",
    ]
)
"""Phrases that make a sentence speak of a reduction."""
REDUCTION_CUE_PATTERNS = (r"(?<!\w)hạ (?:\d|được|thêm)",)  # "hạ 2 phòng" (not "hạ tầng", "hạn")
REDUCTION_CUE = _cue(REDUCTION_CUES, *REDUCTION_CUE_PATTERNS)
"""A sentence that matches speaks of a reduction."""
SENTENCE_CUES = tuple(
    [
        "giảm",
        "bớt",
        "thu gọn",
        "tinh giản",
        "tinh gọn",
        "rút gọn",
        "giải thể",
        "cắt",
        "đạt",
        "tỷ lệ",
        "trước đây",
        "trước có",
        "trước sắp xếp",
        "trước khi sắp xếp",
        "nay còn",
        "nay chỉ còn",
        "xuống",
        "sáp nhập",
        "hợp nhất",
        "gom",
        "bỏ",
        "kết thúc",
        "chấm dứt",
        "ngừng",
        "dừng hoạt động",
        "không còn tồn tại",
        "không còn hoạt động",
        "thôi",
        "ít hơn",
        "thấp hơn",
        "nghỉ",
        "so với",
        "một nửa",
    ]
)
"""Phrases of the sentences the grammar reads (besides the reduction cues' patterns)."""
SENTENCE_CUE_PATTERNS = (
    r"từ \d",
    r"(?:sắp xếp|tổ chức)(?: lại)?(?: thành)? \d",  # "sắp xếp 30 trạm thành 18": not every
    # "sắp xếp" (most sentences about rearranging count nothing removed)
    r"(?<!\w)nhập \d",  # "nhập 1.102 tổ dân phố thành 596 tổ" (not "nhập khẩu", "nhập học")
)
SENTENCE_CUE = _cue(SENTENCE_CUES, *SENTENCE_CUE_PATTERNS, *REDUCTION_CUE_PATTERNS)
"""Only sentences that match are read by the grammar (the others cannot hold a figure)."""

AFTER_VERB = _words("được thêm tiếp đi tổng cộng của cho ngay")
"""Words between a verb and its object ("giảm được", "giảm thêm", "cắt giảm tổng cộng")."""
WHOLE_OF = (("toàn", "bộ"), ("tất", "cả"))
"""Words between a verb and its count that say all of them ("giải thể toàn bộ 12 đội")."""
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
ROUND_TARGETS = frozenset(["khoảng", "chừng", "xấp xỉ", "ước"])
"""A planned percent under one of these is a round target ("dự kiến giảm khoảng 20% đầu mối")."""
ADVERBS = _words("đã được đều cũng sẽ bị tiếp tục dự kiến có thể phải cần vẫn thêm mới chỉ đang")
"""Words skipped between a subject and its verb ("công chức đã được tinh giản")."""
FWD_STOP = _words(
    """đạt trong gồm bao tức nhờ do theo nay còn so khi để nhằm từ xuống bằng với đã được sẽ
    là giảm cắt bớt chiếm nếu vì nên đồng kéo tiết chuyển sáp hợp giải tiếp hoàn sau trước
    vào lên đưa riêng cùng song như mà nhưng hoặc hay qua thông mỗi tăng có năm tháng ngày
    bị đều cũng thu tinh rút hiện tương đi thêm ước tại đến giai"""
)
"""Words that end a noun phrase read forwards (after a number)."""
FWD_STOP_INSIDE = frozenset([("bên", "trong"), ("trường", "hợp"), ("hội", "đồng"), ("lương", "từ")])
"""Pairs whose second word is no stop inside a noun phrase ("đầu mối bên trong", "hội đồng")."""
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
    ("trong", "trường", "hợp"),
    ("nếu",),
    ("phải",),
    ("cần",),
    ("chậm", "nhất"),
    ("hạn", "chót"),
    ("đề", "án"),
    ("phương", "án"),
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
MERGE_VERBS = (
    ("sáp", "nhập"),
    ("hợp", "nhất"),
    ("gom", "lại"),
    ("gộp", "lại"),
    ("gom",),
    ("gộp",),
    ("tổ", "chức", "lại"),
    ("sắp", "xếp", "lại"),
    ("sắp", "xếp"),
    ("nhập",),
)
"""Verbs that read "<verb> <before> thành <after>" as a reduction by before and after ("nhập
1.102 tổ dân phố thành 596 tổ"; "nhập" alone only as a merge verb, never as the tail of "sáp
nhập")."""
MERGE_PIVOT_FIRST = first_words((("thành",),))
BREAKDOWN_MARKERS = (
    ("trong", "số", "này"),
    ("trong", "số", "đó"),
    ("trong", "đó"),
    ("bao", "gồm"),
    ("gồm",),
    ("cụ", "thể"),
    ("chia", "theo"),
    ("phân", "theo"),
    ("phân", "loại", "theo"),
    ("theo", "đối", "tượng"),
    ("theo", "từng", "đối", "tượng"),
)
"""Words that open a breakdown of the figure before them ("chia theo đối tượng: …": a label,
then the parts, named first or counted first, separated by commas or semicolons)."""
BREAKDOWN_LABEL_WORDS = 6
"""At most this many words of a label between a breakdown marker and its colon."""
RATE = _words("đạt bằng chiếm tương")
PHASE_NUMBER = {"1": 1, "2": 2, "3": 3, "i": 1, "ii": 2, "iii": 3, "một": 1, "hai": 2, "ba": 3}


EXTRA_SYNONYMS = {
    "ministry": ("bộ", "cơ quan ngang bộ", "bộ cơ quan ngang bộ", "bộ và cơ quan ngang bộ"),
    "government_agency": ("cơ quan thuộc chính phủ",),
    "division": ("đơn vị cấp phòng", "cấp phòng"),
    "state_department": ("cơ quan chuyên môn",),
    "general_department": (
        "đơn vị cấp tổng cục",
        "tổng cục",
        "tổng cục và tương đương",
        "tổng cục và tổ chức tương đương",
        "đầu mối cấp tổng cục",
    ),
    "commune_unit": ("xã phường", "phường xã", "xã thị trấn"),
    "district_unit": ("huyện thị xã", "quận huyện", "huyện thành phố"),
    "central_unit": (
        "đơn vị cấp cục",
        "đơn vị cấp vụ",
        "cục",
        "vụ",
        "cục vụ",
        "vụ cục",
        "cục vụ và tương đương",
        "cục vụ và tổ chức tương đương",
        "đầu mối cấp vụ",
        "đầu mối cấp cục",
        "đầu mối cấp vụ cục",
        "thanh tra bộ",
    ),
    "leadership_post": (
        "trưởng phòng",
        "trưởng ban",
        "chi cục trưởng",
        "chánh văn phòng",
        "giám đốc sở",
        "lãnh đạo",
        "cấp phó",
        "cấp trưởng",
        "cán bộ lãnh đạo",
        "lãnh đạo quản lý",
        "cán bộ lãnh đạo quản lý",
        "vị trí lãnh đạo",
        "vị trí cấp phó",
        "chức danh lãnh đạo",
        "phó giám đốc",
        "phó trưởng phòng",
        "phó trưởng ban",
        "phó chánh văn phòng",
        "phó chủ tịch",
        "phó chi cục trưởng",
        "phó cục trưởng",
        "phó vụ trưởng",
        "cấp phó giám đốc",
    ),
    "province_unit": (
        "đơn vị hành chính cấp tỉnh",
        "tỉnh thành phố",
        "tỉnh thành",
        "đơn vị cấp tỉnh",
        "tỉnh thành phố trực thuộc trung ương",
    ),
    "payroll_exit": ("người nghỉ việc", "người thôi việc", "người nghỉ hưu trước tuổi"),
    "public_service_unit": ("trường", "trạm y tế", "trung tâm y tế", "bệnh viện"),
}
"""Names of taxonomy categories that only extraction needs (the taxonomy keeps the names an
analyst looks up). Read only for codes the taxonomy has; a name the taxonomy gives to
``other`` goes to the specific code here ("tổng cục", "lãnh đạo")."""

COUNTED_NOUNS = (
    ("đội",),
    ("tổ", "công", "tác"),
    ("tổ", "chức"),
    ("tổ",),
    ("công", "ty"),
    ("tổng", "công", "ty"),
    ("trạm",),
    ("hội", "đồng"),
    ("đảng", "ủy"),
    ("đảng", "bộ"),
    ("chi", "bộ"),
    ("công", "an"),
    ("hạt",),
    ("quỹ",),
    ("văn", "phòng"),
    ("viện",),
    ("nhà", "xuất", "bản"),
    ("tạp", "chí"),
    ("báo",),
    ("đài",),
    ("khu",),
    ("vị", "trí"),
    ("chức", "danh"),
    ("ban", "điều", "hành"),
    ("kho", "bạc"),
    ("chi", "nhánh"),
    ("cảng", "vụ"),
    ("phân", "hiệu"),
    ("điểm", "trường"),
    ("lâm", "trường"),
    ("nông", "trường"),
    ("hợp", "tác", "xã"),
    ("đồn",),
    ("phân", "viện"),
    ("câu", "lạc", "bộ"),
)
"""Nouns that count bodies or posts the taxonomy does not name: a reduction of them is a
figure of category ``other`` with the noun as its unit ("giảm hơn 1.000 đội")."""
NOT_COUNTED = _words(
    "lần bậc điểm tuổi năm tháng ngày giờ phút ha km hộ ca tấn tiết lượt cuộc kg lít hồ"
)
"""Measures and other nouns whose number after a reduction verb counts no body or post."""
NOT_BODIES = (
    ("thủ", "tục"),
    ("chỉ", "tiêu"),
    ("hồ", "sơ"),
    ("văn", "bản"),
    ("báo", "cáo"),
    ("đầu", "việc"),
    ("nhiệm", "vụ"),
    ("quy", "trình"),
    ("tiêu", "chí"),
    ("dự", "án"),
    ("công", "trình"),
    ("gói", "thầu"),
    ("chương", "trình"),
    ("đề", "án"),
    ("quyết", "định"),
    ("nghị", "quyết"),
    ("kế", "hoạch"),
    ("học", "sinh"),
    ("bệnh", "nhân"),
    ("nhân", "khẩu"),
    ("hộ", "nghèo"),
    ("điểm", "phần"),
    ("phần", "trăm"),
    ("tầng", "nấc"),
    ("cấp", "trung", "gian"),
    ("đầu", "mối", "trung", "gian"),
)
"""Things counted in reports that are no body, post or staff ("cắt giảm 14 thủ tục"): their
count after a reduction verb is no figure of ``other``, only a possible miss."""
NOT_BODY_WORDS = _words(
    """xe giường lớp cấp tầng nấc khâu bước loại mục khoản giấy trang cuộc buổi môn con cái
    chiếc phần đợt kỳ vòng bộ"""
)
"""Single nouns of such things (and "bộ", whose taxonomy name is capitalised or "bộ, ngành")."""
UNIT_NOUN_WORDS = 3
"""At most this many words of an unknown noun make its unit ("kho lưu trữ", "nhà văn hóa")."""
OWNER_WORDS = frozenset(["của", "thuộc"])
"""Words before the owner of a counted noun ("6 tổng cục thuộc hai bộ", "18 huyện của hai
tỉnh"): the count after them is whose, not what, so it is no subject of the verb."""
COUNTED_KINDS = {"tỉnh": "province_unit"}
"""Nouns that name a kind only when counted ("hai tỉnh … hợp nhất thành một tỉnh", "giảm 29
tỉnh"): elsewhere the word is the province that acts ("tỉnh giảm 5 sở"), a level or the head
of a name ("Tỉnh ủy"), so it is no synonym of the taxonomy."""
UNIT_NOUN_STOP = _words("của thuộc các những trực ở tại trên cho và hoặc")
"""Words that end the unit of an unknown noun ("6 nhà khách của các sở": "nhà khách")."""
EACH_OF = (
    ("mỗi", "nơi"),
    ("mỗi", "sở"),
    ("mỗi", "đơn", "vị"),
    ("mỗi", "cơ", "quan"),
    ("mỗi", "bộ"),
)
"""Words that distribute one count over coordinated subjects ("Sở A và Sở B mỗi nơi giảm 3")."""
NOT_EACH_NOUNS = _words("nơi năm tháng quý ngày lần đợt kỳ người")
"""Nouns after "mỗi" that name no bodies counted before ("mỗi nơi" is read by its names)."""
EACH_COUNT_LIMIT = 100
"""A count of bodies above this is no count of the bodies "mỗi" distributes over."""
TERRITORIAL_UNITS = frozenset(["province_unit", "district_unit", "commune_unit", "village"])
"""Units that stand at their own level: "mỗi xã giảm 2 thôn" gives no level xã to the thôn."""
BODY_HEADS = _words("sở bộ ban cục huyện xã phường quận tỉnh thành trung phòng ủy ubnd văn hội")
"""Capitalised first words of the names of bodies ("Sở Xây dựng và Sở Giao thông vận tải")."""
PLAN_SCOPE_CUES = (
    ("nhiệm", "vụ"),
    ("phương", "hướng"),
    ("phương", "án"),
    ("dự", "kiến"),
    ("kế", "hoạch"),
    ("đề", "án"),
    ("dự", "thảo"),
    ("lộ", "trình"),
    ("mục", "tiêu"),
    ("chậm", "nhất"),
    ("định", "hướng"),
    ("sẽ",),
    ("đề", "xuất"),
)
"""Words of a heading or an opening before ":" that make the list under it a plan."""
RESULT_SCOPE_CUES = (("kết", "quả"), ("đã",), ("đến", "nay"), ("thực", "hiện", "được"))
"""Words of a heading or an opening that make the list under it a result."""
LONE_RATE_OPENERS = (
    ("tỷ", "lệ"),
    ("tỉ", "lệ"),
    ("mức", "giảm"),
    ("con", "số", "này"),
    ("như", "vậy", "mức", "giảm"),
    ("như", "vậy", "tỷ", "lệ"),
)
"""First words of a sentence giving the rate of the count before it ("Tỷ lệ giảm … 20,5%",
"Con số này bằng 1,9% …"), also after a comparison ("So với 172 xã trước đó, tỷ lệ …")."""
RATE_NOUN_VERBS = _words("giảm tinh giản cắt thu gọn")
"""Words between "tỷ lệ" and the percent that keep it a rate of reduction ("tỷ lệ giảm 68,4%")."""
STOCK_THEN_CUT = (("so", "với"),)
"""Words between a count after and a count before ("còn 96 tổ so với 211 tổ trước đây")."""
OF_WORD = "của"
"""'Of': "31 đầu mối của hai bộ trước khi hợp nhất" names whose the count before was."""
EARLIER = (("trước", "đây"), ("trước", "khi", "sắp", "xếp"), ("trước", "sắp", "xếp"), ("trước",))
"""Words after the earlier count of a "so với" comparison."""
BEFORE_OPENERS = (("trước", "đây"), ("trước", "kia"), ("trước", "có"), ("trước", "sắp", "xếp"))
"""Words that open a count before ("Trước có 14 phòng, nay chỉ còn 9")."""
HALF = (("một", "nửa"),)
"""Words for a rate of 50 %."""
FALSE_FRIENDS = (
    ("vụ", "vi", "phạm"),
    ("vụ", "việc"),
    ("vụ", "án"),
    ("vụ", "tai", "nạn"),
    ("vụ", "cháy"),
    ("vụ", "kiện"),
    ("vụ", "mùa"),
    ("bộ", "phận"),
    ("bộ", "máy"),
    ("bộ", "hồ", "sơ"),
    ("bộ", "thủ", "tục"),
    ("bộ", "tiêu", "chí"),
    ("trường", "hợp"),
    ("cục", "bộ"),
)
"""Phrases that begin with the name of a category but name something else ("vụ vi phạm")."""
NOT_REDUCTION_BEFORE = _words("còn tăng lập có đang quản tổng gồm nâng")
"""Words just before a number that say it is no reduction (stock, increase, set-up, total)."""
NUMBERING_WORDS = _words(
    "năm ngày tháng quý số khóa khoá lần án quyết định luận thị đoạn kỳ đợt thứ"
)
"""Words before a number that make it a date, an ordinal or a document's number ("Đề án 25")."""

# --------------------------------------------------------------------------- small words
# The function words the scanners test one by one, named for what they do in a phrase.
FROM = "từ"
"""Opens a count before ("từ 58 xuống còn 26")."""
RANGE_TO = ("đến", "tới")
"""Close a range after "từ N" ("từ 1 đến 3 phòng": a range, not a before/after)."""
COMPARED = ("so", "với")
"""Compares a count with another ("còn 96 tổ so với 211 tổ trước đây")."""
INTO = ("thành",)
"""Gives the count after a merge ("gom thành 12")."""
BEFORE_FILLERS = frozenset(["có", "cả", "thảy", "tổng", "cộng", "là"])
"""Words between "trước đây" and its count ("trước đây có tổng cộng 134 phòng")."""
AFTER_PIVOT_SKIP = frozenset(["do"])
"""Words between a pivot and the count after ("hợp lại thành do … 1")."""
JOINERS = frozenset(["và", "với"])
"""Join two counts after a pivot ("còn 9 sở và 2 ban")."""
STOCK_BEFORE = frozenset(["còn", "có", "là"])
"""Words before a stock count that the quote of a comparison keeps ("còn 96 tổ so với …")."""
AND = "và"
HAS = "có"
"""Opens a bare list of parts ("trong đó có 41 xã, 6 phường và 2 thị trấn")."""
RATE_WORDS = ("tỷ", "lệ")
RATE_FIRST = frozenset(["tỷ", "tỉ"])
"""First words of "tỷ lệ" in both spellings."""
LEVEL_NOUN = "mức"
"""The noun form of a reduction ("mức giảm 9%")."""
REACH = "đạt"
INCREASE = "tăng"
"""A verb before a reduction verb that makes it no reduction ("tăng giảm")."""
TOTAL = ("tổng", "số")
BEFORE_OBJECT = frozenset(["là", "ở", "mức", "được"])
"""Words between a reduction verb and its object ("giảm ở mức 12%", "giảm là 45")."""
DOWN_TO = frozenset(["xuống", "còn"])
"""Words after a verb that give the count after ("giảm xuống 263 xã")."""
DOWN_TO_WORDS = frozenset(["xuống", "còn", "chỉ"])
IS_WORDS = frozenset(["là", "đạt"])
"""Words between a rate's subject and its percent ("tỷ lệ giảm biên chế là 10%")."""
ALONG_WITH = ("cùng", "với")
LIST_JOINERS = frozenset(["và", "cùng"])
"""Words that join the items of an object list ("…; 40 phòng, cùng với 4 ban chỉ đạo")."""
NUMBER_OF = ("số", "lượng")
NUMBER_OF_SHORT = "số"
"""Words between a percent or fraction and its noun ("giảm 18% số đầu mối")."""
ITEM_FOLLOWERS = frozenset(["đạt", "và"])
"""Words that may follow a bare count in a list ("giảm 3, đạt 12%")."""
ADVERBIAL_OPENERS = (
    ("sau", "khi"),
    ("sau", "sắp", "xếp"),
    ("sau", "hợp", "nhất"),
    ("sau", "sáp", "nhập"),
    ("so", "với"),
    ("kể", "từ"),
    ("tính", "đến"),
    ("tính", "từ"),
    ("trong", "năm"),
    ("trong", "giai", "đoạn"),
    ("từ", "năm"),
    ("từ", "ngày"),
)
"""Phrases of time or comparison that may follow a bare count ("giảm đi là 223 sau khi sắp
xếp", "giảm 14 so với năm 2015"): the count names nothing after it, its subject stands before."""
VERB_JOINERS = frozenset(["hoặc", "và"])
"""Join a second verb to the first ("giải thể hoặc sáp nhập")."""
EQUIVALENT = ("tương", "đương")
EQUIVALENT_NOUNS = (("tổ", "chức"), ("cơ", "quan"), ("đơn", "vị"))
"""Nouns of "và tổ chức tương đương" after a unit: one noun phrase with it."""
"""Joins "và tương đương" to a noun ("phòng, ban và tương đương"), or gives a rate."""
RATE_MARKERS = frozenset(["đạt", "bằng", "chiếm"])
"""Verbs before a rate ("đạt 36,4%", "chiếm 20,3%")."""
RATE_MARKER_PHRASES = (("tương", "đương"), ("tương", "ứng"), ("tức", "là"))
"""Phrases before a rate or the count a rate stands for ("tương ứng 20%", "tức là giảm 11")."""
THAT_IS = "tức"
REDUCE = "giảm"
"""The verb that may repeat before a rate or a count ("tương ứng giảm 98 đơn vị")."""
WITH = "với"
IN_BRACKET_RATE = frozenset(["đạt", "bằng", "giảm"])
"""Words before a percent in brackets ("(giảm 14,1%)")."""
REMAINING = (("còn", "lại"), ("chỉ", "còn"), ("nay", "còn"), ("còn",))
"""Words before the count left after a reduction ("giảm 5 sở (còn 16 sở)")."""
STREET = "phố"
"""Second word of "khối phố", "khu phố" (a village name in a list)."""
INSIDE = "trong"
"""'trong' inside a subject ("người làm việc trong các đơn vị"), not before "đó"/"số"."""
INSIDE_NOT_BEFORE = frozenset(["đó", "số"])
LEFT = "còn"
"""'còn' (left, remaining): ends a noun phrase read backwards."""
LIST_ENDS_BACKWARD = frozenset(["và", "còn"])
LEVEL = "cấp"
PAYROLL = ("biên", "chế")
OPENING_TOPIC_WORDS = frozenset(["về", "đối", "riêng", "ở", "tại", "khối", "lĩnh", "vực"])
"""Words before the subject of an opening phrase ("Về đơn vị sự nghiệp, …", "Đối với …")."""
TOPIC_OPENERS = frozenset(["ở", "tại", "riêng", "cấp", "đối"])
"""First words of a topic that names a level ("Ở cấp huyện, …")."""
COMPARED_WITH = ("so", "với")
COMPARATIVE_FIRST = frozenset(["ít", "thấp"])
"""First words of the comparative verbs ("ít hơn", "thấp hơn") that a point of comparison may
follow directly ("ít hơn năm 2015 là 356 người")."""
COMPARISON_POINT_SIZE = 5
"""At most this many tokens between a comparison's start and its copula ("so với cùng kỳ năm
2015 là …")."""
YEAR = "năm"
PLAN_WORD = ("kế", "hoạch")
PLAN_WORD_NAMES_AFTER = frozenset(["số", "và"])
"""Words after "kế hoạch" that make it a name ("Kế hoạch số 12", "Kế hoạch và Đầu tư")."""
PLAN_WORD_NAMES_BEFORE = frozenset(["bộ", "sở", "phòng"])
"""Words before "kế hoạch" that make it a name ("Sở Kế hoạch và Đầu tư")."""
PLAN_MET = (("đúng",), ("vượt",), ("hoàn", "thành"), ("sớm", "hơn"), ("kịp",))
"""Words before a plan noun that make it the standard a result is measured by ("giảm 2 phòng
theo đúng lộ trình", "vượt kế hoạch"): the noun announces no plan (other cues still may)."""
PLAN_MET_NOUNS = frozenset(["kế", "lộ", "mục", "đề", "phương", "chỉ"])
"""First words of the plan nouns ``PLAN_MET`` can stand before (kế hoạch, lộ trình …)."""


def meets_plan(words: list[str] | tuple[str, ...], i: int) -> bool:
    """Whether the plan noun at ``words[i]`` is a standard met ("đúng lộ trình").

    Examples
    --------
    >>> meets_plan("giảm 2 phòng theo đúng lộ trình".split(), 5)
    True
    >>> meets_plan("theo lộ trình sẽ giảm".split(), 1)
    False
    """
    if words[i] not in PLAN_MET_NOUNS:
        return False
    return any(i >= len(cue) and tuple(words[i - len(cue) : i]) == cue for cue in PLAN_MET)


PHASE = ("giai", "đoạn")
BOTH = "cả"
NOT_NAMING = frozenset(
    ["ở", "còn", "mức", "cấp", "các", "những", "số", "tỉnh", "toàn", "thành", "phố"]
)
"""Words that name no thing beyond levels ("ở cấp thôn, bản")."""
IS_OR_EQUAL = frozenset(["là", "đạt", "bằng"])
"""Words between "tỷ lệ giảm" and its percent."""
PEOPLE_FIRST_WORDS = frozenset([("cán",), ("công",), ("viên",), ("người",), ("lao",)])
"""First words of a staff group ("cán bộ, công chức, viên chức" nghỉ việc: payroll exits)."""
EACH = "mỗi"
"""Distributes a count: "mỗi" and the noun of the bodies ("mỗi hội giảm 1 ban")."""
MERGE_FIRST = frozenset(w[0] for w in MERGE_VERBS)
"""First words of the merge verbs."""
UNIT_TOTALS = frozenset([("đầu", "mối"), ("đơn", "vị"), ("cơ", "quan"), ("tổ", "chức")])
"""Heads of a total of units of several kinds ("giảm 14 đầu mối, trong đó 5 sở, 9 phòng")."""
OWNED_TOTALS = {"bộ": "central_unit"}
"""Owners whose units a total of "đầu mối" counts: "17 đầu mối so với 31 đầu mối của hai bộ",
"Các cục, vụ thuộc Bộ … giảm 15 đầu mối" (the units of a ministry are cục and vụ)."""
NOT_OWNERS = frozenset(["máy", "phận", "đội", "ngành"])
"""Words after "bộ" that make it no ministry ("bộ máy", "bộ phận")."""
BODY_PART_CATEGORIES = frozenset(
    [
        "party_agency",
        "state_department",
        "central_unit",
        "general_department",
        "division",
        "steering_committee",
        "public_service_unit",
    ]
)
"""Kinds of body a total of units ("đầu mối") takes from its subject: "Các cơ quan tham mưu
Tỉnh ủy giảm 1 đầu mối" counts party agencies, while "Tỉnh giảm 14 đầu mối" stays a total."""
RESPECTIVELY = ("lần", "lượt")
"""'Respectively': n subjects, then n numbers in order ("giảm lần lượt là 92 và 176 người")."""
RESPECTIVELY_COPULA = frozenset(["là", "ở", "mức"])
"""Words between "lần lượt" and its numbers."""
RESPECTIVELY_UNITS = frozenset(["người", "đơn", "vị", "biên", "chế", "cơ", "quan"])
"""Units after each number of a "lần lượt" list ("92 người và 176 người")."""
RESPECTIVELY_BEFORE_VERB = frozenset(["dự", "kiến", "sẽ", "đã", "được", "đạt", "cũng", "đều"])
"""Words between the subjects of a "lần lượt" list and its verb ("… dự kiến giảm")."""
RESPECTIVELY_LEAD = frozenset(["số", "tổng", "các", "những", "về"])
"""Words before the first subject of a "lần lượt" list ("Số công chức và viên chức …")."""
NOT_CUT_WORDS = (
    ("thành", "lập"),
    ("có",),
    ("còn",),
    ("tăng",),
    ("bổ", "sung"),
    ("tiếp", "nhận"),
    ("xây", "mới"),
    ("hiện",),
    ("giữ", "nguyên"),
)
"""Words before the number of a verbless list item that make it no cut of the list's verb."""
YEAR_WORDS = frozenset(["năm", "cuối", "đầu"])
"""Words before a number that make it a year ("năm 2021 tỉnh …")."""
TABLE_COLUMNS = (
    ("rate", (("tỷ", "lệ"), ("tỉ", "lệ"))),
    ("reduced", (("giảm",), ("cắt", "giảm"), ("số", "giảm"))),
    ("before", (("trước",), ("hiện", "có"), ("hiện", "nay"), ("hiện", "tại"), ("cũ",))),
    ("after", (("sau",), ("còn", "lại"), ("còn",), ("mới",))),
)
"""Words of a table header cell that give its column's role (tried in this order)."""
TABLE_HEADER_WORDS = frozenset(
    [
        "số",
        "trước",
        "sau",
        "giảm",
        "cắt",
        "sắp",
        "xếp",
        "khi",
        "hiện",
        "có",
        "nay",
        "tại",
        "còn",
        "lại",
        "mới",
        "cũ",
        "lượng",
        "tổng",
        "tỷ",
        "tỉ",
        "lệ",
    ]
)
"""Words of a header cell that say its role, not what is counted ("Số phòng trước")."""
ACCORDING_TO = "theo"
DOCUMENT_WORDS = frozenset(["số", "định", "quyết", "định", "luật", "thông", "tư"])
"""Words before a document's number ("Nghị định số 178"): "theo <document>" is an aside."""
EXACT_NAMES = {("tỉnh",): "province_unit"}
"""Words that name a category only when they are the whole noun phrase: "63 tỉnh" counts
provinces, while "Tỉnh ủy", "tỉnh Thanh Hóa" or "UBND tỉnh" before a verb do not."""
