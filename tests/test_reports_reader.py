"""The reports as their readers get them: real runs, real Chromium, pdftotext, openpyxl.

One reports folder is built per session (Hà Nam, whose figures are partly projected, and
Đà Nẵng, whose data has no party figure, in Vietnamese and English, with one comparison)
and every test reads it: what each figure is, navigation, no empty report, no build path,
page numbers in PDFs, charts whole at 390 px, the index, the pages per province of today,
workbooks. Skipped, with the reason, when Chromium, playwright or poppler-utils are
missing, unless ``NQ18_REQUIRE_BROWSER=1`` (CI), where that fails.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

import nq18lib as nq
from nq18lib.paths import PROJECT_DIR
from nq18lib.runner import run as runner
from nq18lib.runner.index import vietnamese_key

pytestmark = [pytest.mark.slow, pytest.mark.browser]
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
if not shutil.which("pdftotext"):
    if os.environ.get("NQ18_REQUIRE_BROWSER") == "1":
        pytest.fail("pdftotext is required here (NQ18_REQUIRE_BROWSER=1)", pytrace=False)
    pytest.skip("pdftotext missing (apt-get install poppler-utils)", allow_module_level=True)

KINDS = ["overview", "party", "public_service", "staffing", "audit", "comparison_civil_servant"]


@pytest.fixture(scope="session")
def reports(tmp_path_factory, chromium) -> Path:
    """One reports folder for the whole session, built like ``nq18 run --lang vi --lang en``."""
    out = tmp_path_factory.mktemp("reader")
    summary = nq.run_reports(
        runner.RunOptions(
            provinces=["Hà Nam", "Đà Nẵng"],
            kinds=KINDS,
            langs=["vi", "en"],
            out=out,
            progress=False,
            browser=chromium,
        )
    )
    assert summary.exit_code == 0, summary.line()
    return out


@pytest.fixture(scope="module")  # a playwright left running would stop the next module's
def browser(chromium_path):
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=chromium_path, args=["--disable-gpu"])
        yield launched
        launched.close()


def _pages(reports: Path) -> list[Path]:
    return sorted(
        p for p in reports.rglob("*.html") if p.name != "index.html" and "today" not in p.parts
    )


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs += [v for k, v in attrs if k == "href" and v]


def _hrefs(page: Path) -> list[str]:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.hrefs


def _other_language(page: Path, reports: Path) -> Path:
    rel = page.relative_to(reports).parts
    parts = [p for p in rel if p != "en"] if "en" in rel else [*rel[:-1], "en", rel[-1]]
    return reports.joinpath(*parts)


def _text(page: Path) -> str:
    return re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8"))


def _pdftotext(pdf: Path) -> str:
    done = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


# ----------------------------------------------------------------- publish what has content
def test_sector_reports_only_where_the_data_has_figures(reports):
    assert (reports / "ha-nam" / "party.html").is_file()
    assert not (reports / "da-nang" / "party.html").exists()  # Đà Nẵng has no party figure
    assert (reports / "da-nang" / "public_service.html").is_file()
    for page in _pages(reports):
        assert "Không có số liệu nào cho lựa chọn này" not in _text(page), page
        assert "There are no figures for this selection" not in _text(page), page


# ----------------------------------------------------------------- navigation
def test_every_report_links_the_index_and_its_other_language(reports):
    for page in _pages(reports):
        targets = {(page.parent / h).resolve() for h in _hrefs(page) if "://" not in h}
        assert (reports / "index.html").resolve() in targets, page
        other = _other_language(page, reports)
        assert other.is_file(), other
        assert other.resolve() in targets, page


def test_every_local_link_of_reports_and_index_resolves(reports):
    pages = [*reports.rglob("*.html")]
    assert (reports / "today" / "ninh-binh.html") in pages
    for page in pages:
        for href in _hrefs(page):
            if "://" in href or href.startswith(("mailto:", "#")):
                continue
            target = (page.parent / href.split("#")[0]).resolve()
            assert target.is_file(), f"{page}: {href}"


def test_province_reports_link_each_other_and_the_audit(reports):
    hrefs = _hrefs(reports / "ha-nam" / "staffing.html")
    for kind in ("overview", "party", "public_service", "audit"):
        assert f"{kind}.html" in hrefs
    assert "government.html" not in hrefs  # not built in this run's kinds… nor linked
    assert "party.html" not in _hrefs(reports / "da-nang" / "overview.html")


# ----------------------------------------------------------------- say what each figure is
def test_ha_nam_staffing_says_the_figures_are_partly_projected(reports, browser):
    page = browser.new_page()
    page.goto((reports / "ha-nam" / "staffing.html").as_uri())
    text = page.inner_text("body")
    assert "dự kiến" in text
    assert "◐" in text
    assert "đã thực hiện" not in text.split("Điểm chính")[1].split("\n")[2]  # status line
    page.goto((reports / "ha-nam" / "en" / "staffing.html").as_uri())
    assert "partly projected" in page.inner_text("body")
    page.close()


def test_flagged_figure_is_marked_with_a_link_to_the_audit(reports):
    html = (reports / "ha-nam" / "overview.html").read_text(encoding="utf-8")
    box = html.split('class="nq18-keypoints"')[1].split("</div>")[0]
    assert "⚠" in box and 'href="audit.html"' in box
    assert re.search(r"<td[^>]*>[^<]*⚠", html)  # the table row of the flagged figure


def test_readers_see_words_not_internals(reports):
    text = _text(reports / "ha-nam" / "overview.html")
    assert "đoạn 4" in text
    if (PROJECT_DIR.parent / "shared" / "seeds").is_dir():  # the seed is ours to quote
        assert "đoạn 4: “giảm 4 cơ quan trực thuộc Tỉnh ủy đạt 36,4%”" in text
    assert not re.search(r"\bp\d+:\d+-\d+\b", text)  # no character offsets
    assert "[U]" not in text
    assert "hanam-nq18-7nam" not in text  # no source id
    assert "tables_path" not in text and "data_path" not in text


CHART = re.compile(r'Plotly\.newPlot\(\s*"[^"]+",\s*')


def _chart_words(page: Path) -> list[str]:
    """Every string a reader can see in a page's charts: labels, hover text, legends."""
    import json

    decoder = json.JSONDecoder()
    text = page.read_text(encoding="utf-8")
    words = []
    for found in CHART.finditer(text):
        data, end = decoder.raw_decode(text, found.end())
        layout, _ = decoder.raw_decode(text, text.index("{", end))
        for trace in data:
            for key in ("text", "hovertext", "y", "name", "hovertemplate"):
                value = trace.get(key)
                values = value if isinstance(value, list) else [value]
                words += [v for v in values if isinstance(v, str)]
        words += [a.get("text", "") for a in layout.get("annotations", [])]
    return words


