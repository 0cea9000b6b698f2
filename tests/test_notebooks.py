"""Every notebook runs through papermill's Python API, on the shipped data and on a fixture.

The notebooks run once per session (module-scoped fixture, each case in its own kernel, two
at a time), then the tests read the executed notebooks: no error output, the reader's
language and number writing, charts as plotly JSON plus a div without plotly.js, the
provenance section at the end, and the XLSX workbook when ``tables_path`` is set.
"""

from __future__ import annotations

import json
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest
from openpyxl import load_workbook

papermill = pytest.importorskip("papermill")

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = REPO / "notebooks"
FIXTURE = REPO / "tests" / "fixtures" / "figures_tiny.csv"
PLOTLY = "application/vnd.plotly.v1+json"
SIMPLE_TYPES = {"str", "int", "float", "bool"}

pytestmark = pytest.mark.slow

# (case id, notebook, parameters); "xlsx" in the id means tables_path is set
CASES = [
    ("sector-party-vi", "sector", {"sector": "party"}),
    ("sector-staffing-en-xlsx", "sector", {"sector": "staffing", "lang": "en"}),
    ("overview-vi", "overview", {}),
    ("audit-en", "audit", {"lang": "en"}),
    ("comparison-vi", "comparison", {}),
    ("explore-vi", "explore", {}),
    (
        "fixture-sector-admin-vi-xlsx",
        "sector",
        {"province": "Nam Định", "sector": "admin_units", "data_path": str(FIXTURE)},
    ),
    (
        "fixture-sector-staffing-plan-en",
        "sector",
        {"province": "Nam Định", "sector": "staffing", "status": "result", "lang": "en"},
    ),
    ("fixture-overview-en", "overview", {"province": "Nam Định", "lang": "en"}),
    (
        "fixture-sector-empty-en",
        "sector",
        {"province": "Ninh Bình", "sector": "party", "lang": "en"},
    ),
    ("fixture-audit-vi", "audit", {"province": "Ninh Bình"}),
    ("fixture-comparison-en-xlsx", "comparison", {"lang": "en", "highlight": "Nam Định"}),
    ("fixture-explore", "explore", {"province": "Ninh Bình", "sector": "staffing"}),
]
for _case in CASES:
    if _case[0].startswith("fixture"):
        _case[2].setdefault("data_path", str(FIXTURE))


def _run(case: tuple[str, str, dict], out_dir: Path) -> tuple[str, Path, Exception | None]:
    name, notebook, parameters = case
    parameters = dict(parameters)
    if name.endswith("xlsx"):
        parameters["tables_path"] = str(out_dir / f"{name}.xlsx")
    output = out_dir / f"{name}.ipynb"
    try:
        papermill.execute_notebook(
            str(NOTEBOOKS / f"{notebook}.ipynb"),
            str(output),
            parameters=parameters,
            cwd=str(REPO),
            progress_bar=False,
            kernel_name="python3",
            execution_timeout=120,
        )
    except Exception as err:  # reported by the test of that case
        return name, output, err
    return name, output, None


@pytest.fixture(scope="module")
def executed(tmp_path_factory) -> dict[str, tuple[Path, Exception | None]]:
    out_dir = tmp_path_factory.mktemp("notebooks")
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda c: _run(c, out_dir), CASES))
    return {name: (path, err) for name, path, err in results}


def _outputs(path: Path) -> list[dict]:
    nb = nbformat.read(str(path), as_version=4)
    return [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]


def _text(path: Path) -> str:
    """Everything a reader sees (markdown and HTML outputs), as one string."""
    parts = []
    for output in _outputs(path):
        data = output.get("data", {})
        for mime in ("text/markdown", "text/html"):
            if mime in data:
                value = data[mime]
                parts.append("".join(value) if isinstance(value, list) else value)
    return "\n".join(parts)


