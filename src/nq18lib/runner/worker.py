"""The worker side of a run: one report notebook executed in a kept kernel, rendered to HTML.

:func:`execute_report` is what every executor runs (a process of :func:`process_pool`, a
dask worker …); it takes and returns plain values. A worker keeps one :class:`KernelSession`
(one kernel, one client) for all its reports and closes it when it exits, so descriptors,
threads and memory stay flat however many reports it builds.

Notebooks are executed with nbclient directly: papermill only injects the parameters
(:func:`papermill.parameterize.parameterize_notebook`), so there is no saving and validating
of the notebook around every cell, and no new kernel client per report. Before each report
one silent request resets the kernel (:data:`RESET_SOURCE`): the user namespace, the input
and output history, the execution counter, the last traceback, ``sys.path`` and the working
directory go back to a fresh kernel's, without ``%reset -f``'s full garbage collection.
The reset before a kernel's second report collects once and freezes what survives (the
imported modules, the parsed figures, caches: :func:`gc.freeze`), so the collector's full
passes no longer walk them in every report; garbage of later reports is collected as
before (a cycle left by a report is never frozen: the collection comes after the reset).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import sys
import threading
import time
from collections.abc import Mapping, Sequence
from concurrent.futures import Executor
from pathlib import Path
from typing import Any

from nq18lib.provenance import utc_now
from nq18lib.runner.cells import RUN_SOURCE, execute_cells

_LOCAL = threading.local()
STARTUP_TIMEOUT = 60.0
"""Seconds a new kernel has to answer."""

RESET_SOURCE = '''
import gc as _gc
import os as _os
import sys as _sys

_PATH = list(_sys.path)
_KEPT = ("__builtin__", "__builtins__", "__name__")
_FROZEN = []


def reset(cwd):
    """Return the kernel to a fresh kernel's state (the imported modules stay)."""
    shell = get_ipython()
    history = shell.history_manager
    history.output_hist.clear()
    history.outputs.clear()
    history.exceptions.clear()
    history.input_hist_parsed[:] = [""]
    history.input_hist_raw[:] = [""]
    shell.displayhook._, shell.displayhook.__, shell.displayhook.___ = "", "", ""
    shell.execution_count = 1
    shell.last_execution_succeeded = True
    shell.last_execution_result = None
    namespace = shell.user_ns
    for name in [n for n in namespace if n not in _KEPT]:
        del namespace[name]
    namespace["__name__"] = "__main__"
    shell.user_ns_hidden.clear()
    shell.init_user_ns()
    if "_" not in vars(__import__("builtins")):  # as a fresh shell has them (DisplayHook.flush)
        namespace.update({"_": "", "__": "", "___": ""})
    shell.clear_main_mod_cache()
    for name in ("last_type", "last_value", "last_traceback", "last_exc"):
        _sys.__dict__.pop(name, None)
    _sys.path[:] = _PATH
    _os.chdir(cwd)
    history.dir_hist[:] = [_os.getcwd()]
    if not _FROZEN:  # after the first report: what stays from now on, kept out of the GC
        _gc.collect()
        _gc.freeze()
        _FROZEN.append(_gc.get_freeze_count())
