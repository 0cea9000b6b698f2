"""The report runner behind ``nq18 run``: a grid of notebooks into HTML, PDF, index, manifest.

A run

1. takes a lock on the reports folder (a second run on the same folder stops with a message);
2. hashes its inputs (data files, notebooks, library source) and, when the data changed,
   validates it (a bad data file stops the run with exit code 2 before any kernel starts);
3. expands the grid (:mod:`nq18lib.grid`) and checks every parameter;
4. skips every report whose key (:func:`nq18lib.manifest.report_key`) is unchanged;
5. executes the others with papermill's Python API in worker processes (any
   ``concurrent.futures.Executor``: a process pool by default, ``dask.distributed`` past one
   machine), each rendering its own HTML;
6. prints the PDFs with one Chromium as results come in, and records each report in
   ``reports/manifest.json`` as soon as it is done, then writes ``reports/index.html``.

Every file is written to a temporary file and renamed, so a run killed at any moment leaves
each report as the old good one or the new good one; the next run builds what is missing.
A report whose notebook raises keeps its previous good HTML; the executed notebook and its
error page are written beside it (``<kind>.failed.html``) and the index marks it failed.

Exit codes: 0 all reports built or up to date; 1 a report failed; 2 bad arguments or data;
3 the HTML reports are fine but no Chromium was found for the PDFs; 4 the reports folder
is in use by another run.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import os
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nq18lib import grid, manifest
from nq18lib.exceptions import (
    BrowserNotFoundError,
    DataError,
    Nq18Error,
    ParameterError,
    Problem,
    ReportError,
)
from nq18lib.paths import DATA_DIR, REFERENCE_DIR, REPORTS_DIR, SOURCES_FILE
from nq18lib.provenance import utc_now

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT, EXIT_NO_BROWSER, EXIT_BUSY = 0, 1, 2, 3, 4
RETRIED_STATUSES = frozenset({"crashed"})
"""Statuses rebuilt even when nothing changed (a dead kernel or worker is not the notebook's
fault); a notebook that raised or timed out is rebuilt only when its inputs change or with
``--force``."""
LOCK_NAME = ".nq18.lock"
WORKER_LOG = ".nq18-workers.log"
"""Where the workers' and kernels' stderr goes (warnings, tracebacks of crashes)."""
KEPT_RUNS = 20


class RunLockedError(ReportError):
    """Another run holds the lock of the reports folder."""


@dataclass
class RunOptions:
    """What to build and how; the fields mirror the options of ``nq18 run``."""

    provinces: Sequence[str] | None = None
    kinds: Sequence[str] | None = None
    langs: Sequence[str] | None = None
    grid_file: str | os.PathLike | None = None
    jobs: int | None = None
    force: bool = False
    pdf: bool = True
    browser: str | None = None
    timeout: float = 600.0
    data: str | os.PathLike | None = None
    out: str | os.PathLike | None = None
    registry: str | os.PathLike | None = None
    progress: bool | None = None
    """A rich progress bar (True), plain log lines (False), or the bar on a terminal (None)."""
    reuse_kernel: bool = True
    """One kernel per worker for all its reports (namespace reset between reports)."""


@dataclass
class RunSummary:
    """What a run did."""

    reports: int = 0
    built: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    printed: list[str] = field(default_factory=list)
    pdf_error: str | None = None
    seconds: float = 0.0
    reports_dir: Path = REPORTS_DIR

    @property
    def exit_code(self) -> int:
        """Return 1 when a report failed, 3 when PDFs lacked a browser, else 0."""
        if self.failed:
            return EXIT_FAILED
        if self.pdf_error:
            return EXIT_NO_BROWSER
        return EXIT_OK

    def line(self) -> str:
        """Return the one-line summary printed at the end of a run."""
        text = (
            f"{self.reports} report(s): {len(self.built)} built, {len(self.skipped)} "
            f"up to date, {len(self.failed)} failed, {len(self.printed)} PDF(s) printed "
            f"in {self.seconds:.2f} s → {self.reports_dir / 'index.html'}"
        )
        if self.failed:
            text += "\nfailed: " + ", ".join(self.failed)
        if self.pdf_error:
            text += f"\nno PDF: {self.pdf_error}"
        return text


# --------------------------------------------------------------------------- the lock


@contextlib.contextmanager
def lock_reports(reports_dir: str | os.PathLike) -> Iterator[int]:
    """Hold an exclusive lock on a reports folder for the duration of a run.

    Yields the lock file's descriptor. The lock is released by the system when the
    process ends, even when killed.

    Raises
    ------
    RunLockedError
        When another run holds it.
    """
    path = Path(reports_dir) / LOCK_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            import fcntl
        except ImportError:  # Windows: no lock
            yield fd
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "unknown"
            raise RunLockedError(
                f"{reports_dir} is in use by another nq18 run ({holder}); wait for it to "
                "finish, or use --out for another folder"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}, started {utc_now()}".encode(), 0)
        try:
            yield fd
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _remove_temp_files(reports_dir: Path) -> None:
    """Remove temporary files left by a killed run (only ever called under the lock)."""
    for pattern in (".*.tmp", ".*.tmp.ipynb"):
        for tmp in reports_dir.rglob(pattern):
            with contextlib.suppress(OSError):
                tmp.unlink()


# --------------------------------------------------------------------------- planning


@dataclass
class Planned:
    """A report of the grid and what the run will do with it: build, pdf or skip."""

    spec: grid.ReportSpec
    key: str
    inputs: dict[str, str]
    action: str
    order: int = 0
    """Position of the report's kind in the registry (the index lists kinds in this order)."""


