"""Benchmark the PDF printer's settings side by side on the same report pages; print ONE JSON.

Every variant prints the same HTML pages (a folder of built reports, e.g. a synthetic grid
of ``bench_run.py``) with one :class:`~nq18lib.runner.pdf.PdfPrinter`; variants alternate
in rounds. For each: wall seconds, and core-seconds per page of the browser by process type
(renderer, GPU, the rest) and of the playwright driver, read with psutil. The first
``--warm`` pages of every printer are left out (start-up, plotly.js compiled once).

    python benchmarks/bench_pdf.py FOLDER [--pages 20] [--rounds 2] [--variants a,b]
"""

from __future__ import annotations

import argparse
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
    "loaded": {"swap": False},
    "swap": {},
    "swap-nogpu": {"arguments": NO_GPU},
    "swap-inprocess": {"arguments": ("--in-process-gpu",)},
    "swap-nogpu-inprocess": {"arguments": (*NO_GPU, "--in-process-gpu")},
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


def cpu_by_kind(root_pids: list[int], seen: dict[int, tuple[str, float]]) -> None:
    """Note the CPU seconds so far of every process under ``root_pids`` (by pid)."""
    import psutil

    for pid in root_pids:
        try:
            root = psutil.Process(pid)
            tree = [root, *root.children(recursive=True)]
        except psutil.Error:
            continue
        for process in tree:
            try:
                times = process.cpu_times()
                seen[process.pid] = (
                    seen.get(process.pid, (kind_of(process),))[0],
                    times.user + times.system,
                )
            except psutil.Error:
                continue


def totals(seen: dict[int, tuple[str, float]]) -> dict[str, float]:
    out: dict[str, float] = {}
    for kind, seconds in seen.values():
        out[kind] = out.get(kind, 0.0) + seconds
    return out


def run_variant(name: str, pages: list[Path], warm: int, out: Path) -> dict:
    kwargs = dict(VARIANTS[name])
    browser = kwargs.pop("browser", None) or report_pdf.find_browser()
    with report_pdf.PdfPrinter(browser, timeout=60, **kwargs) as printer:
        for html in pages[:warm]:
            printer.print_pdf(html, out / f"{name}-warm.pdf")
        roots = [printer.pid, os.getpid()]
        before: dict = {}
        cpu_by_kind(roots, before)
        before.pop(os.getpid(), None)
        self_before = sum(os.times()[:2])
        started = time.perf_counter()
        for i, html in enumerate(pages[warm:]):
            printer.print_pdf(html, out / f"{name}-{i}.pdf")
        seconds = time.perf_counter() - started
        counts = {"swapped": printer.swapped, "loaded": printer.loaded}
        self_after = sum(os.times()[:2])
        after: dict = {}
        cpu_by_kind(roots, after)
        after.pop(os.getpid(), None)
    n = len(pages) - warm
    base = totals(before)
    used = {k: round((v - base.get(k, 0.0)) / n, 3) for k, v in totals(after).items()}
    used["python"] = round((self_after - self_before) / n, 3)
    used["total"] = round(sum(used.values()), 3)
    return {"seconds_per_page": round(seconds / n, 3), "core_seconds_per_page": used, **counts}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--warm", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--variants", default=",".join(VARIANTS))
    options = parser.parse_args()
    pages = sorted(p for p in options.folder.rglob("*.html") if p.name != "index.html")
    pages = [p for p in pages if ".failed." not in p.name][: options.pages + options.warm]
    names = options.variants.split(",")
    runs: dict[str, list[dict]] = {n: [] for n in names}
    load = [round(os.getloadavg()[0], 2)]
    with tempfile.TemporaryDirectory(prefix="nq18-bench-pdf-") as tmp:
        for r in range(options.rounds):
            order = names[r % len(names) :] + names[: r % len(names)]
            for name in order:
                result = run_variant(name, pages, options.warm, Path(tmp))
                result["load"] = round(os.getloadavg()[0], 2)
                runs[name].append(result)
                print(f"bench_pdf: {name}: {result}", file=sys.stderr, flush=True)
    load.append(round(os.getloadavg()[0], 2))
    summary = {
        name: {
            "core_seconds_per_page_median": statistics.median(
                x["core_seconds_per_page"]["total"] for x in results
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
    print(json.dumps({"pages": len(pages) - options.warm, "load": load, **summary}, indent=1))


if __name__ == "__main__":
    main()