'''
"""The kernel side of the reset."""

KERNEL_SOURCE = RESET_SOURCE + RUN_SOURCE
"""What the first request installs in a kernel as the module ``_nq18_kernel``: the reset and
the cell runner of :mod:`nq18lib.runner.cells`."""


def _reset_request(cwd: str, fresh: bool) -> str:
    """Return the one silent request that resets a kernel before a report.

    The first request to a kernel installs the reset (so it notes the fresh ``sys.path``)
    and only changes directory; later ones reset. Neither leaves a name behind.
    """
    call = f"_s.modules['_nq18_kernel'].reset({cwd!r})" if not fresh else f"_o.chdir({cwd!r})"
    return (
        "import os as _o, sys as _s, types as _t\n"
        "if '_nq18_kernel' not in _s.modules:\n"
        "    _m = _t.ModuleType('_nq18_kernel')\n"
        f"    exec(compile({KERNEL_SOURCE!r}, '<nq18-reset>', 'exec'), _m.__dict__)\n"
        "    _s.modules['_nq18_kernel'] = _m\n"
        f"{call}\n"
        "[globals().pop(n, None) for n in ('_o', '_s', '_t', '_m')]\n"
    )


class KernelSession:
    """One Python kernel and its one client, kept for any number of notebooks.

    The kernel starts on the first :meth:`execute`; :meth:`close` stops the client's
    channels and shuts the kernel down (what it opened, it closes).
    """

    def __init__(self, kernel_name: str = "python3", one_request: bool = True):
        self.kernel_name = kernel_name
        self.one_request = one_request
        self.km: Any = None
        self.kc: Any = None
        self.language_info: dict[str, Any] | None = None
        self.reports = 0

    @property
    def started(self) -> bool:
        """Whether the kernel is running."""
        return self.km is not None

    def execute(self, nb: Any, cwd: str, timeout: float) -> Any:
        """Reset the kernel to ``cwd`` and execute every cell of ``nb`` in place.

        All cells go in one request (:mod:`nq18lib.runner.cells`), or one request a cell as
        nbclient sends them when the session was made with ``one_request=False``; both give
        the same notebook. ``timeout`` is the seconds for the whole notebook. Raises
        nbclient's ``CellExecutionError``, ``CellTimeoutError`` or ``DeadKernelError`` as
        they come.
        """
        from jupyter_core.utils import run_sync

        return run_sync(self._execute)(nb, cwd, float(timeout))

    async def _start(self) -> None:
        from jupyter_client.manager import AsyncKernelManager

        km = AsyncKernelManager(kernel_name=self.kernel_name)
        # no history database: the reset restarts the execution counter, and reports
        # have nothing to recall from earlier sessions
        await km.start_kernel(extra_arguments=["--HistoryManager.enabled=False"])
        self.km = km
        self.kc = km.client()
        self.kc.start_channels()
        await self.kc.wait_for_ready(timeout=STARTUP_TIMEOUT)
        self.kc.allow_stdin = False

    async def _execute(self, nb: Any, cwd: str, timeout: float) -> Any:
        from nbclient import NotebookClient

        if self.km is None:
            await self._start()
        deadline = time.monotonic() + timeout
        client = NotebookClient(
            nb,
            km=self.km,
            timeout_func=lambda cell: max(1, int(deadline - time.monotonic())),
            startup_timeout=int(STARTUP_TIMEOUT),
            kernel_name=self.kernel_name,
            record_timing=True,
        )
        client.kc = self.kc
        reply = await client.async_wait_for_reply(
            self.kc.execute(_reset_request(cwd, not self.reports), silent=True, store_history=False)
        )
        if not reply or reply["content"].get("status") != "ok":
            content = (reply or {}).get("content", {})
            raise RuntimeError(f"the kernel could not be reset: {content.get('evalue', reply)}")
        self.reports += 1
        if not self.one_request:
            return await client.async_execute()
        if self.language_info is None:  # what nbclient asks before every notebook
            info = await client.async_wait_for_reply(self.kc.kernel_info())
            self.language_info = (info or {}).get("content", {}).get("language_info")
        if self.language_info is not None:
            nb.metadata["language_info"] = self.language_info
        await execute_cells(client, deadline, timeout)
        return nb

    def close(self) -> None:
        """Stop the client and shut the kernel down (idempotent)."""
        from jupyter_core.utils import run_sync

        km, kc, self.km, self.kc = self.km, self.kc, None, None
        if kc is not None:
            with contextlib.suppress(Exception):
                kc.stop_channels()
        if km is not None:
            with contextlib.suppress(Exception):
                if km.has_kernel:
                    run_sync(km.shutdown_kernel)(now=True)
            with contextlib.suppress(Exception):
                run_sync(km.cleanup_resources)()


def execute_report(job: dict[str, Any]) -> dict[str, Any]:
    """Execute one report notebook and render its HTML (runs in a worker).

    ``job`` holds plain values (so any executor can ship it): ``report_id``, ``notebook``,
    ``parameters``, ``cwd``, ``timeout`` (seconds for the whole notebook), ``lang``,
    ``title``, ``reuse_kernel``, and the output paths ``html``, ``ipynb``, ``failed_html``,
    ``failed_ipynb``. A notebook that raises or times out is rendered all the same (with
    its error) into the ``failed_*`` paths. Returns the status, the error and the timings.

    With ``reuse_kernel`` (the default) the worker's kernel is kept from one report to the
    next (imports of pandas, plotly and nq18lib are paid once), reset before each report;
    after a failure it is replaced by a fresh one. Without it every report gets a kernel
    of its own, reset the same way, so both give the same bytes.
    """
    from nbclient.exceptions import CellExecutionError, CellTimeoutError
    from papermill.parameterize import parameterize_notebook

    from nq18lib.runner.html import export_html
    from nq18lib.runner.manifest import write_atomic

    started, t0 = utc_now(), time.perf_counter()
    deadline = time.monotonic() + float(job["timeout"])
    reuse = job.get("reuse_kernel", True)
    session = _session() if reuse else KernelSession()
    status, error = "ok", ""
    nb = None
    try:
        nb = parameterize_notebook(
            _source_notebook(job["notebook"]),
            dict(job["parameters"]),
            kernel_name="python3",
            language="python",
        )
        for cell in nb.cells:  # papermill gives it a random id: reports are reproducible
            if "injected-parameters" in cell.metadata.get("tags", []):
                cell.id = "injected-parameters"
        session.execute(nb, job["cwd"], max(0.0, deadline - time.monotonic()))
    except CellExecutionError as err:
        count = _failed_count(nb)
        status, error = "failed", f"{err.ename}: {err.evalue} (cell [{count}])"
    except (CellTimeoutError, TimeoutError):
        status, error = "timeout", f"the notebook ran past its {job['timeout']:g} s"
    except Exception as err:  # a dead kernel, a notebook that cannot be read …
        status, error = "crashed", f"{type(err).__name__}: {err}"
    if status != "ok" or not reuse:
        session.close()
        if reuse:
            _LOCAL.session = None
    executed = time.perf_counter()
    try:
        if nb is not None:
            prefix = "" if status == "ok" else "failed_"
            write_atomic(job[prefix + "html"], export_html(nb, job["lang"], job["title"]))
            write_atomic(job[prefix + "ipynb"], _notebook_json(publishable_notebook(nb)))
    except Exception as err:
        if status == "ok":
            status, error = "failed", f"rendering: {type(err).__name__}: {err}"
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


def _source_notebook(path: str) -> Any:
    """Return a notebook as papermill loads it, read once per worker while unchanged.

    The caller must not change it (``parameterize_notebook`` works on a copy).
    """
    from papermill.iorw import load_notebook_node

    stat = os.stat(path)
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    cached = _NOTEBOOKS.get(key)
    if cached is None:
        if len(_NOTEBOOKS) >= 8:  # notebooks edited during a long-lived worker
            _NOTEBOOKS.clear()
        cached = _NOTEBOOKS[key] = load_notebook_node(str(path))
    return cached


_NOTEBOOKS: dict[tuple[str, int, int], Any] = {}


def _failed_count(nb: Any) -> Any:
    """Return the execution count of the cell that raised (the last one with an error)."""
    for cell in reversed(getattr(nb, "cells", [])):
        if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            return cell.get("execution_count")
    return None


def publishable_notebook(nb: Any) -> Any:
    """Return the notebook without build paths (:mod:`nq18lib.runner.notebookfile`)."""
    from nq18lib.runner.notebookfile import publishable_notebook as publishable

    return publishable(nb)


def _notebook_json(nb: Any) -> str:
    """Return a notebook as nbformat's JSON, without validating it again."""
    from nbformat.v4.nbjson import writes

    return writes(nb) + "\n"


def _session() -> KernelSession:
    """Return this thread's kernel session (its kernel starts on first use)."""
    session = getattr(_LOCAL, "session", None)
    if session is None:
        session = _LOCAL.session = KernelSession()
        _SESSIONS.append(session)
    return session


def shutdown_kernels() -> None:
    """Close every kernel session kept by :func:`execute_report` in this process."""
    for session in list(_SESSIONS):
        session.close()
    _SESSIONS.clear()
    _LOCAL.session = None


_SESSIONS: list[KernelSession] = []
atexit.register(shutdown_kernels)


URI_GRAMMAR_MODULE = "rfc3987_syntax"
"""An optional helper of jsonschema's URI format checks that compiles a grammar when
imported (about 1.4 core-seconds a process). nbformat's schemas check no URI, so a worker
keeps jsonschema from importing it."""


def without_uri_grammar() -> None:
    """Make ``import rfc3987_syntax`` fail in this process unless something already has it."""
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault(URI_GRAMMAR_MODULE, None)  # type: ignore[arg-type]


def _unvalidated_output_from_msg() -> Any:
    """Return nbformat's ``output_from_msg`` building the same outputs, minus the schema check.

    nbclient checks every output of every cell against the notebook schema as it arrives
    (a tenth of a worker's time); the worker writes notebooks that nbclient built from the
    kernel's messages, so the check is left to whoever reads them. The function is
    nbformat's own code, run with a ``new_output`` whose ``validate`` does nothing.
    """
    import types

    from nbformat.v4 import nbbase

    def no_check(*args: Any, **kwargs: Any) -> None:
        return None

    def rebound(function: Any, **names: Any) -> Any:
        """Return the same function (code, defaults) seeing other values for some globals."""
        copy = types.FunctionType(
            function.__code__,
            {**vars(nbbase), **names},
            function.__name__,
            function.__defaults__,
            function.__closure__,
        )
        copy.__kwdefaults__ = function.__kwdefaults__
        return copy

    new_output = rebound(nbbase.new_output, validate=no_check)
    return rebound(nbbase.output_from_msg, new_output=new_output)


def _warm_worker(
    log: str | None = None,
    close_fds: Sequence[int] = (),
    environment: Mapping[str, str] | None = None,
) -> None:
    """Prepare a worker process: imports paid once, kernel noise to a log file.

    ``environment`` is added to the worker's environment (its kernels inherit it).
    """
    import signal
    from multiprocessing.util import Finalize

    for fd in close_fds:
        with contextlib.suppress(OSError):
            os.close(fd)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the main process decides on Ctrl-C
    from nq18lib.runner.watchdog import watch_parent

    watch_parent()  # the runner gone, however: this worker and its kernels end too
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    os.environ.update(environment or {})
    if log:  # kernels inherit this stderr: their warnings go to the log, not the terminal
        fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        os.dup2(fd, 2)
        os.close(fd)
    Finalize(None, shutdown_kernels, exitpriority=10)
    import warnings

    warnings.filterwarnings("ignore", module="papermill")
    without_uri_grammar()
    import nbclient.client
    import papermill.parameterize  # noqa: F401

    nbclient.client.output_from_msg = _unvalidated_output_from_msg()

    from nq18lib.runner import html as report_html

    report_html.plotly_js_packed()
    report_html._exporter("vi")


def process_pool(
    jobs: int,
    log: str | os.PathLike | None = None,
    close_fds: Sequence[int] = (),
    environment: Mapping[str, str] | None = None,
) -> Executor:
    """Return a pool of ``jobs`` worker processes with nbclient already imported.

    On Linux the workers are forked (they inherit the libraries already imported) and close
    ``close_fds`` at once (the reports lock stays with the main process, so a killed run
    never leaves it held by orphans). Their stderr, and their kernels', goes to ``log``;
    ``environment`` is added to theirs and their kernels'.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    method = "fork" if sys.platform.startswith("linux") else None
    return ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=multiprocessing.get_context(method),
        initializer=_warm_worker,
        initargs=(str(log) if log else None, tuple(close_fds), dict(environment or {})),
    )


def open_descriptors(pid: int | None = None) -> int:
    """Return how many file descriptors a process has open (-1 where it cannot be known)."""
    folder = Path(f"/proc/{pid or os.getpid()}/fd")
    try:
        return len(os.listdir(folder))
    except OSError:
        return -1
