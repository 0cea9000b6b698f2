"""The data layer: loading real-world files, validation messages, keep-going, the CLI."""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import nq18lib as nq
from nq18lib.cli import main
from nq18lib.dataset import encoding
from nq18lib.dataset import figures as dataset
from nq18lib.dataset import xlsx as workbook
from nq18lib.dataset.contract import EXTENSION_COLUMNS
from nq18lib.exceptions import DataError, Problem
from nq18lib.paths import FIGURES_DIR, SOURCES_FILE
from nq18lib.reference import headers

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BAD, FORMATS = FIXTURES / "bad", FIXTURES / "formats"
# The rows of these tests are written for the columns before the contract extension
# (round, scope, part_of, unit): files without those optional columns still load.
HEADER = ",".join(c for c in dataset.COLUMN_NAMES if c not in EXTENSION_COLUMNS)


def problems_of(path: Path, **kwargs) -> list[str]:
    with pytest.raises(DataError) as err:
        dataset.load_figures(path, **kwargs)
    prefix = f"{path}:"
    return [str(p).removeprefix(prefix) for p in err.value.problems]


# Each bad file and the exact problems it must give (``row:column: reason``).
EXPECTED = {
    "percent_140.csv": ["3:percent: percent must be between 0 and 100 (140)"],
    "negative_count.csv": ["2:reduced: count must not be negative (-5)"],
    "duplicate_id.csv": ["3:figure_id: duplicate id 'T-01' (first at row 2)"],
    "duplicate_figure.csv": [
        "3:-: duplicate figure: same source, jurisdiction, category, level, period, phase, "
        "status, scope and location (or numbers, where the location gives no character span) "
        "as row 2 (T-01)"
    ],
    "unknown_province.csv": [
        "2:jurisdiction: unknown jurisdiction 'Hà Tây': not one of the 63 provinces before "
        "1 July 2025, 'Toàn quốc', nor a central body of reference/central_bodies.csv",
        "2:province_code: required value is empty",
    ],
    "province_code_mismatch.csv": [
        "2:province_code: province_code '36' does not match jurisdiction 'Hà Nam' (code 35)"
    ],
    "ambiguous_1503.csv": [
        "2:denominator: '1,503' is ambiguous: ',' is the Vietnamese decimal comma, so it is "
        "1 and 503/1000, not a whole number; if 1503 was meant, write 1.503 or 1503"
    ],
    # Header row 1, figures at rows 2 and 4, a blank row 3 that is skipped but counted.
    "blank_row_middle.csv": ["4:reduced: 'x' is not a number"],
    "missing_column.csv": ["1:status: required column is missing"],
    "unknown_column.csv": [
        "1:ý kiến: unknown column 'ý kiến': rename it to a column of the data contract "
        "(see data/README.md) or delete it"
    ],
    "after_mismatch.csv": ["2:after: after 80 ≠ baseline 100 − reduced 10 = 90"],
    "reduced_over_baseline.csv": ["2:reduced: reduced 215 exceeds baseline 100"],
    "numerator_over_denominator.csv": ["2:numerator: numerator 1503 exceeds denominator 215"],
    "period_reversed.csv": [
        "2:period_start: period starts (2025) after it ends (2017)",
        "3:period_start: period '2017-13-01' is not a year (2025) or an ISO date "
        "(2017-10-25, 2024-10)",
    ],
    "no_figure.csv": ["2:-: a figure needs at least one of reduced, percent, numerator"],
    "empty.csv": ["-:-: the file is empty"],
    "no_header.csv": [
        "-:-: no header row found in the first 30 rows: a header names the columns "
        "(figure_id, source_id, jurisdiction … or their Vietnamese names)"
    ],
    "latin1.csv": [
        "-:-: the file is not UTF-8 (first bad byte 0xE9 at line 2) and not Windows-1258; "
        "save it as 'CSV UTF-8'"
    ],
    # Sheet rows: title 1, blank 2, header 3, figures 4-6; H6 holds 140 % as a percent cell.
    "percent_and_comma.xlsx": [
        "5:denominator: '1,503' is ambiguous: ',' is the Vietnamese decimal comma, so it is "
        "1 and 503/1000, not a whole number; if 1503 was meant, write 1.503 or 1503",
        "6:percent: percent must be between 0 and 100 (140)",
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_gives_its_precise_problems(name):
    assert problems_of(BAD / name) == EXPECTED[name]


def test_every_bad_file_is_covered():
    assert {p.name for p in BAD.iterdir()} == set(EXPECTED) | {"tcvn3.csv", "unknown_codes.csv"}


def test_tcvn3_is_refused_with_a_way_to_convert():
    (reason,) = problems_of(BAD / "tcvn3.csv")
    assert reason.startswith("-:-: the file is in the legacy TCVN3 (ABC, .VnTime) encoding")
    assert "convert it to Unicode" in reason and "CSV UTF-8" in reason


def test_unknown_codes_are_each_reported_in_column_order():
    found = problems_of(BAD / "unknown_codes.csv")
    assert [p.split(":")[1] for p in found] == ["category", "level", "status", "location"]
    assert found[0].startswith(
        "2:category: unknown category 'cán bộ hưu trí' (known: central_unit, civil"
    )
    assert found[2] == (
        "2:status: status must be 'result', 'plan' or 'partly_projected' (or 'kết quả' / "
        "'kế hoạch' / 'dự kiến một phần'), not 'xong'"
    )


def test_every_problem_of_several_files_is_reported_not_only_the_first():
    paths = [BAD / "percent_140.csv", BAD / "negative_count.csv", BAD / "tcvn3.csv"]
    with pytest.raises(DataError) as err:
        dataset.load_figures(paths)
    # Both files hold a figure T-01: the second is also a duplicate of the first.
    assert [(Path(p.file).name, p.row, p.column) for p in err.value.problems] == [
        ("percent_140.csv", 3, "percent"),
        ("negative_count.csv", 2, "reduced"),
        ("negative_count.csv", 2, "figure_id"),
        ("negative_count.csv", 2, None),
        ("tcvn3.csv", None, None),
    ]


# ------------------------------------------------------------------ good files, every format


def without_jurisdiction(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.drop(columns="jurisdiction")


@pytest.fixture(scope="module")
def canonical() -> pd.DataFrame:
    return dataset.load_figures(FORMATS / "canonical.csv")


def test_canonical_fixture_values(canonical):
    f = canonical.set_index("figure_id")
    assert f.loc["F-03", ["reduced", "numerator", "denominator"]].tolist() == [215, 215, 1503]
    assert f.loc["F-04", "percent"] == 5.7 and f.loc["F-04", "percent_decimals"] == 2
    assert f.loc["F-02", "after"] == 98 and f.loc["F-04", "note"] == "Ghi chú, có dấu phẩy"
    assert str(f["reduced"].dtype) == "Int64" and str(f["percent"].dtype) == "Float64"
    assert str(f["percent_decimals"].dtype) == "Int64"
    assert pd.isna(f.loc["F-01", "numerator"])


@pytest.mark.parametrize("name", ["bom_vietnamese_headers.csv", "windows1258.csv"])
def test_vietnamese_csv_loads_to_the_canonical_figures(name, canonical):
    frame = dataset.load_figures(FORMATS / name)
    pd.testing.assert_frame_equal(without_jurisdiction(frame), without_jurisdiction(canonical))
    # The jurisdiction stays as written, NFC-normalised (Windows-1258 writes combining tones).
    assert frame["jurisdiction"].tolist() == ["tỉnh Hà Nam", "Ha Nam", "Hà Nam", "HÀ NAM"]


def test_xlsx_with_merged_two_row_header_loads_to_the_canonical_figures(canonical):
    frame = dataset.load_figures(FORMATS / "merged_header.xlsx", sheet="Số liệu")
    pd.testing.assert_frame_equal(without_jurisdiction(frame), without_jurisdiction(canonical))
    # C5:C6 is merged: the sheet shows "Hà Nam" on row 6 too.
    assert frame["jurisdiction"].tolist() == ["Hà Nam"] * 4


def test_xlsx_rows_are_numbered_as_the_sheet_shows_them():
    table = dataset.read_table(FORMATS / "merged_header.xlsx", sheet="Số liệu")
    # Row 4 shows every name: the merged cells of row 3 cover it, "Trước"/"Sau" are its own.
    assert table.attrs["header_row"] == 4
    assert table["__row__"].tolist() == [5, 6, 8, 9]  # row 7 is blank
    assert table.attrs["headers"]["baseline"] == "Trước"
    assert table.attrs["headers"]["percent"] == "Tỷ lệ (%)"


def test_xlsx_first_sheet_without_header_names_the_other_sheets():
    (reason,) = problems_of(FORMATS / "merged_header.xlsx")
    assert reason.startswith("-:-: sheet 'Hướng dẫn': no header row found")
    assert reason.endswith("(other sheets: 'Số liệu'; choose one with --sheet)")


def test_unknown_sheet_is_a_data_error():
    (reason,) = problems_of(FORMATS / "merged_header.xlsx", sheet="Sheet9")
    assert reason == "-:-: no sheet named 'Sheet9'; sheets: 'Hướng dẫn', 'Số liệu'"


def test_shipped_figures_round_trip_unchanged(tmp_path):
    for path in dataset.figure_files(FIGURES_DIR):
        if path.suffix != ".csv":
            continue
        out = dataset.write_figures(dataset.load_figures(path), tmp_path / path.name)
        assert out.read_bytes() == path.read_bytes(), path.name


def test_fixture_round_trips_unchanged(tmp_path):
    path = FORMATS / "canonical.csv"
    out = dataset.write_figures(dataset.load_figures(path), tmp_path / "out.csv")
    assert out.read_bytes() == path.read_bytes()


def test_shipped_figures_cite_known_sources():
    with SOURCES_FILE.open(encoding="utf-8") as fh:
        known = {r["source_id"] for r in csv.DictReader(fh)}
    assert set(dataset.load_figures()["source_id"]) <= known


# ------------------------------------------------------------------ rules one by one


def load_text(tmp_path: Path, *rows: str, name: str = "t.csv") -> pd.DataFrame:
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return dataset.load_figures(path)


GOOD = "G-1,s,Hà Nam,35,civil_servant,tinh,215,14.4,215,1503,,,2017,2024,,result,p1:0-10,"


def test_province_matching_accepts_prefixes_and_no_diacritics(tmp_path):
    rows = [
        GOOD,
        "G-2,s,TP. Hồ Chí Minh,79,civil_servant,tinh,1,,,,,,2017,2024,,result,,",
        "G-3,s,Toàn quốc,00,civil_servant,tinh,1,,,,,,2017,2024,,result,,",
        "G-4,s,thanh pho Can Tho,92,civil_servant,tinh,1,,,,,,2017,2024,,result,,",
        "G-5,s,Hà Nội,1,civil_servant,tinh,1,,,,,,2017,2024,,result,,",
    ]
    frame = load_text(tmp_path, *rows)
    assert frame["province_code"].tolist() == ["35", "79", "00", "92", "01"]


def test_percent_with_one_dot_group_reads_as_decimals(tmp_path):
    # "14.400" as a thousands group would be 14400, which no percent can be.
    frame = load_text(tmp_path, GOOD.replace(",14.4,", ",14.400,"))
    assert frame.loc[0, "percent"] == 14.4 and frame.loc[0, "percent_decimals"] == 3


def test_percent_written_as_thousands_is_rejected(tmp_path):
    with pytest.raises(DataError) as err:
        load_text(tmp_path, GOOD.replace(",14.4,", ",1.503.000,"))
    assert [p.reason for p in err.value.problems] == ["percent must be between 0 and 100 (1503000)"]


def test_vietnamese_numbers_parse(tmp_path):
    row = 'G-1,s,Hà Nam,35,civil_servant,tinh,1.503,"36,4%",,,,,2017,2024,,result,,'
    frame = load_text(tmp_path, row)
    assert frame.loc[0, "reduced"] == 1503
    assert frame.loc[0, "percent"] == 36.4 and frame.loc[0, "percent_decimals"] == 1


def test_semicolon_csv_with_decimal_commas(tmp_path):
    path = tmp_path / "vn.csv"
    path.write_text(
        "Mã;Nguồn;Tỉnh;Mã tỉnh;Loại;Tỷ lệ;Trạng thái\nA;s;Hà Nam;35;village;44,6;result\n",
        encoding="utf-8",
    )
    frame = dataset.load_figures(path)
    assert frame.loc[0, "percent"] == 44.6 and frame.loc[0, "category"] == "village"


def test_other_category_figures_differ_by_note(tmp_path):
    row = "O-{},s,Hà Nam,35,other,tinh,3,,,,,,2017,2024,,result,,{}"
    frame = load_text(tmp_path, row.format(1, "lãnh đạo"), row.format(2, "cấp phó"))
    assert len(frame) == 2
    with pytest.raises(DataError):
        load_text(tmp_path, row.format(1, "x"), row.format(2, "x"))


def test_duplicates_across_files_name_the_first(tmp_path):
    (tmp_path / "a.csv").write_text(HEADER + "\n" + GOOD + "\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text(HEADER + "\n" + GOOD + "\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        dataset.load_figures(tmp_path)
    first = tmp_path / "a.csv"
    assert [str(p) for p in err.value.problems] == [
        f"{tmp_path / 'b.csv'}:2:figure_id: duplicate id 'G-1' (first in {first} row 2)",
        f"{tmp_path / 'b.csv'}:2:-: duplicate figure: same source, jurisdiction, category, "
        "level, period, phase, status, scope and location (or numbers, where the location "
        f"gives no character span) as {first} row 2 (G-1)",
    ]


def test_formula_without_result_is_reported_not_read_as_empty(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER.split(","))
    sheet.append(GOOD.split(","))
    sheet["G2"] = "=H2*10"
    book.save(tmp_path / "f.xlsx")
    with pytest.raises(DataError) as err:
        dataset.load_figures(tmp_path / "f.xlsx")
    assert [str(p).split(":", 1)[1] for p in err.value.problems] == [
        "2:reduced: '=H2*10' is not a number"
    ]


def test_values_under_an_empty_header_are_not_dropped(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text(HEADER + ",\n" + GOOD + ",lost?\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        dataset.load_figures(path)
    assert [p.reason for p in err.value.problems] == ["values under an empty header (column 19)"]


def test_validate_figures_on_a_frame_built_in_code():
    frame, problems = dataset.parse_figures(
        pd.DataFrame({name: [""] for name in dataset.COLUMN_NAMES})
        .assign(figure_id="x", source_id="s", jurisdiction="Hà Nam", province_code="35")
        .assign(category="village", status="plan", percent="140")
    )
    assert problems == []
    assert dataset.validate_figures(frame) == [
        Problem("", 2, "percent", "percent must be between 0 and 100 (140)")
    ]


# ------------------------------------------------------------------ keep going


def test_keep_going_returns_good_rows_and_rejects_with_reasons():
    paths = [FORMATS / "canonical.csv", BAD / "percent_140.csv", BAD / "tcvn3.csv"]
    frame = dataset.load_figures(paths, keep_going=True)
    assert frame["figure_id"].tolist() == ["F-01", "F-02", "F-03", "F-04", "T-01"]
    rejects = frame.attrs["rejects"]
    assert rejects[["row", "figure_id", "percent", "reason"]].values.tolist() == [
        [3, "T-02", "140", "percent: percent must be between 0 and 100 (140)"]
    ]
    assert [p.file for p in frame.attrs["problems"]][-1].endswith("tcvn3.csv")


def test_keep_going_rejects_a_file_with_a_header_problem_whole():
    frame = dataset.load_figures(BAD / "unknown_column.csv", keep_going=True)
    assert frame.empty
    rejects = frame.attrs["rejects"]
    assert rejects["reason"].str.startswith("ý kiến: unknown column").all()
    # The value of the unknown column is kept with the rejected row: nothing is lost.
    assert rejects["ý kiến (as written)"].tolist() == ["ok"]


# ------------------------------------------------------------------ the command line


def test_cli_accepts_the_shipped_data(capsys):
    assert main(["validate", str(FIGURES_DIR)]) == 0
    assert capsys.readouterr().err.startswith("nq18 validate: OK, ")


def test_cli_rejects_a_bad_file_with_its_place(capsys):
    assert main(["validate", str(BAD / "percent_140.csv")]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"{BAD / 'percent_140.csv'}:3:percent: percent must be between 0 and 100 (140)",
        "nq18 validate: 1 problem(s) in 1 file(s)",
    ]


def test_cli_keep_going_writes_good_rows_and_rejects(tmp_path, capsys):
    out = tmp_path / "clean.csv"
    code = main(["validate", str(BAD / "percent_140.csv"), "--keep-going", "--out", str(out)])
    assert code == 2  # rejects exist: scripts must notice
    good = pd.read_csv(out, dtype=str, keep_default_na=False)
    # a file of exact figures is written without the optional bound column (design change 23)
    assert good["figure_id"].tolist() == ["T-01"] and list(good.columns) == [
        c for c in dataset.COLUMN_NAMES if c != "bound"
    ]
    rejects = pd.read_csv(tmp_path / "clean.rejects.csv", dtype=str, keep_default_na=False)
    assert rejects.loc[0, "figure_id"] == "T-02" and rejects.loc[0, "row"] == "3"
    assert "wrote 1 figures" in capsys.readouterr().err


def test_cli_out_converts_an_xlsx_to_canonical_csv(tmp_path):
    out = tmp_path / "c.csv"
    args = ["validate", str(FORMATS / "merged_header.xlsx"), "--sheet", "Số liệu"]
    assert main([*args, "--out", str(out)]) == 0
    canonical = (FORMATS / "canonical.csv").read_text(encoding="utf-8")
    assert out.read_text(encoding="utf-8") == canonical


def test_cli_missing_path_is_exit_2(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "nope.csv")]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_validate_from_args_directly(tmp_path):
    args = argparse.Namespace(
        paths=[str(FORMATS / "canonical.csv")], sheet=None, keep_going=False, out=None
    )
    from nq18lib.cli import validate

    assert validate.handle(args) == 0


# ------------------------------------------------------------------ helpers and modules


def test_public_api_reexports():
    assert nq.load_figures is dataset.load_figures
    assert nq.find_province("Ha Nam").code == "35"


def test_rejects_path_sits_beside_the_output():
    assert dataset.rejects_path(Path("x/y.csv")) == Path("x/y.rejects.csv")


def test_headers_file_maps_every_variant_to_a_contract_column():
    variants = headers.header_variants()
    assert set(variants.values()) <= set(dataset.COLUMN_NAMES) | {headers.IGNORED}
    assert set(dataset.COLUMN_NAMES) <= set(variants.values())


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Hà Nam".encode(), ("Hà Nam", "utf-8")),
        (b"\xef\xbb\xbfx", ("x", "utf-8-sig")),
        ("Thừa Thiên Huế".encode("utf-16"), ("Thừa Thiên Huế", "utf-16")),
        (encoding.encode_cp1258("Đắk Lắk, Quảng Ngãi"), ("Đắk Lắk, Quảng Ngãi", "windows-1258")),
    ],
)
def test_decode_text(raw, expected):
    assert encoding.decode_text(raw) == expected


def test_windows_1258_decodes_to_nfc():
    raw = encoding.encode_cp1258("Tỉnh")
    assert raw == b"Ti\xd2nh"  # a letter and a combining hook above
    assert encoding.decode_text(raw) == ("Tỉnh", "windows-1258")


def test_latin1_only_bytes_are_not_taken_for_windows_1258():
    # "Hà" is 0xE0 in Latin-1, Windows-1252 and Windows-1258 alike: no evidence, refused.
    with pytest.raises(DataError, match="not UTF-8"):
        encoding.decode_text("Hà Nam".encode("cp1258"))


def test_vni_is_not_decoded_as_windows_1258():
    # VNI writes "Việt Nam" as "Vie\xe4t Nam": as Windows-1258 that gives "Vieät", no Vietnamese.
    with pytest.raises(DataError, match="VNI"):
        encoding.decode_text(b"Vie\xe4t Nam, Ha\xf8 Noa\xe4i, Ca\xe2n Th\xf4")


@pytest.mark.parametrize(
    ("code", "raw", "text"),
    [
        ("0.0%", "0.364", "36,4"),
        ("0%", "1.4", "140"),
        ("0.00", "5.7", "5,70"),
        ("General", "14.399999999999999", "14,4"),
        ("General", "1503", "1503"),
        ("#,##0", "15327", "15327"),
        ("dd/mm/yyyy", "43033", "2017-10-25"),
        ("General", "2017-10-25T00:00:00", "2017-10-25"),  # an ISO date cell (t="d")
        ("General", "1.5E3", "1500"),
    ],
)
def test_workbook_number_text(code, raw, text):
    assert workbook._number_text(raw, workbook._style_of(code), False) == text


def sheet_xml(path: Path, name: str) -> tuple[bytes, list, list]:
    import zipfile

    with zipfile.ZipFile(path) as book:
        target = dict(workbook._sheets(book))[name]
        return book.read(target), workbook._shared_strings(book), workbook._cell_styles(book)


@pytest.mark.parametrize(
    ("path", "sheet"),
    [(FORMATS / "merged_header.xlsx", "Số liệu"), (BAD / "percent_and_comma.xlsx", "Số liệu")],
)
def test_fast_sheet_reader_agrees_with_the_xml_parser(path, sheet):
    import io

    xml, shared, styles = sheet_xml(path, sheet)
    numbers, cells, merges = workbook._fast_sheet(xml, shared, styles, False)
    rows, slow_merges = workbook._sheet_rows(io.BytesIO(xml), shared, styles, False)
    slow_numbers, slow_cells = workbook._grid(rows)
    assert numbers.tolist() == slow_numbers.tolist()
    assert cells.tolist() == slow_cells.tolist()
    assert merges == slow_merges and merges  # both fixtures have merged ranges


def test_fast_sheet_reader_steps_aside_for_unusual_xml():
    xml, shared, styles = sheet_xml(FORMATS / "merged_header.xlsx", "Số liệu")
    unusual = xml.replace(b'<c r="A3"', b'<c s="0" r="A3"', 1)
    assert unusual != xml
    assert workbook._fast_sheet(unusual, shared, styles, False) is None


def test_a_table_with_only_its_header_loads_empty_and_typed(tmp_path):
    path = tmp_path / "h.csv"
    path.write_text("figure_id,source_id,jurisdiction,province_code,category,status\n")
    frame = dataset.load_figures(path)
    assert frame.empty and list(frame.columns) == [*dataset.COLUMN_NAMES, "percent_decimals"]
    assert str(frame["reduced"].dtype) == "Int64"


def test_csv_with_title_rows_above_the_header(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text(
        "Bảng tổng hợp số liệu,,\n,,\nMã,Nguồn,Tỉnh,Mã tỉnh,Loại,Số giảm,Trạng thái\n"
        "A,s,Hà Nam,35,village,553,result\n",
        encoding="utf-8",
    )
    table = dataset.read_table(path)
    assert table.attrs["header_row"] == 3 and table["__row__"].tolist() == [4]
    assert dataset.load_figures(path).loc[0, "reduced"] == 553


def test_cli_out_is_not_written_when_rows_fail_without_keep_going(tmp_path):
    out = tmp_path / "clean.csv"
    assert main(["validate", str(BAD / "percent_140.csv"), "--out", str(out)]) == 2
    assert not out.exists() and not dataset.rejects_path(out).exists()


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_counts = st.one_of(st.none(), st.integers(min_value=0, max_value=10**7))
_percents = st.one_of(st.none(), st.tuples(st.integers(0, 100), st.integers(0, 3)))
_places = {"Hà Nam": "35", "Nam Định": "36", "Toàn quốc": "00", "Hồ Chí Minh": "79"}


def _percent_text(percent: tuple[int, int] | None) -> str:
    if percent is None:
        return ""
    whole, decimals = percent
    return str(whole) if decimals == 0 or whole == 100 else f"{whole}." + "5" * decimals


@settings(max_examples=25, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            _counts,
            _percents,
            st.sampled_from(sorted(_places)),
            st.sampled_from(["result", "plan"]),
            st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxy ,;\"'", max_size=12),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_written_figures_load_back_the_same(tmp_path_factory, rows):
    lines = []
    for i, (reduced, percent, place, status, note) in enumerate(rows):
        reduced = 1 if reduced is None and percent is None else reduced
        count = "" if reduced is None else str(reduced)
        cells = [f"P-{i}", "s", place, _places[place], "other", "", count, _percent_text(percent)]
        cells += ["", "", "", "", "", "", "", status, "", f"{i}{note}".strip()]
        lines.append(",".join('"' + c.replace('"', '""') + '"' for c in cells))
    path = tmp_path_factory.mktemp("rt") / "f.csv"
    path.write_text(HEADER + "\n" + "\n".join(lines) + "\n", encoding="utf-8")
    first = dataset.load_figures(path)
    again = dataset.load_figures(dataset.write_figures(first, path.with_name("g.csv")))
    pd.testing.assert_frame_equal(first, again)
    written = path.with_name("g.csv").read_bytes()
    assert dataset.write_figures(again, path.with_name("h.csv")).read_bytes() == written


def test_a_total_and_its_parts_are_not_duplicates(tmp_path):
    # One source, one category: 106 units in all, of which 14 and 49, at their own places.
    row = "V-{},s,Vĩnh Phúc,26,public_service_unit,,{},,,,,,2019,2019,,result,p4:{}-{},"
    frame = load_text(tmp_path, row.format(1, 106, 10, 30), row.format(2, 14, 40, 50),
                      row.format(3, 49, 60, 70))  # fmt: skip
    assert frame["reduced"].tolist() == [106, 14, 49]
    # Without locations, the numbers tell them apart; the same numbers twice do not.
    bare = "W-{},s,Vĩnh Phúc,26,public_service_unit,,{},,,,,,2019,2019,,result,,"
    assert len(load_text(tmp_path, bare.format(1, 106), bare.format(2, 14))) == 2
    with pytest.raises(DataError, match="duplicate figure"):
        load_text(tmp_path, bare.format(1, 106), bare.format(2, 106))
