"""Score nq18 extraction against hand-labelled texts and measure its speed.

Usage::

    python benchmarks/score_extract.py [FOLDER] [--extra TEXT GOLD] [--megabytes 3] [--check]
        [--scaling] [--summary]

FOLDER holds ``NAME.txt`` + ``NAME.gold.json`` pairs (default ``../shared/corpus``; when it
is the default, the seed document ``../shared/seeds/000_fb954fd1e08dc094.txt`` is scored
against ``corpus/seed.gold.json`` too). A figure matches a gold entry when (category,
reduced, percent, numerator, denominator, status) are equal; each gold entry matches once.

Prints one JSON object: per-file and overall precision, recall and F1, the figures missed
and the extra ones, the same scores for a naive regular-expression baseline, and the
throughput of both in MB of UTF-8 text per second (CPU time) on a large text built by
repeating the corpus texts (or built-in report-like sentences when no folder is given).
``overall.without_status`` matches on (category, reduced, percent, numerator, denominator)
only, as issue 11 scores it, and gives the share of matched figures whose status is right.
When no gold of the run uses the codes of the 2025 reform (``NEW_CODES``: the shared corpus
was labelled before them, "tổng cục" and leadership posts as ``other``), figures of those
codes are scored as ``other`` (``legacy_codes`` says so).
``--scaling`` times a 2 MB and a 10 MB text (the ratio of their seconds per MB stays near 1
for a linear extractor); ``--summary`` prints only the overall scores.
``--check`` exits 1 when precision < 0.95 or recall < 0.90.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

from nq18lib.extract.extraction import extract_figures
from nq18lib.reference.taxonomy import load_taxonomy

KEY = ("category", "reduced", "percent", "numerator", "denominator", "status")
NEW_CODES = frozenset(
    [
        "ministry",
        "government_agency",
        "general_department",
        "central_unit",
        "leadership_post",
        "province_unit",
        "payroll_exit",
    ]
)
"""Codes of the 2025 reform: gold labelled before them (../shared/corpus) calls them other."""
MATCH = KEY[:-1]
"""The issue's matching key: status is scored separately, on the matched figures."""
SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = ("seeds/000_fb954fd1e08dc094.txt", "corpus/seed.gold.json")
SENTENCES = (  # report-like prose for the throughput text when no corpus is at hand
    "Hội nghị tổng kết được tổ chức trang trọng với sự tham dự của lãnh đạo tỉnh.",
    "Tỉnh giảm 4 cơ quan tham mưu, giúp việc Tỉnh ủy đạt 30,8%; 6 sở đạt 28,6%; 90 phòng, "
    "ban và tương đương đạt 20,1% và 2 ban chỉ đạo.",
    "Về tinh giản biên chế, công chức đạt tỷ lệ 12,1% (190/1.570); viên chức tỷ lệ 6,2% "
    "(920/14.838).",
    "Các cơ quan, đơn vị tiếp tục rà soát chức năng, nhiệm vụ, bảo đảm không chồng chéo.",
    "Hiện toàn tỉnh có 1.923 công chức, 117 xã, phường, thị trấn theo Nghị định số "
    "24/2014/NĐ-CP ngày 4/4/2014; kinh phí hỗ trợ khoảng 150 tỷ đồng.",
    "Cấp huyện từ 11 huyện, thị xã giảm xuống còn 9; cấp xã giảm 35 đơn vị, đạt 19,8%.",
    "Đến năm 2026, tỉnh dự kiến giảm thêm 3 sở và 1 cơ quan tham mưu của Tỉnh ủy.",
    "Đồng chí Bí thư Tỉnh ủy đề nghị các cấp ủy tiếp tục quán triệt, tuyên truyền sâu rộng.",
)


