"""Hostile, broken and huge inputs: every one ends with exit 0 or 2, its place, no traceback.

The corpus is made by ``tests/fixtures/make_hostile.py`` in a temporary folder (nothing
binary is committed); each case runs the real command line in-process, so that any
exception escaping it fails the test.
"""

from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path

import pytest

from nq18lib import cli

_SPEC = importlib.util.spec_from_file_location(
    "make_hostile", Path(__file__).parent / "fixtures" / "make_hostile.py"
)
make_hostile = importlib.util.module_from_spec(_SPEC)
sys.modules["make_hostile"] = make_hostile  # its dataclasses look their module up
_SPEC.loader.exec_module(make_hostile)

SECONDS = 30  # per input, on a loaded 2-core machine; each takes well under 6 s alone


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    return folder, {case.name: case for case in make_hostile.make_corpus(folder)}


def _names():
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        return [case.name for case in make_hostile.make_corpus(folder)]


@pytest.mark.parametrize("name", _names())
def test_a_hostile_input_is_refused_or_read_with_its_place_and_no_traceback(name, corpus, capsys):
    folder, cases = corpus
    case = cases[name]
    path = folder / name
    start = time.monotonic()
    code = cli.main([case.command, str(path)])
    seconds = time.monotonic() - start
    err = capsys.readouterr().err
    assert code in case.codes, err
    assert "Traceback" not in err
    assert seconds < SECONDS
    if code == 2:
        assert str(path) in err  # the file is named
    for expected in case.expect:
        assert expected in err, err


def test_the_limits_are_documented():
    from nq18lib.dataset import guard

    text = (Path(__file__).parents[1] / "docs" / "limits.md").read_text(encoding="utf-8")
    for name in ("MAX_INPUT_BYTES", "MAX_UNZIPPED_BYTES", "MAX_ZIP_RATIO", "MAX_CELLS"):
        assert name in text
        assert f"{getattr(guard, name):,}" in text, name
