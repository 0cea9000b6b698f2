"""Tests of extraction: every supported pattern and every exclusion, on our own sentences.

The corpus and the seed in ../shared are used last (skipped when ../shared is absent).
"""

from __future__ import annotations

import json
import time
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from nq18lib import cli
from nq18lib.extract.extraction import extract_figures, extract_file, figure_rows, find_places
from nq18lib.extract.subjects import resolve_subject
from nq18lib.extract.textsource import html_text, read_text
from nq18lib.extract.tokens import split_sentences, tokenize
from nq18lib.extract.wordnumbers import parse_number_words

SHARED = Path(__file__).resolve().parents[2] / "shared"
KEY = ("category", "reduced", "percent", "numerator", "denominator", "status")


def keys(text: str) -> list[tuple]:
    return [tuple(getattr(f, k) for k in KEY) for f in extract_figures(text)]


# --------------------------------------------------------------------------- patterns
PATTERNS = {
    "list sharing one verb, percents and a bare item": (
        "Năm 2024, tỉnh Hà Tĩnh giảm 3 cơ quan tham mưu, giúp việc Tỉnh ủy, đạt 30,0%; "
        "4 sở đạt 20,0%; 55 phòng và tương đương đạt 18,2% và 2 ban chỉ đạo.",
        [
            ("party_agency", 3, 30.0, None, None, "result"),
            ("state_department", 4, 20.0, None, None, "result"),
            ("division", 55, 18.2, None, None, "result"),
            ("steering_committee", 2, None, None, None, "result"),
        ],
    ),
    "list resumed after an aside": (
        "Tỉnh giảm 6 sở đạt 27,3%, trong đó có 2 sở hợp nhất vào cuối năm; 40 phòng chuyên "
        "môn đạt 15,0%, cùng với 4 ban chỉ đạo.",
        [
            ("state_department", 6, 27.3, None, None, "result"),
            ("division", 40, 15.0, None, None, "result"),
            ("steering_committee", 4, None, None, None, "result"),
        ],
    ),
    "rate with a fraction under a reduction topic": (
        "Về tinh giản biên chế, công chức đạt tỷ lệ 10,2% (120/1.176); viên chức tỷ lệ 6,0% "
        "(600/10.000).",
        [
            ("civil_servant", 120, 10.2, 120, 1176, "result"),
            ("public_employee", 600, 6.0, 600, 10000, "result"),
        ],
    ),
    "percent only, subject after the percent": (
        "Tỉnh giảm 15% số viên chức và thu gọn 22% số người hoạt động không chuyên trách.",
        [
            ("public_employee", None, 15.0, None, None, "result"),
            ("part_time_worker", None, 22.0, None, None, "result"),
        ],
    ),
    "percent only, subject before the verb": (
        "Sau sắp xếp, cán bộ, công chức cấp xã giảm 12,5%.",
        [("commune_official", None, 12.5, None, None, "result")],
    ),
    "percent of a subject left implicit": (
        "Tỉnh cắt 40% số người hoạt động không chuyên trách cấp xã, còn ở cấp thôn mức giảm "
        "là 35%.",
        [
            ("part_time_worker", None, 40.0, None, None, "result"),
            ("part_time_worker", None, 35.0, None, None, "result"),
        ],
    ),
    "before and after, no unit after": (
        "Về đơn vị hành chính, cấp huyện từ 13 huyện, thị xã giảm xuống còn 11.",
        [("district_unit", 2, None, None, None, "result")],
    ),
    "before and after with the subject first": (
        "Sở Y tế giảm từ 9 phòng xuống còn 6 phòng.",
        [("division", 3, None, None, None, "result")],
    ),
    "before and after restated as a reduction": (
        "Các sở trước đây có 40 phòng, nay chỉ còn 31 phòng, tức là giảm 9 phòng.",
        [("division", 9, None, None, None, "result")],
    ),
    "units merged into one": (
        "Cụ thể, từ 3 trung tâm có tổng cộng 21 phòng, nay hợp lại thành 1 trung tâm với 9 phòng.",
        [
            ("public_service_unit", 2, None, None, None, "result"),
            ("division", 12, None, None, None, "result"),
        ],
    ),
    "numbers written as words": (
        "Thành phố cắt bớt bốn đầu mối, mười hai phòng và giảm ba đơn vị sự nghiệp.",
        [
            ("other", 4, None, None, None, "result"),
            ("division", 12, None, None, None, "result"),
            ("public_service_unit", 3, None, None, None, "result"),
        ],
    ),
    "a leading zero": (
        "Năm nay tỉnh giảm 03 chi cục.",
        [("division", 3, None, None, None, "result")],
    ),
    "thousands in words, a lower bound, the count before its verb": (
        "Hơn 12 nghìn biên chế đã được cắt giảm trong nhiệm kỳ.",
        [("other", 12000, None, None, None, "result")],
    ),
    "sub-breakdowns each with their own verb": (
        "Khối sự nghiệp giảm 50 đơn vị sự nghiệp công lập, trong đó giáo dục giảm 30 đơn vị, "
        "y tế giảm 12 đơn vị.",
        [
            ("public_service_unit", 50, None, None, None, "result"),
            ("public_service_unit", 30, None, None, None, "result"),
            ("public_service_unit", 12, None, None, None, "result"),
        ],
    ),
    "sub-breakdowns of a plan, without verbs": (
        "Tỉnh phấn đấu cắt giảm 20 đơn vị sự nghiệp công lập; trong số đó, 15 đơn vị do sáp "
        "nhập, năm đơn vị chuyển thành công ty.",
        [
            ("public_service_unit", 20, None, None, None, "plan"),
            ("public_service_unit", 15, None, None, None, "plan"),
            ("public_service_unit", 5, None, None, None, "plan"),
        ],
    ),
    "plans": (
        "Đến năm 2026, tỉnh dự kiến giảm thêm 3 sở và 15 phòng; năm 2023 tỉnh đã giảm 2 sở.",
        [
            ("state_department", 3, None, None, None, "plan"),
            ("division", 15, None, None, None, "plan"),
            ("state_department", 2, None, None, None, "result"),
        ],
    ),
    "a count and a percent of one subject in one sentence": (
        "Số xã của tỉnh dự kiến giảm khoảng 60%; tỉnh đang quản lý 200 xã, sẽ giảm xuống còn "
        "80 xã.",
        [("commune_unit", 120, 60.0, None, None, "plan")],
    ),
    "a rate and a count joined by 'tương đương', payroll named before": (
        "Biên chế công chức năm 2022 là 2.000, giảm 150 biên chế so với năm 2015, tương "
        "đương 7,5%.",
        [("civil_servant", 150, 7.5, None, None, "result")],
    ),
    "several kinds of staff together, a rate in parentheses": (
        "Tổng số cán bộ, công chức, viên chức giảm 2.500 người (tỷ lệ 10,5%).",
        [("other", 2500, 10.5, None, None, "result")],
    ),
    "payroll of administrative bodies and of public service units": (
        "Năm 2022, các cơ quan hành chính giảm 45 biên chế; các đơn vị sự nghiệp giảm 320 "
        "người làm việc.",
        [
            ("civil_servant", 45, None, None, None, "result"),
            ("public_employee", 320, None, None, None, "result"),
        ],
    ),
    "leadership posts": (
        "Tỉnh giảm 3 phó giám đốc sở và 25 cấp phó các phòng.",
        [
            ("leadership_post", 3, None, None, None, "result"),
            ("leadership_post", 25, None, None, None, "result"),
        ],
    ),
    "the rate of a named reduction": (
        "Tỷ lệ tinh giản biên chế giai đoạn 2015-2021 của tỉnh đạt 10,5%.",
        [("other", None, 10.5, None, None, "result")],
    ),
    "a reduction in parentheses after a stock count": (
        "Toàn tỉnh hiện có 1.800 thôn, tổ dân phố (giảm 320 thôn so với năm 2018).",
        [("village", 320, None, None, None, "result")],
    ),
    "a plan in parentheses": (
        "Hiện có 18 sở (dự kiến giảm 4 sở sau hợp nhất).",
        [("state_department", 4, None, None, None, "plan")],
    ),
    "a staff total broken down by kind in parentheses": (
        "Toàn tỉnh giảm 1.234 người (trong đó 456 công chức, 778 viên chức).",
        [
            ("other", 1234, None, None, None, "result"),
            ("civil_servant", 456, None, None, None, "result"),
            ("public_employee", 778, None, None, None, "result"),
        ],
    ),
    "before and after in parentheses restate the count": (
        "Tỉnh giảm 5 sở (từ 20 xuống còn 15 sở).",
        [("state_department", 5, None, None, None, "result")],
    ),
    "schools under a public service total, staff 'trong các đơn vị'": (
        "Khối sự nghiệp giảm 683 đơn vị sự nghiệp công lập; trong đó, ngành giáo dục giảm 452 "
        "trường học. Số người làm việc trong các đơn vị sự nghiệp giảm 10,4%.",
        [
            ("public_service_unit", 683, None, None, None, "result"),
            ("public_service_unit", 452, None, None, None, "result"),
            ("public_employee", None, 10.4, None, None, "result"),
        ],
    ),
    "generic units named by the clause's level": (
        "Ở cấp huyện, có 21 đơn vị được sắp xếp, giảm 8 đơn vị; ở cấp xã, có 1.056 đơn vị được "
        "sắp xếp, giảm 561 đơn vị.",
        [
            ("district_unit", 8, None, None, None, "result"),
            ("commune_unit", 561, None, None, None, "result"),
        ],
    ),
    "payroll without saying whose": (
        "Toàn tỉnh giảm 1.300 biên chế.",
        [("other", 1300, None, None, None, "result")],
    ),
    "a staff count from a subject before the verb": (
        "Kết quả, số người làm việc trong các đơn vị sự nghiệp giảm 2.345 người, đạt 10,1%.",
        [("public_employee", 2345, 10.1, None, None, "result")],
    ),
    "a list of local names of villages keeps one subject and its rate": (
        "Toàn huyện giảm 2.304 thôn, xóm, khối, tương ứng 41,7%; thành phố giảm 35 thôn, buôn, "
        "làng, tương đương 9,5%.",
        [
            ("village", 2304, 41.7, None, None, "result"),
            ("village", 35, 9.5, None, None, "result"),
        ],
    ),
    "rates introduced by với tỷ lệ, bằng, đạt tỷ lệ or in brackets": (
        "Giảm 26 thôn, ấp với tỷ lệ 13,8%; giảm 14 tổ dân phố, bằng 6,2%; giảm 9 khu phố, "
        "đạt tỷ lệ 4,4%; giảm 61 xóm (17,3%).",
        [
            ("village", 26, 13.8, None, None, "result"),
            ("village", 14, 6.2, None, None, "result"),
            ("village", 9, 4.4, None, None, "result"),
            ("village", 61, 17.3, None, None, "result"),
        ],
    ),
    "thousands grouped with a space or the English way": (
        "Tỉnh đã giảm 2 417 thôn, tổ dân phố; giảm 3,085 người làm việc và 1,204,310 nghìn "
        "đồng chi thường xuyên.",
        [
            ("village", 2417, None, None, None, "result"),
            ("public_employee", 3085, None, None, None, "result"),
        ],
    ),
    "merging many into fewer is a reduction by before and after": (
        "Năm 2025, tỉnh sáp nhập 4 huyện thành 2 huyện và hợp nhất 6 xã thành 1.",
        [
            ("district_unit", 2, None, None, None, "result"),
            ("commune_unit", 5, None, None, None, "result"),
        ],
    ),
    "a planned percent of its own is a plan": (
        "Theo kế hoạch, đến năm 2027 tỉnh giảm 7% biên chế viên chức.",
        [("public_employee", None, 7.0, None, None, "plan")],
    ),
    "a rate in brackets, after 'tức là', or after a bracketed before/after": (
        "Huyện giảm 31 phòng (giảm 16,2%); tỉnh giảm 870 biên chế viên chức, tức là giảm 7,9%; "
        "giảm 23 đơn vị sự nghiệp (từ 204 đơn vị xuống 181 đơn vị), đạt 11,3%.",
        [
            ("division", 31, 16.2, None, None, "result"),
            ("public_employee", 870, 7.9, None, None, "result"),
            ("public_service_unit", 23, 11.3, None, None, "result"),
        ],
    ),
    "the staff named before the count": (
        "Năm 2022 tỉnh đã tinh giản biên chế 418 người; huyện giảm biên chế công chức 37 người.",
        [
            ("other", 418, None, None, None, "result"),
            ("civil_servant", 37, None, None, None, "result"),
        ],
    ),
    "a count out of a total, then its rate": (
        "Toàn huyện giảm được 94/517 thôn, tổ dân phố, đạt 18,2%.",
        [("village", 94, 18.2, 94, 517, "result")],
    ),
    "a percent of the plan achieved is not a rate": (
        "Huyện giảm 9 biên chế, đạt 100% kế hoạch; tỉnh giảm 230 biên chế, đạt 92% chỉ tiêu.",
        [
            ("other", 9, None, None, None, "result"),
            ("other", 230, None, None, None, "result"),
        ],
    ),
    "a percent and its count in brackets": (
        "Biên chế công chức giảm 9,4% (giảm 186 biên chế); viên chức giảm 7,1% (2.040 người) "
        "so với năm 2015.",
        [
            ("civil_servant", 186, 9.4, None, None, "result"),
            ("public_employee", 2040, 7.1, None, None, "result"),
        ],
    ),
    "what is left, in brackets": (
        "Giảm 2 ban đảng (còn 7 ban); giảm 41 xã (còn 163 xã), tương ứng giảm 20,1%.",
        [
            ("party_agency", 2, None, None, None, "result"),
            ("commune_unit", 41, 20.1, None, None, "result"),
        ],
    ),
    "two staff nouns joined by và are one subject": (
        "Đã giảm 968 biên chế công chức và viên chức; huyện giảm 40 công chức và 12 viên chức.",
        [
            ("other", 968, None, None, None, "result"),
            ("civil_servant", 40, None, None, None, "result"),
            ("public_employee", 12, None, None, None, "result"),
        ],
    ),
    "a colon after the verb, an approximate rate, a fraction with its unit": (
        "Giảm: 9 phòng chuyên môn, 2 chi cục; toàn tỉnh giảm 806 biên chế, tương đương khoảng "
        "9%; tỷ lệ tinh giản biên chế đạt 8,5% (806/9.482 người).",
        [
            ("division", 9, None, None, None, "result"),
            ("division", 2, None, None, None, "result"),
            ("other", 806, 9.0, None, None, "result"),
            ("other", 806, 8.5, 806, 9482, "result"),
        ],
    ),
    "a number spelt out again in brackets": (
        "Huyện giảm 01 (một) phòng và 03 (ba) đơn vị sự nghiệp, đạt 12,5%.",
        [
            ("division", 1, None, None, None, "result"),
            ("public_service_unit", 3, 12.5, None, None, "result"),
        ],
    ),
    "a generic count named in brackets, a count after 'tương ứng giảm'": (
        "Tỉnh giảm 58 người (viên chức) và 140 người (cán bộ, công chức cấp xã); số đơn vị sự "
        "nghiệp giảm 9,6%, tương ứng giảm 37 đơn vị.",
        [
            ("public_employee", 58, None, None, None, "result"),
            ("commune_official", 140, None, None, None, "result"),
            ("public_service_unit", 37, 9.6, None, None, "result"),
        ],
    ),
    "a percent in words": (
        "Biên chế viên chức giảm 6,5 phần trăm; huyện giảm 14 phòng, tương đương 20 phần trăm.",
        [
            ("public_employee", None, 6.5, None, None, "result"),
            ("division", 14, 20.0, None, None, "result"),
        ],
    ),
    "cases of streamlining are staff": (
        "Năm 2021 tỉnh đã tinh giản được 263 trường hợp theo Nghị định 108/2014/NĐ-CP.",
        [("other", 263, None, None, None, "result")],
    ),
    "a count out of a total written in words": (
        "Sau sắp xếp, huyện giảm 3 trong tổng số 11 ban chỉ đạo; giảm 19 trên tổng số 152 "
        "xã, đạt 12,5%.",
        [
            ("steering_committee", 3, None, 3, 11, "result"),
            ("commune_unit", 19, 12.5, 19, 152, "result"),
        ],
    ),
    "a rate after a dash, thousands with a no-break space": (
        "Huyện giảm 11 phòng – đạt 18,3%; giảm 1\u202f204 thôn, tổ dân phố - tương ứng 30%.",
        [
            ("division", 11, 18.3, None, None, "result"),
            ("village", 1204, 30.0, None, None, "result"),
        ],
    ),
    "the rate of reduction of a named subject": (
        "Tỷ lệ giảm biên chế viên chức là 9,7%; tỷ lệ giảm đơn vị sự nghiệp đạt 14%.",
        [
            ("public_employee", None, 9.7, None, None, "result"),
            ("public_service_unit", None, 14.0, None, None, "result"),
        ],
    ),
    "a subject listed after a year": (
        "Năm 2024, số cán bộ, công chức cấp xã giảm 265 người.",
        [("commune_official", 265, None, None, None, "result")],
    ),
    "a total after the verb": (
        "Giai đoạn 2015-2021, tỉnh giảm được tổng số 947 biên chế.",
        [("other", 947, None, None, None, "result")],
    ),
    "units inside departments, offices and sub-departments, deputies, communes, groups": (
        "Các sở giảm 14 đầu mối bên trong các sở; huyện giảm được 6 phòng và 1 chi cục; tỉnh "
        "cắt giảm 12 cấp phó; giảm 27 xã, phường, thị trấn; thành phố giảm 9 tổ dân phố.",
        [
            ("division", 14, None, None, None, "result"),
            ("division", 6, None, None, None, "result"),
            ("division", 1, None, None, None, "result"),
            ("leadership_post", 12, None, None, None, "result"),
            ("commune_unit", 27, None, None, None, "result"),
            ("village", 9, None, None, None, "result"),
        ],
    ),
    "before and after with years in brackets, then the reduction and its rate": (
        "Số đơn vị sự nghiệp giảm từ 604 đơn vị (năm 2015) xuống 517 đơn vị (năm 2024), giảm "
        "87 đơn vị, tương ứng 14,4%.",
        [("public_service_unit", 87, 14.4, None, None, "result")],
    ),
    "a headline in capitals": (
        "HUYỆN GIẢM 19 ĐƠN VỊ SỰ NGHIỆP CÔNG LẬP",
        [("public_service_unit", 19, None, None, None, "result")],
    ),
}