def naive_figures(text: str) -> list[dict]:
    """A naive baseline: "giảm N <words>" or "giảm P%", category of the first synonym seen."""
    synonyms = sorted(
        ((s, code) for code, syns in load_taxonomy()[["code", "synonyms"]].values for s in syns),
        key=lambda item: -len(item[0]),
    )
    figures = []
    pattern = r"(?:giảm|bớt)\s+(?:được\s+)?(\d[\d.]*(?:,\d+)?)(\s*%)?\s+((?:[^\W\d_]+[\s,]+){0,6})"
    for m in re.finditer(pattern, text):
        words = m.group(3).lower().replace(",", " ")
        category = next((code for s, code in synonyms if f" {s} " in f" {words} "), None)
        if category is None:
            continue
        number = m.group(1)
        percent = float(number.replace(".", "").replace(",", ".")) if m.group(2) else None
        reduced = None if m.group(2) else int(number.split(",")[0].replace(".", ""))
        figures.append(
            {
                "category": category,
                "reduced": reduced,
                "percent": percent,
                "numerator": None,
                "denominator": None,
                "status": "result",
            }
        )
    return figures


def score(found: list[dict], gold: list[dict]) -> dict:
    """Precision, recall and F1 of found figures against gold, matching on ``KEY``."""
    f = Counter(tuple(x.get(k) for k in KEY) for x in found)
    g = Counter(tuple(x.get(k) for k in KEY) for x in gold)
    tp = sum((f & g).values())
    fp, fn = sum(f.values()) - tp, sum(g.values()) - tp
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "gold": sum(g.values()),
        "found": sum(f.values()),
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "missed": [dict(zip(KEY, k, strict=True)) for k in (g - f).elements()],
        "extra": [dict(zip(KEY, k, strict=True)) for k in (f - g).elements()],
    }


def status_free(found: list[dict], gold: list[dict]) -> dict:
    """Precision/recall matching on ``MATCH`` (no status), and how often status is right."""
    g_left: dict[tuple, list[str]] = {}
    for x in gold:
        g_left.setdefault(tuple(x.get(k) for k in MATCH), []).append(x.get("status"))
    tp = right = 0
    for x in found:
        key = tuple(x.get(k) for k in MATCH)
        statuses = g_left.get(key)
        if not statuses:
            continue
        tp += 1
        if x.get("status") in statuses:
            statuses.remove(x.get("status"))
            right += 1
        else:
            statuses.pop()
    precision = tp / len(found) if found else 1.0
    recall = tp / len(gold) if gold else 1.0
    return {
        "tp": tp,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "status_right": round(right / tp, 4) if tp else 1.0,
    }


def scaling(texts: list[str]) -> dict:
    """CPU seconds per MB at 2 MB and 10 MB, in lines and as one line (super-linear: ratio > 1)."""
    out = {}
    for joiner, name in (("\n", "lines"), (" ", "one_line")):  # one line: no paragraph breaks
        unit = joiner.join(texts) + joiner
        for megabytes in (2, 10):
            copies = max(1, int(megabytes * 1e6 / len(unit.encode("utf-8"))) + 1)
            big = unit * copies
            start = time.process_time()
            extract_figures(big)
            seconds = time.process_time() - start
            rate = round(seconds / (len(big.encode()) / 1e6), 4)
            out[f"{name}_{megabytes}mb_seconds_per_mb"] = rate
        ratio = out[f"{name}_10mb_seconds_per_mb"] / out[f"{name}_2mb_seconds_per_mb"]
        out[f"{name}_ratio_10_to_2"] = round(ratio, 3)
    return out


def pairs_in(folder: Path) -> list[tuple[str, Path, Path]]:
    """Return (name, text, gold) for every NAME.txt with a NAME.gold.json beside it."""
    out = []
    for text in sorted(folder.glob("*.txt")):
        gold = text.with_name(text.stem + ".gold.json")
        if gold.is_file():
            out.append((text.stem, text, gold))
    return out


