"""A hostile dataset through a real run: no markup from data in any page, no formula in any
workbook, one province however it is spelled, every output world-readable, the run's own
files out of the published folder."""

from __future__ import annotations

import csv
import re
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "fixtures" / "figures_tiny.csv"
MARKUP = (
    "<style>body{display:none}</style>",
    '<a href="http://example.invalid/x">link</a>',
    "<img src=x onerror=alert(1)>",
    '<span style="font-size:1px">tiny</span>',
)
NEEDLES = ("<style>body", '<a href="http://example.invalid', "<img src=x", '<span style="font')


def _hostile_csv(path: Path) -> list[str]:
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    header, rows = lines[0], lines[1:]
    out = [header]
    for i, row in enumerate(rows):
        cells = row.split(",")
        cells[14] = MARKUP[i % len(MARKUP)]  # phase
        cells[17] = '=HYPERLINK("http://example.invalid","x") ' + MARKUP[(i + 1) % 4]
        if cells[2] == "Nam Định":  # one province, three spellings
            cells[2] = ["Nam Định", "Nam Dinh", "tỉnh Nam Định", "Nam Định"][i % 4]
        out.append(cells)
    for n, phase in enumerate((MARKUP[0], MARKUP[2], MARKUP[1]), start=5):
        # same category and level, told apart in the charts by their phase (data text)
        head = [f"TA-0{n}", "fixture-a", "Nam Dinh", "36", "civil_servant", "tinh", str(n)]
        tail = ["2018", "2021", phase, "result", f"p{n}:1-9", "made-up"]
        out.append([*head, str(n), "", "", "", "", *tail])
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header.split(","))
        writer.writerows(out[1:])
    return [r.split(",")[0] for r in rows if ",36," in r] + ["TA-05", "TA-06", "TA-07"]


def test_a_hostile_dataset_never_becomes_markup_formula_or_a_second_province(tmp_path):
    data = tmp_path / "hostile.csv"
    nam_dinh_ids = _hostile_csv(data)
    out = tmp_path / "reports"
    args = [sys.executable, "-m", "nq18lib.cli", "run", "--data", str(data), "--out", str(out)]
    args += ["--no-pdf", "--jobs", "2", "--lang", "vi", "--lang", "en"]
    for kind in ("overview", "staffing", "audit", "comparison_civil_servant"):
        args += ["--sector", kind]
    done = subprocess.run(args, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    folders = sorted(p.name for p in out.iterdir() if p.is_dir() and not p.name.startswith("."))
    # one folder per province (not nam-dinh twice, nor tinh-nam-dinh), beside the English
    # comparisons (en/) and the pages of today's provinces (today/)
    assert folders == ["en", "nam-dinh", "ninh-binh", "today"]
    pages = sorted(out.rglob("*.html"))
    assert len(pages) >= 6
    shown = "".join(p.read_text(encoding="utf-8") for p in pages)
    assert "&lt;style&gt;body" in shown and "&lt;img src=x" in shown  # the data is there, as text
    for page in pages:
        text = page.read_text(encoding="utf-8")
        decoded = text.replace("\\u003c", "<").replace("\\u003e", ">").replace('\\"', '"')
        for needle in NEEDLES:
            assert needle not in decoded, (page, needle)
    books = sorted(out.rglob("*.xlsx"))
    assert books
    for book in books:
        with zipfile.ZipFile(book) as z:
            for name in z.namelist():
                if name.startswith("xl/worksheets/"):
                    assert not re.search(rb"<f[ >]", z.read(name)), (book, name)
    workbooks = "".join(  # figure ids are in the workbooks only: readers see words
        zipfile.ZipFile(b).read(name).decode()
        for b in out.glob("nam-dinh/*.xlsx")
        for name in zipfile.ZipFile(b).namelist()
        if name.startswith(("xl/worksheets/", "xl/sharedStrings"))
    )
    for figure_id in nam_dinh_ids:  # every spelling's figures in the one province's reports
        if figure_id != "TA-04":  # a plan without a count: not in the staffing tables
            assert figure_id in workbooks, figure_id
    for path in [*pages, *books]:
        assert stat.S_IMODE(path.stat().st_mode) & 0o044 == 0o044, path
    assert not list(out.glob(".nq18*.log")) and not (out / ".nq18.lock").exists()
    assert (out / ".nq18" / "lock").exists()
    assert not list(out.rglob("*.tmp"))