@pytest.mark.parametrize("case", [c[0] for c in CASES])
def test_notebook_runs_without_error(executed, case):
    path, err = executed[case]
    assert err is None, f"{case} failed: {err}"
    errors = [o for o in _outputs(path) if o.get("output_type") == "error"]
    assert not errors
    streams = [o for o in _outputs(path) if o.get("output_type") == "stream"]
    assert all(o.get("name") != "stderr" for o in streams), [o.get("text") for o in streams]


@pytest.mark.parametrize(
    "case",
    [c[0] for c in CASES if c[1] != "explore"],
)
def test_report_ends_with_provenance(executed, case):
    path, err = executed[case]
    assert err is None
    text = _text(path)
    lang = "en" if "-en" in case else "vi"
    heading = "About this report" if lang == "en" else "Thông tin về báo cáo này"
    assert heading in text
    tail = text[text.index(heading) :]
    assert re.search(r"[0-9a-f]{64}", tail), "data file hashes are missing"
    assert "pandas" in tail and "plotly" in tail
    assert "data/figures" in tail or "figures_tiny.csv" in tail


def test_sector_report_in_vietnamese_writes_numbers_the_vietnamese_way(executed):
    path, _ = executed["sector-party-vi"]
    text = _text(path)
    assert "Hà Nam: Khối Đảng" in text
    assert "36,4%" in text  # party agencies, as written in the source
    assert "36.4%" not in text
    assert "Kết quả sắp xếp, cắt giảm" in text


def test_sector_report_in_english_has_no_vietnamese_headings(executed):
    path, _ = executed["sector-staffing-en-xlsx"]
    text = _text(path)
    assert "What was cut" in text and "Kết quả sắp xếp" not in text
    assert "14.4%" in text and "1,503" in text  # civil servants: 215/1.503


def test_charts_carry_plotly_json_and_a_div_without_plotlyjs(executed):
    path, _ = executed["sector-staffing-en-xlsx"]
    charts = [o["data"] for o in _outputs(path) if PLOTLY in o.get("data", {})]
    assert len(charts) >= 3  # rates, before/after, targets
    for bundle in charts:
        html = bundle["text/html"]
        assert "plotly-graph-div" in html
        assert len(html) < 200_000, "plotly.js must not be embedded per chart"
        assert "<script src=" not in html and "cdn" not in html.lower()
        figure = bundle[PLOTLY]
        figure = json.loads(figure) if isinstance(figure, str) else figure
        assert figure["layout"]["separators"] == ".,"


def test_before_after_chart_draws_implied_ranges(executed):
    # Ninh Bình: 5 civil servants at 4,0% imply 124–126 before and 119–121 after
    path, err = executed["fixture-explore"]
    assert err is None
    figures = [o["data"][PLOTLY] for o in _outputs(path) if PLOTLY in o.get("data", {})]
    ranged = [
        trace
        for figure in figures
        for trace in figure["data"]
        if trace.get("base") and trace.get("text") and "–" in trace["text"][0]
    ]
    assert {(t["base"][0], t["x"][0], t["text"][0]) for t in ranged} == {
        (124, 2, "124–126"),
        (119, 2, "119–121"),
    }


def test_fixture_sector_report_shows_range_and_comparison(executed):
    path, _ = executed["fixture-sector-admin-vi-xlsx"]
    text = _text(path)
    assert "Nam Định" in text
    # Ninh Bình's commune figure is the only other one: two figures are not a comparison
    assert "Chưa đủ số liệu để so sánh: cần ít nhất 3 số liệu" in text
    assert "25,5%" not in text


def test_fixture_english_sector_report_filters_by_status(executed):
    path, _ = executed["fixture-sector-staffing-plan-en"]
    text = _text(path)
    assert "30 people fewer, or 15.0%" in text  # TA-03, a result
    assert "12.5%" not in text  # TA-04: a planned village figure, and not staffing anyway
    assert "TA-03" not in text  # readers see no figure id


