"""What a run publishes and links, decided before any kernel: fast, no browser.

Links to the other language only where that report exists (built in the run or published
before), comparisons only with three comparable figures, reports the data no longer
supports withdrawn from disk and manifest, published notebooks without build paths,
quotes from our own texts beside "đoạn N", and no figure id in a chart label.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pandas as pd
import pytest

from nq18lib.report.charts import distinguish
from nq18lib.report.navigation import navigation_html
from nq18lib.runner import grid
from nq18lib.runner.notebookfile import publishable_notebook
from nq18lib.runner.plan import published_reports, withdraw_reports

OVERVIEW = grid.ReportKind("overview", Path("overview.ipynb"))
PARTY = grid.ReportKind("party", Path("sector.ipynb"), {"sector": "party"})
COMPARISON = grid.ReportKind("comparison_x", Path("comparison.ipynb"), {"category": "x"})
DECLARED = {
    "overview.ipynb": {"sibling_reports": {}, "other_lang_reports": {}},
    "sector.ipynb": {"sibling_reports": {}, "other_lang_reports": {}},
    "comparison.ipynb": {"other_lang_reports": {}},
}


def _spec(kind, province, lang):
    folder = grid.province_slug(province) + "/" if province else ""
    rid = f"{folder}{'en/' if lang == 'en' else ''}{kind.name}"
    return grid.ReportSpec(rid, kind, province, lang, dict(kind.parameters))


def _other_lang_link(spec) -> bool:
    html = navigation_html(
        spec.province or "",
        spec.kind.name,
        spec.lang,
        {"party": 1},
        spec.parameters.get("sibling_reports", ""),
        spec.parameters.get("other_lang_reports", ""),
    )
    return ("English version" in html) if spec.lang == "vi" else ("Bản tiếng Việt" in html)


def test_a_vietnamese_only_run_links_to_no_english_page():
    specs = [_spec(k, "Hà Nam", "vi") for k in (OVERVIEW, PARTY)] + [_spec(COMPARISON, None, "vi")]
    linked = grid.link_siblings(specs, DECLARED)
    assert [s.parameters["other_lang_reports"] for s in linked] == ["", "", ""]
    assert not any(_other_lang_link(s) for s in linked)


def test_both_languages_in_one_run_link_each_other():
    specs = [_spec(k, "Hà Nam", lang) for k in (OVERVIEW, PARTY) for lang in ("vi", "en")]
    linked = grid.link_siblings([*specs, _spec(COMPARISON, None, "en")], DECLARED)
    assert all(_other_lang_link(s) for s in linked[:4])
    assert not _other_lang_link(linked[4])  # the comparison has no Vietnamese page here


def test_a_report_published_before_is_linked_and_only_that_one():
    specs = [_spec(OVERVIEW, "Hà Nam", "vi"), _spec(PARTY, "Hà Nam", "vi")]
    linked = grid.link_siblings(specs, DECLARED, published=["ha-nam/en/overview"])
    assert [_other_lang_link(s) for s in linked] == [True, False]
    assert linked[0].parameters["other_lang_reports"] == "overview"


def test_comparisons_need_a_group_of_comparable_figures():
    spec = _spec(COMPARISON, None, "vi")
    assert grid.supported_reports([spec], {}, {"x": ["result"]}) == [spec]
    assert grid.supported_reports([spec], {}, {"x": ["plan"]}) == []  # results are ranked
    assert grid.supported_reports([spec], {}, {}) == []
    assert grid.supported_reports([spec], {}, None) == [spec]  # a reader that cannot tell


def test_withdrawn_reports_leave_disk_and_manifest(tmp_path):
    spec = _spec(COMPARISON, None, "vi")
    for suffix in (".html", ".pdf", ".xlsx", ".ipynb"):
        (tmp_path / f"comparison_x{suffix}").write_text("x")
    (tmp_path / "comparison_y.html").write_text("y")
    state = {
        "reports": {
            "comparison_x": {"status": "ok", "html": "comparison_x.html"},
            "comparison_y": {"status": "ok", "html": "comparison_y.html"},
        }
    }
    assert published_reports(state, tmp_path) == {"comparison_x", "comparison_y"}
    assert withdraw_reports([spec], state, tmp_path) == ["comparison_x"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["comparison_y.html"]
    assert list(state["reports"]) == ["comparison_y"]


def test_published_notebook_carries_no_build_path():
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell(
        'lang = "vi"\ntables_path = "../../tmp/build-42/ha-nam/overview.xlsx"\n'
        'data_path = "/home/someone/figures.csv"\nprovince = "Hà Nam"'
    )
    cell.metadata["tags"] = ["injected-parameters"]
    nb.cells.append(cell)
    nb.metadata["papermill"] = {"parameters": {"tables_path": "../../tmp/build-42/x.xlsx"}}
    source = publishable_notebook(nb).cells[0].source
    assert nb.metadata["papermill"]["parameters"] == {"tables_path": "x.xlsx"}
    assert "tmp" not in source and "home" not in source and "build-42" not in source
    assert "tables_path = 'overview.xlsx'" in source
    assert "data_path = 'figures.csv'" in source and 'province = "Hà Nam"' in source


def test_the_seed_is_quoted_beside_its_paragraph(shared_dir, monkeypatch):
    from nq18lib import load_figures
    from nq18lib.report.tables import cuts_table

    monkeypatch.setenv("NQ18_SHARED", str(shared_dir))
    figures = load_figures(Path(__file__).parents[1] / "data/figures/ha_nam_nq18_7nam.csv")
    locations = cuts_table(figures, "vi")["location"].tolist()
    assert locations[0] == "đoạn 4: “giảm 4 cơ quan trực thuộc Tỉnh ủy đạt 36,4%”"
    assert all(loc.startswith("đoạn ") and "“" in loc for loc in locations)
    english = cuts_table(figures, "en")["location"].iloc[1]
    assert english == "paragraph 4: “5 sở đạt 26,3%”"  # the source's own words


def test_web_pages_are_located_not_quoted():
    from nq18lib.report.quotes import figure_quote

    assert figure_quote("p4:0-20", "https://example.org/page") == ""
    assert figure_quote("p4:0-20", "corpus/02_quang_ninh_tien_phong.txt") == ""
    assert figure_quote("p4:0-20", "seeds/../../etc/passwd") == ""


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_chart_labels_tell_figures_apart_without_ids(lang):
    data = pd.DataFrame(
        {
            "figure_id": ["QBI-2025-03-04", "QBI-2025-03-05", "QBI-2025-03-06"],
            "source_id": ["s", "s", "s"],
            "period_start": ["2024", "2025", "2025"],
            "period_end": ["2024", "2025", "2025"],
        }
    )
    names = distinguish(["Quảng Bình"] * 3, data, lang)
    assert len(set(names)) == 3
    assert not any("QBI" in n for n in names)
    assert names == ["Quảng Bình (1)", "Quảng Bình (2)", "Quảng Bình (3)"]
    two = distinguish(["Quảng Bình"] * 2, data.iloc[:2], lang)
    assert two == ["Quảng Bình (2024)", "Quảng Bình (2025)"]
