"""What the printed page looks like: tall charts cut into pieces, the running footer, waits.

Real Chromium, report pages built by the runner from the fixture notebook with content
added to their body (a chart taller than an A4 page, a chart drawn late, a title that needs
escaping), printed swapped into the kept page and loaded anew; PDFs read back with
``pdftotext``. Skipped when Chromium, playwright or poppler-utils are missing (see
``conftest.py``).
"""

from __future__ import annotations

import html as markup
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import nq18lib as nq
from nq18lib.runner import pdf as report_pdf
from nq18lib.runner import run as runner
from nq18lib.runner.html import CHART_SCRIPT_TYPE, chart_html

pytestmark = [pytest.mark.slow, pytest.mark.browser]
pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
if not shutil.which("pdftotext"):
    pytest.skip("pdftotext missing (apt-get install poppler-utils)", allow_module_level=True)

FIXTURES = Path(__file__).parent / "fixtures" / "pipeline"
TOP_MM, BOTTOM_MM = 12, 16
"""The page margins of the printer (runner/pagefooter.py)."""


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """Three report pages (3 provinces, vi) of the fixture notebook, HTML only."""
    out = tmp_path_factory.mktemp("pages")
    summary = nq.run_reports(
        runner.RunOptions(
            kinds=["tiny"],
            langs=["vi"],
            registry=FIXTURES / "reports.yaml",
            data=FIXTURES / "figures.csv",
            out=out,
            pdf=False,
            progress=False,
            data_reader=nq.dataset.READER,
        )
    )
    assert summary.exit_code == 0, summary.line()
    return sorted(out.rglob("tiny.html"))


def with_body(page: Path, target: Path, body: str, title: str | None = None) -> Path:
    """Write a copy of a report page with ``body`` added at the end of its content."""
    text = page.read_text(encoding="utf-8")
    text = text.replace("</main>", body + "</main>", 1)
    if title is not None:
        text = re.sub(r"<title>.*?</title>", f"<title>{markup.escape(title)}</title>", text)
    target.write_text(text, encoding="utf-8")
    return target


def tall_chart(names: list[str], height: int, div_id: str = "nq18-chart-tall") -> str:
    """A horizontal bar chart of one bar per name, every name written, as reports draw it."""
    figure = {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "y": names,
                "x": [90 - i for i in range(len(names))],
                "text": [f"{90 - i}%" for i in range(len(names))],
                "textposition": "outside",
            }
        ],
        "layout": {
            "height": height,
            "margin": {"l": 160, "t": 40},
            "yaxis": {"autorange": "reversed", "dtick": 1},
        },
    }
    return chart_html(figure, div_id)


def pdf_text(path: Path) -> str:
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    return done.stdout.decode("utf-8")


WORD = re.compile(
    r'<page width="[\d.]+" height="([\d.]+)">|<word xMin="[\d.]+" yMin="[\d.]+" '
    r'xMax="[\d.]+" yMax="([\d.]+)">'
)


def page_fill(pdf: Path) -> list[float]:
    """How full each page is: its lowest word above the footer, as a share of the page."""
    done = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True)
    top, bottom = TOP_MM / 25.4 * 72, BOTTOM_MM / 25.4 * 72
    pages: list[list[float]] = []
    for height, low in WORD.findall(done.stdout):
        if height:
            pages.append([float(height), top])
        elif float(low) < pages[-1][0] - bottom:
            pages[-1][1] = max(pages[-1][1], float(low))
    return [(low - top) / (height - top - bottom) for height, low in pages]


@pytest.mark.parametrize("swap", [True, False], ids=["swapped", "loaded"])
def test_a_chart_taller_than_a_page_prints_in_pieces_and_no_page_is_half_empty(
    pages, chromium, tmp_path, swap
):
    names = [f"Tỉnh số {i}" for i in range(1, 71)]
    prose = "".join(
        f"<p>Đoạn văn thứ {i} đứng trước biểu đồ cao hơn một trang giấy A4.</p>" for i in range(12)
    )
    body = f"<h2>Phần có biểu đồ cao</h2>{prose}{tall_chart(names, 70 * 38)}<p>Đoạn cuối.</p>"
    tall = with_body(pages[0], tmp_path / "tall.html", body)
    with report_pdf.PdfPrinter(chromium, timeout=60, swap=swap) as printer:
        printer.print_pdf(pages[1], tmp_path / "first.pdf")
        printer.print_pdf(tall, tmp_path / "tall.pdf")
        assert printer.swapped == (1 if swap else 0)
    pdf = tmp_path / "tall.pdf"
    fill = page_fill(pdf)
    assert len(fill) >= 3
    for number, share in enumerate(fill[:-1], start=1):
        assert share >= 0.5, f"page {number} of {len(fill)} is {share:.0%} full"
    text = pdf_text(pdf)
    for name in names:  # every bar printed once: none lost at a cut, none twice
        assert len(re.findall(rf"{name}\b(?!\d)", text)) == 1, name
    assert "Đoạn cuối." in text
    sheets = text.split("\f")  # the chart starts on the page of the text before it
    here = next(i for i, sheet in enumerate(sheets) if "Đoạn văn thứ 11" in sheet)
    assert re.search(r"Tỉnh số 1\b(?!\d)", sheets[here]), sheets[here]


