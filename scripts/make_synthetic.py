"""Write a SYNTHETIC data folder: figures for the 63 provinces × 5 sectors, for benchmarks only.

The numbers are invented (seeded, reproducible) and labelled synthetic everywhere: the source id
is ``synthetic-bench``, the sources registry row says so, every figure's note says so. The
folder is written where you say (default ``benchmarks/out/synthetic-data``, ignored by git),
never into ``data/``; point nq18 at it with ``NQ18_DATA_DIR=<folder>``.

    python scripts/make_synthetic.py [--out FOLDER] [--seed 18]
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
from pathlib import Path

from nq18lib.dataset.figures import COLUMN_NAMES, load_figures
from nq18lib.paths import DATA_DIR, PROJECT_DIR
from nq18lib.reference.provinces import all_provinces

SOURCE_ID = "synthetic-bench"
NOTE = "SYNTHETIC: số liệu tổng hợp để đo hiệu năng, không phải số liệu thật / not real data"
CATEGORIES = (  # (category, level, baseline range)
    ("party_agency", "tinh", (8, 14)),
    ("state_department", "tinh", (17, 22)),
    ("division", "tinh+huyen", (250, 600)),
    ("public_service_unit", "tinh+huyen", (300, 900)),
    ("commune_unit", "xa", (90, 250)),
    ("village", "thon", (600, 2000)),
    ("civil_servant", "tinh+huyen", (1200, 3500)),
    ("public_employee", "tinh+huyen", (12000, 40000)),
)


def synthetic_rows(seed: int = 18) -> list[dict[str, str]]:
    """Return the synthetic figures: every category for every one of the 63 provinces."""
    rows = []
    for province in all_provinces():
        rng = random.Random(f"{seed}-{province.code}")
        for n, (category, level, (low, high)) in enumerate(CATEGORIES, start=1):
            baseline = rng.randint(low, high)
            reduced = max(1, round(baseline * rng.uniform(0.04, 0.45)))
            fraction = category in ("civil_servant", "public_employee")
            rows.append(
                {
                    "figure_id": f"SYN-{province.code}-{n:02d}",
                    "source_id": SOURCE_ID,
                    "jurisdiction": province.name,
                    "province_code": province.code,
                    "category": category,
                    "level": level,
                    "reduced": str(reduced),
                    "percent": f"{100 * reduced / baseline:.1f}",
                    "numerator": str(reduced) if fraction else "",
                    "denominator": str(baseline) if fraction else "",
                    "period_start": "2017-10-25",
                    "period_end": "2025",
                    "phase": "cả 2 giai đoạn",
                    "status": "result",
                    "location": f"p{n}:{10 * n}-{10 * n + 9}",
                    "note": NOTE,
                }
            )
    return rows


def write_synthetic_data(out: Path, seed: int = 18) -> Path:
    """Create ``out/figures/synthetic.csv``, ``out/sources.csv`` and ``out/reference/``."""
    out = out.resolve()
    if out == DATA_DIR.resolve() or DATA_DIR.resolve() in out.parents:
        raise SystemExit(f"refusing to write synthetic data inside {DATA_DIR}")
    (out / "figures").mkdir(parents=True, exist_ok=True)
    if (out / "reference").exists():
        shutil.rmtree(out / "reference")
    shutil.copytree(DATA_DIR / "reference", out / "reference")
    figures = out / "figures" / "synthetic.csv"
    with figures.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(COLUMN_NAMES), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(synthetic_rows(seed))
    sources = (DATA_DIR / "sources.csv").read_text(encoding="utf-8").rstrip("\n").split("\n")
    header = sources[0].split(",")
    row = dict.fromkeys(header, "")
    row.update(
        source_id=SOURCE_ID,
        title="SYNTHETIC benchmark figures (not real data)",
        publisher="nq18lib scripts/make_synthetic.py",
        date="2026",
        language="vi",
        quality="SYNTHETIC",
        note=NOTE,
    )
    with (out / "sources.csv").open("w", encoding="utf-8", newline="") as fh:
        fh.write("\n".join(sources) + "\n")
        csv.DictWriter(fh, fieldnames=header).writerow(row)
    load_figures(figures)  # the synthetic data follows the data contract
    return out


def main() -> None:
    """Write the synthetic data folder."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = PROJECT_DIR / "benchmarks" / "out" / "synthetic-data"
    parser.add_argument("--out", type=Path, default=default)
    parser.add_argument("--seed", type=int, default=18)
    args = parser.parse_args()
    print(write_synthetic_data(args.out, args.seed))


if __name__ == "__main__":
    main()