def _data_files(data: str | os.PathLike | None) -> tuple[list[Path], list[Path]]:
    """Return (figure tables, every data file a notebook reads)."""
    from nq18lib.dataset import figure_files

    figures: list[Path] = []
    for path in [Path(data)] if data else [DATA_DIR / "figures"]:
        if path.is_dir():
            figures.extend(figure_files(path))
        elif path.is_file():
            figures.append(path)
        else:
            raise ParameterError(f"--data: {path} does not exist")
    reference = sorted(p for p in REFERENCE_DIR.glob("*") if p.is_file())
    extra = [SOURCES_FILE] if SOURCES_FILE.is_file() else []
    return figures, figures + extra + reference


def check_tables(paths: Sequence[Path]) -> list[Problem]:
    """Return the problems of CSV tables that every row must match: UTF-8, one field per column.

    Used on ``data/sources.csv`` and ``data/reference/*.csv``, which notebooks read: a broken
    row there would fail every report, so it stops the run before any kernel starts.
    """
    import csv

    problems = []
    for path in paths:
        if path.suffix.lower() != ".csv":
            continue
        try:
            with path.open(encoding="utf-8-sig", newline="") as fh:
                rows = list(csv.reader(fh))
        except (OSError, UnicodeDecodeError, csv.Error) as err:
            problems.append(Problem(str(path), None, None, f"cannot read as UTF-8 CSV: {err}"))
            continue
        width = len(rows[0]) if rows else 0
        for number, row in enumerate(rows[1:], start=2):
            if row and len(row) != width:
                reason = f"{len(row)} fields where the header has {width} (a comma not quoted?)"
                problems.append(Problem(str(path), number, None, reason))
    return problems


def data_provinces(
    figures: Sequence[Path],
    data_sha: str,
    record: dict[str, Any],
    tables: Sequence[Path] = (),
) -> list[str]:
    """Return the provinces present in the figures, validating them when they changed.

    ``record`` is the manifest's ``data`` entry: when its hash matches, the provinces found
    last time are returned without reading the files; otherwise the figures are loaded
    and validated, the other ``tables`` checked (:func:`check_tables`), and the record
    updated.

    Raises
    ------
    DataError
        When a figures file breaks the data contract or another table is malformed.
    """
    if record.get("sha") == data_sha and "provinces" in record:
        return list(record["provinces"])
    from nq18lib.dataset import load_figures

    problems = check_tables(tables)
    try:
        frame = load_figures(list(figures))
    except DataError as err:
        raise DataError(problems + err.problems) from None
    if problems:
        raise DataError(problems)
    national = frame["province_code"].astype(str).isin(["00", "0"])
    local = frame.loc[~national, ["province_code", "jurisdiction"]].drop_duplicates()
    provinces = list(
        dict.fromkeys(local.sort_values(["province_code", "jurisdiction"])["jurisdiction"])
    )
    record.clear()
    record.update({"sha": data_sha, "provinces": provinces})
    return provinces