@pytest.mark.parametrize("name", list(PATTERNS))
def test_pattern(name):
    text, expected = PATTERNS[name]
    assert keys(text) == expected


EXCLUDED = {
    "stock counts": "Hiện tỉnh có 1.923 công chức và còn 117 xã, phường, thị trấn.",
    "documents, dates and money": (
        "Thực hiện Nghị định số 108/2014/NĐ-CP ngày 20/11/2014 và Đề án 05-ĐA/TU, tỉnh giảm "
        "chi 150 tỷ đồng."
    ),
    "money only": "Kinh phí chi thường xuyên giảm 35 tỷ đồng mỗi năm.",
    "ranges": "Các sở giảm từ 1 đến 3 phòng; các huyện giảm 2-4 phòng.",
    "coverage": "Có 20/20 sở đã giảm đầu mối bên trong.",
    "rearranged or set up, not removed": (
        "Tỉnh sắp xếp 21 đơn vị, tổ chức lại 43 đơn vị và thành lập mới 2 trung tâm."
    ),
    "generic targets": "Mỗi sở phải giảm tối thiểu 10% biên chế; tỉnh tinh giản ít nhất 5%.",
    "a bound shared by a list of targets": (
        "Tỉnh phấn đấu giảm tối thiểu 5% biên chế công chức và 10% biên chế viên chức."
    ),
    "phone numbers": "Mọi ý kiến về giảm biên chế xin gọi 0912.345.678 hoặc 0243 825 6789.",
    "a reduction without a figure": "Trong 5 năm, tỉnh giảm mạnh biên chế.",
    "a proportion, not a count": "Tỉnh đã giảm 1/3 số đơn vị sự nghiệp.",
    "a rate outside any reduction": "Tỷ lệ hộ nghèo của tỉnh đạt 2,5%.",
    "an increase": "Tỉnh tăng giảm 3 lần chỉ tiêu.",
    "years and durations": "Sau ba năm sắp xếp, năm 2021 tỉnh tinh gọn bộ máy.",
    "other things that fall": "Chỉ số cải cách hành chính giảm 3 bậc; tỷ lệ hộ nghèo giảm 1,5%.",
    "increases and new bodies": "Năm 2023 huyện tăng 8 biên chế và thành lập 2 trung tâm y tế.",
    "coverage of all": "Có 14/14 huyện đã sắp xếp xong; năm 2020 giảm còn.",
    "a date, a decree and a phone number with spaces": (
        "Từ ngày 1/7/2025, theo Nghị định 29/2023/NĐ-CP, tỉnh giảm biên chế; liên hệ 0236 3822 415."
    ),
    "money after an object that is not staff": "Tỉnh giảm chi thường xuyên 150 tỷ đồng.",
    "a count of something else after the staff": "Tỉnh giảm biên chế 3 năm liên tiếp.",
    "the rate of something else falling": "Tỷ lệ giảm nghèo là 1,8%; tỷ lệ giảm sinh đạt 0,2%.",
    "digits spaced in a phone number": "Về tinh giản biên chế, gọi 0236 3 822 415 người trực.",
    "procedures, time, files, meetings and money that fall": (
        "Tỉnh cắt giảm 21 thủ tục hành chính; thời gian giải quyết giảm 35%; số cuộc họp giảm "
        "18%; chi thường xuyên giảm 9%, tương ứng 96 tỷ đồng; số vụ vi phạm giảm 11 vụ."
    ),
    "two thirds of the units": "Huyện giảm 2/3 số phòng chuyên môn.",
}


