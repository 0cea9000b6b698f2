import re

import pytest

from nq18lib.dataset.sources import load_sources
from nq18lib.exceptions import DataError


def test_a_row_with_an_unquoted_comma_is_a_data_error_with_its_place(tmp_path):
    path = tmp_path / "sources.csv"
    path.write_text(
        "source_id,title,publisher\na,Tin bài một,Báo A\nb,Tin bài hai,Báo B, số đặc biệt\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as err:
        load_sources(path)
    (problem,) = err.value.problems
    assert problem.row == 3
    assert "4 fields where the header has 3" in problem.reason


def test_the_shipped_sources_load_one_row_per_source():
    table = load_sources()
    assert table.index.is_unique
    assert "hanam-nq18-7nam" in table.index
    assert table.loc["hanam-nq18-7nam", "language"] == "vi"


def test_a_publisher_tag_of_an_unknown_kind_is_a_data_error_with_its_place(tmp_path):
    path = tmp_path / "sources.csv"
    path.write_text(
        "source_id,title,publisher\n"
        "a,Tin một,Báo A [mirror: Báo B]\n"
        "b,Tin hai,Báo C [translated]\n"
        "c,Tin ba,Báo D [from:]\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as err:
        load_sources(path)
    assert [(p.row, p.column) for p in err.value.problems] == [(3, "publisher"), (4, "publisher")]
    assert "unknown tag [translated]" in err.value.problems[0].reason


@pytest.mark.parametrize(
    ("publisher", "language", "vi", "en"),
    [
        (
            "Lao Động (news.laodong.vn)",
            "en",
            "Lao Động (news.laodong.vn), tiếng Anh",
            "Lao Động (news.laodong.vn), in English",
        ),
        (
            "cocc.edu.vn [aggregator]",
            "en",
            "cocc.edu.vn, trang tổng hợp, tiếng Anh",
            "cocc.edu.vn, aggregator, in English",
        ),
        (
            "vietnam.vn [mirror: Báo Chính phủ]",
            "fr",
            "vietnam.vn, đăng lại từ Báo Chính phủ, tiếng Pháp",
            "vietnam.vn, republished from Báo Chính phủ, in French",
        ),
        (
            "tothethao.com [mirror]",
            "en",
            "tothethao.com, trang đăng lại, tiếng Anh",
            "tothethao.com, republished, in English",
        ),
        (
            "VTV (english.vtv.vn) [from: Nhân Dân]",
            "en",
            "VTV (english.vtv.vn), theo Nhân Dân, tiếng Anh",
            "VTV (english.vtv.vn), from Nhân Dân, in English",
        ),
        ("Báo Hà Nam [U]", "vi", "Báo Hà Nam (suy đoán)", "Báo Hà Nam (inferred)"),
        ("Báo X", "de", "Báo X, ngôn ngữ: de", "Báo X, language: de"),
    ],
)
def test_a_publisher_is_worded_in_the_readers_language(publisher, language, vi, en):
    from nq18lib.report.tables import publisher_words

    assert publisher_words(publisher, language, "vi") == vi
    assert publisher_words(publisher, language, "en") == en


def test_a_sources_month_with_u_is_written_the_vietnamese_way(tmp_path):
    import pandas as pd

    from nq18lib.report.tables import source_label, sources_table

    path = tmp_path / "sources.csv"
    path.write_text(
        "source_id,title,publisher,date,language\nx,Tin,xe.today [aggregator],2025-02 [U],en\n",
        encoding="utf-8",
    )
    registry = load_sources(path)
    assert source_label("x", "vi", registry) == (
        "xe.today, trang tổng hợp, tiếng Anh, 02/2025 (suy đoán)"
    )
    table = sources_table(pd.DataFrame({"source_id": ["x", "x"]}), "vi", sources=registry)
    assert table.loc[0, ["publisher", "date", "figures"]].tolist() == [
        "xe.today, trang tổng hợp, tiếng Anh",
        "02/2025 (suy đoán)",
        2,
    ]


ENGLISH_QUALIFIERS = (
    "english",
    "edition",
    "aggregator",
    "mirror",
    "republish",
    "translat",
    "portal",
    " from ",
    " on ",
    " wire",
)


def test_no_shipped_source_shows_vietnamese_readers_english_qualifiers():
    from nq18lib.report.tables import publisher_words

    table = load_sources()
    shown = [  # web addresses (en.qdnd.vn, hanoionline.vn …) are names, not words
        (sid, re.sub(r"\S+\.\S+", "", publisher_words(row["publisher"], row["language"], "vi")))
        for sid, row in table.iterrows()
    ]
    english = [
        (sid, text) for sid, text in shown if any(w in text.lower() for w in ENGLISH_QUALIFIERS)
    ]
    assert english == []
    titles = [sid for sid, title in table["title"].items() if "english" in title.lower()]
    assert titles == []