def _notebook_parameters(
    notebooks: Sequence[Path], record: dict[str, Any]
) -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    """Return each notebook's declared parameters and its hash (cached by hash)."""
    declared, shas = {}, {}
    for notebook in notebooks:
        sha = manifest.file_sha256(notebook)
        cached = record.get(str(notebook))
        if not cached or cached.get("sha") != sha:
            cached = {"sha": sha, "parameters": grid.inspect_parameters(notebook)}
            record[str(notebook)] = cached
        declared[str(notebook)] = cached["parameters"]
        shas[str(notebook)] = sha
    return declared, shas


def _display(path: Path) -> str:
    from nq18lib.paths import PROJECT_DIR

    try:
        return path.resolve().relative_to(PROJECT_DIR).as_posix()
    except ValueError:
        return str(path)


def plan_run(
    options: RunOptions, state: dict[str, Any], reports_dir: Path, warn: Any = print
) -> list[Planned]:
    """Expand and check the grid, and decide for each report: build, pdf (print only) or skip.

    Raises
    ------
    ParameterError, DataError
        Before any kernel starts, when a parameter or a data file is wrong.
    """
    axes = grid.read_grid_file(options.grid_file) if options.grid_file else {}
    registry = grid.load_registry(options.registry)
    kinds = list(options.kinds or axes.get("kinds") or registry)
    unknown = [k for k in kinds if k not in registry]
    if unknown:
        raise ParameterError(
            f"unknown report kind: {', '.join(unknown)} (known: {', '.join(registry)})"
        )
    present = []
    for kind in dict.fromkeys(kinds):
        if registry[kind].notebook.is_file():
            present.append(kind)
        else:
            warn(f"nq18: warning: skipping {kind}: {_display(registry[kind].notebook)} not found")
    if not present:
        raise ParameterError("none of the requested report kinds has a notebook")
    langs = list(dict.fromkeys(options.langs or axes.get("langs") or ["vi"]))
    bad = [lang for lang in langs if lang not in grid.LANGS]
    if bad:
        raise ParameterError(f"unknown language: {', '.join(bad)} (use vi or en)")

    figures, data_files = _data_files(options.data)
    hashes = {_display(p): manifest.file_sha256(p) for p in data_files}
    data_sha = manifest.text_sha256(repr(sorted(hashes.items())))
    others = [p for p in data_files if p not in figures]
    known = data_provinces(figures, data_sha, state.setdefault("data", {}), others)
    if not known:
        raise ParameterError("the data has no province (only national figures or no rows)")
    requested = options.provinces or axes.get("provinces")
    provinces = grid.match_provinces(requested, known) if requested else known

    notebooks = sorted({registry[k].notebook for k in present})
    declared, shas = _notebook_parameters(notebooks, state.setdefault("notebooks", {}))
    data_path = str(Path(options.data).resolve()) if options.data else ""
    specs = grid.expand_grid(registry, declared, provinces, present, langs, data_path, reports_dir)
    from nq18lib.taxonomy import sector_codes

    grid.check_parameters(
        specs,
        declared,
        {"province": known, "lang": grid.LANGS, "sector": sector_codes(with_other=True)},
    )

    from nq18lib import __version__

    source_sha = manifest.library_source_hash()
    entries = state.setdefault("reports", {})
    planned = []
    for spec in specs:
        notebook = str(spec.kind.notebook)
        inputs = {_display(spec.kind.notebook): shas[notebook], **hashes}
        key = manifest.report_key(shas[notebook], spec.parameters, inputs, __version__, source_sha)
        action = _action(entries.get(spec.report_id), key, options, reports_dir)
        planned.append(
            Planned(spec, key, inputs, action, order=list(registry).index(spec.kind.name))
        )
    return planned


def _action(entry: dict[str, Any] | None, key: str, options: RunOptions, out: Path) -> str:
    if (
        options.force
        or not entry
        or entry.get("key") != key
        or entry.get("status") in RETRIED_STATUSES
        or not (out / str(entry.get("html"))).is_file()
    ):
        return "build"
    if (
        options.pdf
        and entry.get("status") == "ok"
        and (entry.get("pdf_key") != key or not (out / str(entry.get("pdf"))).is_file())
    ):
        return "pdf"
    return "skip"


# --------------------------------------------------------------------------- the worker


_LOCAL = threading.local()


