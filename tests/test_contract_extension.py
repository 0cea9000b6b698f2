"""The contract extension of issue 12: status partly_projected, round, scope, part_of, unit,
paragraph locations and central bodies as jurisdictions, rule by rule."""

from __future__ import annotations

import pytest

from nq18lib.dataset import figures as dataset
from nq18lib.dataset.contract import COLUMN_NAMES
from nq18lib.exceptions import DataError
from nq18lib.reference import headers
from nq18lib.reference.centralbodies import find_central_body

HEADER = ",".join(COLUMN_NAMES)
BASE = {
    "figure_id": "E-1",
    "source_id": "s",
    "jurisdiction": "Hà Nam",
    "province_code": "35",
    "category": "civil_servant",
    "reduced": "215",
    "status": "result",
}


def line(**values: str) -> str:
    cells = {**BASE, **values}
    return ",".join(f'"{v}"' if "," in v else v for v in (cells.get(c, "") for c in COLUMN_NAMES))


def problems(tmp_path, *rows: str, name: str = "t.csv") -> list[str]:
    path = tmp_path / name
    path.write_text(HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    try:
        dataset.load_figures(path)
    except DataError as err:
        return [f"{p.row}:{p.column}: {p.reason}" for p in err.problems]
    return []


# One row each: the cells that differ from a valid figure, and the problems expected
# (empty: the row is valid).
RULES = {
    "partly projected status": ({"status": "partly_projected"}, []),
    "partly projected in Vietnamese": ({"status": "Dự kiến một phần"}, []),
    "partly projected, other word order": ({"status": "một phần dự kiến"}, []),
    "unknown status": (
        {"status": "ước tính"},
        [
            "2:status: status must be 'result', 'plan' or 'partly_projected' (or 'kết quả' / "
            "'kế hoạch' / 'dự kiến một phần'), not 'ước tính'"
        ],
    ),
    "each round": ({"round": "2023-2025"}, []),
    "round with an en dash": ({"round": "2017 – 2021"}, []),
    "unknown round": (
        {"round": "2019-2021"},
        ["2:round: unknown round '2019-2021': use one of 2017-2021, 2023-2025, 2025"],
    ),
    "scope combination": ({"scope": "provincial+district"}, []),
    "scope in Vietnamese": ({"scope": "Trung ương"}, []),
    "unknown scope": (
        {"scope": "ministry"},
        [
            "2:scope: unknown scope 'ministry': use central, provincial, district, commune, "
            "village or a combination (provincial+district)"
        ],
    ),
    "scope with an unknown part": (
        {"scope": "provincial+bộ"},
        [
            "2:scope: unknown scope 'provincial+bộ': use central, provincial, district, "
            "commune, village or a combination (provincial+district)"
        ],
    ),
    "paragraph location": ({"location": "p12"}, []),
    "paragraph zero": (
        {"location": "p0"},
        [
            "2:location: location 'p0' is not p<paragraph> or p<paragraph>:<start>-<end> "
            "(1-based paragraph, 0-based character span with start < end)"
        ],
    ),
    "empty span": (
        {"location": "p3:20-20"},
        [
            "2:location: location 'p3:20-20' is not p<paragraph> or p<paragraph>:<start>-<end> "
            "(1-based paragraph, 0-based character span with start < end)"
        ],
    ),
    "a ministry": ({"jurisdiction": "Bộ Nội vụ", "province_code": "00"}, []),
    "a ministry by its abbreviation": ({"jurisdiction": "Bộ GD&ĐT", "province_code": "00"}, []),
    "a ministry in English": ({"jurisdiction": "Ministry of Finance", "province_code": "00"}, []),
    "a ministry with a province code": (
        {"jurisdiction": "Bộ Công an", "province_code": "35"},
        ["2:province_code: province_code '35' does not match jurisdiction 'Bộ Công an' (code 00)"],
    ),
    "an unknown body": (
        {"jurisdiction": "Bộ Hà Tây", "province_code": "00"},
        [
            "2:jurisdiction: unknown jurisdiction 'Bộ Hà Tây': not one of the 63 provinces "
            "before 1 July 2025, 'Toàn quốc', nor a central body of "
            "reference/central_bodies.csv"
        ],
    ),
    "other with its unit": ({"category": "other", "unit": "đội"}, []),
    "other saying what it counts in the note only": ({"category": "other", "note": "đội"}, []),
    "other without a unit": (
        {"category": "other"},
        ["2:unit: category 'other' needs the unit counted (the noun as written, e.g. 'tổng cục')"],
    ),
    "a unit on a taxonomy category": ({"unit": "biên chế công chức"}, []),
    "a new category": (
        {"category": "payroll_exit", "jurisdiction": "Bộ Nội vụ", "province_code": "00"},
        [],
    ),
    "a new category by its Vietnamese label": ({"category": "Lãnh đạo, cấp phó"}, []),
    "a part of itself": (
        {"part_of": "E-1"},
        ["2:part_of: figure 'E-1' cannot be a part of itself"],
    ),
    "a part of an unknown total": (
        {"part_of": "E-9"},
        ["2:part_of: part_of 'E-9' is not the figure_id of a figure loaded with this one"],
    ),
}


@pytest.mark.parametrize("name", list(RULES))
def test_rule(tmp_path, name):
    values, expected = RULES[name]
    assert problems(tmp_path, line(**values)) == expected


def test_coded_values_are_written_as_codes(tmp_path):
    path = tmp_path / "t.csv"
    row = line(status="dự kiến một phần", round="2017–2021", scope="cấp tỉnh + cấp huyện")
    path.write_text(HEADER + "\n" + row + "\n", encoding="utf-8")
    frame = dataset.load_figures(path)
    assert frame.loc[0, ["status", "round", "scope"]].tolist() == [
        "partly_projected",
        "2017-2021",
        "provincial+district",
    ]


def test_a_part_names_its_total_in_the_same_file_or_another(tmp_path):
    total = line(figure_id="T", reduced="106", location="p4")
    part = line(figure_id="P", reduced="14", location="p4", part_of="T")
    assert problems(tmp_path, total, part) == []
    (tmp_path / "t.csv").unlink()
    (tmp_path / "a.csv").write_text(HEADER + "\n" + total + "\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text(HEADER + "\n" + part + "\n", encoding="utf-8")
    frame = dataset.load_figures(tmp_path)
    assert frame.set_index("figure_id").loc["P", "part_of"] == "T"
    # The total alone is fine; the part alone is not.
    with pytest.raises(DataError, match="part_of 'T' is not the figure_id"):
        dataset.load_figures(tmp_path / "b.csv")


def test_a_part_whose_total_is_missing_is_rejected_with_keep_going(tmp_path):
    path = tmp_path / "t.csv"
    rows = [line(figure_id="A", reduced="5"), line(figure_id="B", reduced="3", part_of="Z")]
    path.write_text(HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    frame = dataset.load_figures(path, keep_going=True)
    assert frame["figure_id"].tolist() == ["A"]
    assert frame.attrs["rejects"]["figure_id"].tolist() == ["B"]


def test_paragraph_locations_tell_figures_apart_by_their_numbers(tmp_path):
    one = line(figure_id="A", reduced="14", location="p4")
    two = line(figure_id="B", reduced="49", location="p4")
    assert problems(tmp_path, one, two) == []
    same = line(figure_id="C", reduced="14", location="p4")
    found = problems(tmp_path, one, same)
    assert len(found) == 1 and found[0].startswith("3:None: duplicate figure")


def test_other_figures_differ_by_unit(tmp_path):
    a = line(figure_id="A", category="other", unit="đội", location="p2")
    b = line(figure_id="B", category="other", unit="tổng cục", location="p2")
    assert problems(tmp_path, a, b) == []
    c = line(figure_id="C", category="other", unit="đội", location="p2")
    assert len(problems(tmp_path, a, c)) == 1


def test_scope_tells_figures_apart(tmp_path):
    a = line(figure_id="A", scope="central")
    b = line(figure_id="B", scope="provincial")
    assert problems(tmp_path, a, b) == []


def test_files_without_the_new_columns_still_load(tmp_path):
    old = [c for c in COLUMN_NAMES if c not in ("round", "scope", "part_of", "unit")]
    path = tmp_path / "old.csv"
    cells = {**BASE, "location": "p2:0-5"}
    path.write_text(
        ",".join(old) + "\n" + ",".join(cells.get(c, "") for c in old) + "\n", encoding="utf-8"
    )
    frame = dataset.load_figures(path)
    assert frame.loc[0, ["round", "scope", "part_of", "unit"]].isna().all()


@pytest.mark.parametrize(
    ("header", "column"),
    [
        ("Đơn vị tính", "unit"),
        ("Phạm vi", "scope"),
        ("Đợt", "round"),
        ("Part of", "part_of"),
        ("Thuộc tổng", "part_of"),
    ],
)
def test_vietnamese_and_english_headers_of_the_new_columns(header, column):
    assert headers.canonical_column(header) == column


def test_central_bodies_are_named_in_both_languages():
    body = find_central_body("Bộ Lao động - Thương binh và Xã hội")
    assert (body.name_en, body.kind, body.until) == (
        "Ministry of Labour, Invalids and Social Affairs",
        "ministry",
        "2025-02-28",
    )
    assert find_central_body("Tổng cục Thuế").parent == "Bộ Tài chính"
    assert find_central_body("Toàn quốc") is None  # the country is not a body
