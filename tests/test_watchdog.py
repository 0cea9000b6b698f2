"""No process of a run outlives it: the watchdog ends a worker and its kernels with the runner."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from nq18lib.runner import watchdog
from nq18lib.runner.watchdog import descendants

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")

# A "runner" that forks a "worker" (watchdog on), which starts a "kernel" in a session of
# its own, as jupyter_client does; the runner then waits to be killed.
RUNNER = textwrap.dedent(
    """
    import importlib.util, os, subprocess, sys, time
    spec = importlib.util.spec_from_file_location("watchdog", sys.argv[2])  # light: no pandas
    watchdog = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(watchdog)
    watch_parent = watchdog.watch_parent
    out = sys.argv[1]
    pid = os.fork()
    if pid == 0:
        watch_parent(interval=0.1)
        kernel = subprocess.Popen(["sleep", "300"], start_new_session=True)
        with open(out, "w") as fh:
            fh.write(f"{os.getpid()} {kernel.pid}")
        time.sleep(300)
        os._exit(0)
    time.sleep(300)
    """
)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_bytes().rsplit(b")", 1)[-1].split()[0]
    except OSError:
        return False
    return state not in (b"Z", b"X")


def _wait_gone(pids, seconds=10.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(_alive(p) for p in pids):
        time.sleep(0.05)
    return [p for p in pids if _alive(p)]


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_a_killed_runner_takes_its_worker_and_kernel_with_it(tmp_path, sig):
    pids = tmp_path / "pids"
    runner = subprocess.Popen([sys.executable, "-c", RUNNER, str(pids), watchdog.__file__])
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not (pids.exists() and pids.read_text().strip()):
        time.sleep(0.05)
    worker, kernel = map(int, pids.read_text().split())
    assert set(descendants(runner.pid)) >= {worker, kernel}
    runner.send_signal(sig)
    runner.wait(timeout=10)
    assert _wait_gone([worker, kernel]) == []


def test_sigterm_to_a_worker_ends_its_kernel_first(tmp_path):
    pids = tmp_path / "pids"
    runner = subprocess.Popen([sys.executable, "-c", RUNNER, str(pids), watchdog.__file__])
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not (pids.exists() and pids.read_text().strip()):
            time.sleep(0.05)
        worker, kernel = map(int, pids.read_text().split())
        os.kill(worker, signal.SIGTERM)  # what the runner does to its workers on Ctrl-C
        assert _wait_gone([worker, kernel]) == []
    finally:
        runner.kill()
        runner.wait()


def test_end_descendants_of_a_process_without_children_does_nothing():
    # in a process of its own: the test process may have children of other tests (kernels)
    code = "from nq18lib.runner.watchdog import end_descendants; print(end_descendants(grace=0.1))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