def execute_report(job: dict[str, Any]) -> dict[str, Any]:
    """Execute one report notebook with papermill and render its HTML (runs in a worker).

    ``job`` holds plain values (so any executor can ship it): ``report_id``, ``notebook``,
    ``parameters``, ``cwd``, ``timeout`` (seconds for the whole notebook), ``lang``,
    ``title``, ``reuse_kernel``, and the output paths ``html``, ``ipynb``, ``failed_html``,
    ``failed_ipynb``. A notebook that raises or times out is rendered all the same (with
    its error) into the ``failed_*`` paths. Returns the status, the error and the timings.

    With ``reuse_kernel`` the worker keeps one kernel for all its reports (imports of pandas,
    plotly and nq18lib are paid once, about 2 s per report saved): each notebook starts with
    a hidden cell that empties the namespace (``%reset -f``) and sets the working directory;
    after a failure the kernel is replaced by a fresh one.
    """
    import nbformat
    import papermill
    from nbclient.exceptions import CellTimeoutError

    from nq18lib.render import render_html

    started, t0 = utc_now(), time.perf_counter()
    deadline = time.monotonic() + float(job["timeout"])
    target = Path(job["ipynb"])
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.stem}.{os.getpid()}.tmp.ipynb")
    notebook = nbformat.read(job["notebook"], as_version=4)
    engine: dict[str, Any] = {}
    if job.get("reuse_kernel", True):
        engine["km"] = _kernel_manager()
        reset = (
            f"get_ipython().run_line_magic('reset', '-f')\n__import__('os').chdir({job['cwd']!r})"
        )
        notebook.cells.insert(
            0, nbformat.v4.new_code_cell(reset, metadata={"tags": ["remove-cell"]})
        )
    status, error = "ok", ""
    try:
        papermill.execute_notebook(
            notebook,
            str(tmp),
            parameters=job["parameters"],
            cwd=job["cwd"],
            progress_bar=False,
            log_output=False,
            request_save_on_cell_execute=True,  # so a failed or timed-out run is written
            start_timeout=60,
            timeout_func=lambda cell: max(1.0, deadline - time.monotonic()),
            **engine,
        )
    except papermill.PapermillExecutionError as err:
        status, error = "failed", f"{err.ename}: {err.evalue} (cell [{err.exec_count}])"
    except (CellTimeoutError, TimeoutError):
        status, error = "timeout", f"the notebook ran past its {job['timeout']:g} s"
    except Exception as err:  # a dead kernel, a notebook that cannot be read …
        status, error = "crashed", f"{type(err).__name__}: {err}"
    if status != "ok":
        _drop_kernel()
    executed = time.perf_counter()
    try:
        if tmp.is_file():
            prefix = "" if status == "ok" else "failed_"
            render_html(tmp, job[prefix + "html"], job["lang"], job["title"])
            os.replace(tmp, job[prefix + "ipynb"])
    except Exception as err:
        if status == "ok":
            status, error = "failed", f"rendering: {type(err).__name__}: {err}"
    finally:
        tmp.unlink(missing_ok=True)
    return {
        "report_id": job["report_id"],
        "status": status,
        "error": error,
        "started": started,
        "finished": utc_now(),
        "seconds": {
            "execute": round(executed - t0, 3),
            "html": round(time.perf_counter() - executed, 3),
        },
    }


def _kernel_manager() -> Any:
    """Return this thread's kernel manager (its kernel starts on first use)."""
    km = getattr(_LOCAL, "km", None)
    if km is None:
        from jupyter_client.manager import AsyncKernelManager

        km = _LOCAL.km = AsyncKernelManager(kernel_name="python3")
        _KERNELS.append(km)
    return km


def _drop_kernel() -> None:
    """Shut down this thread's kernel; the next report starts a fresh one."""
    km, _LOCAL.km = getattr(_LOCAL, "km", None), None
    if km is not None:
        _shutdown(km)


def _shutdown(km: Any) -> None:
    from jupyter_core.utils import run_sync

    with contextlib.suppress(Exception):
        if km.has_kernel:
            run_sync(km.shutdown_kernel)(now=True)
    with contextlib.suppress(ValueError):
        _KERNELS.remove(km)


def shutdown_kernels() -> None:
    """Shut down every kernel kept by :func:`execute_report` in this process."""
    for km in list(_KERNELS):
        _shutdown(km)
    _LOCAL.km = None


_KERNELS: list[Any] = []
atexit.register(shutdown_kernels)


