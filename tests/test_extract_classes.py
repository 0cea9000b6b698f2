"""Table tests of extraction, one table per class of phenomenon (issue 11), own sentences.

Each rule of the grammar serves a class; each class is tested on several sentences written
for this file (not the development corpus), so a rule fitted to one sentence fails here.
Rows are (text, expected figures as (category, reduced, percent, numerator, denominator,
status)).
"""

from __future__ import annotations

import pytest

from nq18lib.extract.extraction import extract_figures, extract_text

KEY = ("category", "reduced", "percent", "numerator", "denominator", "status")
R, P = "result", "plan"


def keys(text: str) -> list[tuple]:
    return [tuple(getattr(f, k) for k in KEY) for f in extract_figures(text)]


CLASSES: dict[str, list[tuple[str, list[tuple]]]] = {
    "list and table items without a verb": [
        (
            "- Sở Công Thương: giảm 3 phòng;\n- Sở Xây dựng: 2 phòng;\n- Sở Nội vụ: 1 phòng.",
            [
                ("division", 3, None, None, None, R),
                ("division", 2, None, None, None, R),
                ("division", 1, None, None, None, R),
            ],
        ),
        (
            "Trung học phổ thông: 41 trường, giảm 5;\nMầm non: 190 trường, giảm 12.",
            [
                ("public_service_unit", 5, None, None, None, R),
                ("public_service_unit", 12, None, None, None, R),
            ],
        ),
        (
            "Tỷ lệ giảm biên chế viên chức năm 2023: Nam Định 6,1%, Thái Bình 4,4%.",
            [
                ("public_employee", None, 6.1, None, None, R),
                ("public_employee", None, 4.4, None, None, R),
            ],
        ),
        (
            "Huyện đã giảm 12 đơn vị hành chính cấp xã, trong đó có 9 xã và 3 thị trấn.",
            [
                ("commune_unit", 12, None, None, None, R),
                ("commune_unit", 9, None, None, None, R),
                ("commune_unit", 3, None, None, None, R),
            ],
        ),
    ],
    "reduction verbs, passive and noun forms": [
        (
            "Năm 2022, 4 trung tâm y tế huyện bị giải thể.",
            [("public_service_unit", 4, None, None, None, R)],
        ),
        (
            "Ban chỉ đạo cấp tỉnh cũng được giảm 6 ban.",
            [("steering_committee", 6, None, None, None, R)],
        ),
        (
            "Tỉnh đã xóa bỏ 8 chi cục và thôi tổ chức 5 phòng.",
            [("division", 8, None, None, None, R), ("division", 5, None, None, None, R)],
        ),
        ("Số phòng chuyên môn giảm đi là 23.", [("division", 23, None, None, None, R)]),
        (
            "Đơn vị sự nghiệp công lập ít hơn trước 40 đơn vị.",
            [("public_service_unit", 40, None, None, None, R)],
        ),
        ("Từ 1/7/2025, 11 huyện kết thúc hoạt động.", [("district_unit", 11, None, None, None, R)]),
    ],
    "word numerals": [
        (
            "Bộ giảm hai tổng cục và ba cục.",
            [
                ("general_department", 2, None, None, None, R),
                ("central_unit", 3, None, None, None, R),
            ],
        ),
        ("Tỉnh cắt mười bảy vị trí cấp phó.", [("leadership_post", 17, None, None, None, R)]),
        (
            "Số cấp phó giảm một trăm linh năm người.",
            [("leadership_post", 105, None, None, None, R)],
        ),
        (
            "Số ban quản lý dự án giảm một nửa, từ 10 còn 5.",
            [("public_service_unit", 5, 50.0, None, None, R)],
        ),
    ],
    "unknown counted nouns are other": [
        ("Công an tỉnh giảm 120 đội nghiệp vụ.", [("other", 120, None, None, None, R)]),
        ("Tỉnh giải thể 9 hội đồng tư vấn.", [("other", 9, None, None, None, R)]),
        ("Tổng công ty cắt giảm 3 công ty con.", [("other", 3, None, None, None, R)]),
    ],
    "before and after in every order": [
        ("Số chi cục từ 31 xuống còn 18.", [("division", 13, None, None, None, R)]),
        ("Trước có 22 phòng, nay chỉ còn 15 phòng.", [("division", 7, None, None, None, R)]),
        ("Toàn ngành còn 40 đội so với 64 đội trước đây.", [("other", 24, None, None, None, R)]),
        ("Tỉnh có 28 chi cục được gom thành 10 chi cục.", [("division", 18, None, None, None, R)]),
        ("Tỉnh sáp nhập 5 huyện thành 2 huyện.", [("district_unit", 3, None, None, None, R)]),
    ],
    "coordination and distribution": [
        (
            "Sở Tài chính và Sở Nội vụ mỗi nơi giảm 2 phòng.",
            [("division", 2, None, None, None, R), ("division", 2, None, None, None, R)],
        ),
        (
            "Chính phủ đã giảm 3 bộ và 1 cơ quan thuộc Chính phủ.",
            [("ministry", 3, None, None, None, R), ("government_agency", 1, None, None, None, R)],
        ),
        (
            "Hội Nông dân, Hội Cựu chiến binh mỗi hội giảm 1 phòng.",
            [("division", 1, None, None, None, R), ("division", 1, None, None, None, R)],
        ),
        ("Mỗi năm giảm 2 phòng.", [("division", 2, None, None, None, R)]),
        (
            "Sở giảm 4 phòng, 2 chi cục.",
            [("division", 4, None, None, None, R), ("division", 2, None, None, None, R)],
        ),
    ],
    "count and rate in different sentences": [
        (
            "Số xã giảm là 31. Tỷ lệ giảm tương ứng đạt 17,2%.",
            [("commune_unit", 31, 17.2, None, None, R)],
        ),
        ("Các sở giảm 40 phòng. Mức giảm 21%.", [("division", 40, 21.0, None, None, R)]),
    ],
    "distractors": [
        ("Sau sắp xếp, tỉnh còn 12 sở, 2 ban.", []),
        ("Tỉnh phấn đấu giảm tối thiểu 10% biên chế.", []),
        ("Mỗi sở giảm từ 1 đến 2 phòng.", []),
        ("Sở Y tế tăng 2 phòng; tỉnh thành lập mới 3 trung tâm.", []),
        ("Đến nay 17/17 huyện đã hoàn thành.", []),
        ("Tỷ lệ hộ nghèo giảm 2,1%; số vụ vi phạm giảm 15 vụ.", []),
        ("Các sở đã giảm 30% thời gian giải quyết thủ tục.", []),
        ("Huyện giảm 45 ca mắc bệnh; Sở giảm 20 tiết học.", []),
        (
            "Số xã giảm 12. Tỷ lệ giảm đạt 100% kế hoạch.",
            [("commune_unit", 12, None, None, None, R)],
        ),
    ],
    "after the locked test: rates past an aside, subjects before a dated verb, same numbers": [
        (
            "Sau hợp nhất, tỉnh giảm 4 sở, từ 19 sở còn 15 sở, tương ứng giảm 21,1%.",
            [("state_department", 4, 21.1, None, None, R)],
        ),
        ("Sở giảm 12 phòng trong các chi cục, đạt 20%.", [("division", 12, 20.0, None, None, R)]),
        (
            "Đồng thời 9 huyện, thị xã dự kiến kết thúc hoạt động từ ngày 1/7/2025.",
            [("district_unit", 9, None, None, None, P)],
        ),
        (
            "Tỉnh giải thể 3 hội đồng và hợp nhất 5 tổ công tác thành 2 tổ.",
            [("other", 3, None, None, None, R), ("other", 3, None, None, None, R)],
        ),
    ],
    "rearranged into fewer": [
        ("17 chi cục được tổ chức lại thành 9 chi cục.", [("division", 8, None, None, None, R)]),
        (
            "Tỉnh sắp xếp 30 trạm y tế thành 18 trạm.",
            [("public_service_unit", 12, None, None, None, R)],
        ),
        ("Tỉnh sắp xếp 21 đơn vị sự nghiệp.", []),
    ],
    "plan or result by scope": [
        (
            "1. Kết quả đạt được\nNăm 2024, tỉnh đã giảm 2 sở.\n2. Nhiệm vụ năm 2025\n"
            "Giảm thêm 3 sở;\nGiảm 20% số phòng thuộc sở;\nSắp xếp 200 xã thành 65 xã.",
            [
                ("state_department", 2, None, None, None, R),
                ("state_department", 3, None, None, None, P),
                ("division", None, 20.0, None, None, P),
                ("commune_unit", 135, None, None, None, P),
            ],
        ),
        (
            "Theo Đề án, Bộ sẽ giảm 13 tổng cục; giảm 111 đơn vị sự nghiệp.",
            [
                ("general_department", 13, None, None, None, P),
                ("public_service_unit", 111, None, None, None, P),
            ],
        ),
        (
            "Dự kiến giảm 3 sở; năm 2024 đã giảm 2 phòng.",
            [("state_department", 3, None, None, None, P), ("division", 2, None, None, None, R)],
        ),
        (
            "Tỉnh đã tinh giản 862 trường hợp, trong đó thôi việc ngay 331 trường hợp.",
            [("other", 862, None, None, None, R), ("other", 331, None, None, None, R)],
        ),
        (
            "PHƯƠNG ÁN SẮP XẾP NĂM 2026\n- Giảm 3 sở;\n- Giảm 10 phòng.",
            [("state_department", 3, None, None, None, P), ("division", 10, None, None, None, P)],
        ),
        (
            "Chậm nhất 31/12/2025: giảm 4 đơn vị sự nghiệp; giảm 2 chi cục.",
            [("public_service_unit", 4, None, None, None, P), ("division", 2, None, None, None, P)],
        ),
        (
            "Nếu hợp nhất thì sẽ giảm 6 phòng. Năm 2024, tỉnh đã giảm 3 phòng.",
            [("division", 6, None, None, None, P), ("division", 3, None, None, None, R)],
        ),
    ],
    "breakdowns by level and before/after openers": [
        (
            "Tổng số biên chế giảm 1.500 người, trong đó cấp tỉnh 900 người, cấp huyện 600 người.",
            [
                ("other", 1500, None, None, None, R),
                ("other", 900, None, None, None, R),
                ("other", 600, None, None, None, R),
            ],
        ),
        (
            "Trước sắp xếp có 48 đơn vị sự nghiệp, nay còn 31 đơn vị.",
            [("public_service_unit", 17, None, None, None, R)],
        ),
    ],
    "table rows whose label names the unit": [
        ("Thôn, tổ dân phố: 2.158, giảm 1.004 (31,8%).", [("village", 1004, 31.8, None, None, R)]),
        ("Xã, phường: 95, giảm 41.", [("commune_unit", 41, None, None, None, R)]),
        ("Tiểu học: 212 trường, giảm 61.", [("public_service_unit", 61, None, None, None, R)]),
    ],
    "parts after a trailing phrase, rates in brackets, merges after a colon": [
        (
            "Có 1.356 người nghỉ việc theo chính sách mới, trong đó 289 người là công chức.",
            [
                ("payroll_exit", 1356, None, None, None, R),
                ("payroll_exit", 289, None, None, None, R),
            ],
        ),
        (
            "Thành phố cắt giảm 1.102 biên chế hưởng lương từ ngân sách (tương đương 5,2%).",
            [("other", 1102, 5.2, None, None, R)],
        ),
        (
            "Các trường được sáp nhập: 45 trường thành 20 trường.",
            [("public_service_unit", 25, None, None, None, R)],
        ),
        (
            "Bộ giảm 8 tổng cục, 60 đơn vị cấp cục, hơn 1.000 đơn vị cấp phòng.",
            [
                ("general_department", 8, None, None, None, R),
                ("central_unit", 60, None, None, None, R),
                ("division", 1000, None, None, None, R),
            ],
        ),
        (
            "Lãnh đạo phòng giảm 215 người, trong đó 37 trưởng phòng và 178 phó trưởng phòng.",
            [
                ("leadership_post", 215, None, None, None, R),
                ("leadership_post", 37, None, None, None, R),
                ("leadership_post", 178, None, None, None, R),
            ],
        ),
    ],
    "parts of a total of units": [
        (
            "Tỉnh giảm được 14 đầu mối, trong đó 5 sở, 9 phòng.",
            [
                ("other", 14, None, None, None, R),
                ("state_department", 5, None, None, None, R),
                ("division", 9, None, None, None, R),
            ],
        ),
    ],
    "payroll exits": [
        (
            "Trong năm, có 312 cán bộ, công chức, viên chức nghỉ hưu trước tuổi.",
            [("payroll_exit", 312, None, None, None, R)],
        ),
        (
            "Đã giải quyết cho 2.450 người nghỉ việc theo Nghị định 178.",
            [("payroll_exit", 2450, None, None, None, R)],
        ),
    ],
    "spelling variants and abbreviations": [
        (
            "Kết quả, đã giảm 3/13 cơ quan chuyên môn thuộc UBND tỉnh.",
            [("state_department", 3, None, 3, 13, R)],
        ),
        (
            "Tỉnh uỷ Thanh Hoá giảm 2 cơ quan tham mưu giúp việc Tỉnh uỷ.",
            [("party_agency", 2, None, None, None, R)],
        ),
        ("UBND tỉnh giảm 15 ĐVSN công lập.", [("public_service_unit", 15, None, None, None, R)]),
        ("KẾT QUẢ: CẮT GIẢM 9 PHÒNG CHUYÊN MÔN.", [("division", 9, None, None, None, R)]),
    ],
}

