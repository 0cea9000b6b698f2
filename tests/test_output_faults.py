"""Outputs: atomic, 0644, only regular files replaced, clear faults, no formula from data."""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path

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


FIXTURE = Path(__file__).parent / "fixtures" / "figures_tiny.csv"


@pytest.mark.parametrize("target", ["device", "folder", "under_a_file"])
def test_validate_out_faults_are_one_line_and_exit_2(tmp_path, capsys, target):
    from nq18lib import cli

    (tmp_path / "file").write_text("keep")
    (tmp_path / "folder").mkdir()
    out = {
        "device": "/dev/null",
        "folder": str(tmp_path / "folder"),
        "under_a_file": str(tmp_path / "file" / "x.csv"),
    }[target]
    assert cli.main(["validate", str(FIXTURE), "--out", out]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and out in err
    assert (tmp_path / "file").read_text() == "keep" and not _leftovers(tmp_path)


@pytest.mark.parametrize("out", ["/dev/null", "under_a_file"])
def test_run_out_that_is_no_folder_stops_before_anything(tmp_path, capsys, out):
    from nq18lib import cli

    (tmp_path / "file").write_text("keep")
    out = str(tmp_path / "file") if out == "under_a_file" else out
    assert cli.main(["run", "--out", out, "--no-pdf"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "not a folder" in err
    assert (tmp_path / "file").read_text() == "keep"
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_loop_of_links_or_an_unreadable_folder_is_named(tmp_path, capsys):
    from nq18lib import cli

    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    assert cli.main(["validate", str(tmp_path / "loop")]) == 2
    assert str(tmp_path / "loop") in capsys.readouterr().err


def test_an_unexpected_failure_is_one_line_and_a_log(monkeypatch, capsys):
    from nq18lib import cli
    from nq18lib.cli import validate

    def boom(args):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(validate, "handle", boom)
    code = cli.main(["validate", str(FIXTURE)])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 70 and len(err) == 1 and "Traceback" not in err[0]
    log = err[0].rsplit("details: ", 1)[1].rstrip(")")
    assert "ZeroDivisionError" in Path(log).read_text()
    Path(log).unlink()


def test_a_read_only_folder_as_root_too(tmp_path, monkeypatch):
    import errno
    import tempfile

    old = tmp_path / "a.csv"
    old.write_text("old")

    def refused(*args, **kwargs):  # what a read-only folder answers to anyone but root
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    with pytest.raises(OutputPathError, match="permission denied"):
        write_atomic(old, "new")
    assert old.read_text() == "old"