def _warm_worker(log: str | None = None, close_fds: Sequence[int] = ()) -> None:
    """Prepare a worker process: imports paid once, kernel noise to a log file."""
    import signal
    from multiprocessing.util import Finalize

    for fd in close_fds:
        with contextlib.suppress(OSError):
            os.close(fd)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the main process decides on Ctrl-C
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    if log:  # kernels inherit this stderr: their warnings go to the log, not the terminal
        fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        os.dup2(fd, 2)
        os.close(fd)
    Finalize(None, shutdown_kernels, exitpriority=10)
    import warnings

    warnings.filterwarnings("ignore", module="papermill")
    import nbclient  # noqa: F401
    import papermill  # noqa: F401

    from nq18lib import render

    render.plotly_js_packed()
    render._exporter("vi")


def process_pool(
    jobs: int, log: str | os.PathLike | None = None, close_fds: Sequence[int] = ()
) -> Executor:
    """Return a pool of ``jobs`` worker processes with papermill already imported.

    On Linux the workers are forked (they inherit the libraries already imported) and close
    ``close_fds`` at once (the reports lock stays with the main process, so a killed run
    never leaves it held by orphans). Their stderr, and their kernels', goes to ``log``.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    method = "fork" if sys.platform.startswith("linux") else None
    return ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=multiprocessing.get_context(method),
        initializer=_warm_worker,
        initargs=(str(log) if log else None, tuple(close_fds)),
    )


# --------------------------------------------------------------------------- progress


class _Progress:
    """A rich progress bar on a terminal, plain log lines otherwise (cron, CI)."""

    def __init__(self, total: int, rich: bool):
        self.total, self.done, self._bar = total, 0, None
        if rich and total:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
            )

            self._bar = Progress(
                TextColumn("[bold]nq18[/]"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TextColumn("{task.description}"),
                transient=True,
            )
            self._task = self._bar.add_task("", total=total)
            self._bar.start()

    def log(self, message: str) -> None:
        if self._bar is not None:
            self._bar.console.print(message, markup=False, highlight=False)
        else:
            print(message, file=sys.stderr, flush=True)

    def advance(self, message: str) -> None:
        self.done += 1
        if self._bar is not None:
            self._bar.update(self._task, advance=1, description=message)
        else:
            self.log(f"nq18: [{self.done}/{self.total}] {message}")

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()


# --------------------------------------------------------------------------- the run


class _Run:
    """The state of one run: manifest, printer, summary (the lock is held by the caller)."""

    def __init__(self, options: RunOptions, reports_dir: Path, state: dict[str, Any]):
        self.options, self.out, self.state = options, reports_dir, state
        self.summary = RunSummary(reports_dir=reports_dir)
        self.stack = contextlib.ExitStack()
        self.printer: Any = None
        self.provenance: dict[str, Any] | None = None

    def _provenance(self) -> dict[str, Any]:
        if self.provenance is None:
            from nq18lib.provenance import git_commit, package_versions

            self.provenance = {"packages": package_versions(), "git_commit": git_commit()}
        return self.provenance

    def job(self, planned: Planned) -> dict[str, Any]:
        spec = planned.spec
        return {
            "report_id": spec.report_id,
            "notebook": str(spec.kind.notebook),
            "parameters": dict(spec.parameters),
            "cwd": str(spec.kind.notebook.parent),
            "timeout": float(self.options.timeout),
            "reuse_kernel": self.options.reuse_kernel,
            "lang": spec.lang,
            "title": spec.title,
            "html": str(spec.output(self.out, ".html")),
            "ipynb": str(spec.output(self.out, ".ipynb")),
            "failed_html": str(spec.output(self.out, ".failed.html")),
            "failed_ipynb": str(spec.output(self.out, ".failed.ipynb")),
        }

    def record(self, planned: Planned, result: dict[str, Any]) -> dict[str, Any]:
        spec, ok = planned.spec, result["status"] == "ok"
        rid = spec.report_id
        entry = {
            "kind": spec.kind.name,
            "order": planned.order,
            "title": spec.title,
            "province": spec.province,
            "lang": spec.lang,
            "notebook": _display(spec.kind.notebook),
            "parameters": dict(spec.parameters),
            "inputs": planned.inputs,
            "key": planned.key,
            "nq18lib": _version(),
            **self._provenance(),
            **result,
            "html": f"{rid}.html" if ok else f"{rid}.failed.html",
            "ipynb": f"{rid}.ipynb" if ok else f"{rid}.failed.ipynb",
            "pdf": None,
            "pdf_key": None,
            "xlsx": f"{rid}.xlsx" if ok and spec.output(self.out, ".xlsx").is_file() else None,
        }
        entry["seconds"]["total"] = round(sum(entry["seconds"].values()), 3)
        if ok:
            stale = [".failed.html", ".failed.ipynb"] + ([] if self.options.pdf else [".pdf"])
            for suffix in stale:
                spec.output(self.out, suffix).unlink(missing_ok=True)
            self.summary.built.append(rid)
        else:
            if spec.output(self.out, ".html").is_file():
                entry["previous_html"] = f"{rid}.html"
            if spec.output(self.out, ".pdf").is_file():
                entry["previous_pdf"] = f"{rid}.pdf"
            self.summary.failed.append(rid)
        entry.pop("report_id", None)
        self.state["reports"][rid] = entry
        manifest.write_manifest(self.out, self.state)
        return entry

    def start_printer(self) -> None:
        """Start the browser (once); a missing browser is noted, not raised."""
        if self.printer is not None or self.summary.pdf_error:
            return
        from nq18lib.render import PdfPrinter, find_browser

        try:
            browser = find_browser(self.options.browser)
        except BrowserNotFoundError as err:
            self.summary.pdf_error = f"{err}; the HTML reports were built, not the PDFs"
            return
        self.printer = self.stack.enter_context(PdfPrinter(browser, timeout=60))

    def submit_pdf(self, planned: Planned) -> Future | None:
        """Queue a report's PDF (None when PDFs are off or no browser was found)."""
        if not self.options.pdf:
            return None
        self.start_printer()
        if self.summary.pdf_error:
            planned.spec.output(self.out, ".pdf").unlink(missing_ok=True)  # stale
            return None
        html = self.out / self.state["reports"][planned.spec.report_id]["html"]
        return self.printer.submit(html, planned.spec.output(self.out, ".pdf"))

    def record_pdf(self, planned: Planned, future: Future) -> str:
        """Record a printed PDF (or its failure); return the progress message."""
        rid = planned.spec.report_id
        entry = self.state["reports"][rid]
        try:
            pdf = future.result()
        except Exception as err:
            entry.update(status="failed", error=f"PDF: {type(err).__name__}: {err}")
            self.summary.failed.append(rid)
            if rid in self.summary.built:
                self.summary.built.remove(rid)
            message = f"PDF failed {rid}: {err}"
        else:
            entry.update(pdf=f"{rid}.pdf", pdf_key=planned.key)
            seconds = round(self.printer.durations.get(str(pdf), 0.0), 3)
            entry.setdefault("seconds", {})["pdf"] = seconds
            self.summary.printed.append(rid)
            message = f"PDF {rid} {seconds:.1f} s"
        manifest.write_manifest(self.out, self.state)
        return message

    def finish(self, started: str, seconds: float) -> None:
        run = {
            "started": started,
            "finished": utc_now(),
            "seconds": round(seconds, 3),
            "nq18lib": _version(),
            "built": len(self.summary.built),
            "skipped": len(self.summary.skipped),
            "failed": len(self.summary.failed),
            "printed": len(self.summary.printed),
            "pdf_error": self.summary.pdf_error,
        }
        if self.summary.built or self.summary.failed:
            run["git_commit"] = self._provenance()["git_commit"]
        self.state["runs"] = [*self.state.get("runs", [])[-(KEPT_RUNS - 1) :], run]
        manifest.write_manifest(self.out, self.state)
        from nq18lib.index import write_index

        write_index(self.state, self.out)


