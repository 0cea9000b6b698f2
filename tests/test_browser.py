"""Reports in a real browser: headless Chromium (the system one) with the network cut off.

Builds the Hà Nam reports from the shipped data and the fixture report on figures whose
free-text columns hold markup and script payloads, HTML and PDF, then opens every page:
every chart drawn, no console error, no request leaving the page, nothing injected runs.
PDFs are read back with ``pdftotext``. Skipped, with the reason, when Chromium, playwright
or poppler-utils are missing, unless ``NQ18_REQUIRE_BROWSER=1`` (CI), where that fails.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import nq18lib as nq
from nq18lib.runner import pdf as report_pdf
from nq18lib.runner import run as runner

pytestmark = [pytest.mark.slow, pytest.mark.browser]
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
if not shutil.which("pdftotext"):
    if os.environ.get("NQ18_REQUIRE_BROWSER") == "1":
        pytest.fail("pdftotext is required here (NQ18_REQUIRE_BROWSER=1)", pytrace=False)
    pytest.skip("pdftotext missing (apt-get install poppler-utils)", allow_module_level=True)


FIXTURES = Path(__file__).parent / "fixtures" / "pipeline"
PAYLOADS = (
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=2">',
    '"><svg onload="window.__xss=3">',
    "<a href='javascript:window.__xss=4'>bấm</a>",
    "</script><script>window.__xss=5</script>",
    '<iframe src="javascript:parent.__xss=6"></iframe>',
)
FREE_TEXT = ("figure_id", "source_id", "phase", "note")
"""The columns of the data contract that hold free text (the others are validated codes)."""


@pytest.fixture(scope="module")
def ha_nam(tmp_path_factory, chromium):
    out = tmp_path_factory.mktemp("ha_nam")
    summary = nq.run_reports(
        runner.RunOptions(provinces=["Hà Nam"], out=out, progress=False, browser=chromium)
    )
    assert summary.exit_code == 0, summary.line()
    return out


@pytest.fixture(scope="module")
def payload(tmp_path_factory, chromium):
    out = tmp_path_factory.mktemp("payload")
    figures = out.parent / "payload.csv"
    with (FIXTURES / "figures.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for i, row in enumerate(rows):
        for j, column in enumerate(FREE_TEXT):
            row[column] = f"{row[column] or 'x'} {PAYLOADS[(i + j) % len(PAYLOADS)]}"
    with figures.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    summary = nq.run_reports(
        runner.RunOptions(
            kinds=["tiny"],
            provinces=["Hà Nam"],
            registry=FIXTURES / "reports.yaml",
            data=figures,
            out=out,
            progress=False,
            browser=chromium,
        )
    )
    assert summary.exit_code == 0, summary.line()
    return out


@pytest.fixture(scope="module")
def browser(chromium):
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=chromium, args=["--host-resolver-rules=MAP * ~NOTFOUND"]
        )
        yield chromium
        chromium.close()


def open_offline(browser, path: Path):
    """Open a page with every non-local request refused; return the page and what happened."""
    seen = {"requests": [], "errors": [], "dialogs": []}
    context = browser.new_context(viewport={"width": 1000, "height": 900})

    def route(r):
        if r.request.url.startswith(("file:", "data:", "blob:")):
            r.continue_()
        else:
            seen["requests"].append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and seen["errors"].append(m.text))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.goto(path.as_uri(), wait_until="load")
    page.evaluate("() => window.nq18Charts ? window.nq18Charts.then(() => true) : true")
    page.wait_for_function(report_pdf.CHARTS_DRAWN_JS, timeout=30_000)
    return page, seen


def chart_state(page) -> list[dict]:
    return page.evaluate(
        """() => [...document.querySelectorAll('.plotly-graph-div')].map(d => ({
            svg: d.querySelectorAll('.main-svg').length,
            traces: (d._fullData || []).length,
            points: d.querySelectorAll('.point, .bars path, .scatterlayer .trace path').length,
            width: d.getBoundingClientRect().width}))"""
    )


def pdf_text(path: Path) -> str:
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def test_every_ha_nam_report_draws_its_charts_offline(ha_nam, browser):
    pages = sorted((ha_nam / "ha-nam").glob("*.html"))
    assert {p.stem for p in pages} >= {"party", "government", "staffing"}
    charts_seen = 0
    for path in pages:
        page, seen = open_offline(browser, path)
        charts = chart_state(page)
        charts_seen += len(charts)
        for chart in charts:
            assert chart["svg"] >= 1 and chart["traces"] >= 1, path.name
            assert chart["points"] >= 1 and chart["width"] > 100, path.name
        assert page.locator("script[src], link[href^='http'], iframe").count() == 0
        assert seen == {"requests": [], "errors": [], "dialogs": []}, path.name
        assert "Hà Nam" in page.inner_text("body")
        page.context.close()
        assert path.stat().st_size < 5_000_000
    assert charts_seen >= len(pages)


def test_pdfs_are_a4_with_vietnamese_text_and_drawn_charts(ha_nam):
    party = pdf_text(ha_nam / "ha-nam/party.pdf")
    assert "36,4%" in party and "Hà Nam" in party and "Khối Đảng" in party
    assert "14,4%" in pdf_text(ha_nam / "ha-nam/staffing.pdf")
    for pdf in sorted((ha_nam / "ha-nam").glob("*.pdf")):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        assert re.search(r"Page size:\s+59[45]\.\d+ x 84[12]\.\d+ pts \(A4\)", info), pdf.name
        text = pdf_text(pdf)
        assert "\ufffd" not in text
        # every axis title of every chart in the executed notebook is printed
        nb = json.loads(pdf.with_suffix(".ipynb").read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            for output in cell.get("outputs", []):
                figure = output.get("data", {}).get("application/vnd.plotly.v1+json")
                for axis in ("xaxis", "yaxis") if figure else ():
                    title = (figure["layout"].get(axis, {}).get("title") or {}).get("text")
                    if title and "<" not in title:
                        assert " ".join(title.split()) in " ".join(text.split()), (pdf.name, title)


def test_index_opens_offline_and_links_every_report(ha_nam, browser):
    page, seen = open_offline(browser, ha_nam / "index.html")
    links = page.eval_on_selector_all("a", "as => as.map(a => a.getAttribute('href'))")
    assert seen == {"requests": [], "errors": [], "dialogs": []}
    assert "ha-nam/party.html" in links and "ha-nam/party.pdf" in links
    assert all((ha_nam / link).is_file() for link in links)
    assert "Báo cáo" in page.inner_text("body") and "Report" in page.inner_text("body")


def test_payloads_in_data_are_shown_as_text_and_never_run(payload, browser):
    for path in (payload / "ha-nam/tiny.html", payload / "index.html"):
        page, seen = open_offline(browser, path)
        page.wait_for_timeout(300)
        assert page.evaluate("() => window.__xss") is None, path.name
        assert seen["dialogs"] == [] and seen["requests"] == [] and seen["errors"] == []
        page.context.close()
    page, _ = open_offline(browser, payload / "ha-nam/tiny.html")
    text = page.inner_text("body")
    assert "<script>window.__xss=1</script>" in text  # escaped, visible
    assert page.locator("main iframe, main img, main svg[onload]").count() == 0
    assert len(chart_state(page)) == 2
    page.context.close()
    assert "Hà Nam" in pdf_text(payload / "ha-nam/tiny.pdf")