CLASSES_DEV2: dict[str, list[tuple[str, list[tuple]]]] = {
    # classes found on the dev2 split (tests/extract_corpus/dev2), tested on other sentences
    "a count takes the rate after it": [
        (
            "Tỉnh còn 15 sở, giảm 4 sở so với năm 2024 (giảm 21,1%).",
            [("state_department", 4, 21.1, None, None, R)],
        ),
        (
            "Huyện giảm 9 xã, còn 12 xã, thị trấn, đạt 42,9%.",
            [("commune_unit", 9, 42.9, None, None, R)],
        ),
        (
            "Đã giảm 30 đơn vị sự nghiệp công lập so với năm 2021, bằng 8,2%.",
            [("public_service_unit", 30, 8.2, None, None, R)],
        ),
    ],
    "respectively (lần lượt)": [
        (
            "Số công chức và viên chức giảm lần lượt là 45 người và 310 người.",
            [
                ("civil_servant", 45, None, None, None, R),
                ("public_employee", 310, None, None, None, R),
            ],
        ),
        (
            "Biên chế công chức và số người làm việc dự kiến giảm lần lượt 5% và 10%.",
            [
                ("civil_servant", None, 5.0, None, None, P),
                ("public_employee", None, 10.0, None, None, P),
            ],
        ),
        (
            "Tỉnh giảm 6 sở và 40 phòng; tỷ lệ giảm lần lượt là 28,6% và 19%.",
            [
                ("state_department", 6, 28.6, None, None, R),
                ("division", 40, 19.0, None, None, R),
            ],
        ),
        (
            "Sở, phòng và chi cục giảm lần lượt 3 và 12.",  # three subjects, two numbers
            [],
        ),
    ],
    "provinces and districts of the 2025 reform": [
        (
            "Cả nước từ 63 tỉnh, thành phố giảm còn 34 tỉnh, thành phố.",
            [("province_unit", 29, None, None, None, R)],
        ),
        (
            "Hai tỉnh hợp nhất, giảm 1 tỉnh; 9 huyện không còn tồn tại từ ngày 1/7/2025.",
            [("province_unit", 1, None, None, None, R), ("district_unit", 9, None, None, None, R)],
        ),
        (
            "Từ 1/7/2025, 705 đơn vị hành chính cấp huyện dừng hoạt động.",
            [("district_unit", 705, None, None, None, R)],
        ),
        (
            "Cả nước giảm từ 63 xuống còn 34 tỉnh, thành phố, gồm 28 tỉnh và 6 thành phố.",
            [("province_unit", 29, None, None, None, R)],  # the parts are of the 34 left
        ),
        ("Sau 5 năm, năm 2020 tỉnh giải thể trường chuyên biệt.", []),  # a year, not provinces
        ("Tỉnh ủy Nam Định giảm 2 ban.", [("other", 2, None, None, None, R)]),  # not provinces
        ("UBND tỉnh giảm 6 đơn vị.", [("other", 6, None, None, None, R)]),
        ("Tỉnh A và tỉnh B hợp nhất, giảm 1 tỉnh.", [("province_unit", 1, None, None, None, R)]),
    ],
    "a bracketed count before its verb": [
        (
            "Các phòng chuyên môn cấp huyện (212 phòng) kết thúc hoạt động.",
            [("division", 212, None, None, None, R)],
        ),
        (
            "Các ban quản lý dự án cấp huyện (18 ban) đã được giải thể.",
            [("public_service_unit", 18, None, None, None, R)],
        ),
    ],
    "a headline rounding or repeating the body": [
        (
            "Gần 5.000 người nghỉ việc theo chính sách mới\nĐến nay đã có 4.871 người nghỉ việc.",
            [("payroll_exit", 4871, None, None, None, R)],
        ),
        (
            "Giảm hơn 40% đầu mối cấp xã\nTỉnh đã giảm 96 xã, phường, đạt 41,2%.",
            [("commune_unit", 96, 41.2, None, None, R)],
        ),
        (
            "NINH BÌNH GIẢM 6 SỞ\nSau sắp xếp, tỉnh giảm 6 sở, đạt 31,6%.",
            [("state_department", 6, 31.6, None, None, R)],
        ),
        (
            "Huyện A giảm 3 xã. Huyện B cũng giảm 3 xã.",  # two facts, not a repeat
            [("commune_unit", 3, None, None, None, R), ("commune_unit", 3, None, None, None, R)],
        ),
        (
            "- Sở Tư pháp: giảm 2 phòng;\n- Sở Y tế: giảm 2 phòng.",  # list items, not headlines
            [("division", 2, None, None, None, R), ("division", 2, None, None, None, R)],
        ),
    ],
    "a list item with its own verb of another kind": [
        (
            "Bộ thay đổi như sau:\n- Giảm 4 cục;\n- Thành lập mới 1 cục;\n- Bộ hiện có 20 đơn vị.",
            [("central_unit", 4, None, None, None, R)],
        ),
        (
            "Kết quả:\n- Sở Y tế: giảm 3 phòng;\n- Sở Tài chính: tăng 1 phòng.",
            [("division", 3, None, None, None, R)],
        ),
    ],
    "plan by numbered section": [
        (
            "II. NHIỆM VỤ NĂM 2026\n1. Về tổ chức bộ máy\nGiảm 3 phòng thuộc sở.\n"
            "III. KẾT QUẢ\n1. Về tổ chức\nTỉnh giảm 2 phòng.",
            [("division", 3, None, None, None, P), ("division", 2, None, None, None, R)],
        ),
        (
            "1. Phương án sắp xếp\nSau sắp xếp còn 9 sở.\nCác chi cục giảm 4 chi cục.\n"
            "2. Kết quả năm 2024\nTỉnh giảm 11 đơn vị sự nghiệp.",
            [
                ("division", 4, None, None, None, P),
                ("public_service_unit", 11, None, None, None, R),
            ],
        ),
        (
            "Theo đề án, tỉnh sẽ sắp xếp 120 xã thành 45 xã.\nCụ thể:\n"
            "- Huyện A: từ 10 xã còn 4 xã;\n- Huyện B: giảm 5 xã.",
            [
                ("commune_unit", 75, None, None, None, P),
                ("commune_unit", 6, None, None, None, P),
                ("commune_unit", 5, None, None, None, P),
            ],
        ),
    ],
    "parts of a figure in the next sentence": [
        (
            "Tỉnh đã có 1.530 người nghỉ việc theo Nghị định 178/2024/NĐ-CP. "
            "Trong số này, 640 người là cán bộ, công chức cấp xã.",
            [
                ("payroll_exit", 1530, None, None, None, R),
                ("payroll_exit", 640, None, None, None, R),
            ],
        ),
        (
            "Toàn tỉnh giảm 58 đơn vị hành chính cấp xã. Trong đó, 50 xã và 8 thị trấn.",
            [
                ("commune_unit", 58, None, None, None, R),
                ("commune_unit", 50, None, None, None, R),
                ("commune_unit", 8, None, None, None, R),
            ],
        ),
        (
            "Tỉnh còn 120 xã. Trong đó, 15 phường và 4 thị trấn.",  # parts of a stock
            [],
        ),
    ],
    "tables in text": [
        (
            "Huyện\tTrước\tSau\tGiảm\nA\t14 xã\t6 xã\t8\nB\t9 xã\t4 xã\t5",
            [("commune_unit", 8, None, None, None, R), ("commune_unit", 5, None, None, None, R)],
        ),
        (
            "Số phòng thuộc sở\n| Sở | Trước sắp xếp | Sau sắp xếp |\n|---|---|---|\n"
            "| Sở Tài chính | 11 | 7 |\n| Sở Xây dựng | 9 | 9 |",
            [("division", 4, None, None, None, R)],  # a row with no change is no figure
        ),
        (
            "| Đơn vị | Hiện có | Ghi chú |\n| Sở Y tế | 12 | giữ nguyên |",  # stocks only
            [],
        ),
        (
            "Dự kiến sắp xếp đơn vị hành chính cấp xã:\nHuyện | Hiện có | Sau sắp xếp\n"
            "Huyện A | 18 | 7",
            [("commune_unit", 11, None, None, None, P)],
        ),
    ],
    "a count after 'theo <document> là'": [
        (
            "Số người nghỉ việc theo Nghị định 178/2024/NĐ-CP là 1.045 người.",
            [("payroll_exit", 1045, None, None, None, R)],
        ),
        (
            "Số người được nghỉ việc theo Nghị định số 178 và Nghị định số 67 là 87 người.",
            [("payroll_exit", 87, None, None, None, R)],
        ),
    ],
    "respectively after an opening, subjects split on 'và' first": [
        (
            "Năm 2023, biên chế công chức và số người làm việc giảm lần lượt 31 và 206 người.",
            [
                ("civil_servant", 31, None, None, None, R),
                ("public_employee", 206, None, None, None, R),
            ],
        ),
        (
            "Cán bộ, công chức cấp xã và người hoạt động không chuyên trách giảm lần lượt là "
            "77 người và 140 người.",
            [
                ("commune_official", 77, None, None, None, R),
                ("part_time_worker", 140, None, None, None, R),
            ],
        ),
    ],
    "a round headline rate above the body's": [
        (
            "Giảm gần 60% số xã\nSố đơn vị hành chính cấp xã giảm 121 đơn vị, tỷ lệ 57,3%.",
            [("commune_unit", 121, 57.3, None, None, R)],
        ),
    ],
    "what is left goes on after 'còn'": [
        (
            "Thành phố giảm 5 sở, còn 16 sở và 1 ban.",
            [("state_department", 5, None, None, None, R)],
        ),
        ("Tỉnh giảm 4 sở, còn 13 sở, 2 ban.", [("state_department", 4, None, None, None, R)]),
        (
            "Tỉnh giảm 5 sở (còn 14 sở), 20 phòng và 3 chi cục.",  # in brackets: an aside
            [
                ("state_department", 5, None, None, None, R),
                ("division", 20, None, None, None, R),
                ("division", 3, None, None, None, R),
            ],
        ),
    ],
    "'hạ' as a reduction verb": [
        ("Tỉnh hạ 2 phòng chuyên môn.", [("division", 2, None, None, None, R)]),
        ("Sở hạ được 3 chi cục trong năm.", [("division", 3, None, None, None, R)]),
        ("Tỉnh đầu tư hạ tầng cho 12 xã.", []),
    ],
    "a merge and the units it removed are one fact": [
        (
            "Sau khi hợp nhất 24 trường thành 11 trường, ngành giáo dục giảm được 13 đầu mối.",
            [("public_service_unit", 13, None, None, None, R)],
        ),
        (
            "Sáp nhập 9 trạm thành 4 trạm, giảm 5 đầu mối.",
            [("other", 5, None, None, None, R)],  # "trạm" alone: a noun outside the taxonomy
        ),
    ],
    "round targets are no figures": [
        ("Tỉnh phấn đấu giảm khoảng 15% đầu mối bên trong.", []),
        ("Dự kiến giảm chừng 10% biên chế sự nghiệp.", []),
        (
            "Năm 2024 huyện đã giảm khoảng 12% biên chế công chức.",  # a result, kept
            [("civil_servant", None, 12.0, None, None, R)],
        ),
    ],
    "merged subjects listed with commas": [
        (
            "Năm 2025, 48 thôn, tổ dân phố được sáp nhập thành 20 thôn, tổ dân phố.",
            [("village", 28, None, None, None, R)],
        ),
        (
            "Các chi cục, hạt kiểm lâm: 14 chi cục, hạt được gom thành 6.",
            [("division", 8, None, None, None, R)],
        ),
    ],
    "counted nouns outside the taxonomy (more of them)": [
        ("Ngành tài chính giảm 120 kho bạc cấp huyện.", [("other", 120, None, None, None, R)]),
        ("Ngân hàng giảm 14 chi nhánh.", [("other", 14, None, None, None, R)]),
        ("Huyện giải thể 23 điểm trường lẻ.", [("other", 23, None, None, None, R)]),
    ],
}
CLASSES.update(CLASSES_DEV2)