@pytest.mark.parametrize("name", list(EXCLUDED))
def test_exclusion(name):
    assert keys(EXCLUDED[name]) == []


def test_headline_repeating_the_body_is_kept_once_from_the_body():
    text = "Tỉnh giảm 7 huyện\nTheo báo cáo, sau sắp xếp tỉnh đã giảm được 7 huyện và 90 xã."
    figures = extract_figures(text)
    assert keys(text) == [
        ("district_unit", 7, None, None, None, "result"),
        ("commune_unit", 90, None, None, None, "result"),
    ]
    assert figures[0].line == 2


def test_a_percent_of_something_else_does_not_borrow_the_previous_subject():
    assert keys("Tỉnh giảm 5 sở, giảm 50% thủ tục hành chính; tỷ lệ hộ nghèo giảm 1,5%.") == [
        ("state_department", 5, None, None, None, "result")
    ]
    (_, county) = extract_figures("Tỉnh giảm 12% công chức, cấp huyện giảm 9%.")
    assert (county.category, county.percent, county.level) == ("civil_servant", 9.0, "huyen")


def test_count_left_after_a_reduction():
    (fig,) = extract_figures("Tỉnh giảm 3 sở, còn 17 sở.")
    assert (fig.reduced, fig.after, fig.baseline) == (3, 17, None)


