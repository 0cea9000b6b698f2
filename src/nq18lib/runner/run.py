"""The report runner behind ``nq18 run``: a grid of notebooks into HTML, PDF, index, manifest.

A run

1. takes a lock on the reports folder (a second run on the same folder stops with a message);
2. hashes its inputs (data files, notebooks, library source) and, when the data changed,
   validates it (a bad data file stops the run with exit code 2 before any kernel starts);
3. expands the grid (:mod:`nq18lib.runner.grid`) and checks every parameter;
4. skips every report whose key (:func:`nq18lib.runner.manifest.report_key`) is unchanged;
5. executes the others with papermill's Python API in worker processes (any
   ``concurrent.futures.Executor``: a process pool by default, ``dask.distributed`` past one
   machine), each rendering its own HTML;
6. prints the PDFs with one Chromium as results come in, and records each report in
   ``reports/manifest.json`` as soon as it is done, then writes ``reports/index.html``.

Every file is written to a temporary file and renamed, so a run killed at any moment leaves
each report as the old good one or the new good one; the next run builds what is missing.
A report whose notebook raises keeps its previous good HTML; the executed notebook and its
error page are written beside it (``<kind>.failed.html``) and the index marks it failed.

Planning (steps 2–4) lives in :mod:`nq18lib.runner.plan`, the worker side (step 5) in
:mod:`nq18lib.runner.worker`; both are re-exported here.

Exit codes: 0 all reports built or up to date; 1 a report failed; 2 bad arguments or data;
3 the HTML reports are fine but no Chromium was found for the PDFs; 4 the reports folder
is in use by another run.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nq18lib.exceptions import (
    EXIT_BAD_INPUT,
    EXIT_BUSY,
    EXIT_FAILED,
    EXIT_NO_BROWSER,
    EXIT_OK,
    BrowserNotFoundError,
    ReportError,
)
from nq18lib.paths import (
    PROJECT_DIR,
    REPORTS_DIR,
    OutputPathError,
    display_path,
    output_problem,
)
from nq18lib.provenance import utc_now
from nq18lib.runner import manifest
from nq18lib.runner.plan import (
    Planned,
    RunOptions,
    data_provinces,
    plan_run,
)
from nq18lib.runner.worker import execute_report, process_pool, shutdown_kernels

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_BUSY",
    "EXIT_FAILED",
    "EXIT_NO_BROWSER",
    "EXIT_OK",
    "Planned",
    "RunLockedError",
    "RunOptions",
    "RunSummary",
    "data_provinces",
    "execute_report",
    "lock_reports",
    "plan_run",
    "process_pool",
    "run_reports",
    "shutdown_kernels",
]

LOCK_NAME = ".nq18/lock"
"""The lock of a reports folder, in the run's state folder (not published)."""
WORKER_LOG = ".nq18/workers.log"
"""Where the workers' and kernels' stderr goes (warnings, tracebacks of crashes)."""
KEPT_RUNS = 20
PDF_TIMEOUT = 30.0
"""Seconds a page has to print before the browser is killed, restarted and tried again."""


class RunLockedError(ReportError):
    """Another run holds the lock of the reports folder."""


@dataclass
class RunSummary:
    """What a run did."""

    reports: int = 0
    built: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    printed: list[str] = field(default_factory=list)
    pdf_failed: list[str] = field(default_factory=list)
    """Reports whose HTML was built but whose PDF could not be printed."""
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
    manifest.state_dir(reports_dir)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
    except OSError as err:
        raise OutputPathError(output_problem(path, err)) from None
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


# --------------------------------------------------------------------------- progress