def test_no_internal_code_in_text_tables_or_charts(reports):
    """Readers see words: no figure or source id, category, status or scope code anywhere
    on a page, its tables or its charts' labels and hover text."""
    from nq18lib.reference.taxonomy import category_codes

    figures = nq.load_figures()
    ids = set(figures["figure_id"].astype(str)) | set(figures["source_id"].astype(str))
    codes = {c for c in category_codes() if "_" in c} | {"partly_projected"}
    pages = _pages(reports)
    assert any(_chart_words(p) for p in pages)
    for page in pages:
        text = re.sub(
            r"<(script|style)\b.*?</\1>", " ", page.read_text(encoding="utf-8"), flags=re.S
        )
        visible = " ".join([re.sub(r"<[^>]+>", " ", text), *_chart_words(page)])
        tokens = set(re.split(r"[^\w-]+", visible))
        assert not tokens & ids, (page, sorted(tokens & ids)[:5])
        assert not tokens & codes, (page, sorted(tokens & codes)[:5])


def test_comparison_ranks_three_or_more_and_says_how_many(reports):
    text = _text(reports / "comparison_civil_servant.html")
    found = re.search(r"Xếp hạng (\d+) số liệu so sánh được", text)
    assert found and int(found.group(1)) >= 3, text[:2000]
    english = _text(reports / "en" / "comparison_civil_servant.html")
    assert re.search(rf"Ranking of {found.group(1)} figures that can be compared", english)


@pytest.mark.parametrize(
    "page, written", [("staffing.html", "hơn 2.000"), ("en/staffing.html", "more than 2,000")]
)
def test_a_bound_is_written_as_the_source_writes_it(reports, page, written):
    # Đà Nẵng's plan to cut "tối thiểu 2.000" public employees (bound at_least, design change 23)
    text = _text(reports / "da-nang" / page)
    box = text.split("Số liệu chính" if "/" not in page else "Headline figures")[1][:400]
    assert written in box  # key points
    assert text.count(written) >= 3  # key points, bullets, table
    assert not re.search(r"(?<!hơn )(?<!than )\b2[.,]000\b", text)  # never a bare 2.000


