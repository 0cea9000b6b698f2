"""The worker: one kept kernel per worker, reset between reports, nothing left behind.

A report must give the same bytes whether it runs first in a fresh kernel or after other
reports in a kept one; the worker must not leak descriptors or threads from one report to
the next; the figures are parsed once per kernel and each report gets its own copy.
"""

from __future__ import annotations

import json
import re
import threading
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

import nq18lib as nq
from nq18lib.dataset import READER
from nq18lib.runner import run as runner
from nq18lib.runner import worker

FIXTURES = Path(__file__).parent / "fixtures" / "pipeline"
FIGURES = FIXTURES / "figures.csv"
KERNEL = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
TIME = re.compile(
    rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)?"  # ISO, in metadata
    rb"|\d\d:\d\d ng\xc3\xa0y \d\d/\d\d/\d{4}|\d\d/\d\d/\d{4} \d\d:\d\d"  # the appendix's time
)

# A notebook that looks for every kind of state a previous report could leave, then leaves
# some of each kind itself: names, outputs and history, cwd, sys.path, a changed frame.
SNOOP = """import os, sys
import nq18lib as nq
figures = nq.load_figures(data_path)
state = {
    "leftover": "leftover" in globals(),
    "names": sorted(n for n in globals() if not n.startswith("_")),
    "history": [len(In), len(Out), repr(_), repr(__)],
    "cwd": os.getcwd() == os.path.dirname(os.path.abspath(data_path)) or os.getcwd(),
    "path": sys.path[-1] == "/nonexistent/nq18" or len(sys.path),
    "figures": len(figures),
    "jurisdictions": sorted(set(figures["jurisdiction"])),
    "columns": len(figures.columns),
    "last": hasattr(sys, "last_value"),
}
print(state)"""
LITTER = """leftover = province
figures.loc[:, "jurisdiction"] = "đã đổi"
figures["new"] = 1
sys.path.append("/nonexistent/nq18")
os.chdir("/")
province * 2"""
RAISE = """if province == "Bắc Ninh":
    raise ValueError("a failure whose traceback must not stay")"""


def write_snoop(folder: Path) -> Path:
    nb = new_notebook(metadata=KERNEL)
    nb.cells = [
        new_markdown_cell("# Trạng thái còn sót"),
        new_code_cell(
            'province: str = "Hà Nam"\nlang: str = "vi"\ndata_path: str = ""',
            metadata={"tags": ["parameters"]},
        ),
        new_code_cell(SNOOP),
        new_code_cell(LITTER),
        new_code_cell(RAISE),
    ]
    path = folder / "snoop.ipynb"
    nbformat.write(nb, path)
    return path


def job(notebook: Path, out: Path, province: str, reuse: bool, name: str) -> dict:
    stem = out / name
    return {
        "report_id": name,
        "notebook": str(notebook),
        "parameters": {"province": province, "lang": "vi", "data_path": str(FIGURES)},
        "cwd": str(notebook.parent),
        "timeout": 120.0,
        "reuse_kernel": reuse,
        "lang": "vi",
        "title": f"{province}: thử",
        "html": f"{stem}.html",
        "ipynb": f"{stem}.ipynb",
        "failed_html": f"{stem}.failed.html",
        "failed_ipynb": f"{stem}.failed.ipynb",
    }


def without_times(notebook: Path) -> str:
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        cell.get("metadata", {}).pop("execution", None)
    # a warning names the cell's file after the kernel's process id, as in any two runs
    return re.sub(r"ipykernel_\d+", "ipykernel_<pid>", json.dumps(nb, sort_keys=True))


def run_in_thread(jobs: list[dict]) -> list[dict]:
    """Run jobs one after the other in one thread (one kept kernel), then close it."""
    results: list[dict] = []

    def work():
        try:
            results.extend(worker.execute_report(j) for j in jobs)
        finally:
            worker.shutdown_kernels()

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(300)
    return results


