"""Benchmark: load 100,000 figure rows from CSV and from XLSX.

Generates a table of valid figures (Vietnamese number writing in part of the cells),
writes it as CSV and as XLSX in a temporary folder, and times in the same run:

- ``load_figures`` on the CSV and on the XLSX (read, type, validate);
- the naive way for comparison: ``pandas.read_csv`` then per-row Python parsing and
  validation, and openpyxl's read-only mode for the XLSX cells alone.

Prints one JSON document. Targets (issue 3): CSV under 2 s, XLSX under 15 s.

Usage: ``python benchmarks/bench_load.py [--rows N] [--repeat R] [--no-naive]``
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import time
from pathlib import Path

import openpyxl
import pandas as pd

from nq18lib.dataset.figures import COLUMN_NAMES, load_figures
from nq18lib.numerals import parse_count, parse_decimal
from nq18lib.reference import provinces, taxonomy


def make_rows(n: int) -> list[list[object]]:
    """Return n valid figure rows (unique ids, no duplicate figure)."""
    codes = [p for p in provinces.all_provinces()]
    categories = taxonomy.category_codes()
    rows = []
    for i in range(n):
        p = codes[i % len(codes)]
        baseline = 100 + i % 9000
        reduced = baseline // 7
        rows.append(
            [
                f"BENCH-{i:06d}",
                f"bench-src-{i // len(categories)}",
                p.name if i % 3 else f"tỉnh {p.name}",
                p.code,
                categories[i % len(categories)],
                "tinh+huyen",
                f"{reduced:,}".replace(",", "."),
                f"{100 * reduced / baseline:.1f}".replace(".", ","),
                reduced,
                baseline,
                baseline,
                baseline - reduced,
                "2017-10-25",
                "2025",
                "cả 2 giai đoạn",
                "result" if i % 2 else "plan",
                f"p{1 + i % 40}:{i % 500}-{i % 500 + 30}",
                "",
            ]
        )
    return rows


def naive_load(path: Path) -> pd.DataFrame:
    """The straightforward way: read_csv, then parse and check cell by cell in Python."""
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    known = set(taxonomy.category_codes())
    seen: set[str] = set()
    problems = []
    records = []
    for row in table.to_dict("records"):
        rec = dict(row)
        for name in ("reduced", "numerator", "denominator", "baseline", "after"):
            rec[name] = parse_count(row[name]) if row[name] else None
        rec["percent"] = parse_decimal(row["percent"]).value if row["percent"] else None
        if rec["category"] not in known:
            problems.append("category")
        if provinces.find_province(rec["jurisdiction"]) is None:
            problems.append("jurisdiction")
        if rec["percent"] is not None and not 0 <= rec["percent"] <= 100:
            problems.append("percent")
        if rec["numerator"] is not None and rec["numerator"] > rec["denominator"]:
            problems.append("numerator")
        if rec["figure_id"] in seen:
            problems.append("duplicate")
        seen.add(rec["figure_id"])
        records.append(rec)
    return pd.DataFrame.from_records(records)


def timed(func, repeat: int) -> tuple[float, float, object]:
    """Best wall-clock and process CPU seconds of ``repeat`` runs, and the last result.

    CPU time is reported too because the machine is shared: under load the wall-clock
    time grows, the CPU time much less.
    """
    best, best_cpu, result = float("inf"), float("inf"), None
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = func()
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.process_time() - start_cpu)
    return round(best, 3), round(best_cpu, 3), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=1, help="best of R runs")
    parser.add_argument("--no-naive", action="store_true", help="skip the naive comparisons")
    args = parser.parse_args()
    rows = make_rows(args.rows)
    report: dict[str, object] = {
        "rows": args.rows,
        "python": platform.python_version(),
        "pandas": pd.__version__,
        "targets_s": {"csv": 2.0, "xlsx": 15.0},
    }
    with tempfile.TemporaryDirectory() as tmp:
        csv_path, xlsx_path = Path(tmp) / "figures.csv", Path(tmp) / "figures.xlsx"
        pd.DataFrame(rows, columns=list(COLUMN_NAMES)).to_csv(csv_path, index=False)
        book = openpyxl.Workbook(write_only=True)
        sheet = book.create_sheet("Số liệu")
        sheet.append(["Bảng số liệu tinh gọn bộ máy (benchmark)"])
        sheet.append([])
        sheet.append(list(COLUMN_NAMES))
        for row in rows:
            sheet.append([None if v == "" else v for v in row])
        book.save(xlsx_path)
        report["load_average_before"] = os.getloadavg()[0]
        wall, cpu, frame = timed(lambda: load_figures(csv_path), args.repeat)
        assert len(frame) == args.rows
        report["csv_load_figures_s"], report["csv_load_figures_cpu_s"] = wall, cpu
        wall, cpu, frame = timed(lambda: load_figures(xlsx_path), args.repeat)
        assert len(frame) == args.rows
        report["xlsx_load_figures_s"], report["xlsx_load_figures_cpu_s"] = wall, cpu
        if not args.no_naive:
            wall, cpu, _ = timed(lambda: naive_load(csv_path), args.repeat)
            report["csv_naive_read_csv_per_row_python_s"] = wall
            report["csv_naive_read_csv_per_row_python_cpu_s"] = cpu

            def openpyxl_cells() -> int:
                wb = openpyxl.load_workbook(xlsx_path, read_only=True, data_only=True)
                count = sum(1 for _ in wb.worksheets[0].iter_rows(values_only=True))
                wb.close()
                return count

            wall, cpu, _ = timed(openpyxl_cells, args.repeat)
            report["xlsx_naive_openpyxl_read_only_cells_only_s"] = wall
            report["xlsx_naive_openpyxl_read_only_cells_only_cpu_s"] = cpu
        report["load_average_after"] = os.getloadavg()[0]
    report["csv_ok"] = report["csv_load_figures_s"] < 2.0
    report["xlsx_ok"] = report["xlsx_load_figures_s"] < 15.0
    report["cpus"] = os.cpu_count()
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