def test_sector_report_without_figures_says_so(executed):
    path, err = executed["fixture-sector-empty-en"]
    assert err is None
    text = _text(path)
    assert "There are no figures for this selection." in text
    assert "No target applies to these categories." in text


def test_audit_report_lists_every_finding(executed):
    import nq18lib as nq

    figures = nq.select_figures(nq.load_figures(), province="Hà Nam")
    findings = nq.audit_findings(nq.audit_figures(figures))
    path, _ = executed["audit-en"]
    text = _text(path)
    for message in findings["message_en"]:
        assert message.replace("&", "&amp;").replace("<", "&lt;") in text


def test_workbook_holds_every_table_of_the_report(executed, tmp_path):
    path, err = executed["sector-staffing-en-xlsx"]
    assert err is None
    book = load_workbook(path.with_suffix(".xlsx"))
    assert book.sheetnames[0] == "Contents"
    for sheet in ("What was cut", "Against the targets", "Sources", "Choices of this report"):
        assert sheet in book.sheetnames  # sheets named in the report's language
    assert book.sheetnames[-1] == "Glossary"
    cuts = book["What was cut"]
    headers = [c.value for c in cuts[1]]
    assert "Reduced" in headers and "Rate" in headers
    reduced = [r[headers.index("Reduced")] for r in cuts.iter_rows(min_row=2, values_only=True)]
    assert 215 in reduced and 881 in reduced  # numbers stay numbers
    rate_cell = cuts.cell(row=2, column=headers.index("Rate") + 1)
    assert rate_cell.number_format == "0.0%" and abs(rate_cell.value - 0.144) < 1e-9


def test_comparison_workbook_ranks_both_fixture_provinces(executed):
    path, err = executed["fixture-comparison-en-xlsx"]
    assert err is None
    book = load_workbook(path.with_suffix(".xlsx"))
    assert "Rank" not in book.sheetnames  # two figures are neither compared nor ranked
    text = _text(path)
    assert "Not enough figures to compare: it needs at least 3" in text
    assert "No ranking: it needs at least 3 comparable figures" in text
    assert "there are 2" in text  # the two commune figures of the fixture, said
    assert "Ninh Bình" not in text.split("Not enough figures")[1].split("Sources")[0]


@pytest.mark.parametrize("notebook", sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb")))
def test_every_parameter_is_typed_and_documented(notebook):
    found = papermill.inspect_notebook(str(NOTEBOOKS / f"{notebook}.ipynb"))
    assert found, f"{notebook} has no parameters cell"
    for name, spec in found.items():
        assert spec["inferred_type_name"] in SIMPLE_TYPES, (notebook, name, spec)
        assert spec["help"], f"{notebook}: parameter {name} has no comment"
    if notebook != "explore":
        assert "tables_path" in found and "lang" in found and "data_path" in found


@pytest.mark.parametrize("notebook", sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb")))
def test_notebook_is_thin_stored_without_outputs_and_paired(notebook):
    nb = nbformat.read(str(NOTEBOOKS / f"{notebook}.ipynb"), as_version=4)
    assert nb.metadata["jupytext"]["formats"] == "ipynb,py:percent"
    assert (NOTEBOOKS / f"{notebook}.py").is_file()
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert sum("parameters" in c.metadata.get("tags", []) for c in code) == 1
    for cell in code:
        assert not cell.get("outputs") and cell.get("execution_count") is None
        assert not re.search(r"^\s*(def|for|while|class)\s", cell.source, re.M), cell.source


@pytest.mark.parametrize("notebook", sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb")))
def test_text_form_matches_the_notebook(notebook):
    import jupytext

    text_nb = jupytext.read(NOTEBOOKS / f"{notebook}.py")
    ipynb = nbformat.read(str(NOTEBOOKS / f"{notebook}.ipynb"), as_version=4)
    assert [c.source for c in text_nb.cells] == [c.source for c in ipynb.cells]
