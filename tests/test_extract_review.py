"""The review page of ``nq18 extract FILE --review OUT.html``, opened in real Chromium.

The text holds markup and script payloads: the page must show them as text, run nothing,
load nothing, and mark every figure and every possible miss. Skipped, with the reason, when
Chromium or playwright are missing, unless ``NQ18_REQUIRE_BROWSER=1`` (CI), where that fails.
"""

from __future__ import annotations

import json
import os
import re

import pytest

from nq18lib import cli
from nq18lib.extract.extraction import extract_text
from nq18lib.extract.review import review_page

PAYLOADS = (
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=2">',
    '"><svg onload="window.__xss=3">',
    "<a href='javascript:window.__xss=4'>bấm</a>",
    "</mark></div><script>window.__xss=5</script>",
    '<iframe src="javascript:parent.__xss=6"></iframe>',
    "<style>body{display:none}</style>",
)
TEXT = (
    "THÔNG CÁO <b>BÁO CHÍ</b> " + PAYLOADS[0] + "\n"
    "Tỉnh giảm 4 cơ quan tham mưu của Tỉnh ủy, đạt 30%; 5 sở " + PAYLOADS[1] + " đạt 26,3%.\n"
    "Sở Y tế " + PAYLOADS[2] + " giảm 3 phòng; giảm 2 xe công vụ " + PAYLOADS[3] + ".\n"
    "Số xã giảm là 45. Tỷ lệ giảm tương ứng đạt 20,5% " + PAYLOADS[4] + ".\n"
    "Sở A và Sở B mỗi nơi giảm 2 phòng "
    + PAYLOADS[5]
    + "; giảm hơn 1.000 đội & 7 tổ.\n"
    + PAYLOADS[6]
    + " Cắt giảm 12 chỉ số <i>khác</i>.\n"
)


def test_page_marks_and_escapes_without_a_browser():
    found = extract_text(TEXT)
    page = review_page(TEXT, found.figures, found.possible_misses, title="<x>.txt")
    assert found.figures and found.possible_misses
    for payload in PAYLOADS:
        assert payload not in page
    assert "<script" not in page.lower() and "onerror=" not in page.replace("onerror=&quot;", "")
    assert "&lt;x&gt;.txt" in page
    figure_ids = set(re.findall(r'data-figures="([^"]+)"', page))
    marked = {key for ids in figure_ids for key in ids.split()}
    assert marked == {f"F{i}" for i in range(1, len(found.figures) + 1)}
    misses = {k for ids in re.findall(r'data-miss="([^"]+)"', page) for k in ids.split()}
    assert misses == {f"M{i}" for i in range(1, len(found.possible_misses) + 1)}


@pytest.fixture(scope="module")
def browser(chromium_path):
    try:
        from playwright import sync_api
    except ImportError:
        if os.environ.get("NQ18_REQUIRE_BROWSER") == "1":
            pytest.fail("playwright is required here (NQ18_REQUIRE_BROWSER=1)", pytrace=False)
        pytest.skip("playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=chromium_path, args=["--host-resolver-rules=MAP * ~NOTFOUND"]
        )
        yield chromium
        chromium.close()


@pytest.mark.browser
def test_review_page_in_chromium(tmp_path, capsys, browser):
    source = tmp_path / "report.txt"
    source.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "review.html"
    assert cli.main(["extract", str(source), "--review", str(out)]) == 0
    document = json.loads(capsys.readouterr().out)
    figures, misses = document["figures"], document["possible_misses"]
    assert figures and misses
    assert {m["number"] for m in misses} >= {"2", "12"}  # "xe công vụ", "chỉ số": unknown

    seen = {"requests": [], "errors": [], "dialogs": []}
    context = browser.new_context()

    def route(r):
        if r.request.url.startswith("file:"):
            r.continue_()
        else:
            seen["requests"].append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.goto(out.as_uri(), wait_until="load")
    state = page.evaluate(
        """() => ({
            xss: window.__xss ?? null,
            scripts: document.querySelectorAll('script').length,
            injected: document.querySelectorAll('#text img, #text svg, #text iframe, '
                + '#text a, #text b, #text i, #text style').length,
            visible: getComputedStyle(document.body).display,
            text: document.querySelector('#text').textContent,
            figures: [...document.querySelectorAll('#text mark.figure')].map(m => ({
                ids: m.dataset.figures, title: m.title, text: m.textContent})),
            misses: [...document.querySelectorAll('#text mark.possible-miss')].map(m => ({
                ids: m.dataset.miss, text: m.textContent})),
            rows: document.querySelectorAll('aside tr[id^=row-F]').length,
            missRows: document.querySelectorAll('aside tr[id^=row-M]').length,
        })"""
    )
    context.close()
    assert state["xss"] is None and state["scripts"] == 0 and state["injected"] == 0
    assert state["visible"] != "none"
    assert seen == {"requests": [], "errors": [], "dialogs": []}
    assert state["text"] == TEXT  # the whole text, every payload shown as text
    marked = {k for m in state["figures"] for k in m["ids"].split()}
    assert marked == {f"F{i}" for i in range(1, len(figures) + 1)}
    missed = {k for m in state["misses"] for k in m["ids"].split()}
    assert missed == {f"M{i}" for i in range(1, len(misses) + 1)}
    assert state["rows"] == len(figures) and state["missRows"] == len(misses)
    for number, row in enumerate(figures, start=1):  # each figure's quote is inside its marks
        pieces = "".join(m["text"] for m in state["figures"] if f"F{number}" in m["ids"].split())
        assert pieces == row["quote"]
        tips = [m["title"] for m in state["figures"] if f"F{number}" in m["ids"].split()]
        assert all(row["category"] in t and row["confidence"] in t for t in tips)
    for number, miss in enumerate(misses, start=1):
        pieces = "".join(m["text"] for m in state["misses"] if f"M{number}" in m["ids"].split())
        assert pieces == miss["number"]


def test_review_needs_one_file_and_an_html_name(tmp_path, capsys):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    for path in (a, b):
        path.write_text("Tỉnh giảm 5 sở.", encoding="utf-8")
    good = tmp_path / "good.html"
    good.write_text("keep", encoding="utf-8")
    assert cli.main(["extract", str(a), str(b), "--review", str(good)]) == 2
    assert cli.main(["extract", str(a), "--review", str(tmp_path / "page.txt")]) == 2
    assert cli.main(["extract", str(tmp_path / "missing.txt"), "--review", str(good)]) == 2
    assert good.read_text(encoding="utf-8") == "keep"  # nothing half-written replaced it
    err = capsys.readouterr().err
    assert "exactly one FILE" in err and "OUT.html" in err and "Traceback" not in err
