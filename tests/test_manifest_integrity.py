"""The cache does not trust itself: outputs checked by size and hash (by their stat once it
vouches for them), damaged manifests set aside, a run that dies recovered from its journal."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from nq18lib.runner import manifest
from nq18lib.runner.plan import RunOptions, _action


def _entry(out, key="k"):
    (out / "ha-nam").mkdir(parents=True, exist_ok=True)
    (out / "ha-nam/party.html").write_text("<html>" + "x" * 1000 + "</html>")
    (out / "ha-nam/party.pdf").write_bytes(b"%PDF-1.4 " + b"y" * 1000)
    (out / "ha-nam/party.xlsx").write_bytes(b"PK" + b"z" * 1000)
    entry = {
        "key": key,
        "status": "ok",
        "html": "ha-nam/party.html",
        "pdf": "ha-nam/party.pdf",
        "pdf_key": key,
        "xlsx": "ha-nam/party.xlsx",
    }
    return manifest.record_outputs(out, entry)


def test_intact_outputs_are_up_to_date(tmp_path):
    entry = _entry(tmp_path)
    assert set(entry["files"]) == {"html", "pdf", "xlsx"}
    assert _action(entry, "k", RunOptions(), tmp_path) == "skip"


@pytest.mark.parametrize("name", ["party.html", "party.xlsx"])
def test_a_truncated_or_replaced_output_is_rebuilt(tmp_path, name):
    entry = _entry(tmp_path)
    path = tmp_path / "ha-nam" / name
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])  # truncated
    assert _action(entry, "k", RunOptions(), tmp_path) == "build"
    path.write_bytes(data[:-1] + b"!")  # same size, other content (a half-updated run)
    assert _action(entry, "k", RunOptions(), tmp_path) == "build"


def test_a_truncated_pdf_is_printed_again(tmp_path):
    entry = _entry(tmp_path)
    (tmp_path / "ha-nam/party.pdf").write_bytes(b"%PDF")
    assert _action(entry, "k", RunOptions(), tmp_path) == "pdf"


def test_an_entry_without_fingerprints_is_rebuilt(tmp_path):
    entry = _entry(tmp_path)
    del entry["files"]
    assert _action(entry, "k", RunOptions(), tmp_path) == "build"


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        "[]",
        '"a string"',
        "null",
        json.dumps({"format": 1, "reports": []}),
        json.dumps({"format": 1, "reports": {"ha-nam/party": None}}),
        json.dumps({"format": 1, "reports": {"ha-nam/party": "x"}}),
        json.dumps({"format": 1, "runs": {}}),
    ],
)
def test_a_manifest_of_the_wrong_shape_is_set_aside_with_a_warning(tmp_path, content):
    (tmp_path / "manifest.json").write_text(content)
    warnings = []
    state = manifest.read_manifest(tmp_path, warn=warnings.append)
    assert state == manifest.empty_manifest()
    assert len(warnings) == 1 and "damaged" in warnings[0]
    assert not (tmp_path / "manifest.json").exists()
    assert (tmp_path / ".nq18" / "manifest.json.broken").read_text() == content


def test_a_manifest_that_is_a_folder_is_set_aside(tmp_path):
    (tmp_path / "manifest.json").mkdir()
    warnings = []
    assert manifest.read_manifest(tmp_path, warn=warnings.append)["reports"] == {}
    assert "folder" in warnings[0]
    manifest.write_manifest(tmp_path, manifest.empty_manifest())
    assert (tmp_path / "manifest.json").is_file()


def test_the_journal_of_a_dead_run_is_replayed_then_emptied(tmp_path):
    manifest.write_manifest(tmp_path, manifest.empty_manifest())
    entry = _entry(tmp_path)
    manifest.journal_entry(tmp_path, "ha-nam/party", entry)
    with manifest.journal_path(tmp_path).open("a") as fh:
        fh.write('{"report_id": "ha-nam/sec')  # killed while writing the next line
    state = manifest.read_manifest(tmp_path)
    assert state["reports"]["ha-nam/party"] == json.loads(json.dumps(entry))
    manifest.write_manifest(tmp_path, state)
    assert not manifest.journal_path(tmp_path).exists()
    again = manifest.read_manifest(tmp_path)
    assert again["reports"]["ha-nam/party"]["files"] == entry["files"]


def _settled(out):
    """An entry whose outputs were hashed once their writes had settled (as a run ends)."""
    entry = _entry(out)
    time.sleep(manifest.RACY_NS / 1e9 * 1.5)
    assert manifest.settle_fingerprints(out, [entry]) == 3
    return entry


def _hashes(monkeypatch) -> list:
    """Record the files the integrity check reads."""
    read = []
    real = manifest.file_sha256

    def counting(path, *args):
        read.append(Path(path).name)
        return real(path, *args)

    monkeypatch.setattr(manifest, "file_sha256", counting)
    return read


def test_a_settled_output_is_checked_by_its_stat_without_reading_it(tmp_path, monkeypatch):
    entry = _settled(tmp_path)
    read = _hashes(monkeypatch)
    assert _action(entry, "k", RunOptions(), tmp_path) == "skip"
    assert read == []


def test_an_output_recorded_as_it_was_written_is_read_until_it_settles(tmp_path, monkeypatch):
    entry = _entry(tmp_path)  # recorded within the same tick as its write: racy
    for recorded in entry["files"].values():
        recorded["checked_ns"] = recorded["stat"][0]
    read = _hashes(monkeypatch)
    assert _action(entry, "k", RunOptions(), tmp_path) == "skip"
    assert sorted(read) == ["party.html", "party.pdf", "party.xlsx"]


def test_the_same_size_with_a_new_mtime_is_read_and_rebuilt(tmp_path, monkeypatch):
    entry = _settled(tmp_path)
    path = tmp_path / "ha-nam/party.html"
    data = path.read_bytes()
    path.write_bytes(data[:-8] + b"changed>")
    assert path.stat().st_size == entry["files"]["html"]["size"]
    read = _hashes(monkeypatch)
    assert _action(entry, "k", RunOptions(), tmp_path) == "build"
    assert read == ["party.html"]


def test_an_edit_that_keeps_the_mtime_but_not_the_size_is_rebuilt(tmp_path):
    entry = _settled(tmp_path)
    path = tmp_path / "ha-nam/party.xlsx"
    before = path.stat()
    path.write_bytes(path.read_bytes() + b"more")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_mtime_ns == before.st_mtime_ns
    assert _action(entry, "k", RunOptions(), tmp_path) == "build"


def test_an_edit_that_keeps_size_and_mtime_shows_in_the_change_time(tmp_path):
    entry = _settled(tmp_path)
    path = tmp_path / "ha-nam/party.html"
    before = path.stat()
    data = path.read_bytes()
    path.write_bytes(data[:-8] + b"changed>")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # mtime put back
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert _action(entry, "k", RunOptions(), tmp_path) == "build"


def test_an_output_replaced_by_a_copy_is_read_once_then_trusted(tmp_path, monkeypatch):
    entry = _settled(tmp_path)
    path = tmp_path / "ha-nam/party.pdf"
    copy = path.with_suffix(".copy")
    copy.write_bytes(path.read_bytes())
    os.replace(copy, path)  # same bytes, another inode (a restore from a backup …)
    time.sleep(manifest.RACY_NS / 1e9 * 1.5)
    read = _hashes(monkeypatch)
    assert _action(entry, "k", RunOptions(), tmp_path) == "skip"
    assert read == ["party.pdf"]
    assert _action(entry, "k", RunOptions(), tmp_path) == "skip"
    assert read == ["party.pdf"]  # its new stat was recorded