CLASSES_HOLDOUT: dict[str, list[tuple[str, list[tuple]]]] = {
    # classes found on the lead's holdout after its blind score, tested on other sentences
    "a table of bodies counts the noun of its title, not the body": [
        (
            "Số phòng thuộc các sở sau khi hợp nhất:\n"
            "| Sở (sau hợp nhất) | Trước | Sau | Giảm |\n"
            "| Sở Y tế | 9 | 6 | 3 |\n| Sở Công Thương | 12 | 7 | 5 |",
            [("division", 3, None, None, None, R), ("division", 5, None, None, None, R)],
        ),
        (
            "Số cục, vụ của Bộ trước và sau sắp xếp\nBộ\tTrước\tSau\nBộ Tài chính\t40\t31\n",
            [("central_unit", 9, None, None, None, R)],
        ),
        (
            "Số trường học của các huyện sau sáp nhập\n"
            "Huyện | Hiện có | Còn lại | Giảm\n"
            "Huyện Đông Anh | 80 | 71 | 9",
            [("public_service_unit", 9, None, None, None, R)],
        ),
    ],
    "a table with year columns and a rate column": [
        (
            "Mạng lưới trường công lập của tỉnh\n"
            "Bậc học\tNăm 2019\tNăm 2024\tTỷ lệ giảm\n"
            "Trung học cơ sở\t120\t102\t15,0%\n"
            "Mầm non\t90\t95\t—",
            [("public_service_unit", 18, 15.0, None, None, R)],
        ),
        (
            "Số phòng chuyên môn cấp huyện\n"
            "Đơn vị | 2020 | 2023 | Tỷ lệ\n"
            "Huyện Ba Vì | 14 | 10 | 28,6%",
            [("division", 4, 28.6, None, None, R)],
        ),
    ],
    "a list opened by a reduction: verbless items are cuts": [
        (
            "Số phòng giảm ở từng sở như sau:\n- Sở Tư pháp: 2 phòng;\n- Sở Y tế: 3 phòng.",
            [("division", 2, None, None, None, R), ("division", 3, None, None, None, R)],
        ),
        (
            "Cắt giảm tại các bộ:\n- Bộ Công Thương: 4 cục, 2 vụ;",
            [("central_unit", 4, None, None, None, R), ("central_unit", 2, None, None, None, R)],
        ),
        (
            "Các sở hiện có như sau:\n- Sở Tư pháp: 5 phòng;\n- Sở Y tế: 7 phòng.",
            [],  # the opening names no cut: the items are stocks
        ),
    ],
    "a rate after a comparison, a before/after pair or in the next sentence": [
        (
            "Khối chính quyền giảm 52 biên chế công chức so với năm 2016 (7,3%).",
            [("civil_servant", 52, 7.3, None, None, R)],
        ),
        (
            "Tỉnh giảm 12 phòng so với năm 2015 (trước sắp xếp), đạt 8,1%.",
            [("division", 12, 8.1, None, None, R)],
        ),
        (
            "Huyện từ 30 xã giảm xuống còn 21 xã, tương đương giảm 30%.",
            [("commune_unit", 9, 30.0, None, None, R)],
        ),
        (
            "Huyện giảm 9 xã, từ 30 xã còn 21 xã, đạt 30%.",
            [("commune_unit", 9, 30.0, None, None, R)],
        ),
        (
            "Ngành y tế tinh giản 96 biên chế viên chức. Con số này bằng 4,2% tổng biên chế.",
            [("public_employee", 96, 4.2, None, None, R)],
        ),
        (
            "Số thôn giảm đi là 40. So với 250 thôn trước đây, tỷ lệ giảm tương ứng 16%.",
            [("village", 40, 16.0, None, None, R)],
        ),
        (
            "Huyện giảm 20 thôn. Như vậy, mức giảm là 12,5%.",
            [("village", 20, 12.5, None, None, R)],
        ),
        (
            "Huyện giảm 20 thôn. Như vậy, tỉnh còn 300 thôn, chiếm 12%.",
            [("village", 20, None, None, None, R)],  # a count of its own: not the rate of 20
        ),
    ],
    "a count after 'so với' a total of units before": [
        (
            "Sau sắp xếp, huyện có 14 xã, thị trấn, so với 22 đơn vị trước đây.",
            [("commune_unit", 8, None, None, None, R)],
        ),
        (
            "Khối chính quyền được tổ chức thành 12 sở, so với 18 đầu mối trước khi hợp nhất.",
            [("state_department", 6, None, None, None, R)],
        ),
        (
            "Tỉnh nay còn 40 phòng so với 52 phòng của các sở trước khi sắp xếp.",
            [("division", 12, None, None, None, R)],
        ),
        (
            "Tỉnh còn 15 sở so với 20 sở năm 2020.",
            [],  # a year, not "trước đây": no count before
        ),
        (
            "Kho bạc cấp huyện được gom từ 60 đơn vị thành 20 kho bạc khu vực.",
            [],  # the count after names no kind: "đơn vị cấp huyện" must not make it districts
        ),
    ],
    "a total of units takes the kind of body of its subject": [
        (
            "Các ban xây dựng Đảng của Tỉnh ủy giảm 2 đầu mối.",
            [("party_agency", 2, None, None, None, R)],
        ),
        (
            "- Các cục, vụ và tương đương: từ 40 giảm xuống 28 đầu mối, đạt 30%.",
            [("central_unit", 12, 30.0, None, None, R)],
        ),
        (
            "Các đơn vị sự nghiệp công lập của huyện giảm 6 đầu mối.",
            [("public_service_unit", 6, None, None, None, R)],
        ),
        (
            "Huyện giảm 3 đầu mối.",
            [("other", 3, None, None, None, R)],  # a place is no kind of body: a total
        ),
    ],
    "party agencies named by what they do (taxonomy synonyms)": [
        (
            "Khối tham mưu, giúp việc Thành ủy giảm 2 cơ quan.",
            [("party_agency", 2, None, None, None, R)],
        ),
        ("Các ban xây dựng Đảng giảm 1 ban.", [("party_agency", 1, None, None, None, R)]),
        (
            "Cơ quan giúp việc Tỉnh ủy giảm 1 đầu mối.",
            [("party_agency", 1, None, None, None, R)],
        ),
    ],
    "a list goes on after 'và tổ chức tương đương'": [
        (
            "Các bộ đã giảm 6 tổng cục và tổ chức tương đương, 21 cục, 40 vụ.",
            [
                ("general_department", 6, None, None, None, R),
                ("central_unit", 21, None, None, None, R),
                ("central_unit", 40, None, None, None, R),
            ],
        ),
        (
            "Tỉnh giảm 3 chi cục và tổ chức tương đương, 15 phòng.",
            [("division", 3, None, None, None, R), ("division", 15, None, None, None, R)],
        ),
        (
            "Bộ giảm 4 cục và đơn vị tương đương; 9 vụ.",
            [("central_unit", 4, None, None, None, R), ("central_unit", 9, None, None, None, R)],
        ),
    ],
    "a count after, then the count before ('trước đây là')": [
        (
            "Số phòng chuyên môn giảm xuống còn 9, trước đây là 13.",
            [("division", 4, None, None, None, R)],
        ),
        (
            "Số đơn vị sự nghiệp được thu gọn còn 40 đơn vị (trước đây là 52 đơn vị).",
            [("public_service_unit", 12, None, None, None, R)],
        ),
        (
            "Số thôn giảm còn 120, trước đây có 150 thôn.",
            [("village", 30, None, None, None, R)],
        ),
    ],
    "a level opening with 'với' gives a total of units its kind": [
        (
            "Cấp huyện với 705 đơn vị kết thúc hoạt động từ ngày 1/7/2025.",
            [("district_unit", 705, None, None, None, R)],
        ),
        (
            "Cấp xã với 6.700 đơn vị được sắp xếp lại, giảm 6.700 đơn vị.",
            [("commune_unit", 6700, None, None, None, R)],
        ),
    ],
}
CLASSES.update(CLASSES_HOLDOUT)

