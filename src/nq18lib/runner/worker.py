"""The worker side of a run: one report notebook executed by papermill, rendered to HTML.

:func:`execute_report` is what every executor runs (a process of :func:`process_pool`, a
dask worker …); it takes and returns plain values. A worker keeps one kernel for all its
reports (see :func:`execute_report`) and shuts it down when it exits.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import sys
import threading
import time
from collections.abc import Sequence
from concurrent.futures import Executor
from pathlib import Path
from typing import Any

from nq18lib.provenance import utc_now

_LOCAL = threading.local()
RESET_CELL_START = "get_ipython().run_line_magic('reset', '-f')"
"""How the hidden first cell of a report run in a kept kernel starts."""


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

    from nq18lib.runner.html import render_html

    started, t0 = utc_now(), time.perf_counter()
    deadline = time.monotonic() + float(job["timeout"])
    target = Path(job["ipynb"])
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.stem}.{os.getpid()}.tmp.ipynb")
    notebook = nbformat.read(job["notebook"], as_version=4)
    engine: dict[str, Any] = {}
    if job.get("reuse_kernel", True):
        engine["km"] = _kernel_manager()
        reset = f"{RESET_CELL_START}\n__import__('os').chdir({job['cwd']!r})"
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
            _strip_machine_paths(tmp, job["notebook"])
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


def _strip_machine_paths(path: Path, notebook: str) -> None:
    """Rewrite an executed notebook without the run's machine paths (it is published).

    Drops the hidden reset cell (it names the working folder) and papermill's input and
    output paths, which become the project-relative notebook and nothing.
    """
    import nbformat

    from nq18lib.paths import display_path

    nb = nbformat.read(path, as_version=4)
    nb.cells = [c for c in nb.cells if not c.source.startswith(RESET_CELL_START)]
    meta = nb.metadata.get("papermill", {})
    if "input_path" in meta:
        meta["input_path"] = display_path(notebook)
    if "output_path" in meta:
        meta["output_path"] = ""
    nbformat.write(nb, path)


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
    from nq18lib.runner.watchdog import watch_parent

    watch_parent()  # the runner gone, however: this worker and its kernels end too
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

    from nq18lib.runner import html as report_html

    report_html.plotly_js_packed()
    report_html._exporter("vi")


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
