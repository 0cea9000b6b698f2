"""Benchmark: the audit of many figures of one province, and of the whole country.

Generates valid figures in memory (one province, few sources, so that the cross-figure
checks find large groups: parts by phase and level, "trong đó" notes, repeated subjects),
and times :func:`nq18lib.audit.checks.audit_figures` for growing sizes; the naive way
(every pair of figures of a group compared) is timed in the same run for the sizes where
it ends in reasonable time.

Prints one JSON document. Targets (issue 14): 3,000 figures of one province under 60 s;
100,000 figures in seconds.

Usage: ``python benchmarks/bench_audit.py [--sizes 1000,3000,10000,100000] [--naive-max 3000]``
"""

from __future__ import annotations

import argparse
import json
import platform
import time

import pandas as pd

from nq18lib.audit import findings
from nq18lib.audit.checks import audit_figures
from nq18lib.dataset.contract import COLUMN_NAMES
from nq18lib.frames import cell_text
from nq18lib.reference import taxonomy

PHASES = ("giai đoạn 1", "giai đoạn 2", "cả 2 giai đoạn")
LEVELS = ("tinh", "huyen", "tinh+huyen")


def make_figures(n: int, sources: int = 5) -> pd.DataFrame:
    """Return n figures of Hà Nam spread over a few sources (large same-subject groups)."""
    categories = taxonomy.category_codes()[:6]
    rows = []
    for i in range(n):
        baseline = 100 + i % 900
        reduced = baseline // 7
        rows.append(
            {
                "figure_id": f"B-{i:06d}",
                "source_id": f"src-{i % sources}",
                "jurisdiction": "Hà Nam",
                "province_code": "35",
                "category": categories[(i // sources) % len(categories)],
                "level": LEVELS[i % 3],
                "reduced": reduced,
                "percent": round(100 * reduced / baseline, 1),
                "baseline": baseline,
                "period_start": "2017-10-25",
                "period_end": "2025",
                "phase": PHASES[(i // 3) % 3],
                "status": "result",
                "location": f"p{i % 40}:{i}-{i + 9}",
                "note": "trong đó" if i % 11 == 0 else ("" if i % 2 else f"note {i % 7}"),
            }
        )
    frame = pd.DataFrame(rows).reindex(columns=list(COLUMN_NAMES))
    frame["percent_decimals"] = 1
    for name in ("reduced", "baseline", "numerator", "denominator", "after", "percent_decimals"):
        frame[name] = frame[name].astype("Int64")
    frame["percent"] = frame["percent"].astype("Float64")
    return frame


def naive_conflicts(figures: pd.DataFrame) -> int:
    """The pairwise way: every two figures of a subject compared (count of conflicts)."""
    keyed: dict[tuple, list[dict]] = {}
    for fig in figures.to_dict("records"):
        key = tuple(cell_text(fig.get(name)) for name in findings.DUPLICATE_KEY)
        keyed.setdefault(key, []).append(fig)
    count = 0
    for group in keyed.values():
        for i, first in enumerate(group):
            for second in group[i + 1 :]:
                same = all(
                    cell_text(first.get(c)) == cell_text(second.get(c))
                    for c in findings.DUPLICATE_ANCHOR
                )
                notes = (cell_text(first.get("note")), cell_text(second.get("note")))
                if not same and all(notes) and notes[0] != notes[1]:
                    continue
                count += 2
    return count


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,3000,10000,100000")
    parser.add_argument("--naive-max", type=int, default=3000)
    args = parser.parse_args()
    results = []
    empty = pd.DataFrame(columns=["jurisdiction", "category", "date", "count"])
    for n, spread in [(int(x), s) for x in args.sizes.split(",") for s in (False, True)]:
        # worst case: 5 sources, groups of n/90 figures of one subject; spread: a source
        # per 30 figures, as the shipped data has them
        figures = make_figures(n, sources=max(1, n // 30) if spread else 5)
        start = time.perf_counter()
        audited = audit_figures(figures, reference=empty)
        seconds = time.perf_counter() - start
        conflicts = sum(
            f["check"] == "conflicting_figures" for fs in audited["findings"] for f in fs
        )
        parts = sum(f["check"] == "parts_vs_total" for fs in audited["findings"] for f in fs)
        entry = {
            "figures": n,
            "sources": "one per 30 figures" if spread else 5,
            "seconds": round(seconds, 2),
            "conflict_findings": conflicts,
            "parts_findings": parts,
        }
        if n <= args.naive_max and not spread:
            start = time.perf_counter()
            entry["naive_pairs_conflicts"] = naive_conflicts(figures)
            entry["naive_pairs_seconds"] = round(time.perf_counter() - start, 2)
        results.append(entry)
    print(
        json.dumps(
            {"machine": platform.machine(), "python": platform.python_version(), "runs": results},
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
