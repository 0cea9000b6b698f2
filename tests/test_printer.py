"""The PDF printer: one page kept open for a run, and printer faults that stay bounded.

Real Chromium, real pages built by the runner from the fixture notebook; PDFs read back with
``pdftotext``. Skipped when Chromium, playwright or poppler-utils are missing (see
``conftest.py``).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import nq18lib as nq
from nq18lib.exceptions import ReportError
from nq18lib.runner import pdf as report_pdf
from nq18lib.runner import run as runner
from nq18lib.runner.manifest import read_manifest

pytestmark = [pytest.mark.slow, pytest.mark.browser]
pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
if not shutil.which("pdftotext"):
    pytest.skip("pdftotext missing (apt-get install poppler-utils)", allow_module_level=True)

FIXTURES = Path(__file__).parent / "fixtures" / "pipeline"
ARGS = ["--registry", str(FIXTURES / "reports.yaml"), "--data", str(FIXTURES / "figures.csv")]


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """Six report pages (3 provinces × vi, en) of the fixture notebook, HTML only."""
    out = tmp_path_factory.mktemp("pages")
    summary = nq.run_reports(
        runner.RunOptions(
            kinds=["tiny"],
            langs=["vi", "en"],
            registry=FIXTURES / "reports.yaml",
            data=FIXTURES / "figures.csv",
            out=out,
            pdf=False,
            progress=False,
            data_reader=nq.dataset.READER,
        )
    )
    assert summary.exit_code == 0, summary.line()
    return sorted(p for p in out.rglob("tiny.html"))


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_pages_swapped_into_one_kept_page_print_like_pages_loaded_anew(pages, chromium, tmp_path):
    texts = {}
    for swap in (True, False):
        with report_pdf.PdfPrinter(chromium, timeout=30, swap=swap) as printer:
            for i, html in enumerate(pages):
                printer.print_pdf(html, tmp_path / f"{swap}-{i}.pdf")
            assert printer.blocked == [] and printer.restarts == 0
            # the first page is loaded; every later one is swapped in (or loaded anew)
            assert (printer.loaded, printer.swapped) == (
                (1, len(pages) - 1) if swap else (len(pages), 0)
            )
        texts[swap] = [pdf_text(tmp_path / f"{swap}-{i}.pdf") for i in range(len(pages))]
    assert texts[True] == texts[False]
    assert len(set(texts[True])) == len(pages)  # each report its own content, no leftovers
    assert "Bắc Ninh" in texts[True][0] and "Hà Nam" not in texts[True][0]


def test_a_page_is_replaced_after_its_lifetime_and_prints_the_same(pages, chromium, tmp_path):
    texts, renderers = {}, {}
    for lifetime in (2, 100):
        with report_pdf.PdfPrinter(chromium, timeout=30, page_lifetime=lifetime) as printer:
            seen: set[int] = set()
            for i, html in enumerate(pages):
                printer.print_pdf(html, tmp_path / f"{lifetime}-{i}.pdf")
                seen |= _renderer_pids(printer.pid)
            # a new page every 2 reports, loaded first, then swapped into
            expected = (3, 3, 3) if lifetime == 2 else (1, 1, len(pages) - 1)
            assert (printer.pages, printer.loaded, printer.swapped) == expected
            renderers[lifetime] = seen
        texts[lifetime] = [pdf_text(tmp_path / f"{lifetime}-{i}.pdf") for i in range(len(pages))]
    assert texts[2] == texts[100]
    # each new page has a renderer process of its own (the old one ends with its page)
    assert len(renderers[2]) >= len(renderers[100]) + 2


def _renderer_pids(browser: int | None) -> set[int]:
    """Return the process ids of the browser's renderer processes (Linux /proc)."""
    if browser is None or not Path("/proc").is_dir():
        pytest.skip("needs the browser's process and Linux /proc")
    children: dict[int, list[int]] = {}
    commands: dict[int, bytes] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            commands[int(entry.name)] = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        children.setdefault(int(stat[1]), []).append(int(entry.name))
    found, todo = set(), [browser]
    while todo:
        for child in children.get(todo.pop(), []):
            todo.append(child)
            if b"--type=renderer" in commands.get(child, b""):
                found.add(child)
    return found


