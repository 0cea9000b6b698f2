"""Benchmark: ``extract`` on 2 MB and 10 MB of report text, as .txt and as .html.

The text is made of Vietnamese figure sentences (written for this benchmark) and filler
prose; the HTML wraps it in paragraphs, tables and, for the hostile case, 10,000 nested
unclosed tags. Linear time means the 10 MB run takes about five times the 2 MB one.

Prints one JSON document. Target (issue 14): 10 MB ≤ about 5 × 2 MB.

Usage: ``python benchmarks/bench_extract.py [--sizes 2,10]``
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from nq18lib.extract.extraction import extract_file

SENTENCES = [
    "Tỉnh Hà Nam giảm 4 cơ quan chuyên môn, đạt 21,1%.",
    "Số công chức giảm 215 người (từ 1.503 xuống 1.288), tương ứng 14,3%.",
    "Toàn tỉnh sắp xếp 116 xã còn 69 xã, giảm 47 đơn vị hành chính cấp xã.",
    "Các đơn vị sự nghiệp công lập giảm 87 đơn vị so với năm 2015.",
    "Hội nghị đã thảo luận nhiều nội dung về công tác cán bộ trong thời gian tới.",
    "Ban Thường vụ Tỉnh ủy chỉ đạo quyết liệt việc tổ chức thực hiện.",
]


def make_text(megabytes: float) -> str:
    block = "\n".join(SENTENCES) + "\n"
    return block * max(1, int(megabytes * 1e6 / len(block.encode())))


def make_html(text: str, hostile: bool) -> str:
    paragraphs = "".join(f"<p>{line}</p>" for line in text.splitlines())
    nested = "<div><span>" * 10_000 if hostile else ""
    return f"<html><body>{nested}<table><tr><td>x</td></tr></table>{paragraphs}</body></html>"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="2,10")
    args = parser.parse_args()
    runs = []
    with tempfile.TemporaryDirectory() as folder:
        for size in map(float, args.sizes.split(",")):
            text = make_text(size)
            for kind, content in (
                ("txt", text),
                ("html", make_html(text, False)),
                ("html-nested-unclosed", make_html(text, True)),
            ):
                path = Path(folder) / f"r.{'txt' if kind == 'txt' else 'html'}"
                path.write_text(content, encoding="utf-8")
                start = time.perf_counter()
                figures = extract_file(path, jurisdiction="Hà Nam")
                seconds = time.perf_counter() - start
                runs.append(
                    {
                        "kind": kind,
                        "megabytes": round(path.stat().st_size / 1e6, 2),
                        "seconds": round(seconds, 2),
                        "figures": len(figures),
                    }
                )
    by = {(r["kind"], r["megabytes"]): r["seconds"] for r in runs}
    ratios = {}
    for kind in {r["kind"] for r in runs}:
        sizes = sorted(m for k, m in by if k == kind)
        if len(sizes) > 1:
            ratios[kind] = round(by[(kind, sizes[-1])] / max(by[(kind, sizes[0])], 1e-9), 2)
    print(json.dumps({"runs": runs, "time_ratio_largest_to_smallest": ratios}, indent=1))


if __name__ == "__main__":
    main()