def test_same_numbers_in_one_sentence_are_two_facts():
    text = "Sở A giảm từ 8 phòng xuống còn 4 phòng, Sở B giảm từ 9 phòng xuống còn 5 phòng."
    assert len(extract_figures(text)) == 2


# --------------------------------------------------------------------------- details
def test_spans_quote_and_location():
    text = "Tiêu đề\nTỉnh Hà Nam giảm 4 cơ quan trực thuộc Tỉnh ủy đạt 36,4%; 5 sở đạt 26,3%."
    figures = extract_figures(text)
    for fig in figures:
        assert text[fig.start : fig.end] == fig.quote
        assert fig.line == 2
    assert figures[0].quote == "giảm 4 cơ quan trực thuộc Tỉnh ủy đạt 36,4%"
    assert figures[1].location == f"p2:{text.index('5 sở')}-{text.index('26,3%') + 5}"
    assert (figures[0].jurisdiction, figures[0].province_code) == ("Hà Nam", "35")
    assert figures[0].percent_decimals == 1


def test_offsets_point_into_decomposed_text():
    nfc = "Tỉnh Quảng Ninh giảm 5 sở đạt 25,0%."
    nfd = "Mở đầu.\n" + unicodedata.normalize("NFD", nfc)
    (fig,) = extract_figures(nfd)
    assert nfd[fig.start : fig.end] == fig.quote
    assert unicodedata.normalize("NFC", fig.quote) == "giảm 5 sở đạt 25,0%"
    assert fig.jurisdiction == "Quảng Ninh"