PIECES_JS = """() => [...document.querySelectorAll('.nq18-chart-piece')].map(piece => {
  const band = piece.getBoundingClientRect();
  const drawn = [...piece.querySelectorAll('.main-svg text, .main-svg path')]
    .map(el => el.getBoundingClientRect()).filter(box => box.width || box.height);
  return {
    labels: [...piece.querySelectorAll('.ytick text')].map(t => t.textContent),
    outside: drawn.filter(box => box.bottom < band.top - 10 || box.top > band.bottom + 10).length,
    drawn: drawn.length,
    unresolved: [...piece.querySelectorAll('[clip-path]')]
      .map(el => (el.getAttribute('clip-path').match(/url\\(['"]?#([^'")]+)/) || [])[1])
      .filter(id => id && !document.getElementById(id)).length,
  };
})"""
"""What every printed piece of a cut chart draws: its labels, how many of its drawn elements
lie wholly outside its box, and its clip paths whose target is missing."""


def test_each_printed_piece_of_a_tall_chart_draws_only_its_band(pages, chromium, tmp_path):
    """A piece does not paint the whole chart again (clipped): only what crosses its band."""
    from playwright.sync_api import sync_playwright

    from nq18lib.runner.html import A4_PRINT_WIDTH_PX

    names = [f"Tỉnh số {i}" for i in range(1, 71)]
    tall = with_body(pages[0], tmp_path / "tall.html", tall_chart(names, 70 * 38))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium)
        page = browser.new_page(viewport={"width": A4_PRINT_WIDTH_PX, "height": 1000})
        page.emulate_media(media="print")  # as the printer lays a report out
        page.goto(tall.as_uri(), wait_until="load")
        page.evaluate("() => window.nq18Charts.then(() => true)")
        pieces = page.evaluate(PIECES_JS)
        browser.close()
    assert len(pieces) >= 4
    for number, piece in enumerate(pieces, start=1):
        assert piece["drawn"] and not piece["outside"], (number, piece["outside"])
        assert not piece["unresolved"], (number, piece["unresolved"])
        assert len(piece["labels"]) < len(names) / 2, (number, len(piece["labels"]))
    assert {label for piece in pieces for label in piece["labels"]} == set(names)


def test_a_chart_grown_to_fit_its_labels_prints_whole(pages, chromium, tmp_path):
    """Labels that touch make a chart taller than its box; its last bar still prints."""
    names = [f"Đơn vị số {i}" for i in range(1, 25)]
    chart = tall_chart(names, 24 * 9, "nq18-chart-tight")  # 4 px a label: it must grow
    output = (  # the cell's output area, as nbconvert writes it (it scrolls what overflows)
        '<div class="jp-OutputArea jp-Cell-outputArea"><div class="jp-OutputArea-child">'
        '<div class="jp-RenderedHTMLCommon jp-RenderedHTML jp-OutputArea-output">'
    )
    body = f"<h2>Biểu đồ chật</h2>{output}{chart}</div></div></div>"
    page = with_body(pages[0], tmp_path / "tight.html", body)
    with report_pdf.PdfPrinter(chromium, timeout=60) as printer:
        printer.print_pdf(page, tmp_path / "tight.pdf")
    text = re.sub(r"\s+", " ", pdf_text(tmp_path / "tight.pdf"))
    assert "Đơn vị số 24 " in text and "Đơn vị số 1 " in text


@pytest.mark.parametrize("swap", [True, False], ids=["swapped", "loaded"])
def test_printing_waits_for_a_chart_drawn_late(pages, chromium, tmp_path, swap):
    late = (  # a chart whose drawing starts 1.5 s after its script ran
        '<div id="nq18-chart-late" class="plotly-graph-div" style="height:300px"></div>'
        f'<script type="{CHART_SCRIPT_TYPE}">if (document.getElementById("nq18-chart-late")) '
        "{ new Promise(done => setTimeout(done, 1500)).then(() => Plotly.newPlot("
        '"nq18-chart-late", [{"type": "bar", "x": ["Biểu đồ vẽ muộn"], "y": [3]}], '
        '{"height": 300}, {})) }</script>'
    )
    page = with_body(pages[0], tmp_path / "late.html", "<h2>Muộn</h2>" + late)
    with report_pdf.PdfPrinter(chromium, timeout=30, swap=swap) as printer:
        printer.print_pdf(pages[1], tmp_path / "first.pdf")
        printer.print_pdf(page, tmp_path / "late.pdf")
    assert "Biểu đồ vẽ muộn" in pdf_text(tmp_path / "late.pdf")


def test_the_running_footer_is_in_the_page_margin_with_its_title_escaped(pages, chromium, tmp_path):
    title = 'Tỉnh "Hà Nam" \\ <b>đậm</b> </style>'
    body = "".join(f"<p>Dòng {i} để báo cáo dài hơn hai trang.</p>" for i in range(120))
    page = with_body(pages[0], tmp_path / "footer.html", body, title=title)
    with report_pdf.PdfPrinter(chromium, timeout=30) as printer:
        printer.print_pdf(pages[1], tmp_path / "first.pdf")
        printer.print_pdf(page, tmp_path / "footer.pdf")
    text = pdf_text(tmp_path / "footer.pdf")
    numbers = re.findall(r"Trang (\d+)/(\d+)", text)
    total = int(numbers[0][1])
    assert total >= 3 and [int(n) for n, _ in numbers] == list(range(1, total + 1))
    assert {t for _, t in numbers} == {str(total)}
    footers = [line for line in text.splitlines() if "Trang " in line]
    assert all(f"{title} · " in line for line in footers), footers[:2]
    assert "Dòng 119" in text
