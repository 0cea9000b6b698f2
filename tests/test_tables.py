"""Report tables, labels, narrative, selection and the provenance footer."""

from __future__ import annotations

import hashlib
import re
import string

import pandas as pd
import pytest
from openpyxl import load_workbook

from nq18lib.exceptions import ParameterError
from nq18lib.reference.vocabulary import LABELS, label, value_label
from nq18lib.report.footer import provenance_tables
from nq18lib.report.narrative import describe_selection, escape_markdown, list_cuts
from nq18lib.report.selection import comparable_figures, select_figures
from nq18lib.report.tables import (
    ReportTables,
    attainment_table,
    baselines_table,
    cuts_table,
    excel_frame,
    findings_table,
    format_cell,
    sheet_name,
    table_html,
)


def _figures() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "figure_id": ["A1", "A2", "B1"],
            "source_id": ["s-a", "s-a", "s-b"],
            "jurisdiction": ["Hà Nam", "Hà Nam", "Nam Định"],
            "category": ["commune_unit", "civil_servant", "commune_unit"],
            "level": ["xa", "tinh+huyen", "xa"],
            "reduced": pd.array([18, 215, 51], dtype="Int64"),
            "percent": pd.array([15.5, 14.4, 22.3], dtype="Float64"),
            "percent_decimals": pd.array([1, 1, 1], dtype="Int64"),
            "numerator": pd.array([None, 215, None], dtype="Int64"),
            "denominator": pd.array([None, 1503, None], dtype="Int64"),
            "status": ["result", "plan", "result"],
            "phase": ["giai đoạn 1", "giai đoạn 2", "giai đoạn 1"],
            "period_start": ["2019", "2025", "2019"],
            "period_end": ["2021", "2026", "2021"],
            "location": ["p1", "p2", "p9"],
        }
    )


# --------------------------------------------------------------------------- labels
def test_every_label_has_both_languages_with_the_same_fields():
    fields = string.Formatter()
    for key, texts in LABELS.items():
        assert set(texts) == {"vi", "en"}, key
        assert all(t.strip() for t in texts.values()), key
        vi = {f for _, f, _, _ in fields.parse(texts["vi"]) if f}
        en = {f for _, f, _, _ in fields.parse(texts["en"]) if f}
        assert vi == en, key


def test_label_refuses_an_unknown_language():
    with pytest.raises(ParameterError, match="unknown language 'fr'"):
        label("heading.cuts", "fr")


def test_value_label_words_levels_and_keeps_unknown_codes():
    assert value_label("level", "xa+thon", "en") == "commune + village"
    assert value_label("attainment", "not_attained") == "chưa đạt"
    assert value_label("status", "draft") == "draft"
    assert value_label("status", pd.NA) == ""


# --------------------------------------------------------------------------- cells and HTML
@pytest.mark.parametrize(
    ("value", "kind", "lang", "decimals", "expected"),
    [
        (15327, "count", "vi", None, "15.327"),
        (15327, "count", "en", None, "15,327"),
        (14.4, "percent", "vi", 1, "14,4%"),
        (25.0, "percent", "vi", 1, "25,0%"),
        (25.0, "percent", "en", 0, "25%"),
        ((1239, 1241), "range", "vi", None, "1.239–1.241"),
        ((11, 11), "range", "vi", None, "11"),
        (None, "range", "vi", None, "–"),
        (pd.NA, "percent", "vi", None, "–"),
    ],
)
def test_format_cell(value, kind, lang, decimals, expected):
    assert format_cell(value, kind, lang, decimals) == expected


def test_table_html_escapes_data_text_and_translates_headers():
    frame = pd.DataFrame(
        {"category": ["<script>alert(1)</script>"], "reduced": [1503], "percent": [14.4]}
    )
    html = table_html(frame, "vi")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert ">Số giảm<" in html and ">Tỷ lệ giảm<" in html
    assert '<td class="num" title="Số giảm">1.503</td>' in html
    assert '<td class="num" title="Tỷ lệ giảm">14,4%</td>' in html
    html_en = table_html(frame, "en")
    assert ">Reduced<" in html_en and "1,503" in html_en


def test_table_html_shows_only_the_reader_columns_and_row_decimals():
    table = cuts_table(_figures(), "vi")
    html = table_html(table, "vi")
    assert "figure_id" not in html and "A1" not in html  # workbook only
    assert "_decimals" not in html
    assert "15,5%" in html and "215/1.503" in html


