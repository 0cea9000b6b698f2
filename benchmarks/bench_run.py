"""Benchmark ``nq18 run`` against Ploomber and the naive loop, and at scale; print ONE JSON.

Parts (each tool measured as a whole process tree: wall seconds, core-seconds, peak
resident memory of the tree sampled every 0.1 s, the load average). Core-seconds come two
ways: ``core_seconds`` from ``RUSAGE_CHILDREN`` (only processes reaped up the tree: it
misses Chromium's renderers and GPU process, which Chromium does not reap), and
``core_seconds_psutil``, the sum over every process seen in the tree (sampled; the last
0.1 s of a process can be missed), with ``core_seconds_by_process`` by kind (main, worker,
kernel, chromium_renderer …). Read ``core_seconds_psutil`` as the cost.

- ``ten``: the same 10 reports (every kind for Hà Nam, shipped data, HTML + PDF) built by
  ``nq18 run``, by Ploomber (``ploomber`` DAG with its Parallel executor: a NotebookRunner
  task per report exporting HTML, and a Chromium task per PDF; only with the ``[bench]``
  extra installed) and by the naive loop (per report ``papermill``, ``jupyter nbconvert
  --to html``, ``chromium --headless --print-to-pdf``), in interleaved rounds (the order
  rotates every round); medians per tool and ratios to the naive loop; then the no-change
  re-run of nq18 (and of Ploomber). A tool's run is stopped after ``--tool-timeout``
  seconds (its whole tree killed; left out of the medians, with the PDFs it had printed).
- ``synthetic``: the synthetic grid (``scripts/make_synthetic.py``) at 20, 80 and 315
  reports (4, 16 and 63 provinces × 5 sectors), nq18 only, HTML + PDF; the 80-report run
  under ``ulimit -n 256``; open descriptors of each worker process (first quarter and end
  of the run); the no-change re-run; peak memory relative to the 20-report run.

The machine is shared: compare ratios measured in the same run, and read ``load`` (the
1-minute load average before and after each measure) before any absolute figure.

    python benchmarks/bench_run.py [--rounds 3] [--sizes 20,80,315] [--no-ploomber]
        [--no-ten] [--no-pdf] [--tool-timeout 300] [--work DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SECTORS = ["party", "government", "public_service", "admin_units", "staffing"]
PLOOMBER = Path(__file__).with_name("ploomber_dag.py")


# --------------------------------------------------------------------------- measuring


def load() -> float:
    return round(os.getloadavg()[0], 2)


CHROMIUM_NAMES = ("chrom", "headless_shell", "headless-shell")
"""Words in a Chromium process's command line or name (the browser, its helpers)."""


def process_kind(
    command: list[str], is_root: bool, is_worker: bool, name: str = "", parent: str = ""
) -> str:
    """Name what a process of a run is: main, worker, kernel, a Chromium process …

    ``name`` is the process's own name (``/proc/PID/comm``) and ``parent`` the kind of its
    parent: Chromium rewrites its helpers' command lines (a zygote's children show only
    ``--type=zygote`` or nothing at all), so a process is Chromium's when its name says so
    or when its parent is a Chromium process.
    """
    text = " ".join(command)
    if is_root:
        return "main"
    if is_worker:
        return "worker"
    if "ipykernel" in text:
        return "kernel"
    if "--type=renderer" in text:
        return "chromium_renderer"
    if "--type=gpu-process" in text:
        return "chromium_gpu"
    chromium = any(word in text or word in name for word in CHROMIUM_NAMES)
    if chromium and "--type=" not in text and not parent.startswith("chromium"):
        return "chromium_browser"
    if chromium or parent.startswith("chromium"):
        return "chromium_other"
    if command and "node" in os.path.basename(command[0]):
        return "playwright_driver"
    return "other"


