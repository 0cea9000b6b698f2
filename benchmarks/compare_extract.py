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

Speed (unless ``--no-speed``): rounds interleaved (baseline, this tree, baseline, …), each
child timing CPU seconds (``time.process_time``) of ``extract_text`` on the throughput text of
``score_extract.py`` (``--megabytes``) and on the development texts read once each (no text
repeated). Reported: MB/s of each tree in each round, the median, and the median of the
paired ratios (baseline seconds / this tree's seconds: above 1 is faster), with the load
average before and after.

Prints one JSON object; exits 1 when any output differs.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
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


def timing(megabytes: float) -> dict[str, float]:
    """Return CPU seconds and MB of the throughput text and of the development texts."""
    sys.path.insert(0, str(HERE))
    import score_extract

    from nq18lib.extract.extraction import extract_text

    dev = list(development_texts().values())
    corpus = [t for name, t in development_texts().items() if name.startswith("shared/")]
    unit = "\n".join(corpus) + "\n"
    big = unit * max(1, int(megabytes * 1e6 / len(unit.encode("utf-8"))) + 1)
    extract_text(unit)  # warm the caches (taxonomy, patterns)
    start = time.process_time()
    extract_text(big)
    big_seconds = time.process_time() - start
    start = time.process_time()
    for text in dev:
        extract_text(text)
    dev_seconds = time.process_time() - start
    del score_extract
    return {
        "throughput_mb": len(big.encode("utf-8")) / 1e6,
        "throughput_seconds": big_seconds,
        "development_mb": sum(len(t.encode("utf-8")) for t in dev) / 1e6,
        "development_seconds": dev_seconds,
    }


def child(src: Path, mode: str, megabytes: float) -> dict:
    """Run this script in a child process importing nq18lib from ``src``."""
    env = dict(os.environ, PYTHONPATH=str(src))
    args = [sys.executable, __file__, "--child", mode, "--megabytes", str(megabytes), str(src)]
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
        json.dump(timing(args.megabytes), sys.stdout)
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
        rounds = []
        load_before = load()
        for _ in range(args.rounds):
            base = child(base_src, "time", args.megabytes)
            mine = child(mine_src, "time", args.megabytes)
            rounds.append({"baseline": base, "this_tree": mine})

        def summary(kind: str) -> dict:
            def rate(run: dict) -> float:
                return run[f"{kind}_mb"] / run[f"{kind}_seconds"]

            base_rates = [rate(r["baseline"]) for r in rounds]
            mine_rates = [rate(r["this_tree"]) for r in rounds]
            ratios = [
                r["baseline"][f"{kind}_seconds"] / r["this_tree"][f"{kind}_seconds"]
                for r in rounds
            ]
            return {
                "megabytes": round(rounds[0]["this_tree"][f"{kind}_mb"], 3),
                "baseline_mb_per_s": [round(x, 3) for x in base_rates],
                "this_tree_mb_per_s": [round(x, 3) for x in mine_rates],
                "baseline_median_mb_per_s": round(statistics.median(base_rates), 3),
                "this_tree_median_mb_per_s": round(statistics.median(mine_rates), 3),
                "speedup_median_paired": round(statistics.median(ratios), 3),
            }

        result["speed"] = {
            "cpu": "time.process_time of extract_text in each child",
            "rounds": args.rounds,
            "load_before": load_before,
            "load_after": load(),
            "throughput_text": summary("throughput"),
            "development_texts_once": summary("development"),
        }
    json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0 if not diff else 1


if __name__ == "__main__":
    raise SystemExit(main())