def throughput(texts: list[str], megabytes: float) -> dict:
    """CPU-time speed of extraction and of the baseline on repeated texts."""
    unit = "\n".join(texts) + "\n"
    copies = max(1, int(megabytes * 1e6 / len(unit.encode("utf-8"))) + 1)
    big = unit * copies
    size = len(big.encode("utf-8")) / 1e6
    extract_figures(unit)  # warm caches (taxonomy, provinces)
    start = time.process_time()
    figures = extract_figures(big)
    extract_seconds = time.process_time() - start
    start = time.process_time()
    naive_figures(big)
    naive_seconds = time.process_time() - start
    return {
        "megabytes": round(size, 3),
        "extract_seconds": round(extract_seconds, 3),
        "extract_mb_per_s": round(size / extract_seconds, 3),
        "baseline_seconds": round(naive_seconds, 3),
        "baseline_mb_per_s": round(size / naive_seconds, 3),
        "figures_kept": len(figures),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=None, help="NAME.txt + NAME.gold.json")
    parser.add_argument("--extra", nargs=2, action="append", default=[], metavar=("TEXT", "GOLD"))
    parser.add_argument("--megabytes", type=float, default=3.0, help="size of the speed text")
    parser.add_argument("--check", action="store_true", help="exit 1 below P 0.95 / R 0.90")
    parser.add_argument("--scaling", action="store_true", help="time 2 MB against 10 MB")
    parser.add_argument("--summary", action="store_true", help="print only the overall scores")
    args = parser.parse_args(argv)

    folder = Path(args.folder) if args.folder else SHARED / "corpus"
    pairs = pairs_in(folder) if folder.is_dir() else []
    if args.folder is None and (SHARED / SEED[0]).is_file():
        pairs.append(("seed", SHARED / SEED[0], SHARED / SEED[1]))
    pairs += [(Path(t).stem, Path(t), Path(g)) for t, g in args.extra]

    golds = {name: json.loads(g.read_text(encoding="utf-8")) for name, _, g in pairs}
    legacy = not any(x["category"] in NEW_CODES for gold in golds.values() for x in gold)
    files, baseline_files = {}, {}
    all_found, all_gold, all_naive, texts = [], [], [], []
    for name, text_path, _ in pairs:
        text = text_path.read_text(encoding="utf-8")
        gold = golds[name]
        found = [{k: getattr(f, k) for k in KEY} for f in extract_figures(text)]
        if legacy:  # gold from before the 2025 codes: "tổng cục" is other there
            found = [{**f, "category": "other"} if f["category"] in NEW_CODES else f for f in found]
        naive = naive_figures(text)
        files[name] = score(found, gold)
        baseline_files[name] = {
            k: v for k, v in score(naive, gold).items() if k not in ("missed", "extra")
        }
        # keep file boundaries so a figure only matches gold of its own file
        all_found += [{**f, "category": f"{name}:{f['category']}"} for f in found]
        all_naive += [{**f, "category": f"{name}:{f['category']}"} for f in naive]
        all_gold += [{**g, "category": f"{name}:{g['category']}"} for g in gold]
        texts.append(text)

    overall = {k: v for k, v in score(all_found, all_gold).items() if k not in ("missed", "extra")}
    overall["without_status"] = status_free(all_found, all_gold)
    naive_overall = {
        k: v for k, v in score(all_naive, all_gold).items() if k not in ("missed", "extra")
    }
    result = {
        "corpus": str(folder),
        "legacy_codes": legacy,
        "files_scored": len(pairs),
        "key": list(KEY),
        "overall": overall,
        "files": files,
        "baseline": {"overall": naive_overall, "files": baseline_files},
        "throughput": throughput(texts or list(SENTENCES), args.megabytes),
    }
    if args.scaling:
        result["scaling"] = scaling(texts or list(SENTENCES))
    if args.summary:
        result = {k: result[k] for k in ("corpus", "files_scored", "overall", "throughput")} | {
            "scaling": result.get("scaling"),
            "baseline": result["baseline"]["overall"],
        }
    json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    if args.check and pairs and (overall["precision"] < 0.95 or overall["recall"] < 0.90):
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