def test_a_page_of_another_template_is_loaded_not_swapped(pages, chromium, tmp_path):
    other = tmp_path / "other.html"
    text = pages[1].read_text(encoding="utf-8")
    other.write_text(text.replace("</head>", "<style>h1 { color: #123456; }</style></head>", 1))
    with report_pdf.PdfPrinter(chromium, timeout=30) as printer:
        for i, html in enumerate([pages[0], other, pages[2]]):
            printer.print_pdf(html, tmp_path / f"{i}.pdf")
        assert (printer.loaded, printer.swapped) == (3, 0)
    assert "Bắc Ninh" in pdf_text(tmp_path / "1.pdf")


def test_a_footer_template_is_printed_on_every_page(pages, chromium, tmp_path):
    footer = '<div style="font-size:8px">Chân trang thử <span class="pageNumber"></span></div>'
    with report_pdf.PdfPrinter(chromium, timeout=30) as printer:
        printer.print_pdf(pages[0], tmp_path / "a.pdf")
        printer.print_pdf(pages[1], tmp_path / "b.pdf", footer_template=footer)
        printer.print_pdf(pages[2], tmp_path / "c.pdf")
    assert "Chân trang thử 1" in pdf_text(tmp_path / "b.pdf")
    assert "Chân trang thử" not in pdf_text(tmp_path / "a.pdf") + pdf_text(tmp_path / "c.pdf")


@pytest.mark.parametrize("fault", ["hang", "crash"])
def test_a_hung_or_crashed_browser_is_restarted_within_the_timeout(
    pages, chromium, tmp_path, fault
):
    with report_pdf.PdfPrinter(chromium, timeout=15) as printer:
        printer.print_pdf(pages[0], tmp_path / "first.pdf")
        os.killpg(printer.pid, signal.SIGSTOP if fault == "hang" else signal.SIGKILL)
        started = time.monotonic()
        printer.print_pdf(pages[1], tmp_path / "second.pdf")
        assert time.monotonic() - started < 2 * 15 + report_pdf.START_TIMEOUT
        assert printer.restarts == 1
        printer.print_pdf(pages[2], tmp_path / "third.pdf")
        assert printer.restarts == 1
    assert "Bắc Ninh" in pdf_text(tmp_path / "second.pdf")
    assert "Hà Nam" in pdf_text(tmp_path / "third.pdf")


def test_a_pdf_links_to_the_web_but_never_to_the_build_folder(chromium, tmp_path):
    html = tmp_path / "build-folder" / "page.html"
    html.parent.mkdir()
    html.write_text(
        '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>t</title></head>'
        '<body><p><a href="audit.html">Kiểm tra số liệu</a> · <a href="../index.html">'
        'Danh mục</a> · <a href="https://example.org/bao-cao">Nguồn</a> · '
        '<a href="#cuoi">Cuối trang</a></p><h2 id="cuoi">Phụ lục</h2></body></html>',
        encoding="utf-8",
    )
    with report_pdf.PdfPrinter(chromium, timeout=30) as printer:
        printer.print_pdf(html, tmp_path / "page.pdf")
    data = (tmp_path / "page.pdf").read_bytes()
    assert b"build-folder" not in data and b"file:" not in data
    assert b"https://example.org/bao-cao" in data  # a source on the web stays a link
    assert "Kiểm tra số liệu" in pdf_text(tmp_path / "page.pdf")  # the words stay


def test_a_browser_never_ready_fails_in_bounded_time_with_one_line(tmp_path, monkeypatch):
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\necho starting >&2\nexec sleep 600\n")
    fake.chmod(0o755)
    monkeypatch.setattr(report_pdf, "START_TIMEOUT", 2.0)
    started = time.monotonic()
    with pytest.raises(ReportError) as caught, report_pdf.PdfPrinter(str(fake)):
        pass
    assert time.monotonic() - started < 10
    message = str(caught.value)
    assert "\n" not in message and "not ready within 2 s" in message and "starting" in message


def test_a_browser_that_closes_its_output_before_exiting_is_reported_by_its_exit_code(tmp_path):
    # The race CI met: stderr ends a moment before the process can be reaped.
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\necho 'no display' >&2\nexec 2>&-\nsleep 1\nexit 7\n")
    fake.chmod(0o755)
    with pytest.raises(ReportError) as caught, report_pdf.PdfPrinter(str(fake)):
        pass
    message = str(caught.value)
    assert "exited with code 7" in message and "no display" in message, message