# --------------------------------------------------------------------------- builders
def test_cuts_table_words_codes_and_keeps_numbers():
    table = cuts_table(_figures(), "en")
    assert list(table["jurisdiction"]) == ["Hà Nam", "Hà Nam", "Nam Định"]
    first = table.iloc[1]
    assert first["category"] == "Civil servants"
    assert first["level"] == "province + district"
    assert first["status"] == "○ planned"  # one wording and its mark everywhere
    assert first["reduced"] == 215 and first["fraction"] == "215/1,503"


def test_baselines_table_holds_ranges_and_their_basis():
    from nq18lib.report.tables import size_table

    sizes = size_table(_figures())
    table = baselines_table(sizes, "vi")
    # 18 communes at 15,5% imply 116 before (116 − 18 = 98 after); 215/1.503 gives 1.503
    assert table.loc[0, "baseline_range"] == (116, 116)
    assert table.loc[0, "after_range"] == (98, 98)
    assert table.loc[1, "baseline_range"] == (1503, 1503)
    assert table.loc[1, "basis"] == "mẫu số của phân số"


def test_findings_table_puts_errors_first_in_the_reader_language():
    findings = pd.DataFrame(
        {
            "figure_id": ["A1", "A2"],
            "jurisdiction": ["Hà Nam", "Hà Nam"],
            "category": ["village", "civil_servant"],
            "check": ["percent_only", "percent_vs_fraction"],
            "severity": ["info", "error"],
            "message_vi": ["chỉ có tỷ lệ", "tỷ lệ không khớp"],
            "message_en": ["rate only", "rate does not match"],
        }
    )
    table = findings_table(findings, "en")
    assert table["severity"].tolist() == ["error", "note"]
    assert table["message"].tolist() == ["rate does not match", "rate only"]
    assert table["check"].tolist() == ["Rate matches fraction", "Rate only"]


def test_attainment_table_of_nothing_is_empty():
    assert attainment_table(pd.DataFrame(), "vi").empty


# --------------------------------------------------------------------------- workbook
def test_sheet_names_are_valid_and_unique():
    assert sheet_name("a/b:c*d?") == "a_b_c_d_"
    assert len(sheet_name("x" * 40)) == 31
    assert sheet_name("x" * 40, {"x" * 31}) == "x" * 29 + "_2"


def test_excel_frame_keeps_numbers_and_splits_ranges():
    frame = pd.DataFrame(
        {
            "category": ["Thôn"],
            "percent": [44.6],
            "baseline_range": [(1239, 1241)],
            "_decimals": [1],
        }
    )
    data, formats = excel_frame(frame, "vi")
    assert list(data.columns) == [
        "Nội dung",
        "Tỷ lệ giảm",
        "Quy mô trước sắp xếp (thấp nhất)",
        "Quy mô trước sắp xếp (cao nhất)",
    ]
    assert data.iloc[0, 1] == pytest.approx(0.446)
    assert formats == {1: ["0.0%"], 2: "#,##0", 3: "#,##0"}  # per cell: the source's decimals


def test_report_tables_write_one_workbook(tmp_path):
    path = tmp_path / "out" / "party.xlsx"
    tables = ReportTables(str(path), "vi")
    tables.add("cuts", cuts_table(_figures(), "vi"), "Đã cắt giảm")
    tables.add("cuts", pd.DataFrame({"reduced": [1]}), "again")
    assert tables.save() == path
    book = load_workbook(path)
    assert book.sheetnames == ["Mục lục", "Đã cắt giảm", "again", "Chú giải"]
    sheet = book["Đã cắt giảm"]
    headers = [c.value for c in sheet[1]]
    assert "Mã số liệu" in headers  # figure ids go to the workbook
    reduced = sheet.cell(row=2, column=headers.index("Số giảm") + 1)
    assert reduced.value == 18 and reduced.number_format == "#,##0"
    contents = [r for r in book["Mục lục"].iter_rows(min_row=2, values_only=True)]
    assert contents[:2] == [("Đã cắt giảm", "Đã cắt giảm"), ("again", "again")]
    assert contents[2][0] == "Chú giải"  # the glossary sheet: what marks and codes mean
    assert not list(tmp_path.glob("out/.*.tmp"))


def test_report_tables_without_path_write_nothing(tmp_path):
    tables = ReportTables("", "en")
    tables.add("cuts", pd.DataFrame({"reduced": [1]}))
    assert tables.save() is None


def test_report_tables_refuse_an_unknown_language():
    with pytest.raises(ParameterError):
        ReportTables("", "de")


# --------------------------------------------------------------------------- selection
def test_select_figures_filters_by_every_choice():
    figures = _figures()
    assert select_figures(figures, province="Hà Nam")["figure_id"].tolist() == ["A1", "A2"]
    assert select_figures(figures, sector="admin_units")["figure_id"].tolist() == ["A1", "B1"]
    assert select_figures(figures, status="plan")["figure_id"].tolist() == ["A2"]
    assert select_figures(figures, phase="giai đoạn 1", category="commune_unit").shape[0] == 2


