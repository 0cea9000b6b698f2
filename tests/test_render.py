"""Rendering: sanitizing, the offline HTML template, the browser search, index and manifest."""

from __future__ import annotations

import base64
import gzip
import json
import re
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

import nq18lib as nq
from nq18lib.exceptions import BrowserNotFoundError
from nq18lib.runner import html as report_html
from nq18lib.runner import index, manifest
from nq18lib.runner import pdf as report_pdf
from nq18lib.runner import run as runner

FIXTURES = Path(__file__).parent / "fixtures" / "pipeline"


def options(out: Path, **kw) -> runner.RunOptions:
    values = dict(
        registry=FIXTURES / "reports.yaml",
        data=FIXTURES / "figures.csv",
        out=out,
        pdf=False,
        progress=False,
        jobs=1,
    )
    values.update(kw)
    return runner.RunOptions(**values)


PLOTLY = "application/vnd.plotly.v1+json"
FIGURE = {
    "data": [{"type": "bar", "x": [36.4], "y": ["</script><script>alert(1)</script>"]}],
    "layout": {"title": {"text": "Hà Nam"}},
}


def executed_notebook():
    nb = new_notebook()
    nb.cells = [
        new_markdown_cell("# Báo cáo <i>thử</i>"),
        new_code_cell("province = 'x'", metadata={"tags": ["parameters"]}),
        new_code_cell("province = 'Hà Nam'", metadata={"tags": ["injected-parameters"]}),
        new_code_cell("import secret_code_marker", outputs=[]),
        new_code_cell(
            "x",
            outputs=[
                new_output("stream", name="stderr", text="papermill noise marker"),
                new_output("stream", name="stdout", text="kept stdout"),
                new_output("display_data", data={PLOTLY: FIGURE, "text/html": "<div>stale</div>"}),
                new_output(
                    "display_data", data={"text/markdown": "## Hà Nam <script>alert(2)</script>"}
                ),
                new_output(
                    "display_data",
                    data={"text/html": "<table><tr><td onclick='x()'>36,4%</td></tr></table>"},
                ),
                new_output("display_data", data={"application/javascript": "alert(3)"}),
            ],
        ),
        new_code_cell(
            "raise",
            outputs=[
                new_output(
                    "error", ename="RuntimeError", evalue="hỏng", traceback=["RuntimeError: hỏng"]
                )
            ],
        ),
    ]
    return nb


def test_sanitize_html_escapes_scripts_and_drops_handlers():
    clean = report_html.sanitize_html(
        '<p onclick="x()">a</p><img src=x onerror=alert(1)><style>p{}</style>'
    )
    assert clean == "<p>a</p>&lt;img src=x onerror=alert(1)&gt;<style>p{}</style>"
    assert (
        report_html.sanitize_html('<a href="https://x.vn">x</a>') == '<a href="https://x.vn">x</a>'
    )
    assert "<iframe" not in report_html.sanitize_html("<iframe src=x></iframe>")


def test_chart_html_escapes_data_and_waits_for_plotlyjs():
    html = report_html.chart_html(FIGURE)
    assert "</script><script>alert" not in html
    assert "\\u003c\\u002fscript\\u003e" in html
    assert f'<script type="{report_html.CHART_SCRIPT_TYPE}">' in html
    assert 'type="text/javascript"' not in html and "<script>" not in html


def test_clean_notebook_hides_code_parameters_and_noise():
    cleaned = report_html.clean_notebook(executed_notebook())
    sources = [c.source for c in cleaned.cells]
    assert sources == ["# Báo cáo <i>thử</i>", "x", "raise"]
    outputs = cleaned.cells[1].outputs
    assert [o.output_type for o in outputs] == [
        "stream",
        "display_data",
        "display_data",
        "display_data",
    ]
    assert outputs[0].text == "kept stdout"
    assert "Plotly.newPlot" in outputs[1].data["text/html"]
    assert "&lt;script&gt;alert(2)" in outputs[2].data["text/html"]
    assert "onclick" not in outputs[3].data["text/html"] and "36,4%" in outputs[3].data["text/html"]
    assert cleaned.cells[2].outputs[0].ename == "RuntimeError"