@pytest.mark.slow
def test_a_report_gives_the_same_bytes_first_or_after_others(tmp_path):
    notebook = write_snoop(tmp_path)
    fresh = run_in_thread([job(notebook, tmp_path, "Hà Nam", False, "fresh")])
    kept = run_in_thread(
        [
            job(notebook, tmp_path, "Hà Nam", True, "first"),
            job(notebook, tmp_path, "Bắc Ninh", True, "failing"),
            job(notebook, tmp_path, "Nam Định", True, "other"),
            job(notebook, tmp_path, "Hà Nam", True, "after"),
        ]
    )
    assert [r["status"] for r in fresh + kept] == ["ok", "ok", "failed", "ok", "ok"]
    assert "ValueError: a failure whose traceback" in kept[1]["error"]
    page = (tmp_path / "fresh.html").read_bytes()
    assert any(q + b"leftover" + q + b": False" in page for q in (b"'", b"&#39;", b"&#x27;"))
    assert b"Ha Nam" not in page and "Hà Nam".encode() in page
    for name in ("first", "after"):
        assert (tmp_path / f"{name}.html").read_bytes() == page, name
        assert without_times(tmp_path / f"{name}.ipynb") == without_times(
            tmp_path / "fresh.ipynb"
        ), name
    other = (tmp_path / "other.html").read_bytes()
    assert other != page and "Nam Định".encode() in other


@pytest.mark.slow
def test_a_kept_kernel_leaks_no_descriptor_nor_thread(tmp_path):
    notebook = FIXTURES / "tiny.ipynb"
    counts: list[tuple[int, int]] = []

    def work():
        try:
            for i in range(7):
                province = ["Hà Nam", "Bắc Ninh", "Nam Định"][i % 3]
                result = worker.execute_report(job(notebook, tmp_path, province, True, f"r{i}"))
                assert result["status"] == "ok", result
                counts.append((worker.open_descriptors(), threading.active_count()))
        finally:
            worker.shutdown_kernels()

    before = worker.open_descriptors()
    thread = threading.Thread(target=work)
    thread.start()
    thread.join(300)
    assert len(counts) == 7
    assert len({c for c in counts[2:]}) == 1, counts  # flat from the 3rd report on
    thread_count = threading.active_count()
    # closed: what stays is the thread's event loop and zmq's context (3-4), not per report
    assert worker.open_descriptors() <= before + 4, (before, worker.open_descriptors())
    assert counts[-1][0] > worker.open_descriptors()
    assert thread_count <= counts[-1][1]


def test_figures_are_parsed_once_per_content_and_each_caller_gets_a_copy(tmp_path, monkeypatch):
    from nq18lib.dataset import figures as dataset_figures

    data = tmp_path / "figures.csv"
    data.write_bytes(FIGURES.read_bytes())
    monkeypatch.setenv("NQ18_CACHE_DIR", "")  # this process's layer only (test_figurecache)
    nq.load_figures.cache_clear()
    parsed = []
    original = dataset_figures.parse_figures
    monkeypatch.setattr(
        dataset_figures, "parse_figures", lambda *a, **k: parsed.append(1) or original(*a, **k)
    )
    first = nq.load_figures(data)
    first.loc[:, "jurisdiction"] = "đã đổi"
    second = nq.load_figures(data)
    assert len(parsed) == 1 and len(second) > 0
    assert "đã đổi" not in set(second["jurisdiction"])
    text = data.read_text(encoding="utf-8").splitlines()
    data.write_text("\n".join(text[:-1]) + "\n", encoding="utf-8")  # one figure less
    third = nq.load_figures(data)
    assert len(parsed) == 2 and len(third) == len(second) - 1
    assert second.attrs["files"] == [str(data)]