class _Progress:
    """Reports done / total, failures and time left: a bar on a terminal, else log lines.

    A report is done when its last step is (its HTML, then its PDF when one is printed);
    the time left is the elapsed time per report done times the reports left.
    """

    def __init__(self, steps: dict[str, int], rich: bool):
        self.steps = dict(steps)
        self.total, self.done, self.failed = len(steps), 0, 0
        self.started = time.monotonic()
        self.notes: dict[str, list[str]] = {}
        self._bar = None
        if rich and self.total:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self._bar = Progress(
                TextColumn("[bold]nq18[/]"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[failed]}"),
                TimeElapsedColumn(),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                TextColumn("{task.description}"),
                transient=True,
            )
            self._task = self._bar.add_task("", total=self.total, failed="")
            self._bar.start()

    def log(self, message: str) -> None:
        if self._bar is not None:
            self._bar.console.print(message, markup=False, highlight=False)
        else:
            print(message, file=sys.stderr, flush=True)

    def eta(self) -> str:
        """Return the time left as ``m:ss`` (``?`` before the first report is done)."""
        if not self.done:
            return "?"
        left = (time.monotonic() - self.started) / self.done * (self.total - self.done)
        return f"{int(left // 60)}:{int(left % 60):02d}"

    def advance(self, rid: str, message: str, failed: bool = False) -> None:
        """Record one step of a report; a failed step ends the report."""
        self.notes.setdefault(rid, []).append(message)
        left = self.steps.get(rid, 1) - 1
        self.steps[rid] = left
        if left > 0 and not failed:
            return
        self.steps[rid] = 0
        self.done += 1
        self.failed += failed
        text = ", ".join(self.notes.pop(rid))
        if self._bar is not None:
            failures = f"[red]{self.failed} failed[/]" if self.failed else ""
            self._bar.update(self._task, advance=1, description=text, failed=failures)
        else:
            tail = f"{self.failed} failed, " if self.failed else ""
            self.log(f"nq18: [{self.done}/{self.total}] {text} ({tail}ETA {self.eta()})")

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
        self.no_printer = False
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
            "cwd": str(PROJECT_DIR),  # the parameters' relative paths start here
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
        from nq18lib.runner.notebookfile import published_parameters

        spec, ok = planned.spec, result["status"] == "ok"
        rid = spec.report_id
        entry = {
            "kind": spec.kind.name,
            "order": planned.order,
            "title": spec.title,
            "province": spec.province,
            "lang": spec.lang,
            "notebook": display_path(spec.kind.notebook),
            "parameters": published_parameters(dict(spec.parameters)),  # no build path
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
        manifest.record_outputs(self.out, entry)
        self.state["reports"][rid] = entry
        manifest.journal_entry(self.out, rid, entry)
        return entry

    def start_printer(self) -> None:
        """Start the browser (once); a missing or broken browser is noted, not raised."""
        if self.printer is not None or self.no_printer:
            return
        from nq18lib.runner.pdf import PdfPrinter, find_browser

        try:
            browser = find_browser(self.options.browser)
            self.printer = self.stack.enter_context(PdfPrinter(browser, timeout=PDF_TIMEOUT))
        except (BrowserNotFoundError, ReportError) as err:
            self.no_printer = True
            self.summary.pdf_error = f"{err}; the HTML reports were built, not the PDFs"

    def submit_pdf(self, planned: Planned) -> Future | None:
        """Queue a report's PDF (None when PDFs are off or no browser was found)."""
        if not self.options.pdf:
            return None
        self.start_printer()
        if self.no_printer:
            planned.spec.output(self.out, ".pdf").unlink(missing_ok=True)  # stale
            return None
        html = self.out / self.state["reports"][planned.spec.report_id]["html"]
        return self.printer.submit(html, planned.spec.output(self.out, ".pdf"))

    def record_pdf(self, planned: Planned, future: Future) -> tuple[str, bool]:
        """Record a printed PDF (or its failure); return the message and whether it failed.

        A PDF that fails leaves the report's HTML as built and its status ``ok``: the run
        exits with code 3 and the next run prints the PDFs it missed.
        """
        rid = planned.spec.report_id
        entry = self.state["reports"][rid]
        try:
            pdf = future.result()
        except Exception as err:
            reason = str(err) if isinstance(err, ReportError) else f"{type(err).__name__}: {err}"
            entry.update(pdf=None, pdf_key=None, pdf_error=reason)
            planned.spec.output(self.out, ".pdf").unlink(missing_ok=True)  # stale
            self.summary.pdf_failed.append(rid)
            self.summary.pdf_error = (
                f"{len(self.summary.pdf_failed)} PDF(s) not printed ({reason}); the HTML "
                "reports are built and the next run prints the missing PDFs"
            )
            message, failed = f"PDF failed: {reason}", True
        else:
            entry.update(pdf=f"{rid}.pdf", pdf_key=planned.key)
            entry.pop("pdf_error", None)
            seconds = round(self.printer.durations.get(str(pdf), 0.0), 3)
            entry.setdefault("seconds", {})["pdf"] = seconds
            self.summary.printed.append(rid)
            message, failed = f"PDF {seconds:.1f} s", False
        manifest.record_outputs(self.out, entry)
        manifest.journal_entry(self.out, rid, entry)
        return message, failed

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
        recorded = dict.fromkeys(
            self.summary.built
            + self.summary.failed
            + self.summary.printed
            + self.summary.pdf_failed
        )
        manifest.settle_fingerprints(
            self.out,
            [self.state["reports"][rid] for rid in recorded if rid in self.state["reports"]],
        )
        manifest.write_manifest(self.out, self.state)
        from nq18lib.runner.index import write_index

        write_index(self.state, self.out)


class _Pool:
    """The executor of a run: the caller's, or process pools of our own, refilled as needed.

    With our own pool at most ``jobs`` reports are in flight, so when a worker process dies
    (the pool is then broken) only the reports really running are affected: the pool is
    replaced and each of them is tried once more before it is recorded as crashed. A
    caller's executor (dask …) gets every report at once and schedules them itself.
    """

    ATTEMPTS = 2

    def __init__(
        self, executor: Executor | None, options: RunOptions, out: Path, lock_fd: int, builds: int
    ):
        self.own = executor is None
        self.jobs = min(options.jobs or os.cpu_count() or 1, builds) if self.own else builds
        self.log, self.lock_fd = out / WORKER_LOG, lock_fd
        self.executor = executor
        self.retired: list[Executor] = []
        self.running = 0
        self.attempts: dict[str, int] = {}

    def _current(self, run: _Run) -> Executor:
        if self.own and getattr(self.executor, "_broken", False):
            self.retired.append(self.executor)
            self.executor.shutdown(wait=False, cancel_futures=True)
            self.executor = None
        if self.executor is None:
            # kernels find the same project as the runner, whatever their working folder
            os.environ.setdefault("NQ18_PROJECT_DIR", str(PROJECT_DIR))
            from nq18lib.provenance import RUN_COMMIT_VARIABLE

            # every report of the run names the commit the run started from
            commit = {RUN_COMMIT_VARIABLE: run._provenance()["git_commit"] or ""}
            self.executor = process_pool(
                self.jobs, self.log, close_fds=[self.lock_fd], environment=commit
            )
        return self.executor

    def fill(self, queue: list[Planned], pending: dict, run: _Run) -> None:
        """Submit queued reports while fewer than ``jobs`` are in flight."""
        while queue and self.running < max(self.jobs, 1):
            planned = queue.pop(0)
            rid = planned.spec.report_id
            self.attempts[rid] = self.attempts.get(rid, 0) + 1
            pending[self._current(run).submit(execute_report, run.job(planned))] = (
                "report",
                planned,
            )
            self.running += 1

    def retry(self, planned: Planned, error: Exception) -> bool:
        """Whether a report whose worker died gets another attempt (then a fresh pool)."""
        from concurrent.futures.process import BrokenProcessPool

        if not (self.own and isinstance(error, BrokenProcessPool)):
            return False
        return self.attempts.get(planned.spec.report_id, 0) < self.ATTEMPTS

    def terminate(self) -> None:
        """Stop our workers at once."""
        if self.own and self.executor is not None:
            for process in list(getattr(self.executor, "_processes", {}).values()):
                process.terminate()

    def shutdown(self) -> None:
        """Wait for our workers to exit (they shut their kernels down)."""
        if self.own:
            for executor in [*self.retired, self.executor]:
                if executor is not None:
                    executor.shutdown(wait=True, cancel_futures=True)


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
        state = manifest.read_manifest(reports_dir, warn=lambda m: print(m, file=sys.stderr))
        plan = plan_run(options, state, reports_dir, warn=lambda m: print(m, file=sys.stderr))
        run = _Run(options, reports_dir, state)
        run.summary.reports = len(plan)
        builds = [p for p in plan if p.action == "build"]
        pdfs = [p for p in plan if p.action == "pdf" or (p.action == "build" and options.pdf)]
        run.summary.skipped = [p.spec.report_id for p in plan if p.action == "skip"]
        steps = {p.spec.report_id: 1 for p in builds}
        for p in pdfs:
            steps[p.spec.report_id] = steps.get(p.spec.report_id, 0) + 1
        progress = _Progress(steps, rich)
        pool = _Pool(executor, options, reports_dir, lock_fd, len(builds))
        try:
            with run.stack:
                pending: dict[Future, tuple[str, Planned]] = {}
                queue = list(builds)
                pool.fill(queue, pending, run)
                if pdfs:
                    run.start_printer()  # while the workers start their kernels
                for planned in plan:
                    if planned.action == "pdf":
                        future = run.submit_pdf(planned)
                        if future is not None:
                            pending[future] = ("pdf", planned)
                        else:
                            progress.advance(planned.spec.report_id, "no PDF")
                while pending:
                    done, _ = wait(pending, return_when=FIRST_COMPLETED)
                    for future in done:
                        what, planned = pending.pop(future)
                        rid = planned.spec.report_id
                        if what == "pdf":
                            message, failed = run.record_pdf(planned, future)
                            progress.advance(rid, message, failed)
                            continue
                        pool.running -= 1
                        try:
                            result = future.result()
                        except Exception as err:  # the worker process died
                            if pool.retry(planned, err):
                                progress.log(f"nq18: {rid}: worker died ({err}); trying again")
                                queue.insert(0, planned)
                                continue
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
                        ok = result["status"] == "ok"
                        pdf = run.submit_pdf(planned) if ok else None
                        if pdf is not None:
                            pending[pdf] = ("pdf", planned)
                        elif planned in pdfs:  # no PDF after all: the report is done
                            progress.steps[rid] = 1
                        message = f"{result['status']} {rid} {seconds:.1f} s"
                        progress.advance(rid, message, failed=not ok)
                        if not ok:
                            progress.log(f"nq18: {rid}: {result['error']}")
                    pool.fill(queue, pending, run)
        except BaseException:
            pool.terminate()  # Ctrl-C, SIGTERM: stop the workers now; done reports are recorded
            raise
        finally:
            progress.close()
            pool.shutdown()
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