@pytest.mark.parametrize(
    ("choice", "message"),
    [
        ({"sector": "army"}, "unknown sector 'army'; expected one of: party"),
        ({"status": "done"}, "unknown status 'done'; expected one of: all, result, plan"),
        ({"category": "bureau"}, "unknown category 'bureau'"),
    ],
)
def test_select_figures_refuses_unknown_values(choice, message):
    with pytest.raises(ParameterError, match=re.escape(message)):
        select_figures(_figures(), **choice)


def test_comparable_figures_only_where_another_jurisdiction_reports():
    # two commune figures (Hà Nam, Nam Định) are not a comparison: it needs three
    assert comparable_figures(_figures(), "Hà Nam").empty
    third = _figures().iloc[[2]].assign(figure_id="C1", jurisdiction="Ninh Bình", percent=9.0)
    found = comparable_figures(pd.concat([_figures(), third]), "Hà Nam")
    assert sorted(found["figure_id"]) == ["A1", "B1", "C1"]  # civil servants: Hà Nam only
    assert comparable_figures(_figures(), "Hà Nam", sector="staffing").empty
    plan = third.assign(status="plan")  # a plan is not set beside results
    assert comparable_figures(pd.concat([_figures(), plan]), "Hà Nam").empty


def test_comparison_groups_need_three_figures_with_a_rate_from_two_places():
    from nq18lib.dataset.comparison import comparable_statuses

    frame = _figures().assign(category="commune_unit", status="result")
    assert comparable_statuses(frame) == {"commune_unit": ["result"]}
    no_rate = frame.assign(percent=pd.array([15.5, None, 22.3], dtype="Float64"))
    no_rate["denominator"] = pd.array([None, None, None], dtype="Int64")
    assert comparable_statuses(no_rate) == {}  # the second has nothing to compare
    assert comparable_statuses(frame.assign(jurisdiction="Hà Nam")) == {}  # one place
    assert comparable_statuses(frame.assign(part_of=["", "A1", ""])) == {}  # a part


# --------------------------------------------------------------------------- narrative
def test_list_cuts_in_both_languages():
    figures = _figures().iloc[:2]
    assert list_cuts(figures, "vi").splitlines() == [
        "- Đơn vị hành chính cấp xã: giảm 18 đơn vị, tương đương 15,5%",
        "- Công chức: giảm 215 người, tương đương 14,4% (○ kế hoạch)",
    ]
    assert list_cuts(figures, "en").splitlines()[0] == (
        "- Commune-level units: 18 units fewer, or 15.5%"
    )


def test_describe_selection_escapes_markdown_in_data():
    text = describe_selection(_figures(), "Hà *Nam*", "party", lang="vi")
    assert "Hà \\*Nam\\*" in text
    assert escape_markdown("[x](javascript:1)") == "\\[x\\]\\(javascript:1\\)"


# --------------------------------------------------------------------------- provenance
def test_provenance_tables_name_parameters_data_hashes_and_versions(tmp_path):
    data = tmp_path / "figures.csv"
    data.write_text("figure_id\n", encoding="utf-8")
    found = provenance_tables({"province": "Hà Nam", "phase": ""}, str(data), "vi")
    items = dict(found["parameters"].itertuples(index=False))
    assert items["Địa phương"] == "Hà Nam" and items["Giai đoạn"] == "(trống)"
    assert "Phiên bản mã nguồn (git)" in items and "giờ Việt Nam" in items["Thời điểm tạo"]
    files = dict(found["data"].itertuples(index=False))
    assert str(tmp_path) not in "".join(files)  # no build path reaches readers
    assert files["figures.csv"] == hashlib.sha256(b"figure_id\n").hexdigest()
    assert any(name.endswith("taxonomy.csv") for name in files)
    versions = dict(found["packages"].itertuples(index=False))
    assert {"python", "pandas", "plotly", "nq18lib"} <= set(versions)