CLASSES_MORE: dict[str, list[tuple[str, list[tuple]]]] = {  # issue 11, the classes still missing
    "a stock now and its past, with no verb ('còn 14 sở, trước đây là 19 sở')": [
        (
            "Sau sắp xếp, thành phố còn 13 sở, trước đây là 17 sở.",
            [("state_department", 4, None, None, None, R)],
        ),
        (
            "Hiện toàn tỉnh còn 9 huyện, trước đây có 11 huyện.",
            [("district_unit", 2, None, None, None, R)],
        ),
        (
            "Cấp xã nay còn 88 xã (trước đây là 131 xã).",
            [("commune_unit", 43, None, None, None, R)],
        ),
    ],
    "payroll exits granted ('được giải quyết nghỉ việc')": [
        (
            "Tính đến tháng 6, 187 cán bộ, công chức đã được giải quyết nghỉ việc.",
            [("payroll_exit", 187, None, None, None, R)],
        ),
        (
            "Sở Nội vụ đã giải quyết cho 64 người thôi việc theo Nghị định 29.",
            [("payroll_exit", 64, None, None, None, R)],
        ),
        (
            "Năm nay có 41 viên chức được giải quyết chế độ nghỉ hưu trước tuổi.",
            [("payroll_exit", 41, None, None, None, R)],
        ),
        ("Đã có 2.315 người nghỉ việc.", [("payroll_exit", 2315, None, None, None, R)]),
    ],
    "'thấp hơn'/'ít hơn' N (so với …) is a reduction": [
        (
            "Số đơn vị sự nghiệp công lập năm 2024 thấp hơn 58 đơn vị so với năm 2019.",
            [("public_service_unit", 58, None, None, None, R)],
        ),
        (
            "Biên chế viên chức toàn tỉnh thấp hơn 320 người so với năm 2015.",
            [("public_employee", 320, None, None, None, R)],
        ),
        (
            "Số thôn, tổ dân phố ít hơn 75 thôn so với trước khi sáp nhập.",
            [("village", 75, None, None, None, R)],
        ),
        ("Tỷ lệ hộ nghèo thấp hơn 2,1% so với năm trước.", []),  # no subject of the taxonomy
    ],
}
CLASSES_MORE["unknown counted nouns are other, by their place after the count"] = [
    (
        "Tỉnh giảm 5 kho lưu trữ và 2 nhà khách.",
        [("other", 5, None, None, None, R), ("other", 2, None, None, None, R)],
    ),
    ("Ngành giao thông giảm 2 bến thủy nội địa.", [("other", 2, None, None, None, R)]),
    ("Năm 2023, 9 phân trại giống của tỉnh bị giải thể.", [("other", 9, None, None, None, R)]),
    (
        "Bệnh viện tỉnh giảm 4 khoa và 30 giường bệnh.",  # beds are no body: a possible miss
        [("other", 4, None, None, None, R)],
    ),
    ("Tỉnh đã cắt giảm 31 thủ tục hành chính.", []),
    ("Số kho lưu trữ giảm từ 14 kho xuống còn 9 kho.", [("other", 5, None, None, None, R)]),
    ("Tỉnh sáp nhập 8 nhà khách thành 3 nhà khách.", [("other", 5, None, None, None, R)]),
    ("Số vụ vi phạm giảm 11 vụ.", []),  # the longer phrase names no body
    ("Huyện giảm 2 lần số cuộc họp.", []),
]
CLASSES_MORE["'lần lượt' then the verb, the noun after the numbers"] = [
    (
        "Ba sở Công Thương, Tư pháp và Y tế lần lượt giảm 2, 1 và 4 phòng.",
        [
            ("division", 2, None, None, None, R),
            ("division", 1, None, None, None, R),
            ("division", 4, None, None, None, R),
        ],
    ),
    (
        "Các huyện Hàm Yên, Na Hang lần lượt giảm 5 và 8 xã.",
        [("commune_unit", 5, None, None, None, R), ("commune_unit", 8, None, None, None, R)],
    ),
    (
        "Thị xã A và huyện B lần lượt đã giảm 14 thôn và 11 thôn.",
        [("village", 14, None, None, None, R), ("village", 11, None, None, None, R)],
    ),
]
CLASSES_MORE["parts named first, after a label ('Chia theo đối tượng: công chức 428 người')"] = [
    (
        "Năm 2024 tỉnh tinh giản 906 người. Chia theo đối tượng: công chức 311 người; viên chức"
        " 595 người.",
        [
            ("other", 906, None, None, None, R),
            ("civil_servant", 311, None, None, None, R),
            ("public_employee", 595, None, None, None, R),
        ],
    ),
    (
        "Thành phố giảm 44 đơn vị sự nghiệp. Phân theo lĩnh vực: giáo dục 30 đơn vị; y tế 14"
        " đơn vị.",
        [
            ("public_service_unit", 44, None, None, None, R),
            ("public_service_unit", 30, None, None, None, R),
            ("public_service_unit", 14, None, None, None, R),
        ],
    ),
    (
        "Tỉnh giảm 62 đơn vị sự nghiệp, trong đó văn hóa 12 đơn vị, nông nghiệp 9 đơn vị.",
        [
            ("public_service_unit", 62, None, None, None, R),
            ("public_service_unit", 12, None, None, None, R),
            ("public_service_unit", 9, None, None, None, R),
        ],
    ),
]
CLASSES_MORE["'mỗi huyện': one figure per body of a count given, else what one cut"] = [
    (  # decided: with "3 huyện" before, one figure per huyện, as for named bodies
        "Tỉnh có 3 huyện; mỗi huyện thôi tổ chức 2 phòng.",
        [("division", 2, None, None, None, R)] * 3,
    ),
    (
        "Toàn tỉnh có 2 huyện. Mỗi huyện giảm 1 phòng chuyên môn.",
        [("division", 1, None, None, None, R)] * 2,
    ),
    (
        "Ở cấp huyện, Mường Tè và Sìn Hồ mỗi huyện giảm 3 phòng.",  # names with no head word
        [("division", 3, None, None, None, R)] * 2,
    ),
    ("Mỗi xã giảm 2 thôn.", [("village", 2, None, None, None, R)]),  # no count: per unit
    ("Mỗi năm tỉnh giảm 3 phòng.", [("division", 3, None, None, None, R)]),  # a time, no body
    (
        "Sở Y tế và Sở Tư pháp mỗi nơi giảm 2 phòng.",
        [("division", 2, None, None, None, R), ("division", 2, None, None, None, R)],
    ),
]
CLASSES_MORE["word numerals where no noun follows them"] = [
    (
        "Số chi cục giảm từ mười tám xuống còn mười một chi cục.",
        [("division", 7, None, None, None, R)],
    ),
    ("Số phòng chuyên môn giảm là mười bốn.", [("division", 14, None, None, None, R)]),
    ("Số thôn từ tám xuống còn năm.", [("village", 3, None, None, None, R)]),
    (
        "Tỉnh giảm hai mươi lăm phần trăm số ban chỉ đạo.",
        [("steering_committee", None, 25.0, None, None, R)],
    ),
    (
        "Sở Nội vụ và Sở Tư pháp giảm lần lượt hai và một phòng.",
        [("division", 2, None, None, None, R), ("division", 1, None, None, None, R)],
    ),
    ("Tỉnh giảm một số phòng chuyên môn.", []),  # "một số" is "some"
    ("Hai phần ba số xã đã được sáp nhập.", []),  # a share, not a count
]
CLASSES_MORE["'lần lượt' numbers take the noun after them"] = [
    (
        "Sở Xây dựng và Sở Công Thương giảm lần lượt 3 và 2 phòng.",
        [("division", 3, None, None, None, R), ("division", 2, None, None, None, R)],
    ),
    (
        "Công chức và viên chức giảm lần lượt 51 và 204 người.",  # a generic noun: the subjects
        [("civil_servant", 51, None, None, None, R), ("public_employee", 204, None, None, None, R)],
    ),
]
CLASSES_MORE["a bare count takes the subject opening its clause, clauses back"] = [
    (
        "Về đơn vị sự nghiệp, sau khi rà soát, tỉnh đã giải thể, sáp nhập, giảm 29.",
        [("public_service_unit", 29, None, None, None, R)],
    ),
    (
        "Đối với ban chỉ đạo, qua hai đợt sắp xếp, tỉnh giảm 7.",
        [("steering_committee", 7, None, None, None, R)],
    ),
    (
        "Các phòng chuyên môn cấp huyện được rà soát, sắp xếp lại, qua đó giảm 18.",
        [("division", 18, None, None, None, R)],
    ),
    ("Năm 2024, tỉnh giảm 5.", []),  # the province acts; nothing named is counted
    ("Sau khi rà soát, tỉnh đã giảm 9.", []),
]
CLASSES_MORE["parts of a payroll exit named by kind of staff are payroll exits"] = [
    (
        "Năm 2025 có 930 người nghỉ việc. Chia theo đối tượng: công chức 280 người; viên chức"
        " 650 người.",
        [("payroll_exit", n, None, None, None, R) for n in (930, 280, 650)],
    ),
    (
        "Huyện có 96 người thôi việc, trong đó 31 công chức và 65 viên chức.",
        [("payroll_exit", n, None, None, None, R) for n in (96, 31, 65)],
    ),
]
CLASSES.update(CLASSES_MORE)