def test_merged_province_names_its_province_of_today(reports):
    assert "Ninh Bình" in _text(reports / "ha-nam" / "overview.html")
    today = reports / "today" / "ninh-binh.html"
    assert "../ha-nam/overview.html" in _hrefs(today)
    assert "Nam Định" in _text(today)


# ----------------------------------------------------------------- no build path
BUILD_PATH = re.compile(r"(?<![\w.+-])(?:/tmp/|/work/|/home/|/root/|/Users/|pytest-of-)")


def _published_text(path: Path) -> str:
    """The text a reader of a published file can see (PDF text and links, workbook cells)."""
    if path.suffix == ".pdf":
        links = re.findall(rb"/URI \((.*?)\)", path.read_bytes())
        return _pdftotext(path) + "\n" + b"\n".join(links).decode("latin-1")
    if path.suffix == ".xlsx":
        import zipfile

        with zipfile.ZipFile(path) as book:
            return "\n".join(
                book.read(n).decode("utf-8") for n in book.namelist() if n.endswith(".xml")
            )
    return path.read_text(encoding="utf-8")


def test_no_published_file_carries_a_build_path_and_all_are_readable(reports):
    suffixes = (".html", ".pdf", ".xlsx", ".ipynb", ".json")
    files = [p for p in reports.rglob("*") if p.suffix in suffixes and ".nq18" not in p.parts]
    assert {p.suffix for p in files} == set(suffixes)  # the manifest is published too
    for path in files:
        assert path.stat().st_mode & 0o044 == 0o044, (path, oct(path.stat().st_mode))
        text = _published_text(path)
        assert str(reports) not in text, path
        assert reports.name not in text, path  # not even a relative path climbing out
        assert str(PROJECT_DIR) not in text, path
        found = BUILD_PATH.search(text)
        assert found is None, (path, text[max(0, found.start() - 60) : found.end() + 40])


# ----------------------------------------------------------------- PDF
def test_pdf_has_running_footer_with_page_numbers(reports):
    text = _pdftotext(reports / "ha-nam" / "overview.pdf")
    numbers = re.findall(r"Trang (\d+)/(\d+)", text)
    assert numbers, text[-500:]
    total = int(numbers[0][1])
    assert total >= 2
    assert [int(n) for n, _ in numbers] == list(range(1, total + 1))
    assert "Hà Nam" in text.split("Trang 1/")[0].splitlines()[-1]  # title in the footer line
    english = _pdftotext(reports / "ha-nam" / "en" / "overview.pdf")
    assert re.search(r"Page 1 of \d+", english)


PAGE_WORD = re.compile(
    r'<page width="([\d.]+)" height="([\d.]+)">|<word xMin="[\d.]+" '
    r'yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
)


def _page_extents(pdf: Path) -> list[tuple[float, float, float]]:
    """Per page: (page height, lowest body text, rightmost text) in points, footer left out."""
    done = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    pages: list[list[float]] = []
    for width, height, _, x_max, y_max in PAGE_WORD.findall(done.stdout):
        if height:
            pages.append([float(height), 0.0, 0.0, float(width)])
            continue
        page = pages[-1]
        if float(y_max) < page[0] - 16 / 25.4 * 72:  # above the running footer
            page[1] = max(page[1], float(y_max))
            page[2] = max(page[2], float(x_max))
    return [(h, low, right) for h, low, right, _ in pages]


def test_no_half_empty_page_and_nothing_past_the_edge(reports):
    """No page but the last ends in its upper half (a chart moved away), nothing runs past
    the right margin (tables fit A4), in every PDF of the run, both languages."""
    pdfs = sorted(reports.rglob("*.pdf"))
    assert len(pdfs) >= 10
    top, bottom = 12 / 25.4 * 72, 16 / 25.4 * 72
    for pdf in pdfs:
        extents = _page_extents(pdf)
        for number, (height, low, _) in enumerate(extents[:-1], start=1):
            filled = (low - top) / (height - top - bottom)
            assert filled >= 0.5, f"{pdf.relative_to(reports)} page {number}: {filled:.0%} full"
        for number, (_, _, right) in enumerate(extents, start=1):
            assert right <= 595.3 - 12 / 25.4 * 72 + 2, f"{pdf} page {number}: text at {right}"


