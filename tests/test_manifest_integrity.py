"""The cache does not trust itself: outputs checked by size and hash, damaged manifests set
aside, a run that dies recovered from its journal."""

from __future__ import annotations

import json

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
