"""Benchmark the PDF printer's settings side by side on the same report pages; print ONE JSON.

Every variant prints the same HTML pages (a folder of built reports, e.g. a synthetic grid
of ``bench_run.py`` or ``nq18 run --no-pdf``, or a list of pages in a text file) with one
:class:`~nq18lib.runner.pdf.PdfPrinter`; variants alternate in rounds. For each: wall
seconds, and core-seconds per page of the browser by process type (renderer, GPU, the
rest), of the playwright driver and of this process, read with psutil before and after
every print (median and 90th percentile of the pages, and the whole). The first ``--warm``
pages of every printer are left out (start-up, plotly.js compiled once).

``--reference FILE`` adds the variant ``reference``: the printer of another copy of
``runner/pdf.py`` (``git show main:src/nq18lib/runner/pdf.py > FILE``), measured in the same
rounds, so a change is judged against what it replaces on the same pages at the same load.

    python benchmarks/bench_pdf.py FOLDER|LIST.txt [--pages 20] [--rounds 2] [--variants a,b]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from nq18lib.runner import pdf as report_pdf  # noqa: E402

NO_GPU = ("--disable-gpu-rasterization", "--disable-software-rasterizer")
VARIANTS: dict[str, dict] = {
    "swap": {},
    "loaded": {"swap": False},
    "swap-nogpu": {"arguments": NO_GPU},
    "swap-inprocess": {"arguments": ("--in-process-gpu",)},
    "swap-noshm": {"arguments": ("--disable-dev-shm-usage",)},
    "swap-lean": {
        "arguments": (
            "--disable-dev-shm-usage",
            "--disable-features=Translate,OptimizationHints,MediaRouter,BackForwardCache",
            "--disable-renderer-backgrounding",
            "--disable-background-timer-throttling",
            "--mute-audio",
            "--disable-component-update",
            "--disable-sync",
            "--metrics-recording-only",
        )
    },
    "swap-direct": {"browser": "/usr/lib/chromium/chromium"},
}
"""Variant name → keyword arguments of :class:`PdfPrinter` (an empty dict: the defaults)."""


def kind_of(process) -> str:
    try:
        command = process.cmdline()
    except Exception:
        return "gone"
    text = " ".join(command)
    if "--type=renderer" in text:
        return "renderer"
    if "--type=gpu-process" in text:
        return "gpu"
    if "node" in os.path.basename(command[0] if command else ""):
        return "driver"
    if "--type=" in text:
        return "chromium-other"
    return "browser"


class TreeClock:
    """Core-seconds so far of the process trees under some pids, by process type."""

    def __init__(self, roots: list[int]):
        self.roots = roots
        self.kinds: dict[int, str] = {}
        self.last: dict[int, float] = {}

    def read(self) -> dict[int, float]:
        """Return {pid: core-seconds so far} of every process of the trees (gone ones kept)."""
        import psutil

        for pid in self.roots:
            try:
                root = psutil.Process(pid)
                tree = [root, *root.children(recursive=True)]
            except psutil.Error:
                continue
            for process in tree:
                if process.pid == os.getpid():  # this process: counted as "python"
                    continue
                try:
                    times = process.cpu_times()
                except psutil.Error:
                    continue
                if process.pid not in self.kinds:
                    self.kinds[process.pid] = kind_of(process)
                self.last[process.pid] = times.user + times.system
        return dict(self.last)

    def by_kind(self, before: dict[int, float], after: dict[int, float]) -> dict[str, float]:
        out: dict[str, float] = {}
        for pid, seconds in after.items():
            kind = self.kinds.get(pid, "gone")
            out[kind] = out.get(kind, 0.0) + seconds - before.get(pid, 0.0)
        return out


def load_reference(path: Path):
    """Import another copy of ``runner/pdf.py`` as a module of its own."""
    spec = importlib.util.spec_from_file_location("nq18_reference_pdf", path)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def run_variant(name: str, pages: list[Path], warm: int, out: Path, module) -> dict:
    kwargs = dict(VARIANTS.get(name, {}))
    browser = kwargs.pop("browser", None) or report_pdf.find_browser()
    per_page: list[dict[str, float]] = []
    with module.PdfPrinter(browser, timeout=60, **kwargs) as printer:
        for html in pages[:warm]:
            printer.print_pdf(html, out / f"{name}-warm.pdf")
        clock = TreeClock([printer.pid, os.getpid()])  # and the driver
        started = time.perf_counter()
        first = clock.read()
        self_first = sum(os.times()[:2])
        for i, html in enumerate(pages[warm:]):
            before, self_before = clock.read(), sum(os.times()[:2])
            printer.print_pdf(html, out / f"{name}-{i}.pdf")
            self_after = sum(os.times()[:2])
            page = clock.by_kind(before, clock.read())
            page["python"] = self_after - self_before
            page["total"] = sum(page.values())
            per_page.append(page)
        seconds = time.perf_counter() - started
        whole = clock.by_kind(first, clock.read())
        whole["python"] = sum(os.times()[:2]) - self_first  # with the sampling itself
        counts = {"swapped": printer.swapped, "loaded": printer.loaded}
    n = len(pages) - warm
    kinds = sorted({k for page in per_page for k in page})

    def column(kind: str) -> list[float]:
        return sorted(page.get(kind, 0.0) for page in per_page)

    return {
        "seconds_per_page": round(seconds / n, 3),
        "core_seconds_per_page": {k: round(sum(column(k)) / n, 3) for k in kinds},
        "median_page": {k: round(statistics.median(column(k)), 3) for k in kinds},
        "p90_page": {k: round(column(k)[int(0.9 * (n - 1))], 3) for k in kinds},
        "whole_per_page": {k: round(v / n, 3) for k, v in whole.items()},
        **counts,
    }


def pages_of(source: Path, count: int) -> list[Path]:
    if source.suffix == ".txt":
        pages = [Path(line.strip()) for line in source.read_text().splitlines() if line.strip()]
    else:
        pages = sorted(p for p in source.rglob("*.html") if p.name != "index.html")
        pages = [p for p in pages if ".failed." not in p.name and p.parent.name != "today"]
    return pages[:count]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="a folder of report pages or a list (.txt)")
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--warm", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--variants", default="swap,loaded")
    parser.add_argument("--reference", type=Path, help="another copy of runner/pdf.py")
    options = parser.parse_args()
    pages = pages_of(options.source, options.pages + options.warm)
    names = options.variants.split(",")
    modules = {name: report_pdf for name in names}
    if options.reference:
        names.insert(0, "reference")
        modules["reference"] = load_reference(options.reference)
    unknown = [n for n in names if n not in VARIANTS and n != "reference"]
    if unknown:
        parser.error(f"unknown variants {unknown}; known: {', '.join(VARIANTS)}")
    runs: dict[str, list[dict]] = {n: [] for n in names}
    load = [round(os.getloadavg()[0], 2)]
    with tempfile.TemporaryDirectory(prefix="nq18-bench-pdf-") as tmp:
        for r in range(options.rounds):
            order = names[r % len(names) :] + names[: r % len(names)]
            for name in order:
                result = run_variant(name, pages, options.warm, Path(tmp), modules[name])
                result["load"] = round(os.getloadavg()[0], 2)
                runs[name].append(result)
                print(f"bench_pdf: {name}: {result}", file=sys.stderr, flush=True)
    load.append(round(os.getloadavg()[0], 2))
    summary = {
        name: {
            "core_seconds_per_page_median": statistics.median(
                x["core_seconds_per_page"]["total"] for x in results
            ),
            "renderer_per_page_median": statistics.median(
                x["core_seconds_per_page"].get("renderer", 0.0) for x in results
            ),
            "seconds_per_page_median": statistics.median(x["seconds_per_page"] for x in results),
            "runs": results,
        }
        for name, results in runs.items()
    }
    first = summary[names[0]]["core_seconds_per_page_median"]
    for name in names:
        summary[name]["ratio_to_" + names[0]] = round(
            summary[name]["core_seconds_per_page_median"] / first, 3
        )
    pages_info = {"pages": len(pages) - options.warm, "source": str(options.source)}
    print(json.dumps({**pages_info, "load": load, **summary}, indent=1))


if __name__ == "__main__":
    main()