def test_levels_phase_period_and_baseline():
    text = (
        "Số liệu tính chung cả 2 giai đoạn. Trong giai đoạn 2019-2021, tỉnh giảm 83 phòng, ban "
        "và tương đương cấp tỉnh, cấp huyện đạt 21,7%; 18 đơn vị hành chính cấp xã đạt 15,5%."
    )
    division, commune = extract_figures(text)
    assert division.level == "tinh+huyen"
    assert commune.level == "xa"
    assert (division.period_start, division.period_end) == ("2019", "2021")
    assert division.phase == "cả 2 giai đoạn"
    (pair,) = extract_figures("Cấp huyện từ 13 huyện giảm xuống còn 11.")
    assert (pair.baseline, pair.after, pair.reduced, pair.level) == (13, 11, 2, "huyen")


def test_projected_second_phase_makes_a_plan():
    text = (
        "Số liệu gồm hai giai đoạn: giai đoạn 2 là phần dự kiến. Theo đó, tỉnh giảm 5 sở "
        "đạt 25,0%, trong đó riêng giai đoạn 2 giảm 2 sở."
    )
    five, two = extract_figures(text)
    assert (five.status, five.phase) == ("result", "cả 2 giai đoạn")
    assert (two.status, two.phase) == ("plan", "giai đoạn 2")