def _version() -> str:
    from nq18lib import __version__

    return __version__


def run_reports(options: RunOptions, executor: Executor | None = None) -> RunSummary:
    """Build the reports of a grid; return what was built, skipped and failed.

    Parameters
    ----------
    options : RunOptions
        The grid and the run's settings.
    executor : concurrent.futures.Executor, optional
        Where notebooks run. By default a process pool of ``options.jobs`` workers (the
        number of cores). Any executor works, e.g. ``dask.distributed.Client.get_executor()``
        to spread the grid over a cluster; it must see the same file system.

    Raises
    ------
    ParameterError, DataError
        Before any kernel starts.
    RunLockedError
        When another run is using the reports folder.
    """
    started, t0 = utc_now(), time.perf_counter()
    reports_dir = Path(options.out or REPORTS_DIR).resolve()
    rich = sys.stderr.isatty() if options.progress is None else options.progress
    with lock_reports(reports_dir) as lock_fd:
        _remove_temp_files(reports_dir)
        state = manifest.read_manifest(reports_dir)
        plan = plan_run(options, state, reports_dir, warn=lambda m: print(m, file=sys.stderr))
        run = _Run(options, reports_dir, state)
        run.summary.reports = len(plan)
        builds = [p for p in plan if p.action == "build"]
        pdfs = [p for p in plan if p.action == "pdf" or (p.action == "build" and options.pdf)]
        run.summary.skipped = [p.spec.report_id for p in plan if p.action == "skip"]
        progress = _Progress(len(builds) + len(pdfs), rich)
        own = executor is None and bool(builds)
        if own:
            jobs = min(options.jobs or os.cpu_count() or 1, len(builds))
            executor = process_pool(jobs, reports_dir / WORKER_LOG, close_fds=[lock_fd])
        try:
            with run.stack:
                pending: dict[Future, tuple[str, Planned]] = {
                    executor.submit(execute_report, run.job(p)): ("report", p) for p in builds
                }
                if pdfs:
                    run.start_printer()  # while the workers start their kernels
                for planned in plan:
                    if planned.action == "pdf":
                        future = run.submit_pdf(planned)
                        if future is not None:
                            pending[future] = ("pdf", planned)
                while pending:
                    done, _ = wait(pending, return_when=FIRST_COMPLETED)
                    for future in done:
                        what, planned = pending.pop(future)
                        rid = planned.spec.report_id
                        if what == "pdf":
                            progress.advance(run.record_pdf(planned, future))
                            continue
                        try:
                            result = future.result()
                        except Exception as err:  # the worker died
                            result = {
                                "report_id": rid,
                                "status": "crashed",
                                "error": f"{type(err).__name__}: {err}",
                                "started": started,
                                "finished": utc_now(),
                                "seconds": {},
                            }
                        entry = run.record(planned, result)
                        seconds = entry["seconds"].get("total", 0.0)
                        progress.advance(f"{result['status']} {rid} {seconds:.1f} s")
                        if result["status"] != "ok":
                            progress.log(f"nq18: {rid}: {result['error']}")
                            continue
                        pdf = run.submit_pdf(planned)
                        if pdf is not None:
                            pending[pdf] = ("pdf", planned)
        except BaseException:
            if own:  # Ctrl-C, SIGTERM: stop the workers now; finished reports are recorded
                for process in list(getattr(executor, "_processes", {}).values()):
                    process.terminate()
            raise
        finally:
            progress.close()
            if own:
                executor.shutdown(wait=True, cancel_futures=True)
            run.summary.seconds = time.perf_counter() - t0
            run.finish(started, run.summary.seconds)
    run.summary.failed += [
        p.spec.report_id
        for p in plan
        if p.action != "build"
        and state["reports"][p.spec.report_id].get("status") != "ok"
        and p.spec.report_id not in run.summary.failed
    ]
    return run.summary


def run_from_args(args: argparse.Namespace) -> int:
    """Run ``nq18 run`` from parsed command-line arguments and return the exit code."""
    options = RunOptions(
        provinces=args.province,
        kinds=args.sector,
        langs=args.lang,
        grid_file=args.grid,
        jobs=args.jobs,
        force=args.force,
        pdf=not args.no_pdf,
        browser=args.browser,
        timeout=args.timeout,
        data=args.data,
        out=args.out,
        registry=getattr(args, "registry", None),
        reuse_kernel=not getattr(args, "fresh_kernel", False),
    )
    if options.jobs is not None and options.jobs < 1:
        raise ParameterError("--jobs must be at least 1")
    if options.timeout <= 0:
        raise ParameterError("--timeout must be positive")
    import signal

    def stop(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    with contextlib.suppress(ValueError):  # not in the main thread
        signal.signal(signal.SIGTERM, stop)
    try:
        summary = run_reports(options)
    except RunLockedError as err:
        print(f"nq18: error: {err}", file=sys.stderr)
        return EXIT_BUSY
    except Nq18Error:
        raise
    print(f"nq18: {summary.line()}", file=sys.stderr)
    return summary.exit_code