def test_the_workbook_says_which_numbers_are_bounds(tmp_path):
    figures = _figures().assign(bound=["at_least", None, "percent:about"])
    path = tmp_path / "bounds.xlsx"
    tables = ReportTables(str(path), "vi")
    tables.add("cuts", cuts_table(figures, "vi"), "Đã cắt giảm")
    tables.save()
    sheet = load_workbook(path)["Đã cắt giảm"]
    headers = [c.value for c in sheet[1]]
    column = headers.index("Giới hạn (hơn/gần/khoảng)") + 1
    ids = [sheet.cell(row=r, column=headers.index("Mã số liệu") + 1).value for r in (2, 3, 4)]
    words = dict(zip(ids, (sheet.cell(row=r, column=column).value for r in (2, 3, 4)), strict=True))
    assert words["A1"] == "Số giảm: hơn" and words["B1"] == "Tỷ lệ giảm: khoảng"
    assert words["A2"] in ("", None)
    reduced = sheet.cell(row=ids.index("A1") + 2, column=headers.index("Số giảm") + 1)
    assert reduced.value == 18  # the cell stays a number an analyst can add up


def _pandas_workbook(tables: ReportTables, path) -> None:
    """The workbook as pandas' ``to_excel`` wrote it before the cells were written directly."""
    from nq18lib.report.htmltable import column_header, is_missing
    from nq18lib.report.reporttables import glossary_frame

    index_title, glossary_title = label("sheet.contents", "en"), label("sheet.glossary", "en")
    titles = dict(zip(tables.tables, tables.tables, strict=True))  # captions are sheet names
    contents = pd.DataFrame(
        {
            column_header("sheet", "en"): [*titles.values(), glossary_title],
            column_header("caption", "en"): [
                *tables.captions.values(),
                label("sheet.glossary_caption", "en"),
            ],
        }
    )
    sheets = [(index_title, contents, {}, False)]
    sheets += [(titles[n], *excel_frame(f, "en"), True) for n, f in tables.tables.items()]
    sheets.append((glossary_title, glossary_frame("en"), {}, False))
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for title, data, formats, freeze in sheets:
            data.to_excel(writer, sheet_name=title, index=False)
            ws = writer.sheets[title]
            for col, fmt in formats.items():
                for row in range(len(data)):
                    cell = ws.cell(row=row + 2, column=col + 1)
                    cell.number_format = fmt[row] if isinstance(fmt, list) else fmt
            if freeze:
                ws.freeze_panes = "A2"
            for i, column in enumerate(data.columns, start=1):
                texts = [str(column), *("" if is_missing(v) else str(v) for v in data[column])]
                width = min(max(len(v) for v in texts) + 2, 60)
                ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = width
        for ws in writer.sheets.values():
            for row in ws.iter_rows():
                for cell in row:
                    cell.data_type = "s" if cell.data_type == "f" else cell.data_type


def test_the_workbook_is_the_one_pandas_wrote(tmp_path):
    from nq18lib.report.tables import size_table

    # counts with gaps (floats in pandas), a column without a number, rates with the
    # source's decimals by row, ranges, bounds, text like a formula, an empty table
    figures = _figures().assign(
        bound=["at_least", None, None], location=["=SUM(A1:A9)", "p2", "x" * 80]
    )
    tables = ReportTables(str(tmp_path / "new.xlsx"), "en")
    tables.add("cuts", cuts_table(figures, "en"), "cuts")
    tables.add("sizes", baselines_table(size_table(figures), "en"), "sizes")
    tables.add("ranges", pd.DataFrame({"baseline_range": [(9, 12), None]}), "ranges")
    tables.add(
        "rates",
        pd.DataFrame(
            {
                "percent": [44.6, None, 7.0],
                "_decimals": [2, 0, None],
                "reduced": [None] * 3,
                "figures": [1234567, None, 8],
            }
        ),
        "rates",
    )
    tables.add("empty", pd.DataFrame({"reduced": []}), "empty")
    tables.save()
    _pandas_workbook(tables, tmp_path / "old.xlsx")

    def read(path):
        book = load_workbook(path)
        return book.sheetnames, [
            (
                [(c.value, c.data_type, c.number_format) for row in ws.iter_rows() for c in row],
                {k: d.width for k, d in ws.column_dimensions.items()},
                ws.freeze_panes,
            )
            for ws in book.worksheets
        ]

    new, old = read(tmp_path / "new.xlsx"), read(tmp_path / "old.xlsx")
    assert new == old
    assert ("=SUM(A1:A9)", "s", "General") in new[1][1][0]  # no formula
    assert (0.446, "n", "0.00%") in new[1][4][0]  # the source's two decimals
    # and byte for byte: every zip member but the creation and modification times
    import zipfile

    with zipfile.ZipFile(tmp_path / "new.xlsx") as a, zipfile.ZipFile(tmp_path / "old.xlsx") as b:
        entries = [
            [(i.filename, i.external_attr, i.compress_type) for i in z.infolist()] for z in (a, b)
        ]
        assert entries[0] == entries[1]
        for name in a.namelist():
            assert name == "docProps/core.xml" or a.read(name) == b.read(name), name