# Classes found on holdout2 after its blind score: each a class seen among its misses and false
# figures, tested on sentences of our own.
CLASSES_HOLDOUT2: dict[str, list[tuple[str, list[tuple]]]] = {
    "a list of staff kinds under a leavers total counts leavers": [
        (
            "Năm 2025, thành phố giải quyết cho 730 người nghỉ việc theo Nghị định 178. Gồm:\n"
            "- Công chức: 210 người;\n- Viên chức: 455 người;\n- Người lao động: 40 người.",
            [
                ("payroll_exit", 730, None, None, None, R),
                ("payroll_exit", 210, None, None, None, R),
                ("payroll_exit", 455, None, None, None, R),
                ("payroll_exit", 40, None, None, None, R),
            ],
        ),
        (
            "Sở Nội vụ đã trình quyết định cho 96 người thôi việc. Cụ thể như sau:\n"
            "- Cán bộ, công chức cấp xã: 61 người;\n- Viên chức: 35 người.",
            [
                ("payroll_exit", 96, None, None, None, R),
                ("payroll_exit", 61, None, None, None, R),
                ("payroll_exit", 35, None, None, None, R),
            ],
        ),
        (  # a staff list under a cut of staff, not of leavers: the kinds stay
            "Năm 2024, tỉnh giảm 300 biên chế. Cụ thể:\n"
            "- Công chức: giảm 120 biên chế;\n- Viên chức: giảm 180 biên chế.",
            [
                ("other", 300, None, None, None, R),
                ("civil_servant", 120, None, None, None, R),
                ("public_employee", 180, None, None, None, R),
            ],
        ),
        (  # parts larger than what is left of the total are no parts of it
            "Quận đã cho 50 người nghỉ việc. Cụ thể:\n- Viên chức: 40 người;\n"
            "- Công chức: 30 người.",
            [
                ("payroll_exit", 50, None, None, None, R),
                ("payroll_exit", 40, None, None, None, R),
                ("civil_servant", 30, None, None, None, R),
            ],
        ),
    ],
}
CLASSES.update(CLASSES_HOLDOUT2)

