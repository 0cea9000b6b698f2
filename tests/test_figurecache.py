"""The figures cache: parsed once per project, invalidated by any change, never trusted blind.

Every test gets a cache folder of its own (``NQ18_CACHE_DIR``) and a copy of the fixture
figures; ``parses`` counts how often the files are really parsed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import nq18lib as nq
from nq18lib.dataset import figurecache, framefile
from nq18lib.dataset import figures as dataset_figures
from nq18lib.dataset.figures import FIGURES_STORE
from nq18lib.exceptions import DataError

FIXTURE = Path(__file__).parent / "fixtures" / "pipeline" / "figures.csv"
SHIPPED = sorted((Path(__file__).resolve().parents[1] / "data" / "figures").glob("*.csv"))


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("NQ18_CACHE_DIR", str(folder))
    nq.load_figures.cache_clear()
    yield folder
    nq.load_figures.cache_clear()


@pytest.fixture
def parses(monkeypatch) -> list[str]:
    """The files parsed (each call of ``parse_figures``)."""
    seen: list[str] = []
    original = dataset_figures.parse_figures

    def counting(table, file="", *args, **kwargs):
        seen.append(Path(file).name)
        return original(table, file, *args, **kwargs)

    monkeypatch.setattr(dataset_figures, "parse_figures", counting)
    return seen


@pytest.fixture
def data(tmp_path) -> Path:
    folder = tmp_path / "figures"
    folder.mkdir()
    shutil.copy(FIXTURE, folder / "a.csv")
    return folder


def stored(cache: Path) -> list[Path]:
    return sorted((cache / "figures").glob("*.frame"))


def fresh_load(paths, **options) -> pd.DataFrame:
    """A load as a new process does it: nothing in this process's memory."""
    nq.load_figures.cache_clear()
    return nq.load_figures(paths, **options)


def reference(paths, monkeypatch) -> pd.DataFrame:
    """The frame parsed with no cache at all."""
    with monkeypatch.context() as patch:
        patch.setenv("NQ18_CACHE_DIR", "")
        return fresh_load(paths)


def test_a_load_is_parsed_once_per_project_and_read_back_exactly(cache, parses, data, monkeypatch):
    expected = reference(data, monkeypatch)
    parses.clear()
    first = fresh_load(data)
    assert parses == ["a.csv"] and len(stored(cache)) == 1
    second = fresh_load(data)
    assert parses == ["a.csv"]  # read from the cache, not parsed
    for frame in (first, second):
        assert framefile.same_frame(frame, expected)
        assert frame.attrs == {"files": [str(data / "a.csv")]}
    # the same files named another way (a list, a relative path) share the stored frame
    os.chdir(data)
    third = fresh_load([Path("a.csv")])
    assert parses == ["a.csv"] and third.attrs == {"files": ["a.csv"]}
    assert framefile.same_frame(third, expected)


def test_the_shipped_data_is_stored_exactly(cache, monkeypatch):
    expected = reference(SHIPPED, monkeypatch)
    fresh_load(SHIPPED)
    back = fresh_load(SHIPPED)
    assert len(stored(cache)) == 1 and len(back) == len(expected) > 500
    assert framefile.same_frame(back, expected)
    assert back.to_dict("list") == expected.to_dict("list")


def test_an_edited_data_file_is_parsed_again(cache, parses, data):
    fresh_load(data)
    lines = (data / "a.csv").read_text(encoding="utf-8").splitlines()
    (data / "a.csv").write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
    shorter = fresh_load(data)
    assert parses == ["a.csv", "a.csv"] and len(shorter) == len(lines) - 2
    # a file added to the folder, or a renamed one, is another load
    shutil.copy(FIXTURE, data / "b.csv")
    with pytest.raises(DataError, match="duplicate"):
        fresh_load(data)
    (data / "b.csv").unlink()
    (data / "a.csv").rename(data / "c.csv")
    fresh_load(data)
    assert parses[-1] == "c.csv"


def test_a_changed_reference_table_or_parsing_code_is_parsed_again(
    cache, parses, data, tmp_path, monkeypatch
):
    from nq18lib import paths

    tables = tmp_path / "reference"
    shutil.copytree(paths.REFERENCE_DIR, tables)
    monkeypatch.setattr(paths, "REFERENCE_DIR", tables)
    fresh_load(data)
    fresh_load(data)
    assert len(parses) == 1
    with (tables / "taxonomy.csv").open("a", encoding="utf-8") as fh:
        fh.write("\n")
    fresh_load(data)
    assert len(parses) == 2
    monkeypatch.setattr(figurecache, "parsing_code_hash", lambda: "another version of the code")
    fresh_load(data)
    assert len(parses) == 3
    assert len(stored(cache)) == 3


def test_parsing_code_hash_covers_the_dataset_and_reference_stages():
    figurecache.parsing_code_hash.cache_clear()
    first = figurecache.parsing_code_hash()
    package = Path(nq.__file__).parent
    listed = [package / "dataset" / "typed.py", package / "reference" / "taxonomy.py"]
    assert all(p.is_file() for p in listed)
    assert first == figurecache.parsing_code_hash() and len(first) == 64