def test_national_figures_and_a_given_jurisdiction():
    (fig,) = extract_figures("Sau ba năm, cả nước giảm được 8 huyện.")
    assert (fig.jurisdiction, fig.province_code) == ("Toàn quốc", "00")
    (fig,) = extract_figures("Tỉnh giảm 3 sở.", jurisdiction="Hà Nam")
    assert (fig.jurisdiction, fig.province_code) == ("Hà Nam", "35")
    (fig,) = extract_figures("Tỉnh giảm 3 sở.")
    assert fig.jurisdiction is None


def test_find_places_ignores_country_in_names():
    text = "Ủy ban MTTQ Việt Nam tỉnh Bình Dương"
    assert find_places(text) == [(text.index("Bình"), "Bình Dương", "74")]


def test_invented_provinces_get_no_jurisdiction():
    (fig,) = extract_figures("Tỉnh Bắc Hòa giảm 4 sở đạt 21,1%.")
    assert fig.jurisdiction is None


# --------------------------------------------------------------------------- building blocks
def test_word_numbers():
    assert parse_number_words(["sáu"]) == 6
    assert parse_number_words(["mười", "lăm"]) == 15
    assert parse_number_words(["ba", "mươi", "mốt"]) == 31
    assert parse_number_words(["hai", "trăm", "linh", "tư"]) == 204  # "linh tư" is 4 too
    assert parse_number_words(["hai", "tư"]) is None  # "tư" only after tens or "linh"
    assert parse_number_words(["lăm"]) is None


def test_tokens_keep_counts_apart_from_other_numbers():
    kinds = [(t.kind, t.value) for t in tokenize("giảm 1.503 người, 0912.345.678, 2019-2021, 5 tỷ")]
    assert ("N", 1503) in kinds
    assert [k for k, _ in kinds].count("X") == 3
    words = tokenize("năm 2020 năm đơn vị", units=frozenset({"đơn"}))
    assert [(t.kind, t.value) for t in words][:2] == [("W", None), ("N", 2020)]
    assert (words[2].kind, words[2].value) == ("N", 5)