# Classes found on holdout2 and holdout3 after their blind scores (issue 11, third round):
# each a class seen among their misses and false figures, tested on sentences of our own.
CLASSES_HOLDOUT3: dict[str, list[tuple[str, list[tuple]]]] = {
    "a plan noun as the standard a result met is no plan": [
        (
            "Năm 2022, các sở sắp xếp bên trong theo đúng lộ trình. Cụ thể:\n"
            "- Sở Y tế: giảm 2 phòng;\n- Sở Tài chính: 1 phòng.",
            [("division", 2, None, None, None, R), ("division", 1, None, None, None, R)],
        ),
        (
            "Trong năm 2021, huyện tiếp tục giảm các phòng đúng kế hoạch. Cụ thể:\n"
            "+ Phòng Tư pháp và Phòng Nội vụ: giảm 1 phòng;\n+ Phòng Y tế: giảm 1 phòng.",
            [("division", 1, None, None, None, R), ("division", 1, None, None, None, R)],
        ),
        (
            "Vượt kế hoạch năm, tỉnh giảm 14 đơn vị sự nghiệp công lập.",
            [("public_service_unit", 14, None, None, None, R)],
        ),
        (  # a plan cue of its own still makes a plan
            "Theo đúng lộ trình, năm 2026 tỉnh sẽ giảm 3 sở.",
            [("state_department", 3, None, None, None, P)],
        ),
        (  # without the word of a standard met, a roadmap heading stays a plan
            "Lộ trình sắp xếp đến năm 2026:\n- Sở Xây dựng: giảm 2 phòng;\n- Sở Y tế: 1 phòng.",
            [("division", 2, None, None, None, P), ("division", 1, None, None, None, P)],
        ),
    ],
    "the kind of a table's rows from its title, not from the body that reports": [
        (
            "Sở Giáo dục và Đào tạo tổng hợp số trường học sau sắp xếp như sau:\n"
            "| Cấp học | Năm 2018 | Năm 2022 | Giảm |\n|---|---|---|---|\n"
            "| Mầm non | 120 | 101 | 19 |\n| Tiểu học | 98 | 80 | 18 |",
            [
                ("public_service_unit", 19, None, None, None, R),
                ("public_service_unit", 18, None, None, None, R),
            ],
        ),
        (
            "Phòng Nội vụ huyện báo cáo các thôn, tổ dân phố đã sáp nhập:\n"
            "Xã\tTrước\tSau\tGiảm\nTân Lập\t12\t7\t5\nHòa Bình\t9\t6\t3",
            [("village", 5, None, None, None, R), ("village", 3, None, None, None, R)],
        ),
        (  # nothing above the table names a kind but the document's headline
            "Phương án sắp xếp đơn vị hành chính cấp xã năm 2025\n"
            "Ngày 3/5, tỉnh công bố số liệu dự kiến của một số huyện, có hiệu lực sau khi "
            "Ủy ban Thường vụ Quốc hội ban hành nghị quyết về việc sắp xếp.\n"
            "PHƯƠNG ÁN (dự kiến)\nHuyện\tHiện có\tSau sắp xếp\tGiảm\n"
            "Yên Lập\t17\t6\t11\nThanh Sơn\t23\t9\t14",
            [("commune_unit", 11, None, None, None, P), ("commune_unit", 14, None, None, None, P)],
        ),
        (  # a headline that names nothing adds nothing
            "Tin vắn buổi sáng\nHuyện\tHiện có\tSau sắp xếp\tGiảm\nYên Lập\t17\t6\t11",
            [],
        ),
    ],
    "a rate sentence that names its own subject is its own figure": [
        (
            "Khối sở giảm 23 phòng. Mức giảm biên chế công chức cấp tỉnh là 11,5%.",
            [("division", 23, None, None, None, R), ("civil_servant", None, 11.5, None, None, R)],
        ),
        (
            "Mức giảm biên chế viên chức ở cấp huyện là 7,2%.",
            [("public_employee", None, 7.2, None, None, R)],
        ),
        (  # a rate that names nothing is the rate of the count before it
            "Huyện giảm 12 xã. Mức giảm là 30%.",
            [("commune_unit", 12, 30.0, None, None, R)],
        ),
    ],
    "a point of comparison between the verb and 'là N'": [
        (
            "Biên chế viên chức năm 2023 ít hơn năm 2017 là 640 người.",
            [("public_employee", 640, None, None, None, R)],
        ),
        (
            "Số công chức của sở năm 2024 là 310, ít hơn so với năm 2019 là 42 người.",
            [("civil_servant", 42, None, None, None, R)],
        ),
        (
            "Số phòng chuyên môn giảm so với năm 2016 là 19 phòng.",
            [("division", 19, None, None, None, R)],
        ),
        ("Số phòng ít hơn trước là 6 phòng.", [("division", 6, None, None, None, R)]),
        ("Số xã ít hơn năm 2019 là 12%.", [("commune_unit", None, 12.0, None, None, R)]),
        ("Số hộ nghèo năm 2022 ít hơn năm 2018 là 1.500 hộ.", []),  # no body is counted
    ],
    "a bare count before a phrase of time or comparison": [
        (
            "Ở cấp huyện, số phòng giảm đi là 31 sau khi sắp xếp.",
            [("division", 31, None, None, None, R)],
        ),
        (
            "Số đơn vị sự nghiệp công lập giảm 27 so với năm 2015.",
            [("public_service_unit", 27, None, None, None, R)],
        ),
        ("Số thôn giảm 48 kể từ năm 2019.", [("village", 48, None, None, None, R)]),
        ("Tỉnh giảm 5 sau khi sắp xếp.", []),  # the province acts; nothing named is counted
    ],
    "known kinds named by longer phrases (taxonomy data)": [
        (
            "Khối Đảng cấp huyện giảm chín cơ quan tham mưu, giúp việc.",
            [("party_agency", 9, None, None, None, R)],
        ),
        (
            "Ở cấp huyện, 40 ban tuyên giáo, dân vận được hợp nhất thành 20 ban.",
            [("party_agency", 20, None, None, None, R)],
        ),
        (
            "Số trưởng, phó phòng thuộc các sở giảm 57 người.",
            [("leadership_post", 57, None, None, None, R)],
        ),
        (
            "Hai tỉnh Hà Nam và Ninh Bình hợp nhất thành một tỉnh.",
            [("province_unit", 1, None, None, None, R)],
        ),
        ("Cả nước giảm 29 tỉnh, thành phố.", [("province_unit", 29, None, None, None, R)]),
        ("Năm 2024, tỉnh giảm 5.", []),  # the province acts; it is not counted
    ],
    "a merge of bodies named in a list with commas": [
        (
            "Ba huyện Yên Lập, Thanh Sơn và Tân Sơn hợp nhất thành một huyện.",
            [("district_unit", 2, None, None, None, R)],
        ),
        (
            "Bốn xã Tân Lập, Tân Phú, Hòa Bình và Hòa Sơn được sáp nhập thành hai xã.",
            [("commune_unit", 2, None, None, None, R)],
        ),
        (
            "Ba tỉnh Hà Nam, Nam Định và Ninh Bình hợp nhất thành một tỉnh.",
            [("province_unit", 2, None, None, None, R)],
        ),
    ],
    "a count of the owner before the verb is not its subject": [
        (
            "Bốn tổng cục thuộc hai bộ cũ đã kết thúc hoạt động.",
            [("general_department", 4, None, None, None, R)],
        ),
        (
            "Từ 1/7/2025, 21 huyện, thị xã của ba tỉnh cũ chấm dứt hoạt động.",
            [("district_unit", 21, None, None, None, R)],
        ),
        ("Năm 2023, 9 phòng của 3 sở bị giải thể.", [("division", 9, None, None, None, R)]),
        ("Các phòng của hai sở cũ chấm dứt hoạt động.", []),  # owners only: a possible miss
    ],
    "part-time workers who leave with no decree named are a cut of part-time workers": [
        (
            "Năm 2025, 318 người hoạt động không chuyên trách ở thôn đã thôi việc.",
            [("part_time_worker", 318, None, None, None, R)],
        ),
        (
            "Đối với người hoạt động không chuyên trách cấp xã, 1.150 người sẽ nghỉ việc từ "
            "ngày 1/9/2025 và được hưởng chế độ theo quy định.",
            [("part_time_worker", 1150, None, None, None, P)],
        ),
        (  # under a decree: a payroll exit
            "Có 97 người hoạt động không chuyên trách cấp xã nghỉ việc theo Nghị định 154.",
            [("payroll_exit", 97, None, None, None, R)],
        ),
        ("Năm 2025, 640 công chức thôi việc.", [("payroll_exit", 640, None, None, None, R)]),
    ],
    "'nhập … thành …' is a merge like 'sáp nhập'": [
        (
            "Năm 2023, thị xã nhập 64 tổ dân phố thành 30 tổ.",
            [("village", 34, None, None, None, R)],
        ),
        ("Huyện đã nhập 11 xã thành 5 xã.", [("commune_unit", 6, None, None, None, R)]),
        ("Tỉnh sáp nhập 18 thôn thành 7 thôn.", [("village", 11, None, None, None, R)]),
        ("Năm 2024, công ty nhập 20 tấn hàng thành 3 lô.", []),  # no body is merged
    ],
    "parts of a total listed on after a comma or a semicolon": [
        (
            "Quận đã giải quyết cho 620 người nghỉ việc. Trong số này, công chức 210 người, "
            "viên chức 380 người.",
            [("payroll_exit", n, None, None, None, R) for n in (620, 210, 380)],
        ),
        (
            "Thành phố giải quyết cho 700 người nghỉ việc. Trong số này có 90 người giữ chức vụ "
            "lãnh đạo; công chức 250 người, viên chức 330 người.",
            [("payroll_exit", n, None, None, None, R) for n in (700, 90, 250, 330)],
        ),
        (  # a clause with a verb of its own after the semicolon is no part
            "Tỉnh giảm 12 phòng, trong đó 5 phòng cấp tỉnh; giảm 3 sở.",
            [
                ("division", 12, None, None, None, R),
                ("division", 5, None, None, None, R),
                ("state_department", 3, None, None, None, R),
            ],
        ),
    ],
    "a total of 'đầu mối' owned by a ministry counts its cục and vụ": [
        (
            "Các vụ, cục thuộc Bộ được tổ chức lại, nay còn 19 đầu mối so với 33 đầu mối của "
            "hai bộ trước khi hợp nhất.",
            [("central_unit", 14, None, None, None, R)],
        ),
        (
            "Cơ cấu tổ chức của Bộ gồm 25 đơn vị, giảm 11 đầu mối so với hai bộ trước đây "
            "(giảm 30,6%).",
            [("central_unit", 11, 30.6, None, None, R)],
        ),
        ("Tỉnh tinh gọn bộ máy, giảm 14 đầu mối.", [("other", 14, None, None, None, R)]),
    ],
    "a part's fraction and rate belong to the part, not to the total before it": [
        (
            "Năm 2019, huyện tinh giản 640 CBCCVC; trong đó công chức 85/610 người, đạt 13,9%, "
            "viên chức 555 người.",
            [
                ("other", 640, None, None, None, R),
                ("civil_servant", 85, 13.9, 85, 610, R),
                ("public_employee", 555, None, None, None, R),
            ],
        ),
        (
            "Tỉnh tinh giản 800 người, trong đó viên chức 420/9.100 người, đạt 4,6%.",
            [("other", 800, None, None, None, R), ("public_employee", 420, 4.6, 420, 9100, R)],
        ),
        ("Tỉnh giảm 80 người, đạt 5%.", [("other", 80, 5.0, None, None, R)]),
    ],
    "rates of a rate noun's subjects given 'lần lượt'": [
        (
            "Tỷ lệ giảm biên chế công chức và viên chức của huyện so với năm 2015 lần lượt là "
            "9,4% và 11,2%.",
            [
                ("civil_servant", None, 9.4, None, None, R),
                ("public_employee", None, 11.2, None, None, R),
            ],
        ),
        (
            "Mức giảm số phòng và số chi cục lần lượt là 20% và 25%.",
            [("division", None, 20.0, None, None, R), ("division", None, 25.0, None, None, R)],
        ),
        (
            "Sở A và Sở B lần lượt giảm 2 và 3 phòng.",
            [("division", 2, None, None, None, R), ("division", 3, None, None, None, R)],
        ),
        (  # the subjects before the rate noun, none after it
            "Biên chế công chức và viên chức của sở đạt tỷ lệ giảm lần lượt 5,5% và 8,1%.",
            [
                ("civil_servant", None, 5.5, None, None, R),
                ("public_employee", None, 8.1, None, None, R),
            ],
        ),
    ],
    "bare counts of a list take their kind from its opening": [
        (
            "Số thôn giảm tại từng xã (số giảm/số thôn trước sáp nhập):\n"
            "- Xã Tân Lập: 6/15\n- Xã Hòa Sơn: 4/11",
            [("village", 6, None, 6, 15, R), ("village", 4, None, 4, 11, R)],
        ),
        (  # after a headline that is itself "Label: …", the opening still opens the list
            "Phú Thọ: số liệu sắp xếp năm 2024\nCác sở giảm số phòng như sau:\n"
            "- Sở Y tế: 3;\n- Sở Tư pháp: 2.",
            [("division", 3, None, None, None, R), ("division", 2, None, None, None, R)],
        ),
        (  # coverage is no cut
            "Số xã giảm của từng huyện:\n- Huyện A: 12/12",
            [],
        ),
        (  # an opening that names no cut opens no list of cuts
            "Số xã của từng huyện:\n- Huyện A: 12\n- Huyện B: 9",
            [],
        ),
    ],
    "words in brackets before an item's colon are an aside": [
        (
            "Kết quả sắp xếp bên trong các sở hợp nhất:\n"
            "+ Sở Tài chính (hợp nhất Sở Kế hoạch và Đầu tư với Sở Tài chính): giảm 4 phòng;\n"
            "+ Sở Xây dựng (hợp nhất Sở Giao thông vận tải với Sở Xây dựng): 3 phòng;\n"
            "+ Sở Y tế: bớt 1 phòng.",
            [
                ("division", 4, None, None, None, R),
                ("division", 3, None, None, None, R),
                ("division", 1, None, None, None, R),
            ],
        ),
        (  # a plan opening outside the brackets still makes a plan
            "Phương án đến năm 2026 (sau khi hợp nhất):\n- Sở Y tế: giảm 2 phòng;\n"
            "- Sở Công Thương: 1 phòng.",
            [("division", 2, None, None, None, P), ("division", 1, None, None, None, P)],
        ),
    ],
    "what remains and all-of quantities are no cut; 'toàn bộ N' after a verb is": [
        (
            "Huyện giải thể 3 trạm; 5 trạm còn lại được giao cho xã quản lý.",
            [("other", 3, None, None, None, R)],
        ),
        (
            "Số ngày xử lý hồ sơ giảm 25%; 100% trường học đã dùng sổ điện tử.",
            [],
        ),
        (
            "Từ 1/7/2025, tỉnh kết thúc hoạt động toàn bộ 9 đơn vị hành chính cấp huyện.",
            [("district_unit", 9, None, None, None, R)],
        ),
        (
            "Thành phố giải thể tất cả 14 ban chỉ đạo.",
            [("steering_committee", 14, None, None, None, R)],
        ),
    ],
    "a sentence pointing back restates, parts of a stock are not parts of the cut": [
        (
            "Năm 2023, huyện đã sáp nhập 48 thôn thành 21 thôn. Như vậy số thôn giảm đi là 27.",
            [("village", 27, None, None, None, R)],
        ),
        (
            "Quận giảm 6 phường. Như vậy, quận đã giảm 6 phường và 14 tổ dân phố.",
            [("commune_unit", 6, None, None, None, R), ("village", 14, None, None, None, R)],
        ),
        (
            "Sau sắp xếp, tỉnh còn 102 đơn vị hành chính cấp xã, giảm 48 đơn vị. Trong đó có 80 "
            "xã và 22 phường.",
            [("commune_unit", 48, None, None, None, R)],
        ),
    ],
    "a generic unit under a topic level and an acting province counts the topic's level": [
        ("Ở cấp xã, tỉnh giảm 38 đơn vị.", [("commune_unit", 38, None, None, None, R)]),
        ("Đối với cấp xã, tỉnh đã giảm 51 đơn vị.", [("commune_unit", 51, None, None, None, R)]),
        ("Về cấp huyện, tỉnh giảm 2 đơn vị.", [("district_unit", 2, None, None, None, R)]),
    ],
    "a bare before/after after a comma counts what the clause before counts": [
        (
            "Riêng Sở Tài chính, số phòng giảm một nửa, từ 12 xuống còn 6.",
            [("division", 6, 50.0, None, None, R)],
        ),
        (
            "Riêng huyện Mường Tè, số bản giảm 14, từ 52 xuống còn 38.",
            [("village", 14, None, None, None, R)],
        ),
    ],
    "a share ('Tỷ lệ X đạt N%' with no cut verb) is no rate of a cut": [
        (
            "Tỉnh giảm 31 đơn vị sự nghiệp. Tỷ lệ đơn vị tự chủ một phần chi thường xuyên đạt 40%.",
            [("public_service_unit", 31, None, None, None, R)],
        ),
        ("Tỷ lệ đơn vị tự chủ tài chính đạt 35%, tăng 5% so với năm 2020.", []),
        (  # a rate of the cut before it still joins it
            "Huyện giảm 9 xã. Tỷ lệ giảm tương ứng đạt 30%.",
            [("commune_unit", 9, 30.0, None, None, R)],
        ),
    ],
}
CLASSES.update(CLASSES_HOLDOUT3)


