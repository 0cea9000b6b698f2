"""The shipped dataset as a reader gets it: every file valid and cited, a hand-checked sample of
numbers, and free text kept to short notes.

The sample was checked by hand against the pages it cites (the page text is not in the repo);
a change to one of these rows must be checked against the page again.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd
import pytest

from nq18lib.dataset import figures as dataset
from nq18lib.paths import FIGURES_DIR, SOURCES_FILE

REFERENCE = SOURCES_FILE.parent / "reference"
SHIPPED = dataset.figure_files(FIGURES_DIR)
MAX_WORDS = 40


def sources() -> dict[str, dict[str, str]]:
    with SOURCES_FILE.open(encoding="utf-8", newline="") as fh:
        return {row["source_id"]: row for row in csv.DictReader(fh)}


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_file_validates_and_cites_one_findable_source(path):
    figures = dataset.load_figures(path)
    assert len(figures) > 0
    (source_id,) = set(figures["source_id"])  # one source per file
    source = sources()[source_id]
    assert source["url"].startswith("http") or source["document"], source_id
    assert re.match(r"\d{4}", source["date"]), f"{source_id}: no date"
    assert re.fullmatch(r"[a-z]{2}", source["language"]), source_id  # ISO 639-1: vi, en, fr …
    assert source["title"] and source["publisher"] and source["quality"] in ("A", "B", "C")
    if not source["document"]:  # read from a web page: located by paragraph
        assert figures["location"].str.fullmatch(r"p\d+(:\d+-\d+)?").all(), path.name


# figure_id → the cells checked by hand against the page, and the page's address.
SAMPLE = {
    "toanquoc-vietnamplus-2025-05-01": (
        {"reduced": 6714, "baseline": 10035, "after": 3321, "percent": 66.91, "status": "plan"},
        "https://en.vietnamplus.vn/government-approves-merger-of-6714-commune-level-administrative-units-nationwide-post320524.vnp",
    ),
    "toanquoc-vietnamnet-2024-dvsn-01": (
        {"reduced": 7449, "after": 48442, "percent": 13.33, "category": "public_service_unit"},
        "https://vietnamnet.vn/en/early-retirement-cuts-number-of-state-personnel-by-73-245-people-2314294.html",
    ),
    "toanquoc-vietnamnet-2024-dvsn-09": (
        {"jurisdiction": "Bộ Ngoại giao", "percent": 26.67},
        "https://vietnamnet.vn/en/early-retirement-cuts-number-of-state-personnel-by-73-245-people-2314294.html",
    ),
    "toanquoc-afp-hurriyet-2025-06-04": (
        {"category": "payroll_exit", "reduced": 79339, "status": "plan"},
        "https://www.hurriyetdailynews.com/vietnam-merges-provinces-slashing-nearly-80-000-jobs-210206",
    ),
    "toanquoc-laodong-kl210-01": (
        {"percent": 34.9, "scope": "central", "round": "2025"},
        "https://news.laodong.vn/thoi-su/hoan-thien-vi-tri-viec-lam-lam-co-so-xac-dinh-bien-che-cua-he-thong-chinh-tri-1611094.ldo",
    ),
    "toanquoc-baodongnai-2020-02-03": (
        {"jurisdiction": "Thái Bình", "category": "commune_unit", "reduced": 26},
        "https://baodongnai.com.vn/english/politics/202002/vietnam-to-reduce-number-of-administrative-units-nationwide-2988016",
    ),
    "tongcucthongke-vienthongke-2020-01": (
        {"reduced": 402, "percent": 33.0, "baseline": 1220, "after": 818},
        "https://vienthongke.vn/tong-cuc-thong-ke-giam-hon-400-don-vi/",
    ),
    "tongcucthongke-vienthongke-2020-06": (
        {"category": "division", "baseline": 708, "after": 420, "reduced": 288},
        "https://vienthongke.vn/tong-cuc-thong-ke-giam-hon-400-don-vi/",
    ),
    "botaichinh-laodong-2025-03-03-07": (
        {"category": "leadership_post", "reduced": 9640, "status": "plan"},
        "https://news.laodong.vn/kinh-doanh/bo-tai-chinh-se-tinh-gian-9640-lanh-dao-cap-truong-nam-2025-1471671.ldo",
    ),
    "botaichinh-vietnamvn-2024-12-11-01": (
        {"numerator": 22, "denominator": 56, "percent": 39.3},
        "https://vietnam.vn/en/sap-xep-bo-may-bo-tai-chinh-va-bo-ke-hoach-va-dau-tu-giam-22-dau-moi",
    ),
    "bokhcn-tuoitrethudo-2025-02-01": (
        {"jurisdiction": "Bộ Khoa học và Công nghệ", "reduced": 16, "after": 26, "percent": 38.1},
        "https://phapluat.tuoitrethudo.vn/ong-nguyen-manh-hung-lam-bo-truong-khoa-hoc-va-cong-nghe-100657.html",
    ),
    "bogddt-baogialai-2025-02-27-01": (
        {"baseline": 23, "after": 18, "reduced": 5},
        "https://baogialai.com.vn/bo-gd-dt-tag4666.html",
    ),
    "bocongan-baonghean-2018-01": (
        {"category": "general_department", "reduced": 6, "after": 0},
        "https://baonghean.vn/en/bo-cong-an-khong-con-6-tong-cuc-10179083.html",
    ),
    "HNA-NQ18-7Y-08": (
        {"numerator": 215, "denominator": 1503, "percent": 14.4, "status": "partly_projected"},
        "",
    ),
}


@pytest.fixture(scope="module")
def shipped() -> pd.DataFrame:
    return dataset.load_figures(SHIPPED).set_index("figure_id")


@pytest.mark.parametrize("figure_id", list(SAMPLE))
def test_sampled_figures_hold_the_numbers_of_their_page(shipped, figure_id):
    cells, url = SAMPLE[figure_id]
    row = shipped.loc[figure_id]
    for name, expected in cells.items():
        got = row[name]
        if isinstance(expected, float):
            assert float(got) == pytest.approx(expected), (figure_id, name)
        else:
            assert got == expected, (figure_id, name, got)
    assert sources()[row["source_id"]]["url"] == url


def test_the_country_and_the_central_bodies_are_covered(shipped):
    national = shipped[shipped["province_code"] == "00"]
    country = national[national["jurisdiction"] == "Toàn quốc"]
    bodies = set(national["jurisdiction"]) - {"Toàn quốc"}
    assert len(country) >= 10
    assert len(bodies) >= 5


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


FREE_TEXT = {
    **{p: ("note", "unit", "phase") for p in SHIPPED},
    SOURCES_FILE: ("title", "publisher", "place", "note"),
    REFERENCE / "reference_counts.csv": ("source", "note"),
    REFERENCE / "central_bodies.csv": ("aliases",),
}


@pytest.mark.parametrize("path", list(FREE_TEXT), ids=lambda p: p.name)
def test_no_free_text_cell_is_longer_than_a_short_note(path):
    long = [
        (row.get("figure_id") or row.get("source_id") or row.get("name"), column)
        for row in _csv_rows(path)
        for column in FREE_TEXT[path]
        if len((row.get(column) or "").split()) > MAX_WORDS
    ]
    assert long == [], f"cells over {MAX_WORDS} words in {path.name}"