class TreeSampler(threading.Thread):
    """Samples a process tree: peak summed RSS and PSS, descriptors of the nq18 workers,
    CPU seconds of every process (the last value seen), by kind of process."""

    def __init__(self, pid: int, interval: float = 0.1):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_rss = 0
        self.peak_pss = 0
        self.worker_fds: dict[int, list[int]] = {}
        self.cpu: dict[int, tuple[str, float]] = {}
        self.others: dict[str, float] = {}
        """Command lines of the processes named "other", with their core-seconds."""
        self.stop = threading.Event()

    def cpu_by_kind(self) -> dict[str, float]:
        """Core-seconds by kind of process (a process's CPU after its last sample is lost)."""
        out: dict[str, float] = {}
        for kind, seconds in self.cpu.values():
            out[kind] = round(out.get(kind, 0.0) + seconds, 2)
        return dict(sorted(out.items()))

    def run(self) -> None:
        import psutil

        try:
            root = psutil.Process(self.pid)
            command = root.cmdline()
        except psutil.Error:
            return
        while not self.stop.is_set():
            try:
                tree = [root, *root.children(recursive=True)]
            except psutil.Error:
                break
            rss = pss = 0
            kinds: dict[int, str] = {}
            for process in tree:  # parents before their children
                try:
                    rss += process.memory_info().rss
                    pss += getattr(process.memory_full_info(), "pss", 0)
                    own = process.cmdline()
                    ppid = process.ppid()
                    worker = ppid == self.pid and own == command
                    if worker:
                        self.worker_fds.setdefault(process.pid, []).append(process.num_fds())
                    times = process.cpu_times()
                    # named again every time: a child seen between fork and exec still
                    # has its parent's command line; but a process that is exiting has
                    # none any more, and keeps the kind it had (else a renderer closed at
                    # the end of a run is counted, with all its CPU, as another process)
                    if not own and process.pid in self.cpu:
                        kind = self.cpu[process.pid][0]
                    else:
                        kind = process_kind(
                            own,
                            process.pid == self.pid,
                            worker,
                            process.name(),
                            kinds.get(ppid, ""),
                        )
                    kinds[process.pid] = kind
                    self.cpu[process.pid] = (kind, times.user + times.system)
                    if kind == "other":
                        self.others[" ".join(own)[:120] or process.name()] = round(
                            times.user + times.system, 2
                        )
                except psutil.Error:
                    continue
            self.peak_rss = max(self.peak_rss, rss)
            self.peak_pss = max(self.peak_pss, pss)
            self.stop.wait(self.interval)