def test_sentences():
    text = "Hội nghị diễn ra tại TP. Huế. Tỉnh giảm 5 sở… Hết"
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "Hội nghị diễn ra tại TP. Huế.",
        "Tỉnh giảm 5 sở…",
        "Hết",
    ]


def test_subjects_take_their_head_and_levels():
    words = ["phòng", "ban", "và", "tương", "đương", "cấp", "tỉnh", "cấp", "huyện"]
    subject = resolve_subject(words)
    assert (subject.category, sorted(subject.levels)) == ("division", ["huyen", "tinh"])
    assert resolve_subject(["người", "hoạt", "động", "không", "chuyên", "trách"]).category == (
        "part_time_worker"
    )
    assert resolve_subject(["ban", "quản", "lý", "các", "khu", "công", "nghiệp"]).category == (
        "state_department"
    )
    assert resolve_subject(["đơn", "vị", "thuộc", "sở"]).category is None


# --------------------------------------------------------------------------- files and CLI
SAMPLE = "Tỉnh Hà Nam giảm 4 cơ quan trực thuộc Tỉnh ủy đạt 36,4%; 5 sở đạt 26,3%."


def test_html_and_docx_sources(tmp_path):
    html = tmp_path / "page.html"
    html.write_text(
        "<html><head><style>p{}</style><script>var giam = '5 sở';</script></head>"
        f"<body><h1>Tin</h1><p>{SAMPLE}</p></body></html>",
        encoding="utf-8",
    )
    assert [f.reduced for f in extract_file(html)] == [4, 5]
    assert "var" not in html_text(html.read_text(encoding="utf-8"))
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("Tiêu đề")
    document.add_paragraph(SAMPLE)
    path = tmp_path / "report.docx"
    document.save(path)
    assert read_text(path).splitlines()[1] == SAMPLE
    figures = extract_file(path)
    assert [(f.reduced, f.line) for f in figures] == [(4, 2), (5, 2)]


def test_cli_json(tmp_path, capsys):
    path = tmp_path / "hn.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    assert cli.main(["extract", str(path), "--source-id", "hn-demo"]) == 0
    document = json.loads(capsys.readouterr().out)
    rows = document["figures"]
    assert document["possible_misses"] == []
    assert [r["figure_id"] for r in rows] == ["hn-demo-01", "hn-demo-02"]
    assert [r["confidence"] for r in rows] == ["high", "high"]
    first = rows[0]
    for name in ("file", "category", "reduced", "percent", "numerator", "denominator"):
        assert name in first
    assert first["quote"] == SAMPLE[first["start"] : first["end"]]
    assert first["location"] == f"p1:{first['start']}-{first['end']}"


def test_cli_csv_passes_validation(tmp_path, capsys):
    path = tmp_path / "hn.txt"
    path.write_text(SAMPLE + "\nCông chức giảm 10% (20/200).", encoding="utf-8")
    assert cli.main(["extract", str(path), "--format", "csv"]) == 0
    out = tmp_path / "hn.csv"
    out.write_text(capsys.readouterr().out, encoding="utf-8")
    header = out.read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("figure_id,source_id,jurisdiction,province_code,category")
    assert ",36.4," in out.read_text(encoding="utf-8")
    assert cli.main(["validate", str(out)]) == 0


