"""Compare extraction of this checkout with another source tree: same output, and speed.

Usage::

    python benchmarks/compare_extract.py BASELINE_SRC [--rounds 5] [--megabytes 3] [--no-speed]

``BASELINE_SRC`` is the ``src`` folder of another checkout of nq18lib (for instance
``git -C ../main archive main src | tar -x -C /tmp/base``). Both trees are run in child
processes of this script (``PYTHONPATH`` set to the tree), on the same texts:

- every development text (``tests/extract_corpus/*/*.txt``), the shared corpus and the seed
  (``../shared``), each alone; the throughput text of ``score_extract.py`` (corpus and seed
  joined); the built-in sentences of ``score_extract.py`` and ``bench_extract.py``, and the
  same texts as one line (long sentences cut by the extractor);
- the output compared is everything extraction returns: every field of every figure
  (``Figure.to_dict()`` with the bounds, spans, confidence and doubts) and every possible
  miss, in order. Any difference is listed (file, index, field, both values).

Speed (unless ``--no-speed``): the baseline is copied as ``nq18lib_baseline`` and both trees
are imported in one child process; each round times (``time.process_time``, CPU seconds)
``extract_text`` on the throughput text of ``score_extract.py`` (``--megabytes``) with each
tree, which one goes first alternating, then on every development text once (no text
repeated), text by text, alternating. Reported: MB/s of each tree in each round, the medians,
and the paired ratios (baseline seconds / this tree's seconds: above 1 is faster), with the
load average before and after.

Prints one JSON object; exits 1 when any output differs.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared"


def development_texts() -> dict[str, str]:
    """Return every development text by name (the extract corpus, shared corpus and seed)."""
    paths = sorted((ROOT / "tests" / "extract_corpus").glob("*/*.txt"))
    paths += sorted((SHARED / "corpus").glob("*.txt"))
    seed = SHARED / "seeds" / "000_fb954fd1e08dc094.txt"
    if seed.is_file():
        paths.append(seed)
    return {str(p.relative_to(ROOT.parent)): p.read_text(encoding="utf-8") for p in paths}


def comparison_texts() -> dict[str, str]:
    """Return the texts whose extraction must be identical, by name."""
    sys.path.insert(0, str(HERE))
    import bench_extract
    import score_extract

    texts = development_texts()
    corpus = [t for name, t in texts.items() if name.startswith("shared/")]
    texts["throughput unit (corpus + seed)"] = "\n".join(corpus) + "\n"
    texts["throughput unit, one line"] = " ".join(corpus) + " "
    texts["score_extract sentences"] = "\n".join(score_extract.SENTENCES) + "\n"
    texts["bench_extract sentences"] = "\n".join(bench_extract.SENTENCES) + "\n"
    texts["all development texts, one line"] = " ".join(texts.values())
    return texts


def dump(texts: dict[str, str]) -> dict[str, dict]:
    """Return the whole extraction output of every text (run in the tree on sys.path)."""
    from dataclasses import asdict

    from nq18lib.extract.extraction import extract_text

    out = {}
    for name, text in texts.items():
        found = extract_text(text)
        figures = []
        for fig in found.figures:
            row = fig.to_dict()
            row["bounds"] = dict(fig.bounds)
            figures.append(row)
        out[name] = {
            "figures": figures,
            "possible_misses": [asdict(m) for m in found.possible_misses],
        }
    return out


def baseline_package(src: Path, folder: Path) -> None:
    """Copy the baseline's ``nq18lib`` into ``folder`` as ``nq18lib_baseline``.

    Both trees then import in one process, so their speed is measured in the same moments.
    """
    target = folder / "nq18lib_baseline"
    shutil.copytree(src / "nq18lib", target, ignore=shutil.ignore_patterns("__pycache__"))
    for path in target.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"\bnq18lib\b", "nq18lib_baseline", text), encoding="utf-8")


def timing(megabytes: float, rounds: int) -> dict:
    """Time both trees in this process, interleaved: CPU seconds per round and per tree.

    Each round extracts the throughput text once with each tree (which goes first
    alternates), then every development text once with each tree, text by text.
    """
    from nq18lib_baseline.extract.extraction import extract_text as base

    from nq18lib.extract.extraction import extract_text as mine

    texts = development_texts()
    dev = list(texts.values())
    corpus = [t for name, t in texts.items() if name.startswith("shared/")]
    unit = "\n".join(corpus) + "\n"
    big = unit * max(1, int(megabytes * 1e6 / len(unit.encode("utf-8"))) + 1)
    trees = {"baseline": base, "this_tree": mine}
    for extract in trees.values():
        extract(unit)  # warm the caches (taxonomy, patterns)
    runs = []
    for number in range(rounds):
        seconds = {
            f"{kind}_{tree}": 0.0 for kind in ("throughput", "development") for tree in trees
        }
        order = list(trees) if number % 2 == 0 else list(reversed(trees))
        for tree in order:
            start = time.process_time()
            trees[tree](big)
            seconds[f"throughput_{tree}"] = time.process_time() - start
        for index, text in enumerate(dev):
            for tree in order if index % 2 == 0 else reversed(order):
                start = time.process_time()
                trees[tree](text)
                seconds[f"development_{tree}"] += time.process_time() - start
        runs.append(seconds)
    return {
        "throughput_mb": len(big.encode("utf-8")) / 1e6,
        "development_mb": sum(len(t.encode("utf-8")) for t in dev) / 1e6,
        "rounds": runs,
    }


def child(src: Path, mode: str, megabytes: float, rounds: int = 1, extra: str = "") -> dict:
    """Run this script in a child process importing nq18lib from ``src`` (and ``extra``)."""
    path = os.pathsep.join(p for p in (str(src), extra) if p)
    env = dict(os.environ, PYTHONPATH=path, NQ18_PROJECT_DIR=str(ROOT))
    args = [sys.executable, __file__, "--child", mode, "--megabytes", str(megabytes)]
    args += ["--rounds", str(rounds), str(src)]
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"child run in {src} failed:\n{done.stderr}")
    return json.loads(done.stdout)


def differences(base: dict, mine: dict, limit: int = 40) -> list[dict]:
    """Return the differences between two dumps (file, item, field, both values)."""
    out = []
    for name in sorted(set(base) | set(mine)):
        a, b = base.get(name), mine.get(name)
        if a is None or b is None:
            out.append({"file": name, "missing_in": "baseline" if a is None else "this tree"})
            continue
        for kind in ("figures", "possible_misses"):
            if len(a[kind]) != len(b[kind]):
                out.append({"file": name, kind: [len(a[kind]), len(b[kind])]})
            for index, (x, y) in enumerate(zip(a[kind], b[kind], strict=False)):
                for key in sorted(set(x) | set(y)):
                    if x.get(key) != y.get(key):
                        out.append(
                            {
                                "file": name,
                                "item": f"{kind}[{index}]",
                                "field": key,
                                "baseline": x.get(key),
                                "this_tree": y.get(key),
                            }
                        )
    return out[:limit]


def speed_summary(timed: dict, kind: str) -> dict:
    """MB/s of each tree per round, medians, and the median paired ratio (above 1: faster)."""
    size = timed[f"{kind}_mb"]
    rounds = timed["rounds"]
    base = [size / r[f"{kind}_baseline"] for r in rounds]
    mine = [size / r[f"{kind}_this_tree"] for r in rounds]
    ratios = [r[f"{kind}_baseline"] / r[f"{kind}_this_tree"] for r in rounds]
    return {
        "megabytes": round(size, 3),
        "baseline_mb_per_s": [round(x, 3) for x in base],
        "this_tree_mb_per_s": [round(x, 3) for x in mine],
        "baseline_median_mb_per_s": round(statistics.median(base), 3),
        "this_tree_median_mb_per_s": round(statistics.median(mine), 3),
        "speedup_paired": [round(x, 3) for x in ratios],
        "speedup_median_paired": round(statistics.median(ratios), 3),
    }


def load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("baseline", type=Path, help="src folder of the baseline checkout")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved timing rounds")
    parser.add_argument("--megabytes", type=float, default=3.0, help="size of the speed text")
    parser.add_argument("--no-speed", action="store_true", help="compare output only")
    parser.add_argument("--child", choices=["dump", "time"], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child == "dump":
        json.dump(dump(comparison_texts()), sys.stdout, ensure_ascii=False)
        return 0
    if args.child == "time":
        json.dump(timing(args.megabytes, args.rounds), sys.stdout)
        return 0

    mine_src, base_src = ROOT / "src", args.baseline.resolve()
    base_out = child(base_src, "dump", args.megabytes)
    mine_out = child(mine_src, "dump", args.megabytes)
    diff = differences(base_out, mine_out)
    result: dict = {
        "baseline": str(base_src),
        "this_tree": str(mine_src),
        "texts_compared": len(mine_out),
        "figures_compared": sum(len(v["figures"]) for v in mine_out.values()),
        "misses_compared": sum(len(v["possible_misses"]) for v in mine_out.values()),
        "identical": not diff,
        "differences": diff,
    }
    if not args.no_speed:
        load_before = load()
        with tempfile.TemporaryDirectory() as folder:
            baseline_package(base_src, Path(folder))
            timed = child(mine_src, "time", args.megabytes, args.rounds, extra=folder)
        result["speed"] = {
            "cpu": "time.process_time of extract_text, both trees in one process, interleaved",
            "rounds": args.rounds,
            "load_before": load_before,
            "load_after": load(),
            "throughput_text": speed_summary(timed, "throughput"),
            "development_texts_once": speed_summary(timed, "development"),
        }
    json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0 if not diff else 1


if __name__ == "__main__":
    raise SystemExit(main())