def measure(
    command: list[str],
    env: dict[str, str],
    nofile: int | None = None,
    cwd: Path | None = None,
    timeout: float | None = None,
) -> dict:
    """Run a command; return its wall and core seconds, peak memory, worker descriptors.

    Past ``timeout`` seconds every process of its tree is killed and the result says
    ``timed_out`` (its figures then cover the part done).
    """

    def limits() -> None:
        os.nice(5)
        if nofile:
            resource.setrlimit(resource.RLIMIT_NOFILE, (nofile, nofile))

    before, load_before = resource.getrusage(resource.RUSAGE_CHILDREN), load()
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        env=env,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=limits,
        start_new_session=True,
    )
    sampler = TreeSampler(process.pid)
    sampler.start()
    timed_out = False
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        kill_tree(process.pid)
        out, err = process.communicate()
    seconds = time.perf_counter() - started
    sampler.stop.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cores = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    fds = {
        str(pid): {"first_quarter": s[len(s) // 4], "end": s[-1], "max": max(s)}
        for pid, s in sampler.worker_fds.items()
        if s and sampler.cpu.get(pid, ("",))[0] == "worker"  # not a child before its exec
    }
    by_process = sampler.cpu_by_kind()
    return {
        "exit_code": process.returncode,
        "timed_out": timed_out,
        "seconds": round(seconds, 2),
        "core_seconds": round(cores, 2),  # RUSAGE_CHILDREN: what the tree's reaped processes used
        "core_seconds_psutil": round(sum(by_process.values()), 2),  # every process seen, sampled
        "core_seconds_by_process": by_process,
        "other_processes": dict(sorted(sampler.others.items(), key=lambda kv: -kv[1])[:8]),
        "peak_rss_mb": round(sampler.peak_rss / 2**20, 1),  # shared pages counted per process
        "peak_pss_mb": round(sampler.peak_pss / 2**20, 1),  # shared pages split: the tree's own
        "worker_fds": fds,
        "load": [load_before, load()],
        "stderr_tail": err.strip().splitlines()[-2:] if process.returncode else [],
        "stdout": out,
    }


def kill_tree(pid: int) -> None:
    """Kill a process and everything it started (kernels and browsers have sessions of
    their own: a signal to the process group would not reach them)."""
    import signal

    import psutil

    try:
        root = psutil.Process(pid)
        tree = [root, *root.children(recursive=True)]
    except psutil.Error:
        tree = []
    with contextlib.suppress(OSError):
        os.killpg(pid, signal.SIGKILL)
    for process in tree:
        with contextlib.suppress(psutil.Error):
            process.kill()


# --------------------------------------------------------------------------- the tools


def _printer_browser() -> str:
    """The executable ``nq18 run`` prints PDFs with here (its headless shell, if any)."""
    sys.path.insert(0, str(ROOT / "src"))
    from nq18lib.runner.pdf import find_browser

    try:
        return find_browser()
    except Exception as err:  # no browser: the JSON says so
        return f"none ({err})"


def nq18_command(args: list[str], out: Path) -> list[str]:
    return [str(BIN / "nq18"), "run", *args, "--out", str(out)]


def reports_of(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))["reports"]


def check_reports(out: Path, pdf: bool = True) -> dict:
    """Count reports built correctly: status ok, province and charts in the page, a PDF
    (unless ``pdf`` is false)."""
    reports = reports_of(out)
    correct = 0
    for entry in reports.values():
        page = (out / entry["html"]).read_text(encoding="utf-8")
        correct += (
            entry["status"] == "ok"
            and (entry["province"] or "") in page
            and "application/x-nq18-chart" in page
            and (not pdf or (out / (entry.get("pdf") or "-")).is_file())
        )
    return {"reports": len(reports), "correct": correct}


def notebook_of(entry: dict) -> Path:
    path = Path(entry["notebook"])
    return path if path.is_absolute() else ROOT / path


def naive_script(reports: dict, work: Path, browser: str) -> str:
    """Return the shell loop a user would write: papermill, nbconvert, chromium per report."""
    lines = ["set -e"]
    for rid, entry in sorted(reports.items()):
        notebook = notebook_of(entry)
        stem = work / rid.replace("/", "__")
        params = " ".join(
            f"-p {shlex.quote(k)} {shlex.quote(str(v))}"
            for k, v in entry["parameters"].items()
            if k != "tables_path"
        )
        lines += [
            f"{BIN / 'papermill'} {shlex.quote(str(notebook))} {stem}.ipynb {params} "
            f"--cwd {shlex.quote(str(notebook.parent))} --no-progress-bar -k python3 2>/dev/null",
            f"{BIN / 'jupyter'} nbconvert --to html --no-input {stem}.ipynb 2>/dev/null",
            f"{shlex.quote(browser)} --headless --no-sandbox --disable-gpu --no-pdf-header-footer "
            f"--print-to-pdf={stem}.pdf {stem}.html 2>/dev/null",
        ]
    return "\n".join(lines) + "\n"


def ploomber_available() -> bool:
    try:
        import ploomber  # noqa: F401
    except ImportError:
        return False
    return True


def ploomber_spec(reports: dict, work: Path, browser: str) -> Path:
    spec = {
        "browser": browser,
        "jobs": os.cpu_count() or 1,
        "reports": [
            {
                "name": rid.replace("/", "__"),
                "notebook": str(notebook_of(e)),
                "parameters": {k: v for k, v in e["parameters"].items() if k != "tables_path"},
            }
            for rid, e in sorted(reports.items())
        ],
        "out": str(work),
    }
    path = work / "spec.json"
    path.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    return path


def median(values: list[float]) -> float | None:
    return round(statistics.median(values), 3) if values else None


def strip(result: dict) -> dict:
    return {k: v for k, v in result.items() if k != "stdout"}


# --------------------------------------------------------------------------- the parts


def bench_ten(
    env: dict, work: Path, rounds: int, with_ploomber: bool, browser: str, timeout: float
) -> dict:
    """The same 10 reports through nq18, Ploomber and the naive loop, interleaved.

    Each tool's run is stopped after ``timeout`` seconds (then left out of the medians,
    with the PDFs it had printed by then).
    """
    args = ["--province", "Hà Nam"]
    base = work / "ten"
    shutil.rmtree(base, ignore_errors=True)
    reference = base / "reference"
    first = measure(nq18_command(args, reference), env)
    reports = reports_of(reference)
    tools = ["nq18", "naive"] + (["ploomber"] if with_ploomber else [])
    runs: dict[str, list[dict]] = {t: [] for t in tools}
    for r in range(rounds):
        order = tools[r % len(tools) :] + tools[: r % len(tools)]
        for tool in order:
            folder = base / f"{tool}-{r}"
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            if tool == "nq18":
                result = measure(nq18_command(args, folder), env, timeout=timeout)
                if not result["timed_out"]:
                    result.update(check_reports(folder))
            elif tool == "naive":
                script = folder / "loop.sh"
                script.write_text(naive_script(reports, folder, browser))
                result = measure(["bash", str(script)], env, timeout=timeout)
            else:
                spec = ploomber_spec(reports, folder, browser)
                command = [sys.executable, str(PLOOMBER), str(spec)]
                result = measure(command, env, timeout=timeout)
            result["pdfs"] = len(list(folder.rglob("*.pdf")))
            result["round"] = r
            runs[tool].append(strip(result))
            (base / "runs.json").write_text(json.dumps(runs, ensure_ascii=False, indent=1))
    summary: dict = {"reports": len(reports), "rounds": rounds, "warm_up": strip(first)}
    for tool in tools:
        ok = [x for x in runs[tool] if x["exit_code"] == 0 and not x["timed_out"]]
        summary[tool] = {
            "completed_runs": len(ok),
            "seconds_median": median([x["seconds"] for x in ok]),
            "core_seconds_median": median([x["core_seconds"] for x in ok]),
            "core_seconds_psutil_median": median([x["core_seconds_psutil"] for x in ok]),
            "core_seconds_per_report": median([x["core_seconds"] / len(reports) for x in ok]),
            "core_seconds_psutil_per_report": median(
                [x["core_seconds_psutil"] / len(reports) for x in ok]
            ),
            "peak_rss_mb_median": median([x["peak_rss_mb"] for x in ok]),
            "runs": runs[tool],
        }
    naive = summary["naive"]
    for tool in tools:
        if tool == "naive":
            continue
        for measure_, name in (
            ("seconds_median", "ratio_seconds_to_naive"),
            ("core_seconds_median", "ratio_core_seconds_to_naive"),
            ("core_seconds_psutil_median", "ratio_core_seconds_psutil_to_naive"),
        ):
            if summary[tool][measure_] and naive[measure_]:
                summary[tool][name] = round(summary[tool][measure_] / naive[measure_], 3)
    noop = measure(nq18_command(args, base / "nq18-0"), env, timeout=timeout)
    summary["nq18"]["noop"] = strip(noop) | {"rebuilt": noop["stderr_tail"]}
    if with_ploomber and summary["ploomber"]["completed_runs"]:
        done = next(x for x in runs["ploomber"] if x["exit_code"] == 0 and not x["timed_out"])
        spec = base / f"ploomber-{done['round']}" / "spec.json"
        again = measure([sys.executable, str(PLOOMBER), str(spec)], env, timeout=timeout)
        summary["ploomber"]["noop"] = strip(again)
    return summary


def bench_synthetic(env: dict, work: Path, sizes: list[int], pdf: bool = True) -> dict:
    """The synthetic grid at several sizes, nq18 only; the 80-report run under ulimit -n 256.

    Without ``pdf`` the runs build HTML only (``--no-pdf``): the kernels' and workers' side.
    """
    data = work / "synthetic-data"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_synthetic.py"), "--out", str(data)],
        check=True,
        capture_output=True,
    )
    syn_env = {**env, "NQ18_DATA_DIR": str(data)}
    sys.path.insert(0, str(ROOT / "src"))
    from nq18lib.reference.provinces import all_provinces

    names = [p.name for p in all_provinces()]
    grids = []
    for size in sizes:
        per = max(1, min(len(names), size // len(SECTORS)))
        provinces = [names[i * len(names) // per] for i in range(per)]
        args = [] if per == len(names) else [a for n in provinces for a in ("--province", n)]
        args += [a for s in SECTORS for a in ("--sector", s)]
        args += [] if pdf else ["--no-pdf"]
        out = work / f"synthetic-{size}"
        shutil.rmtree(out, ignore_errors=True)
        nofile = 256 if size == 80 else None
        result = strip(measure(nq18_command(args, out), syn_env, nofile=nofile))
        result.update(check_reports(out, pdf))
        result["ulimit_n"] = nofile
        result["pdf"] = pdf
        n = result["reports"] or 1
        result["core_seconds_per_report"] = round(result["core_seconds"] / n, 3)
        result["core_seconds_psutil_per_report"] = round(result["core_seconds_psutil"] / n, 3)
        result["core_seconds_by_process_per_report"] = {
            k: round(v / n, 3) for k, v in result["core_seconds_by_process"].items()
        }
        result["seconds_per_report"] = round(result["seconds"] / result["reports"], 3)
        noop = strip(measure(nq18_command(args, out), syn_env, nofile=nofile))
        kept = ("exit_code", "seconds", "core_seconds", "core_seconds_psutil", "load")
        result["noop"] = {k: noop[k] for k in kept}
        grids.append(result)
        (work / f"synthetic-{size}.json").write_text(json.dumps(result, ensure_ascii=False))
        print(f"bench: synthetic {size}: {result['seconds']} s", file=sys.stderr, flush=True)
    if grids:
        for measure_ in ("rss", "pss"):
            base = grids[0][f"peak_{measure_}_mb"]
            for grid in grids:
                ratio = grid[f"peak_{measure_}_mb"] / base if base else None
                grid[f"peak_{measure_}_vs_smallest"] = round(ratio, 3) if ratio else None
    return {"grids": grids}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=ROOT / "benchmarks" / "out" / "bench_run")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds of the 10")
    parser.add_argument("--sizes", default="20,80,315", help="synthetic grid sizes ('' = none)")
    parser.add_argument("--no-ploomber", action="store_true", help="leave Ploomber out")
    parser.add_argument("--no-ten", action="store_true", help="skip the 10-report comparison")
    parser.add_argument(
        "--no-pdf", action="store_true", help="synthetic grids in HTML only (kernels, workers)"
    )
    parser.add_argument(
        "--tool-timeout",
        type=float,
        default=300.0,
        help="seconds one tool has for the 10 reports before it is stopped (default 300)",
    )
    options = parser.parse_args()
    work = options.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PATH": f"{BIN}:{os.environ.get('PATH', '')}"}
    env.pop("NQ18_DATA_DIR", None)
    env.pop("NQ18_REPORTS_DIR", None)
    browser = shutil.which("chromium") or "chromium"
    with_ploomber = not options.no_ploomber and ploomber_available()
    result: dict = {
        "cores": os.cpu_count(),
        "python": sys.version.split()[0],
        "pythondontwritebytecode": os.environ.get("PYTHONDONTWRITEBYTECODE", ""),
        "browser_for_pdfs": _printer_browser(),
        "uptime": subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip(),
        "ploomber": with_ploomber,
        "note": "shared machine: read ratios of the same run; absolute targets need it idle",
    }
    if not options.no_ten:
        result["ten"] = bench_ten(
            env, work, options.rounds, with_ploomber, browser, options.tool_timeout
        )
        print("bench: ten done", file=sys.stderr, flush=True)
        (work / "partial.json").write_text(json.dumps(result, ensure_ascii=False, indent=1))
    sizes = [int(s) for s in options.sizes.split(",") if s.strip()]
    result["synthetic"] = bench_synthetic(env, work, sizes, pdf=not options.no_pdf)
    if "ten" in result and result["synthetic"]["grids"] and not options.no_pdf:
        naive = result["ten"]["naive"]
        for grid in result["synthetic"]["grids"]:
            for mine, theirs, name in (
                ("core_seconds_per_report", "core_seconds_per_report", "cost_vs_naive_per_report"),
                (
                    "core_seconds_psutil_per_report",
                    "core_seconds_psutil_per_report",
                    "cost_psutil_vs_naive_per_report",
                ),
            ):
                grid[name] = round(grid[mine] / naive[theirs], 3) if naive[theirs] else None
    result["uptime_end"] = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    print(json.dumps(result, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