# A report that leaves a reference cycle in its namespace, and says which cycles of the
# reports before it are still alive after a collection, and how many objects are frozen.
CYCLES = """import gc, sys, types, weakref
class Node:
    pass
node = Node()
node.me = node
probe = sys.modules.setdefault("_nq18_probe", types.ModuleType("_nq18_probe"))
gc.collect()
alive = [ref() is not None for ref in getattr(probe, "refs", [])]
probe.refs = [*getattr(probe, "refs", []), weakref.ref(node)]
print(gc.get_freeze_count(), alive)"""


@pytest.mark.slow
def test_a_kept_kernel_freezes_once_and_still_collects_each_reports_garbage(tmp_path):
    nb = new_notebook(metadata=KERNEL)
    nb.cells = [new_code_cell(CYCLES)]
    session = worker.KernelSession()
    seen = []
    try:
        for _ in range(4):
            run = nbformat.from_dict(json.loads(json.dumps(nb)))
            session.execute(run, str(tmp_path), 60)
            frozen, alive = run.cells[0].outputs[0]["text"].split(" ", 1)
            seen.append((int(frozen), alive.strip()))
    finally:
        session.close()
    # frozen before the second report, once: what the first left is kept out of the passes
    assert seen[0][0] == 0 and seen[1][0] > 0, seen
    assert seen[1][0] >= seen[2][0] >= seen[3][0], seen  # frozen objects freed, none added
    # and no report's cycle outlives it (none was frozen with the rest)
    assert [a for _, a in seen] == ["[]", "[False]", "[False, False]", "[False, False, False]"]


@pytest.mark.slow
def test_kept_kernel_reports_are_identical_to_fresh_kernel_ones(tmp_path):
    """The bar of issue 15: the shipped sector notebook, kept kernel vs --fresh-kernel."""
    pages = {}
    for fresh in (False, True):
        out = tmp_path / ("fresh" if fresh else "kept")
        summary = nq.run_reports(
            runner.RunOptions(
                provinces=["Hà Nam"],
                kinds=["party", "staffing"],
                out=out,
                pdf=False,
                progress=False,
                jobs=1,
                reuse_kernel=not fresh,
                data_reader=READER,
            )
        )
        assert summary.exit_code == 0, summary.line()
        pages[fresh] = {
            p.relative_to(out).as_posix(): TIME.sub(b"<time>", p.read_bytes()).replace(
                str(out).encode(),
                b"<out>",  # the provenance names the report's workbook
            )
            for p in sorted(out.rglob("*.html"))
            if p.name != "index.html"
        }
    assert {"ha-nam/party.html", "ha-nam/staffing.html"} <= set(pages[False])
    assert pages[False] == pages[True]


@pytest.mark.parametrize(
    "msg_type, content",
    [
        ("stream", {"name": "stdout", "text": "Hà Nam\n"}),
        ("display_data", {"data": {"text/html": "<b>x</b>"}, "metadata": {"a": {"b": 1}}}),
        ("execute_result", {"data": {"text/plain": "1"}, "metadata": {}, "execution_count": 3}),
        ("error", {"ename": "ValueError", "evalue": "x", "traceback": ["t"]}),
    ],
)
def test_outputs_built_without_the_schema_check_are_nbformats_own(msg_type, content):
    from nbformat.v4 import output_from_msg

    msg = {"header": {"msg_type": msg_type}, "content": content}
    built = worker._unvalidated_output_from_msg()(msg)
    assert built == output_from_msg(msg)
    assert type(built) is type(output_from_msg(msg))


def test_outputs_built_without_the_schema_check_refuse_other_messages():
    with pytest.raises(ValueError):
        worker._unvalidated_output_from_msg()({"header": {"msg_type": "status"}, "content": {}})


def test_a_worker_compiles_no_uri_grammar_and_still_validates_notebooks():
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from nq18lib.runner.worker import without_uri_grammar\n"
        "without_uri_grammar()\n"
        "import nbclient, nbformat\n"
        "nbformat.validate(nbformat.v4.new_notebook())\n"
        "print(sys.modules.get('rfc3987_syntax') is None)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "True"