@pytest.mark.parametrize(
    "text, doubt, level",
    [
        ("Tỉnh có 7 huyện; mỗi huyện giảm 2 phòng.", "distributed over a count", "huyen"),
        ("Mỗi huyện giảm 3 phòng.", "per unit", "huyen"),
        ("Mỗi xã giảm 2 thôn.", "per unit", "thon"),
    ],
)
def test_each_unit_says_how_the_count_was_read(text, doubt, level):
    fig = extract_figures(text)[0]
    assert (doubt in fig.doubts, fig.level, fig.confidence) == (True, level, "medium")


@pytest.mark.parametrize(
    "text, unit",
    [
        ("Tỉnh giảm 3 nhà văn hóa.", "nhà văn hóa"),
        ("Năm 2024, 6 nhà khách của các sở bị giải thể.", "nhà khách"),
        ("Công ty giảm 8 xưởng Sản xuất.", "xưởng"),
    ],
)
def test_an_unknown_counted_noun_is_the_unit_of_other(text, unit):
    (fig,) = extract_figures(text)
    assert (fig.category, fig.unit, fig.confidence) == ("other", unit, "low")


@pytest.mark.parametrize(
    "text, expected",
    [pytest.param(t, e, id=f"{name}: {t[:40]}") for name, rows in CLASSES.items() for t, e in rows],
)
def test_class(text, expected):
    assert keys(text) == expected