def test_export_html_is_offline_with_plotlyjs_once():
    page = report_html.export_html(executed_notebook(), "vi", title="Hà Nam: <Khối Đảng>")
    assert '<html lang="vi">' in page
    assert "<title>Hà Nam: &lt;Khối Đảng&gt;</title>" in page
    assert page.count('id="nq18-plotlyjs"') == 1
    packed = re.search(r'id="nq18-plotlyjs"[^>]*>([^<]+)</script>', page).group(1)
    assert gzip.decompress(base64.b64decode(packed)).decode() == report_html.plotly_js()
    assert not re.findall(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    for absent in (
        "require.min.js",
        "tex-chtml",
        "cdn.jsdelivr",
        "mermaid",
        "secret_code_marker",
        "papermill noise",
        "province = ",
        "alert(3)",
        'class="jp-CodeMirrorEditor',
    ):
        assert absent.lower() not in page.lower(), absent
    assert "RuntimeError" in page and "kept stdout" in page
    assert len(page.encode()) < 3_000_000


def test_exported_outputs_are_focusable_and_images_have_a_text():
    nb = executed_notebook()
    png = base64.b64encode(b"\x89PNG\r\n\x1a\n").decode()
    nb.cells.append(
        new_code_cell("img", outputs=[new_output("display_data", data={"image/png": png})])
    )
    page = report_html.export_html(nb, "vi")
    outputs = re.findall(r'<div\b[^>]*class="[^"]*\bjp-OutputArea-output\b[^"]*"[^>]*>', page)
    assert outputs and all('tabindex="0"' in tag for tag in outputs)
    assert all(tag.count("tabindex=") == 1 for tag in outputs)
    images = re.findall(r"<img\b[^>]*>", page)
    assert images and all("alt=" in tag for tag in images)
    # the same text sanitized twice (a cached result) is still the safe one
    assert page == report_html.export_html(nb, "vi")


def test_printer_splits_a_report_page_around_its_title():
    page = report_html.export_html(executed_notebook(), "vi", title="Hà Nam")
    before, head, title, after = report_pdf._page_parts(page)
    assert title == "<title>Hà Nam</title>" and "<title>" not in head
    assert report_pdf.PACKED_PLOTLY_TYPE in head and before.endswith("<head>")
    assert after.startswith("</head>") and before + head[:0] + title + after != page
    other = report_html.export_html(executed_notebook(), "en", title="Other")
    assert report_pdf._page_parts(other)[1] == head  # the same template: the same head
    assert report_pdf._page_parts("<html><head><title>x</title></head></html>") is None


def test_find_browser(monkeypatch, tmp_path):
    with pytest.raises(BrowserNotFoundError, match="--browser: /no/such/chromium"):
        report_pdf.find_browser("/no/such/chromium")
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\n")
    fake.chmod(0o755)
    monkeypatch.setenv("NQ18_CHROMIUM", str(fake))
    assert report_pdf.find_browser() == str(fake)
    monkeypatch.delenv("NQ18_CHROMIUM")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(BrowserNotFoundError, match="apt-get install chromium"):
        report_pdf.find_browser()


def test_index_escapes_and_links(tmp_path):
    (tmp_path / "ha-nam").mkdir()
    (tmp_path / "ha-nam/party.html").write_text("<html></html>")
    (tmp_path / "ha-nam/party.pdf").write_bytes(b"%PDF")
    state = manifest.empty_manifest()
    state["reports"] = {
        "ha-nam/party": {
            "title": "Hà Nam: Khối Đảng",
            "province": "Hà Nam",
            "lang": "vi",
            "parameters": {"sector": "party", "data_path": "/secret"},
            "status": "ok",
            "html": "ha-nam/party.html",
            "pdf": "ha-nam/party.pdf",
            "finished": "2026-11-25T20:00:00+00:00",
            "seconds": {"total": 2.5},
        },
        "x/boom": {
            "title": "<script>alert(1)</script>",
            "province": "<b>X</b>",
            "lang": "vi",
            "status": "failed",
            "error": "<img src=x onerror=alert(2)>",
            "html": "x/boom.failed.html",
        },
        "gone/party": {"title": "gone", "province": "Gone", "status": "ok", "html": "gone.html"},
    }
    (tmp_path / "x").mkdir()
    (tmp_path / "x/boom.failed.html").write_text("<html></html>")
    page = index.write_index(state, tmp_path).read_text(encoding="utf-8")
    assert '<a href="ha-nam/party.html">HTML</a>' in page
    assert '<a href="ha-nam/party.pdf">PDF</a>' in page
    assert "Khối Đảng" in page and "/secret" not in page  # words, not parameters
    assert "<script>" not in page and "<img" not in page and "<b>X</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Lỗi" in page and "Failed" in page and "Gone" not in page
    assert page.index("Hà Nam") < page.index(
        "&lt;b&gt;X"
    )  # provinces first, then other jurisdictions


def test_manifest_round_trip_and_corruption(tmp_path):
    state = manifest.empty_manifest()
    state["reports"]["a"] = {"province": "Hà Nam"}
    manifest.write_manifest(tmp_path, state)
    assert "Hà Nam" in (tmp_path / "manifest.json").read_text(encoding="utf-8")
    assert manifest.read_manifest(tmp_path)["reports"] == {"a": {"province": "Hà Nam"}}
    (tmp_path / "manifest.json").write_text("{not json")
    assert manifest.read_manifest(tmp_path) == manifest.empty_manifest()
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.slow
def test_missing_browser_builds_html_and_says_so(tmp_path, capsys):
    opts = options(
        tmp_path,
        kinds=["tiny"],
        provinces=["Bắc Ninh"],
        pdf=True,
        browser=str(tmp_path / "no-chromium"),
    )
    summary = nq.run_reports(opts)
    assert summary.exit_code == runner.EXIT_NO_BROWSER == 3
    assert "--browser" in summary.pdf_error and "the HTML reports were built" in summary.pdf_error
    assert (tmp_path / "bac-ninh/tiny.html").is_file()
    assert not (tmp_path / "bac-ninh/tiny.pdf").exists()
    entry = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert entry["reports"]["bac-ninh/tiny"]["pdf"] is None
    assert entry["runs"][-1]["pdf_error"]


def test_fixture_notebooks_exist():
    assert nbformat.read(FIXTURES / "tiny.ipynb", as_version=4).cells[1].metadata["tags"] == [
        "parameters"
    ]


def test_packed_plotlyjs_is_kept_in_the_cache_and_made_again_when_damaged(tmp_path, monkeypatch):
    monkeypatch.setenv("NQ18_CACHE_DIR", str(tmp_path))
    report_html.plotly_js_packed.cache_clear()
    try:
        made = report_html.plotly_js_packed()
        assert gzip.decompress(base64.b64decode(made)).decode() == report_html.plotly_js()
        (stored,) = (tmp_path / report_html.PACKED_STORE).glob("*.b64")
        checksum, packed = stored.read_text(encoding="ascii").split("\n")
        assert packed == made
        # a worker of a later run reads it: what it reads is what the page embeds
        stored.write_text(f"{checksum}\nnot plotly.js", encoding="ascii")
        report_html.plotly_js_packed.cache_clear()
        assert report_html.plotly_js_packed() == made  # damaged: made again, not trusted
        assert stored.read_text(encoding="ascii") == f"{checksum}\n{made}"
        report_html.plotly_js_packed.cache_clear()
        monkeypatch.setenv("NQ18_CACHE_DIR", "")
        assert report_html.plotly_js_packed() == made  # no cache: the same bytes
    finally:
        report_html.plotly_js_packed.cache_clear()
