"""No process of a run outlives it: a watchdog in every worker on the runner and on itself.

A worker of ``nq18 run`` starts Jupyter kernels, each in a session of its own (so that an
interrupt reaches only it). When the runner dies, however it dies (Ctrl-C, SIGTERM,
SIGKILL, out of memory), nothing tells the workers, and nothing tells the kernels when a
worker dies. :func:`watch_parent`, called once in each worker, closes both holes:

- a daemon thread checks every :data:`INTERVAL` seconds that the runner is still the
  worker's parent; when it is not, it ends the worker's descendants (its kernels and
  anything they started) and then the worker;
- SIGTERM (the runner stopping its workers at once) does the same before the worker exits,
  instead of leaving its kernels behind.

Descendants are found in ``/proc`` (Linux); elsewhere the watchdog only ends the worker.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time

INTERVAL = 0.5
"""Seconds between two checks of the parent."""
GRACE = 2.0
"""Seconds a descendant has to exit after SIGTERM before it gets SIGKILL."""
ORPHAN_EXIT = 75
"""The exit code of a worker that ended because its runner was gone."""


def descendants(pid: int) -> list[int]:
    """Return every process below ``pid`` (children first), read from ``/proc``.

    Examples
    --------
    >>> descendants(os.getpid()) == [] or all(isinstance(p, int) for p in descendants(1))
    True
    """
    children: dict[int, list[int]] = {}
    try:
        entries = os.listdir("/proc")
    except OSError:
        return []
    for name in entries:
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        # "pid (command) state ppid …": the command may hold spaces and parentheses
        fields = stat[stat.rfind(b")") + 2 :].split()
        if len(fields) > 1:
            children.setdefault(int(fields[1]), []).append(int(name))
    out, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in out:
                out.append(child)
                todo.append(child)
    return out


def end_descendants(pid: int | None = None, grace: float = GRACE) -> list[int]:
    """Send SIGTERM to every descendant of ``pid`` (this process), then SIGKILL to the rest.

    Returns the processes that were signalled.
    """
    pids = descendants(os.getpid() if pid is None else pid)
    for child in pids:
        with contextlib.suppress(OSError):
            os.kill(child, signal.SIGTERM)
    deadline = time.monotonic() + grace
    alive = list(pids)
    while alive and time.monotonic() < deadline:
        time.sleep(0.05)
        alive = [p for p in alive if _alive(p)]
    for child in alive:
        with contextlib.suppress(OSError):
            os.kill(child, signal.SIGKILL)
    return pids


def _alive(pid: int) -> bool:
    with contextlib.suppress(ChildProcessError, OSError):
        done, _ = os.waitpid(pid, os.WNOHANG)  # reap our own children
        if done == pid:
            return False
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            state = fh.read().rsplit(b")", 1)[-1].split()[0]
        return state not in (b"Z", b"X")
    except OSError:
        try:
            os.kill(pid, 0)
        except OSError:
            return False
        return True


def watch_parent(parent: int | None = None, interval: float = INTERVAL) -> threading.Thread:
    """Make this process end, with its descendants, as soon as its parent is gone.

    Call it once in a worker process (the process pool's initializer). Also turns SIGTERM
    into "end the descendants, then exit".

    Parameters
    ----------
    parent : int, optional
        The process to watch (default: the current parent).
    interval : float
        Seconds between two checks.
    """
    parent = os.getppid() if parent is None else parent

    def orphaned() -> None:
        end_descendants()
        os._exit(ORPHAN_EXIT)

    def watch() -> None:
        while True:
            time.sleep(interval)
            if os.getppid() != parent:
                orphaned()

    def on_term(signum, frame) -> None:
        end_descendants()
        os._exit(128 + signum)

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, on_term)
    thread = threading.Thread(target=watch, name="nq18-watchdog", daemon=True)
    thread.start()
    return thread