def test_cli_unreadable_file(tmp_path, capsys):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00")
    assert cli.main(["extract", str(bad)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "not UTF-8" in err[0]
    assert cli.main(["extract", str(tmp_path / "missing.txt")]) == 2


def test_rows_keep_the_contract_names():
    rows = figure_rows(extract_figures(SAMPLE), "x")
    assert rows[0]["note"] == "cơ quan trực thuộc Tỉnh ủy"
    assert rows[1]["level"] == "tinh"


@pytest.mark.parametrize("joiner", ["\n", " "])
def test_throughput_stays_linear(joiner):
    # every line a figure sentence (the worst case); " " makes one 300 kB line
    text = joiner.join([SAMPLE, *EXCLUDED.values(), *(t for t, _ in PATTERNS.values())])
    big = joiner.join([text] * max(1, 300_000 // len(text.encode())))
    extract_figures(text)
    start = time.process_time()
    figures = extract_figures(big)
    seconds = time.process_time() - start
    assert len(figures) >= 30  # repeats of one fact are kept once
    # a guard against super-linear time, not a speed test (benchmarks/score_extract.py measures)
    assert len(big.encode()) / 1e6 / seconds > 0.02


# --------------------------------------------------------------------------- corpus
def _corpus_pairs():
    corpus = SHARED / "corpus"
    if not corpus.is_dir():
        pytest.skip("../shared is absent")
    pairs = [(t, t.with_suffix("").with_suffix(".gold.json")) for t in sorted(corpus.glob("*.txt"))]
    pairs = [(t, g.with_name(t.stem + ".gold.json")) for t, g in pairs]
    seed = SHARED / "seeds" / "000_fb954fd1e08dc094.txt"
    if seed.is_file():
        pairs.append((seed, corpus / "seed.gold.json"))
    return [(t, g) for t, g in pairs if g.is_file()]


def _score(text_path: Path, gold_path: Path) -> tuple[int, int, int]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    found = Counter(tuple(getattr(f, k) for k in KEY) for f in extract_file(text_path))
    wanted = Counter(tuple(g[k] for k in KEY) for g in gold)
    tp = sum((found & wanted).values())
    return tp, sum(found.values()) - tp, sum(wanted.values()) - tp


def test_corpus_precision_and_recall():
    totals = [0, 0, 0]
    for text, gold in _corpus_pairs():
        for i, value in enumerate(_score(text, gold)):
            totals[i] += value
    tp, fp, fn = totals
    assert tp / (tp + fp) >= 0.95
    assert tp / (tp + fn) >= 0.90


def test_seed_every_figure_and_nothing_else():
    seed = SHARED / "seeds" / "000_fb954fd1e08dc094.txt"
    if not seed.is_file():
        pytest.skip("../shared is absent")
    tp, fp, fn = _score(seed, SHARED / "corpus" / "seed.gold.json")
    assert (tp, fp, fn) == (11, 0, 0)


def test_left_after_in_brackets_and_subject_end():
    figs = extract_figures("Giảm 41 xã (còn 163 xã), tương ứng giảm 20,1%.")
    assert [(f.reduced, f.after, f.percent) for f in figs] == [(41, 163, 20.1)]
    figs = extract_figures("Tỉnh giảm 7/19 đơn vị hành chính cấp huyện không đủ tiêu chuẩn.")
    assert [f.quote for f in figs] == ["giảm 7/19 đơn vị hành chính cấp huyện"]


def test_merging_gives_before_and_after():
    (fig,) = extract_figures("Năm 2020, huyện sáp nhập 9 xã thành 4 xã.")
    assert (fig.category, fig.baseline, fig.after, fig.reduced) == ("commune_unit", 9, 4, 5)
    assert fig.quote == "sáp nhập 9 xã thành 4 xã"
    (fig,) = extract_figures("Tỉnh hợp nhất từ 6 huyện thành 3 huyện.")
    assert (fig.category, fig.baseline, fig.after, fig.reduced) == ("district_unit", 6, 3, 3)


def test_bare_before_and_after_in_brackets_explain_the_count():
    (fig,) = extract_figures("Huyện giảm 215 thôn, tổ dân phố (từ 640 xuống 425).")
    assert (fig.category, fig.reduced, fig.baseline, fig.after) == ("village", 215, 640, 425)


def test_a_bloc_after_a_comma_is_not_a_village():
    (fig,) = extract_figures("Tỉnh giảm 12 thôn, khối dân vận giữ nguyên.")
    assert (fig.category, fig.reduced, fig.quote) == ("village", 12, "giảm 12 thôn")


def test_breakdown_naming_each_part_before_its_count():
    figs = extract_figures(
        "Năm 2023 tỉnh giảm 95 biên chế, trong đó: công chức 31 biên chế, viên chức 64 biên chế."
    )
    assert [(f.category, f.reduced, f.subject) for f in figs] == [
        ("other", 95, "biên chế"),
        ("civil_servant", 31, "công chức"),
        ("public_employee", 64, "viên chức"),
    ]
    assert figs[-1].quote == "viên chức 64 biên chế"


def test_named_units_in_brackets_stay_out_of_the_quote():
    (fig,) = extract_figures("Tỉnh giảm 2 sở (Sở Du lịch, Sở Ngoại vụ).")
    assert (fig.category, fig.reduced, fig.quote) == ("state_department", 2, "giảm 2 sở")


def test_a_heading_names_what_the_paragraph_under_it_counts():
    text = "3. Sắp xếp đơn vị sự nghiệp công lập\nĐến nay toàn tỉnh đã giảm 88 đơn vị, đạt 9,1%."
    (fig,) = extract_figures(text)
    assert (fig.category, fig.reduced, fig.percent) == ("public_service_unit", 88, 9.1)
    text = "Tỉnh đã giảm 4 sở.\nĐến nay toàn tỉnh đã giảm 88 đơn vị, đạt 9,1%."
    assert [f.category for f in extract_figures(text)] == ["state_department", "other"]


def test_approximate_figures_keep_their_qualifier():
    figs = extract_figures(
        "Biên chế viên chức giảm gần 30% so với năm 2015; tỉnh giảm khoảng 40 đơn vị sự nghiệp."
    )
    assert [(f.category, f.reduced, f.percent, f.qualifier) for f in figs] == [
        ("public_employee", None, 30.0, "gần"),
        ("public_service_unit", 40, None, "khoảng"),
    ]
