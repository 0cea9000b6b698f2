"""The report runner: grid, parameter checks, incremental runs, faults, lock, executors.

Kernel-running tests use the fixture notebooks of ``tests/fixtures/pipeline`` (``tiny`` shows
figures, a chart and a table; ``boom`` raises) on a 3-province fixture figures file, with
``--no-pdf``; PDFs are covered by ``test_browser.py``.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import Executor
from pathlib import Path

import pytest

import nq18lib as nq
from nq18lib.cli import build_parser
from nq18lib.dataset.rawtable import check_tables
from nq18lib.exceptions import EXIT_BUSY, DataError, ParameterError
from nq18lib.paths import project_relative
from nq18lib.runner import grid
from nq18lib.runner import run as runner
from nq18lib.runner.manifest import read_manifest

FIXTURES = Path(__file__).parent / "fixtures" / "pipeline"
REGISTRY = FIXTURES / "reports.yaml"
FIGURES = FIXTURES / "figures.csv"
PROVINCES = ["Hà Nam", "Bắc Ninh", "Nam Định"]


class NoKernelExecutor(Executor):
    """An executor that fails the test when anything is submitted."""

    def submit(self, fn, /, *args, **kwargs):
        raise AssertionError("a kernel was started")


def options(out: Path, **kw) -> runner.RunOptions:
    values = dict(registry=REGISTRY, data=FIGURES, out=out, pdf=False, progress=False, jobs=2)
    values.update(kw)
    return runner.RunOptions(**values)


def nq18(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "nq18lib.cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


# --------------------------------------------------------------------------- grid (no kernel)


def test_province_slug_is_ascii():
    assert grid.province_slug("Thừa Thiên Huế") == "thua-thien-hue"
    assert grid.province_slug("Bà Rịa - Vũng Tàu") == "ba-ria-vung-tau"


def test_registry_maps_sector_kinds_to_the_sector_notebook():
    registry = grid.load_registry()
    for sector in ("party", "government", "public_service", "admin_units", "staffing"):
        assert registry[sector].notebook.name == "sector.ipynb"
        assert registry[sector].parameters == {"sector": sector}


def test_expand_grid_paths_and_parameters():
    registry = grid.load_registry(REGISTRY)
    declared = {str(registry["tiny"].notebook): {"province": {}, "lang": {}, "data_path": {}}}
    specs = grid.expand_grid(
        registry, declared, ["Hà Nam", "Bắc Ninh"], ["tiny"], ["vi", "en"], "/d"
    )
    assert [s.report_id for s in specs] == [
        "ha-nam/tiny",
        "ha-nam/en/tiny",
        "bac-ninh/tiny",
        "bac-ninh/en/tiny",
    ]
    assert specs[1].parameters == {"province": "Hà Nam", "lang": "en", "data_path": "/d"}
    assert specs[1].title == "Hà Nam: Test report"
    assert specs[0].output("/r", ".pdf") == Path("/r/ha-nam/tiny.pdf")


def test_notebook_without_province_is_built_once_per_language():
    registry = grid.load_registry(REGISTRY)
    declared = {str(registry["tiny"].notebook): {"lang": {}}}
    specs = grid.expand_grid(registry, declared, PROVINCES, ["tiny"], ["vi", "en"], "")
    assert [s.report_id for s in specs] == ["tiny", "en/tiny"]


def test_match_provinces_lists_every_unknown_one():
    with pytest.raises(ParameterError, match="Hà Tây, Atlantis"):
        grid.match_provinces(["Hà Tây", "ha nam", "Atlantis"], PROVINCES)


def test_grid_file(tmp_path):
    path = tmp_path / "grid.yaml"
    path.write_text("provinces: [Hà Nam]\nsectors: party\nlangs: [vi, en]\n", encoding="utf-8")
    assert grid.read_grid_file(path) == {
        "provinces": ["Hà Nam"],
        "kinds": ["party"],
        "langs": ["vi", "en"],
    }
    path.write_text("province: [Hà Nam]\n", encoding="utf-8")
    with pytest.raises(ParameterError, match="unknown grid keys: province"):
        grid.read_grid_file(path)


def test_check_parameters_types_and_domains():
    kind = grid.ReportKind("tiny", FIXTURES / "tiny.ipynb")
    declared = {str(kind.notebook): {"province": {"type": "str"}, "delay": {"type": "float"}}}
    good = grid.ReportSpec("a", kind, "Hà Nam", "vi", {"province": "Hà Nam", "delay": 1})
    grid.check_parameters([good], declared, {"province": PROVINCES})
    bad = grid.ReportSpec("b", kind, "Hà Nam", "vi", {"province": "Huế", "delay": "1"})
    with pytest.raises(ParameterError) as err:
        grid.check_parameters([bad], declared, {"province": PROVINCES})
    assert "b: delay: '1' is not of type float" in str(err.value)
    assert "b: province: 'Huế' is not one of" in str(err.value)


# --------------------------------------------------------------------------- before any kernel


def test_unknown_province_stops_before_any_kernel(tmp_path):
    with pytest.raises(ParameterError, match="province not in the data: Huế"):
        nq.run_reports(options(tmp_path, provinces=["Huế"]), executor=NoKernelExecutor())


def test_unknown_kind_and_missing_notebook(tmp_path, capsys):
    with pytest.raises(ParameterError, match="unknown report kind: nope"):
        nq.run_reports(options(tmp_path, kinds=["nope"]), executor=NoKernelExecutor())
    with pytest.raises(ParameterError, match="none of the requested report kinds"):
        nq.run_reports(options(tmp_path, kinds=["ghost"]), executor=NoKernelExecutor())
    assert "skipping ghost: " in capsys.readouterr().err


def test_wrong_parameter_in_registry_stops_before_any_kernel(tmp_path):
    registry = tmp_path / "reports.yaml"
    shutil.copy(FIXTURES / "tiny.ipynb", tmp_path / "tiny.ipynb")
    registry.write_text(
        "kinds:\n  tiny:\n    notebook: tiny.ipynb\n    parameters: {delay: soon, colour: red}\n",
        encoding="utf-8",
    )
    with pytest.raises(ParameterError) as err:
        nq.run_reports(options(tmp_path / "r", registry=registry), executor=NoKernelExecutor())
    text = str(err.value)
    assert "colour: not a parameter of tiny.ipynb" in text
    assert "delay: 'soon' is not of type float" in text


def test_corrupt_data_file_exits_2_before_any_kernel(tmp_path):
    bad = tmp_path / "bad.csv"
    text = FIGURES.read_text(encoding="utf-8").replace(",36.4,", ",136.4,")
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as err:
        nq.run_reports(options(tmp_path / "r", data=bad), executor=NoKernelExecutor())
    assert any(p.row == 2 and p.column == "percent" for p in err.value.problems)
    done = nq18("run", "--registry", str(REGISTRY), "--data", str(bad), "--out", str(tmp_path))
    assert done.returncode == 2
    assert f"{bad}:2:percent:" in done.stderr
    assert "Traceback" not in done.stderr
    assert not list(tmp_path.rglob("*.html"))


def test_malformed_reference_table_is_reported_with_its_row(tmp_path):
    good = tmp_path / "sources.csv"
    good.write_text('source_id,title\na,"Hà Nam, tin bài"\n', encoding="utf-8")
    bad = tmp_path / "provinces.csv"
    bad.write_text("code,name\n35,Hà Nam\n27,Bắc Ninh,extra\n", encoding="utf-8")
    problems = check_tables([good, bad])
    assert [str(p) for p in problems] == [
        f"{bad}:3:-: 3 fields where the header has 2 (a comma not quoted?)"
    ]


def test_lock_refuses_a_second_run(tmp_path):
    with runner.lock_reports(tmp_path):
        with pytest.raises(runner.RunLockedError, match="in use by another nq18 run"):
            nq.run_reports(options(tmp_path), executor=NoKernelExecutor())
        args = build_parser().parse_args(
            ["run", "--registry", str(REGISTRY), "--data", str(FIGURES), "--out", str(tmp_path)]
        )
        assert args.handler(args) == EXIT_BUSY
    with runner.lock_reports(tmp_path):  # released
        pass


# --------------------------------------------------------------------------- real runs


@pytest.fixture(scope="module", autouse=True)
def stable_library_hash():
    """Other work on src/ while the tests run must not make reports stale."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(runner.manifest, "library_source_hash", lambda: "fixed-for-tests")
        yield


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One run: tiny for three provinces (vi) and en for Hà Nam, boom for Hà Nam."""
    out = tmp_path_factory.mktemp("reports")
    first = nq.run_reports(options(out, kinds=["tiny", "boom"], provinces=["Hà Nam"]))
    second = nq.run_reports(options(out, kinds=["tiny"], langs=["vi", "en"]))
    return out, first, second


@pytest.mark.slow
def test_run_builds_reports_and_a_failure_does_not_stop_the_others(built):
    out, first, second = built
    assert first.built == ["ha-nam/tiny"]
    assert first.failed == ["ha-nam/boom"]
    assert first.exit_code == runner.EXIT_FAILED
    for rid in ("ha-nam/tiny", "bac-ninh/tiny", "nam-dinh/tiny", "ha-nam/en/tiny"):
        page = (out / f"{rid}.html").read_text(encoding="utf-8")
        assert page.rstrip().endswith("</html>")
        assert (out / f"{rid}.ipynb").is_file()
    assert sorted(second.built) == [
        "bac-ninh/en/tiny",
        "bac-ninh/tiny",
        "ha-nam/en/tiny",
        "nam-dinh/en/tiny",
        "nam-dinh/tiny",
    ]
    assert second.skipped == ["ha-nam/tiny"]
    assert "Hà Nam: 2 số liệu" in (out / "ha-nam/tiny.html").read_text(encoding="utf-8")
    assert "Bắc Ninh: 1 số liệu" in (out / "bac-ninh/tiny.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_failed_report_keeps_its_notebook_and_shows_its_error(built):
    out, _, _ = built
    assert not (out / "ha-nam/boom.html").exists()
    page = (out / "ha-nam/boom.failed.html").read_text(encoding="utf-8")
    assert "RuntimeError" in page and "hỏng có chủ ý ở Hà Nam" in page
    assert "không bao giờ chạy" not in page  # code stays hidden
    assert (out / "ha-nam/boom.failed.ipynb").is_file()
    entry = read_manifest(out)["reports"]["ha-nam/boom"]
    assert entry["status"] == "failed"
    assert entry["error"].startswith("RuntimeError: hỏng có chủ ý")
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "Lỗi" in index and "boom.failed.html" in index


@pytest.mark.slow
def test_manifest_records_inputs_versions_and_timings(built):
    out, _, _ = built
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    entry = manifest["reports"]["bac-ninh/tiny"]
    assert entry["parameters"]["province"] == "Bắc Ninh"
    assert entry["status"] == "ok" and entry["html"] == "bac-ninh/tiny.html"
    assert any(k.endswith("figures.csv") for k in entry["inputs"])
    assert any(k.endswith("tiny.ipynb") for k in entry["inputs"])
    assert any(k.endswith("taxonomy.csv") for k in entry["inputs"])
    assert all(len(v) == 64 for v in entry["inputs"].values())
    assert entry["packages"]["papermill"] != "absent"
    assert entry["seconds"]["execute"] > 0 and entry["key"]
    assert manifest["runs"][-1]["built"] == 5


@pytest.mark.slow
def test_unchanged_rerun_starts_no_kernel_and_is_fast(built):
    out, _, _ = built
    started = time.perf_counter()
    summary = nq.run_reports(
        options(out, kinds=["tiny"], langs=["vi", "en"]), executor=NoKernelExecutor()
    )
    assert time.perf_counter() - started < 1.0
    assert summary.built == [] and len(summary.skipped) == 6
    assert summary.exit_code == runner.EXIT_OK


@pytest.mark.slow
def test_changed_data_rebuilds_only_what_reads_it(tmp_path):
    figures = tmp_path / "figures.csv"
    shutil.copy(FIGURES, figures)
    fresh = tmp_path / "r"
    nq.run_reports(options(fresh, kinds=["tiny"], provinces=["Nam Định"], data=figures))
    with figures.open("a", encoding="utf-8") as fh:
        fh.write(
            "T-05,test-src,Nam Định,36,village,thon,9,4.5,,,,,2017-10-25,2025,,result,p4:1-5,\n"
        )
    summary = nq.run_reports(options(fresh, kinds=["tiny"], provinces=["Nam Định"], data=figures))
    assert summary.built == ["nam-dinh/tiny"]
    page = (fresh / "nam-dinh/tiny.html").read_text(encoding="utf-8")
    assert "Nam Định: 2 số liệu" in page and "4,5%" in page


@pytest.mark.slow
def test_a_report_that_breaks_keeps_its_previous_good_page(tmp_path):
    registry = tmp_path / "reports.yaml"
    registry.write_text("kinds:\n  flaky:\n    notebook: flaky.ipynb\n", encoding="utf-8")
    shutil.copy(FIXTURES / "tiny.ipynb", tmp_path / "flaky.ipynb")
    out = tmp_path / "r"
    opts = options(out, registry=registry, provinces=["Hà Nam"])
    assert nq.run_reports(opts).exit_code == 0
    good = (out / "ha-nam/flaky.html").read_bytes()
    shutil.copy(FIXTURES / "boom.ipynb", tmp_path / "flaky.ipynb")
    summary = nq.run_reports(opts)
    assert summary.failed == ["ha-nam/flaky"]
    assert (out / "ha-nam/flaky.html").read_bytes() == good
    entry = read_manifest(out)["reports"]["ha-nam/flaky"]
    assert entry["previous_html"] == "ha-nam/flaky.html"
    assert "bản trước / previous" in (out / "index.html").read_text(encoding="utf-8")
    # unchanged and deterministic: not retried without --force
    again = nq.run_reports(opts, executor=NoKernelExecutor())
    assert again.failed == ["ha-nam/flaky"] and again.exit_code == 1


@pytest.mark.slow
def test_timeout_is_a_failure_with_a_page(tmp_path):
    summary = nq.run_reports(options(tmp_path, kinds=["sleepy"], provinces=["Hà Nam"], timeout=4))
    assert summary.failed == ["ha-nam/sleepy"]
    entry = read_manifest(tmp_path)["reports"]["ha-nam/sleepy"]
    assert entry["status"] == "timeout" and "4 s" in entry["error"]
    assert entry["seconds"]["execute"] < 20
    assert (tmp_path / "ha-nam/sleepy.failed.html").is_file()


@pytest.mark.slow
def test_killed_run_leaves_old_or_new_good_reports_and_resumes(tmp_path):
    figures = tmp_path / "figures.csv"
    shutil.copy(FIGURES, figures)
    out = tmp_path / "r"
    args = ["run", "--registry", str(REGISTRY), "--data", str(figures), "--out", str(out)]
    args += ["--sector", "slow", "--no-pdf", "--jobs", "1"]
    assert nq18(*args).returncode == 0
    ids = ["ha-nam/slow", "bac-ninh/slow", "nam-dinh/slow"]
    # reports are reproducible (a rebuilt page can have the same bytes): a write is a new file
    written = {rid: (out / f"{rid}.html").stat() for rid in ids}
    old = {rid: (s.st_ino, s.st_mtime_ns) for rid, s in written.items()}

    def identity(rid: str) -> tuple[int, int]:
        stat = (out / f"{rid}.html").stat()
        return stat.st_ino, stat.st_mtime_ns

    with figures.open("a", encoding="utf-8") as fh:  # every report must be rebuilt
        fh.write(
            "T-06,test-src,Bắc Ninh,27,village,thon,9,4.5,,,,,2017-10-25,2025,,result,p4:1-5,\n"
        )
    process = subprocess.Popen(
        [sys.executable, "-m", "nq18lib.cli", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        time.sleep(0.1)
        if any(identity(rid) != old[rid] for rid in ids):
            break
    from nq18lib.runner.watchdog import descendants

    family = descendants(process.pid)  # its workers and their kernels
    assert family
    process.send_signal(signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(Path(f"/proc/{p}").exists() for p in family):
        time.sleep(0.2)
    alive = [p for p in family if Path(f"/proc/{p}").exists()]
    assert not alive, f"processes of the killed run still alive: {alive}"
    changed = 0
    for rid in ids:
        page = (out / f"{rid}.html").read_bytes()
        assert page.rstrip().endswith(b"</html>"), rid
        assert "số liệu".encode() in page, rid
        changed += identity(rid) != old[rid]
    assert changed >= 1
    resumed = nq18(*args)
    assert resumed.returncode == 0, resumed.stderr
    sha = hashlib.sha256(figures.read_bytes()).hexdigest()
    entries = read_manifest(out)["reports"]
    for rid in ids:
        assert identity(rid) != old[rid]
        assert entries[rid]["inputs"][project_relative(figures)] == sha
    assert "Bắc Ninh: 2 số liệu" in (out / "bac-ninh/slow.html").read_text(encoding="utf-8")
    assert not list(out.rglob("*.tmp")) and not list(out.rglob("*.tmp.ipynb"))


@pytest.mark.slow
def test_a_dead_worker_is_replaced_and_the_others_still_build(tmp_path):
    summary = nq.run_reports(
        options(tmp_path, kinds=["killer", "tiny"], provinces=["Hà Nam"], jobs=1)
    )
    assert summary.built == ["ha-nam/tiny"]
    assert summary.failed == ["ha-nam/killer"]
    entry = read_manifest(tmp_path)["reports"]["ha-nam/killer"]
    assert entry["status"] == "crashed" and "BrokenProcessPool" in entry["error"]
    assert "Hà Nam: 2 số liệu" in (tmp_path / "ha-nam/tiny.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_dask_distributed_executor(tmp_path):
    distributed = pytest.importorskip("dask.distributed")
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=1, processes=False, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        summary = nq.run_reports(
            options(tmp_path, kinds=["tiny"], provinces=["Bắc Ninh"]),
            executor=client.get_executor(),
        )
    runner.shutdown_kernels()
    assert summary.built == ["bac-ninh/tiny"] and summary.exit_code == 0
    assert "Bắc Ninh: 1 số liệu" in (tmp_path / "bac-ninh/tiny.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_kernels_read_the_figures_the_run_stored_and_a_damaged_store_changes_nothing(
    tmp_path, monkeypatch
):
    cache = tmp_path / "cache"
    monkeypatch.setenv("NQ18_CACHE_DIR", str(cache))
    nq.load_figures.cache_clear()
    data = tmp_path / "figures.csv"
    shutil.copy(FIGURES, data)
    grid_of = dict(kinds=["tiny"], provinces=["Hà Nam", "Bắc Ninh"], data=data)
    assert nq.run_reports(options(tmp_path / "a", **grid_of)).exit_code == runner.EXIT_OK
    (stored,) = (cache / "figures").glob("*.frame")  # one frame: the kernels read it
    good = stored.read_bytes()
    stored.write_bytes(good[: len(good) // 3])  # cut short
    assert nq.run_reports(options(tmp_path / "b", **grid_of)).exit_code == runner.EXIT_OK
    for rid in ("ha-nam/tiny", "bac-ninh/tiny"):
        first = (tmp_path / "a" / f"{rid}.html").read_bytes()
        assert (tmp_path / "b" / f"{rid}.html").read_bytes() == first
    assert stored.read_bytes() == good  # parsed again in a kernel and stored whole