def test_a_broken_browser_exits_3_in_one_line_and_the_next_run_prints(tmp_path, chromium):
    out = tmp_path / "r"
    command = [sys.executable, "-m", "nq18lib.cli", "run", *ARGS, "--sector", "tiny"]
    command += ["--province", "Hà Nam", "--out", str(out)]
    broken = subprocess.run(
        [*command, "--browser", "/bin/false"], capture_output=True, text=True, timeout=180
    )
    assert broken.returncode == 3, broken.stderr
    assert "Traceback" not in broken.stderr and "Call log" not in broken.stderr
    lines = [line for line in broken.stderr.splitlines() if "/bin/false" in line]
    assert len(lines) == 1 and "exited with code 1" in lines[0], broken.stderr
    assert (out / "ha-nam/tiny.html").is_file() and not (out / "ha-nam/tiny.pdf").exists()
    html = (out / "ha-nam/tiny.html").stat().st_mtime_ns
    fixed = subprocess.run(
        [*command, "--browser", chromium], capture_output=True, text=True, timeout=180
    )
    assert fixed.returncode == 0, fixed.stderr
    assert "0 built" in fixed.stderr and "1 PDF(s) printed" in fixed.stderr
    assert (out / "ha-nam/tiny.html").stat().st_mtime_ns == html
    entry = read_manifest(out)["reports"]["ha-nam/tiny"]
    assert entry["pdf"] == "ha-nam/tiny.pdf" and entry["status"] == "ok"
    assert "Hà Nam" in pdf_text(out / "ha-nam/tiny.pdf")


def test_a_pdf_that_fails_mid_run_keeps_the_html_and_exits_3(tmp_path, chromium, monkeypatch):
    calls = []
    original = report_pdf.PdfPrinter._print_with_page

    def flaky(self, html, out, footer):
        calls.append(html)
        if len(calls) == 1:
            raise RuntimeError("a page that cannot print")
        return original(self, html, out, footer)

    monkeypatch.setattr(report_pdf.PdfPrinter, "_print_with_page", flaky)
    options = runner.RunOptions(
        kinds=["tiny"],
        registry=FIXTURES / "reports.yaml",
        data=FIXTURES / "figures.csv",
        out=tmp_path,
        jobs=1,
        progress=False,
        browser=chromium,
        data_reader=nq.dataset.READER,
    )
    summary = nq.run_reports(options)
    assert summary.exit_code == runner.EXIT_NO_BROWSER, summary.line()
    assert len(summary.built) == 3 and len(summary.printed) == 2 and not summary.failed
    assert "next run prints" in summary.line()
    missing = summary.pdf_failed[0]
    assert (tmp_path / f"{missing}.html").is_file() and not (tmp_path / f"{missing}.pdf").exists()
    again = nq.run_reports(options)
    assert again.exit_code == 0 and again.printed == [missing] and again.built == []


def test_a_headless_shell_behind_a_wrapper_script_is_run_directly(tmp_path):
    binary = tmp_path / "lib" / "chromium-headless-shell"
    binary.parent.mkdir()
    binary.write_text("#!/bin/sh\nexit 0\n")
    binary.chmod(0o755)
    wrapper = tmp_path / "bin" / "chromium-headless-shell"
    wrapper.parent.mkdir()
    wrapper.write_text(f'#!/bin/sh -e\n\n{binary} "$@"\n')  # as Debian's: no exec
    wrapper.chmod(0o755)
    assert report_pdf.find_browser(wrapper) == str(binary)
    binary.unlink()  # a wrapper of nothing that exists stays what it is
    assert report_pdf.find_browser(wrapper) == str(wrapper)
    other = tmp_path / "bin" / "chromium"
    other.write_text(f'#!/bin/sh\nexec {tmp_path}/lib/chromium "$@"\n')
    other.chmod(0o755)
    assert report_pdf.find_browser(other) == str(other)  # only headless shells


def _session_members(session: int) -> list[int]:
    members = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[3]) == session and fields[0] != "Z":
                members.append(int(entry.name))
    return members


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
def test_the_browser_dies_with_a_run_that_is_killed(chromium, tmp_path):
    script = (
        "import sys, time\n"
        "from nq18lib.runner.pdf import PdfPrinter\n"
        f"with PdfPrinter({chromium!r}) as printer:\n"
        "    print(printer.pid, flush=True)\n"
        "    time.sleep(120)\n"
    )
    run = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        session = int(run.stdout.readline())
        assert len(_session_members(session)) >= 2  # the browser and its helpers
        run.kill()  # SIGKILL: no clean-up code runs, only the kernel's death signal
        run.wait(10)
        deadline = time.monotonic() + 15
        while _session_members(session) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _session_members(session) == []
    finally:
        run.kill()
        for pid in _session_members(session) if "session" in locals() else []:
            os.kill(pid, signal.SIGKILL)