def test_reports_name_the_commit_their_run_started_from(monkeypatch):
    from nq18lib import provenance
    from nq18lib.paths import PROJECT_DIR

    monkeypatch.setenv(provenance.RUN_COMMIT_VARIABLE, "abc123+dirty")
    assert provenance.git_commit() == "abc123+dirty"
    monkeypatch.setenv(provenance.RUN_COMMIT_VARIABLE, "")
    assert provenance.git_commit(PROJECT_DIR) is None  # the run found no checkout
    monkeypatch.delenv(provenance.RUN_COMMIT_VARIABLE)
    assert provenance.git_commit("/") is None  # asks git: no checkout there


MIXED = [
    "print('dòng một')\nprint('dòng hai')",
    "from IPython.display import HTML, display\ndisplay(HTML('<b>Hà Nam</b>'))\n1.503",
    "",
    "raise KeyError('được phép')",
    "h = display(HTML('cũ'), display_id=True)\nh.update(HTML('mới'))",
    "skipped = 1",
    "x = 14.4\nx",
    "raise ValueError('dừng ở đây')",
    "after = 'không chạy'",
]


def mixed_notebook() -> nbformat.NotebookNode:
    nb = new_notebook(metadata=KERNEL)
    nb.cells = [new_markdown_cell("# Thử")] + [new_code_cell(s) for s in MIXED]
    nb.cells[4].metadata["tags"] = ["raises-exception"]
    nb.cells[6].metadata["tags"] = ["skip-execution"]
    return nb


def executed(notebook: nbformat.NotebookNode, one_request: bool, cwd: Path):
    from nbclient.exceptions import CellExecutionError

    session = worker.KernelSession(one_request=one_request)
    try:
        run = nbformat.from_dict(json.loads(json.dumps(notebook)))
        try:
            session.execute(run, str(cwd), 60)
            error = None
        except CellExecutionError as err:
            error = (err.ename, err.evalue)
    finally:
        session.close()
    for cell in run.cells:
        cell.get("metadata", {}).pop("execution", None)
    text = re.sub(r"ipykernel_\d+", "ipykernel_<pid>", json.dumps(run, sort_keys=True))
    # a chart's element id is a new uuid in any two runs
    text = re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>", text)
    return TIME.sub(b"<time>", text.encode()), error, run


@pytest.mark.slow
def test_cells_in_one_request_give_the_notebook_of_a_request_per_cell(tmp_path):
    notebook = mixed_notebook()
    batch, batch_error, run = executed(notebook, True, tmp_path)
    cellwise, cell_error, _ = executed(notebook, False, tmp_path)
    assert batch_error == cell_error == ("ValueError", "dừng ở đây")
    assert batch == cellwise
    # the outputs went to their own cells, in order, and the last cell never ran
    outputs = [[o["output_type"] for o in c.get("outputs", [])] for c in run.cells[1:]]
    assert outputs[0] == ["stream"] and outputs[1] == ["display_data", "execute_result"]
    assert outputs[3] == ["error"] and outputs[5] == [] and outputs[7] == ["error"]
    assert outputs[8] == [] and run.cells[9].get("execution_count") is None
    assert "mới" in json.dumps(run.cells[5]["outputs"], ensure_ascii=False)
    assert [c.get("execution_count") for c in run.cells[1:9]] == [1, 2, None, 3, 4, None, 5, 6]
    assert b"x-nq18-cell" not in batch


@pytest.mark.slow
def test_the_shipped_notebook_is_the_same_in_one_request(tmp_path):
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    notebook = load_notebook_node(str(Path(__file__).parents[1] / "notebooks" / "sector.ipynb"))

    notebook = parameterize_notebook(
        notebook,
        {"province": "Hà Nam", "sector": "staffing", "data_path": str(FIGURES)},
        kernel_name="python3",
        language="python",
    )
    batch, batch_error, _ = executed(notebook, True, tmp_path)
    cellwise, cell_error, _ = executed(notebook, False, tmp_path)
    assert batch_error is None and cell_error is None
    assert batch == cellwise
