"""Outputs: atomic, 0644, only regular files replaced, clear faults, no formula from data."""

from __future__ import annotations

import os
import stat
import zipfile

import pandas as pd
import pytest

from nq18lib.paths import OutputPathError, write_atomic
from nq18lib.report.reporttables import ReportTables


def _leftovers(folder):
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_a_published_file_is_world_readable(tmp_path):
    out = write_atomic(tmp_path / "a.html", "<p>x</p>")
    assert stat.S_IMODE(out.stat().st_mode) & 0o044 == 0o044
    assert out.read_text() == "<p>x</p>"


def test_a_folder_at_the_path_is_refused_and_kept(tmp_path):
    (tmp_path / "a.html").mkdir()
    with pytest.raises(OutputPathError, match="is a folder"):
        write_atomic(tmp_path / "a.html", "x")
    assert (tmp_path / "a.html").is_dir() and not _leftovers(tmp_path)


def test_a_path_under_a_file_is_refused(tmp_path):
    (tmp_path / "file").write_text("keep")
    with pytest.raises(OutputPathError, match=r"lies under .*which is a file"):
        write_atomic(tmp_path / "file" / "a.csv", "x")
    assert (tmp_path / "file").read_text() == "keep"


def test_a_device_is_never_replaced():
    before = os.stat("/dev/null")
    with pytest.raises(OutputPathError, match="not a regular file"):
        write_atomic("/dev/null", "x")
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_a_full_disk_keeps_the_old_file_and_leaves_no_temporary(tmp_path, monkeypatch):
    old = tmp_path / "a.csv"
    old.write_text("old")
    real_fdopen = os.fdopen

    def full(fd, *args, **kwargs):  # every write of the temporary file goes to /dev/full
        os.dup2(os.open("/dev/full", os.O_WRONLY), fd)
        return real_fdopen(fd, *args, **kwargs)

    monkeypatch.setattr(os, "fdopen", full)
    with pytest.raises(OutputPathError, match="disk is full"):
        write_atomic(old, "new" * 10000)
    assert old.read_text() == "old" and not _leftovers(tmp_path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_is_a_clear_error(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(OutputPathError, match="permission denied"):
            write_atomic(folder / "a.csv", "x")
    finally:
        folder.chmod(0o755)


def test_text_from_data_reaches_the_workbook_as_text_never_a_formula(tmp_path):
    hostile = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "=1+1"]
    tables = ReportTables(str(tmp_path / "t.xlsx"), "en")
    tables.add("notes", pd.DataFrame({"note": hostile}), "notes")
    path = tables.save()
    assert stat.S_IMODE(path.stat().st_mode) & 0o044 == 0o044
    with zipfile.ZipFile(path) as book:
        sheets = [n for n in book.namelist() if n.startswith("xl/worksheets/")]
        xml = "".join(book.read(n).decode() for n in sheets)
    assert "<f>" not in xml and "<f " not in xml
    from openpyxl import load_workbook

    values = [c.value for c in load_workbook(path)["notes"]["A"][1:]]
    assert values == hostile