def test_english_tables_fit_a4(reports):
    """No table cell runs past the printable width (pdftotext keeps every column)."""
    text = _pdftotext(reports / "ha-nam" / "en" / "overview.pdf")
    for header in ("Sector", "Category", "Reduced", "Rate", "Status", "Source"):
        assert header in text


# ----------------------------------------------------------------- screens
CUT_JS = """() => {
  const out = [];
  for (const div of document.querySelectorAll('.plotly-graph-div')) {
    const box = div.getBoundingClientRect();
    if (box.right > window.innerWidth + 1) out.push('chart wider than the screen');
    for (const t of div.querySelectorAll('.main-svg text')) {
      const r = t.getBoundingClientRect();
      if (!r.width) continue;
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1
          || r.bottom > box.bottom + 1)
        out.push(div.id + ' ' + t.textContent + ': outside its chart');
    }
    const axes = [['.yaxislayer-above', 'top', 'bottom'], ['.xaxislayer-above', 'left', 'right']];
    for (const [layer, start, end] of axes) {
      for (const group of div.querySelectorAll(layer)) {
        const boxes = [...group.querySelectorAll('text')]
          .map(t => [t.textContent, t.getBoundingClientRect()]).filter(([, b]) => b.width)
          .sort((a, b) => a[1][start] - b[1][start]);
        for (let i = 1; i < boxes.length; i++) {
          if (boxes[i - 1][1][end] > boxes[i][1][start] + 0.5)
            out.push(div.id + ' labels touch: ' + boxes[i - 1][0] + ' / ' + boxes[i][0]);
        }
      }
    }
    const bars = [...div.querySelectorAll('.bartext')].map(t => t.getBoundingClientRect());
    const ticks = [...div.querySelectorAll('.yaxislayer-above text')]
      .map(t => t.getBoundingClientRect());
    for (const bar of bars)
      for (const tick of ticks)
        if (bar.left < tick.right - 0.5 && tick.left < bar.right - 0.5
            && bar.top < tick.bottom - 0.5 && tick.top < bar.bottom - 0.5)
          out.push(div.id + ' a bar label covers an axis label');
  }
  return out;
}"""


@pytest.mark.parametrize("width", [390, 1000])
def test_no_chart_or_label_cut_or_overlapping(reports, browser, width):
    """Every chart of every report (sectors, overview, audit, comparison; two provinces;
    both languages): text inside its chart, no two axis labels touching, no bar label on
    an axis label, no horizontal scroll."""
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    charts = 0
    for report in _pages(reports):
        page.goto(report.as_uri())
        page.evaluate("() => window.nq18Charts ? window.nq18Charts.then(() => true) : true")
        assert page.evaluate(CUT_JS) == [], report
        charts += page.evaluate("document.querySelectorAll('.plotly-graph-div').length")
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width, (report, scroll)
    assert charts >= 20
    context.close()


def test_index_is_cards_in_vietnamese_order_and_usable_on_a_phone(reports, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto((reports / "index.html").as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    names = page.eval_on_selector_all(".card h3", "els => els.map(e => e.textContent)")
    assert names.index("Đà Nẵng") < names.index("Hà Nam")
    card = page.inner_text("#ha-nam")
    assert "Tiếng Việt" in card and "English" in card and "số liệu" in card
    assert "Ninh Bình" in card
    context.close()


def test_vietnamese_collation():
    names = ["Hà Nam", "Đà Nẵng", "Cần Thơ", "Cà Mau", "Điện Biên", "Đắk Lắk", "An Giang"]
    assert sorted(names, key=vietnamese_key) == [
        "An Giang",
        "Cà Mau",
        "Cần Thơ",
        "Đà Nẵng",
        "Đắk Lắk",
        "Điện Biên",
        "Hà Nam",
    ]


# ----------------------------------------------------------------- workbooks
def test_workbook_has_vietnamese_sheets_glossary_and_written_decimals(reports):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(reports / "ha-nam" / "overview.xlsx")
    assert book.sheetnames[0] == "Mục lục" and "Chú giải" in book.sheetnames
    assert "Những con số chính" in book.sheetnames
    sheet = book["Những con số chính"]
    header = [c.value for c in sheet[1]]
    rate = header.index("Tỷ lệ giảm") + 1
    formats = {sheet.cell(row=r, column=rate).number_format for r in range(2, sheet.max_row + 1)}
    assert formats == {"0.0%"}  # Hà Nam's source writes one decimal
    glossary = [c.value for c in book["Chú giải"]["A"]]
    assert "◐" in glossary and "⚠" in glossary