CONFIDENCE = [
    ("Tỉnh giảm 5 sở.", ["high"]),
    ("Công an tỉnh giảm 120 đội nghiệp vụ.", ["low"]),  # an unknown noun
    ("Số xã giảm là 31. Tỷ lệ giảm tương ứng đạt 17,2%.", ["medium"]),  # across sentences
    ("- Sở A: giảm 3 phòng;\n- Sở B: 2 phòng.", ["high", "medium"]),  # a verbless item
]


@pytest.mark.parametrize("text, expected", CONFIDENCE)
def test_confidence_is_lower_where_the_reading_is_less_sure(text, expected):
    assert [f.confidence for f in extract_figures(text)] == expected


MISSES = [
    ("Tỉnh giảm 5 sở; giảm 3 xe công vụ.", ["3"]),
    ("Tỉnh giảm 5 sở và 6 điểm.", []),  # a measure, not a body
    ("Bộ đã cắt giảm 14 chỉ tiêu thống kê và 2 cục.", ["14"]),
    ("Tỉnh còn 12 sở; giảm 2 sở, tăng 1 ban.", []),  # stock and increase: explained
    ("Thành phố giảm 5 sở, còn 16 sở và 1 ban.", []),  # the stock's list goes on
    ("Tỉnh giảm 5 sở; giảm 3 xe công vụ và 2 chỉ tiêu.", ["3", "2"]),  # things, not bodies
]


@pytest.mark.parametrize("text, expected", MISSES)
def test_unread_numbers_of_reduction_clauses_are_possible_misses(text, expected):
    assert [m.number for m in extract_text(text).possible_misses] == expected


BOUNDS = [  # (text, the bound cell of each figure): the words of nq18lib.reference.bounds
    ("Huyện đã giảm hơn 40 biên chế công chức.", ["at_least"]),
    ("Toàn ngành giảm trên 1.200 người làm việc; gần 30 phòng.", ["at_least", "at_most"]),
    ("Tỉnh giảm 6 sở, tương ứng khoảng 27%.", ["percent:about"]),
    ("Tỉnh giảm xấp xỉ 15% số thôn.", ["about"]),
    ("Số phòng giảm từ hơn 200 xuống còn 150 phòng.", ["at_least;baseline:at_least"]),
    ("Ít nhất 85 người đã nghỉ việc.", ["at_least"]),
    ("Tỉnh giảm 3 sở và 17 phòng.", [None, None]),  # exact: no bound
    ("Số xã giảm là 52. Tỷ lệ giảm tương ứng đạt khoảng 31%.", ["percent:about"]),
]


@pytest.mark.parametrize("text, expected", BOUNDS)
def test_a_bounded_number_fills_the_bound_column(text, expected):
    assert [f.bound for f in extract_figures(text)] == expected


@pytest.mark.parametrize("text, expected", BOUNDS[:3])
def test_a_bound_changes_no_figure(text, expected):
    from nq18lib.extract.bounds import BOUND_WORDS

    exact = text
    for words in sorted(BOUND_WORDS, key=len, reverse=True):
        exact = exact.replace(" " + " ".join(words) + " ", " ")
    assert keys(text) == keys(exact)