@pytest.mark.parametrize(
    "damage",
    ["truncated", "flipped", "empty", "garbage", "other key", "bad cell", "folder"],
)
def test_a_damaged_cache_file_is_never_trusted(cache, parses, data, monkeypatch, damage):
    expected = reference(data, monkeypatch)
    fresh_load(data)
    (path,) = stored(cache)
    good = path.read_bytes()
    if damage == "truncated":
        path.write_bytes(good[: len(good) // 2])
    elif damage == "flipped":  # one figure changed, checksum left as it was
        changed = good.replace(b"215", b"216", 1)
        assert changed != good
        path.write_bytes(changed)
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "garbage":
        path.write_bytes(os.urandom(4096))
    elif damage == "other key":  # a valid frame file, stored under another load's name
        other = framefile.frame_bytes(expected.head(1), "0" * 64)
        path.write_bytes(other)
    elif damage == "bad cell":  # a well-formed file whose count is not a whole number
        _, _, payload = good.partition(b"\n")
        document = json.loads(payload)
        column = next(c for c in document["columns"] if c[1] == "Int64")
        column[2][0] = 1.5
        payload = json.dumps(document, ensure_ascii=False).encode()
        path.write_bytes(framefile._header(payload) + payload)
    else:
        path.unlink()
        path.mkdir()
    parses.clear()
    back = fresh_load(data)
    assert parses == ["a.csv"]  # parsed again
    assert framefile.same_frame(back, expected)
    if damage != "folder":  # and the good frame stored in its place
        assert path.read_bytes() == good


def test_no_cache_when_turned_off_or_unwritable(tmp_path, parses, data, monkeypatch):
    monkeypatch.setenv("NQ18_CACHE_DIR", "")
    fresh_load(data)
    fresh_load(data)
    assert len(parses) == 2
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be")
    monkeypatch.setenv("NQ18_CACHE_DIR", str(blocked))
    assert len(fresh_load(data)) > 0 and len(parses) == 3


def test_keep_going_loads_stay_in_memory(cache, data):
    with (data / "a.csv").open("a", encoding="utf-8") as fh:
        fh.write("T-99,test-src,Hà Nam,35,party_agency,tinh,abc,,,,,,2017,2025,,result,p9,\n")
    frame = fresh_load(data, keep_going=True)
    assert len(frame.attrs["rejects"]) == 1
    assert stored(cache) == []


def test_only_frames_kept_exactly_are_stored():
    ok = pd.DataFrame(
        {
            "name": pd.array(["a", None], dtype="string"),
            "count": pd.array([None, 2**40], dtype="Int64"),
            "percent": pd.array([-0.0, 0.1 + 0.2], dtype="Float64"),
        }
    )
    data = framefile.frame_bytes(ok, "k")
    back = framefile.read_frame(data, "k")
    assert framefile.same_frame(ok, back) and str(back["percent"][0]) == "-0.0"
    assert framefile.read_frame(data, "another key") is None
    assert framefile.frame_bytes(ok.astype({"count": "float64"}), "k") is None  # not contract
    assert framefile.frame_bytes(ok.set_index("name"), "k") is None
    nan = ok.copy()
    nan["percent"] = pd.array([float("nan"), 1.0], dtype="Float64")  # missing: kept
    assert framefile.same_frame(framefile.read_frame(framefile.frame_bytes(nan, "k"), "k"), nan)
    bad = ok.copy()
    bad["percent"] = pd.arrays.FloatingArray(
        pd.array([float("inf"), 1.0], dtype="Float64").to_numpy("float64"),
        pd.array([False, False]).to_numpy(bool),
    )
    assert framefile.frame_bytes(bad, "k") is None


def test_old_frames_are_removed(cache, data, monkeypatch):
    monkeypatch.setattr(figurecache, "STORED_FRAMES", 2)
    for n in range(4):
        with (data / "a.csv").open("a", encoding="utf-8") as fh:
            fh.write("\n" * (n + 1))
        fresh_load(data)
    assert len(stored(cache)) == 2


CONCURRENT = """
import hashlib, sys
import nq18lib as nq
frame = nq.load_figures(sys.argv[1])
print(hashlib.sha256(frame.to_json().encode()).hexdigest())
"""


@pytest.mark.slow
def test_concurrent_processes_get_the_same_figures(cache, data, monkeypatch):
    """Processes loading at once, with no frame stored yet, then with one: all get the
    figures of the files; the store holds one good frame and no temporary file."""
    expected = reference(data, monkeypatch)
    want = __import__("hashlib").sha256(expected.to_json().encode()).hexdigest()
    env = {**os.environ, "NQ18_CACHE_DIR": str(cache)}
    for _ in range(2):
        started = [
            subprocess.Popen(
                [sys.executable, "-c", CONCURRENT, str(data)],
                env=env,
                stdout=subprocess.PIPE,
                text=True,
            )
            for _ in range(6)
        ]
        outputs = [p.communicate(timeout=120)[0].strip() for p in started]
        assert all(p.returncode == 0 for p in started)
        assert outputs == [want] * 6
        assert len(stored(cache)) == 1
        assert list((cache / "figures").glob(".*")) == []


def test_the_store_keys_each_load_on_its_files_and_options(data):
    files = [data / "a.csv"]
    hashes = ["0" * 64]
    base = FIGURES_STORE.key(files, hashes, {})
    assert base == FIGURES_STORE.key([Path("elsewhere") / "a.csv"], hashes, {})
    assert base != FIGURES_STORE.key([data / "b.csv"], hashes, {})
    assert base != FIGURES_STORE.key(files, ["1" * 64], {})
    assert base != FIGURES_STORE.key(files, hashes, {"sheet": "Sheet2"})
    assert FIGURES_STORE.storable({"sheet": "x", "keep_going": False})
    assert not FIGURES_STORE.storable({"keep_going": True})
