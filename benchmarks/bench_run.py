"""Benchmark ``nq18 run`` against the naive loop; print ONE JSON object.

Grids:
- ``ha-nam``: every report kind for Hà Nam from the shipped data (HTML + PDF);
- ``synthetic-sample``: a sample of the synthetic grid (default 20 reports: 4 provinces ×
  5 sectors), synthetic data from ``scripts/make_synthetic.py``;
- ``synthetic-full``: the whole synthetic grid, 63 provinces × 5 sectors = 315 reports,
  ``nq18 run`` only (the naive loop would take most of an hour).

``nq18_seconds`` is the wall time of ``nq18 run`` into an empty folder (HTML, PDF, index,
manifest); ``naive_seconds`` the wall time of a shell loop doing, per report, ``papermill``,
then ``jupyter nbconvert --to html``, then one ``chromium --headless --print-to-pdf``;
``ratio`` = nq18 / naive; ``noop_seconds`` the wall time of the same ``nq18 run`` again, with
nothing changed. Everything is written under ``benchmarks/out/`` (ignored by git) or
``--work``; synthetic data never goes into ``data/`` nor the shipped reports.

    python benchmarks/bench_run.py [--sample 20] [--no-full] [--work DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SECTORS = ["party", "government", "public_service", "admin_units", "staffing"]


def timed(command: list[str], env: dict[str, str]) -> tuple[float, subprocess.CompletedProcess]:
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    return time.perf_counter() - started, done


def nq18(args: list[str], env: dict[str, str]) -> tuple[float, subprocess.CompletedProcess]:
    return timed([str(BIN / "nq18"), "run", *args], env)


def naive_script(manifest: dict, work: Path, browser: str) -> str:
    """Return the shell loop a user would write: papermill, nbconvert, chromium per report."""
    lines = ["set -e"]
    for rid, entry in sorted(manifest["reports"].items()):
        notebook = (
            ROOT / entry["notebook"]
            if not Path(entry["notebook"]).is_absolute()
            else Path(entry["notebook"])
        )
        stem = work / rid.replace("/", "__")
        params = " ".join(
            f"-p {shlex.quote(k)} {shlex.quote(str(v))}" for k, v in entry["parameters"].items()
        )
        lines += [
            f"{BIN / 'papermill'} {shlex.quote(str(notebook))} {stem}.ipynb {params} "
            f"--cwd {shlex.quote(str(notebook.parent))} --no-progress-bar -k python3 2>/dev/null",
            f"{BIN / 'jupyter'} nbconvert --to html --no-input {stem}.ipynb 2>/dev/null",
            f"{shlex.quote(browser)} --headless --no-sandbox --disable-gpu --no-pdf-header-footer "
            f"--print-to-pdf={stem}.pdf {stem}.html 2>/dev/null",
        ]
    return "\n".join(lines) + "\n"


def sizes(folder: Path, suffix: str) -> int:
    return max(
        (p.stat().st_size for p in folder.rglob(f"*{suffix}") if p.name != "index.html"), default=0
    )


def bench_grid(name: str, args: list[str], env: dict, work: Path, naive: bool) -> dict:
    out = work / name / "reports"
    shutil.rmtree(work / name, ignore_errors=True)
    out.mkdir(parents=True)
    seconds, done = nq18([*args, "--out", str(out)], env)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    statuses = [e["status"] for e in manifest["reports"].values()]
    correct = 0  # a report is correct when built, with its province and charts in the page
    for entry in manifest["reports"].values():
        page = (out / entry["html"]).read_text(encoding="utf-8")
        correct += (
            entry["status"] == "ok"
            and (entry["province"] or "") in page
            and "application/x-nq18-chart" in page
            and (out / (entry.get("pdf") or "-")).is_file()
        )
    noop, again = nq18([*args, "--out", str(out)], env)
    result = {
        "grid": name,
        "reports": len(statuses),
        "failed": sum(s != "ok" for s in statuses),
        "correct": correct,
        "pdfs": sum(1 for e in manifest["reports"].values() if e.get("pdf")),
        "exit_code": done.returncode,
        "nq18_seconds": round(seconds, 2),
        "naive_seconds": None,
        "ratio": None,
        "noop_seconds": round(noop, 2),
        "noop_rebuilt": again.stderr.count(" ok "),
        "html_max_bytes": sizes(out, ".html"),
        "pdf_max_bytes": sizes(out, ".pdf"),
    }
    if naive:
        loop = work / name / "naive"
        loop.mkdir()
        script = loop / "loop.sh"
        script.write_text(naive_script(manifest, loop, shutil.which("chromium") or "chromium"))
        naive_seconds, ran = timed(["bash", str(script)], env)
        result["naive_seconds"] = round(naive_seconds, 2)
        result["naive_exit_code"] = ran.returncode
        result["ratio"] = round(seconds / naive_seconds, 3)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=ROOT / "benchmarks" / "out" / "bench_run")
    parser.add_argument("--sample", type=int, default=20, help="reports in the synthetic sample")
    parser.add_argument("--no-full", action="store_true", help="skip the 315-report grid")
    parser.add_argument("--no-naive", action="store_true", help="skip the naive loops")
    options = parser.parse_args()
    work = options.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PATH": f"{BIN}:{os.environ.get('PATH', '')}"}
    env.pop("NQ18_DATA_DIR", None)
    env.pop("NQ18_REPORTS_DIR", None)
    grids = [bench_grid("ha-nam", ["--province", "Hà Nam"], env, work, not options.no_naive)]

    synthetic = work / "synthetic-data"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_synthetic.py"), "--out", str(synthetic)],
        check=True,
        capture_output=True,
    )
    syn_env = {**env, "NQ18_DATA_DIR": str(synthetic)}
    sys.path.insert(0, str(ROOT / "src"))
    from nq18lib.reference.provinces import all_provinces

    names = [p.name for p in all_provinces()]
    per = max(1, options.sample // len(SECTORS))
    sample = [names[i * len(names) // per] for i in range(per)]
    args = [a for name in sample for a in ("--province", name)]
    args += [a for s in SECTORS for a in ("--sector", s)]
    grids.append(bench_grid("synthetic-sample", args, syn_env, work, not options.no_naive))
    if not options.no_full:
        full = [a for s in SECTORS for a in ("--sector", s)]
        grids.append(bench_grid("synthetic-full", full, syn_env, work, naive=False))
    print(
        json.dumps(
            {"cores": os.cpu_count(), "python": sys.version.split()[0], "grids": grids},
            ensure_ascii=False,
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
