"""The reports index: ``reports/index.html``, one page listing every report of the manifest.

Vietnamese first with English labels; for each report its parameters, status, build time and
links to the HTML and PDF files. Every text is escaped (province names and error messages come
from data and notebooks). The page has no script and no external URL.
"""

from __future__ import annotations

import html
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote

from nq18lib.runner.manifest import write_atomic

INDEX_NAME = "index.html"
STATUS_LABELS = {
    "ok": ("Hoàn thành", "OK"),
    "failed": ("Lỗi", "Failed"),
    "timeout": ("Quá thời gian", "Timed out"),
    "crashed": ("Dừng bất thường", "Crashed"),
}
HIDDEN_PARAMETERS = ("data_path", "tables_path")

_CSS = """
body { font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; margin: 2rem auto;
       max-width: 72rem; padding: 0 1rem; color: #222; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
.en { color: #666; font-weight: normal; }
table { border-collapse: collapse; width: 100%; font-size: 0.92rem; }
th, td { text-align: left; padding: 0.35em 0.6em; border-bottom: 1px solid #ddd;
         vertical-align: top; }
th { background: #f3f5f7; }
.ok { color: #1b7a3a; } .failed, .timeout, .crashed { color: #b3261e; font-weight: bold; }
.error { color: #b3261e; font-size: 0.85rem; white-space: pre-wrap; }
code { font-size: 0.85rem; }
@media print { a { color: inherit; } }
"""


def _label(vi: str, en: str) -> str:
    return f'{html.escape(vi)} <span class="en">/ {html.escape(en)}</span>'


def _link(href: str, text: str) -> str:
    return f'<a href="{html.escape(quote(href))}">{html.escape(text)}</a>'


def index_html(manifest: Mapping[str, Any], reports_dir: str | os.PathLike) -> str:
    """Return the index page of the reports recorded in a manifest.

    Reports whose HTML file no longer exists in ``reports_dir`` are left out.
    """
    reports_dir = Path(reports_dir)
    rows_by_province: dict[str, list[str]] = {}
    entries = sorted(
        manifest.get("reports", {}).items(),
        key=lambda item: (item[1].get("province") or "", item[1].get("order", 0), item[0]),
    )
    for report_id, entry in entries:
        html_file = entry.get("html")
        if not html_file or not (reports_dir / html_file).is_file():
            continue
        status = entry.get("status", "ok")
        vi, en = STATUS_LABELS.get(status, (status, status))
        links = [_link(html_file, "HTML")]
        if entry.get("pdf") and (reports_dir / entry["pdf"]).is_file():
            links.append(_link(entry["pdf"], "PDF"))
        if entry.get("xlsx") and (reports_dir / entry["xlsx"]).is_file():
            links.append(_link(entry["xlsx"], "XLSX"))
        if entry.get("previous_html") and (reports_dir / entry["previous_html"]).is_file():
            links.append(_link(entry["previous_html"], "bản trước / previous"))
        parameters = ", ".join(
            f"{key}={value}"
            for key, value in sorted(entry.get("parameters", {}).items())
            if key not in HIDDEN_PARAMETERS
        )
        error = entry.get("error") or ""
        status_cell = f'<span class="{html.escape(status)}">{_label(vi, en)}</span>'
        if error:
            status_cell += f'<div class="error">{html.escape(error[:500])}</div>'
        seconds = entry.get("seconds", {}).get("total")
        built = html.escape(str(entry.get("finished", "")).replace("+00:00", "Z"))
        timing = f"{built}<br>{seconds:.1f} s" if isinstance(seconds, (int, float)) else built
        rows_by_province.setdefault(entry.get("province") or "", []).append(
            "<tr>"
            f"<td>{html.escape(entry.get('title', report_id))}</td>"
            f"<td>{html.escape(entry.get('lang', ''))}</td>"
            f"<td><code>{html.escape(parameters)}</code></td>"
            f"<td>{status_cell}</td>"
            f"<td>{timing}</td>"
            f"<td>{' · '.join(links)}</td>"
            "</tr>"
        )
    header = (
        "<tr>"
        f"<th>{_label('Báo cáo', 'Report')}</th>"
        f"<th>{_label('Ngôn ngữ', 'Language')}</th>"
        f"<th>{_label('Tham số', 'Parameters')}</th>"
        f"<th>{_label('Trạng thái', 'Status')}</th>"
        f"<th>{_label('Thời điểm (UTC)', 'Built at (UTC)')}</th>"
        f"<th>{_label('Tệp', 'Files')}</th>"
        "</tr>"
    )
    sections = []
    for province, rows in rows_by_province.items():
        heading = html.escape(province) if province else _label("Toàn bộ các tỉnh", "All provinces")
        sections.append(
            f"<h2>{heading}</h2>\n<table>\n<thead>{header}</thead>\n<tbody>\n"
            + "\n".join(rows)
            + "\n</tbody>\n</table>"
        )
    if not sections:
        sections.append(f"<p>{_label('Chưa có báo cáo nào.', 'No report yet.')}</p>")
    run = (manifest.get("runs") or [{}])[-1]
    summary = ""
    if run:
        summary = (
            f"<p>{_label('Lần chạy gần nhất', 'Last run')}: "
            f"{html.escape(str(run.get('finished', '')).replace('+00:00', 'Z'))} · nq18lib "
            f"{html.escape(str(run.get('nq18lib', '')))} · commit "
            f"<code>{html.escape(str(run.get('git_commit') or '-'))}</code></p>"
        )
    return (
        '<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>Báo cáo Nghị quyết 18-NQ/TW / Resolution 18-NQ/TW reports</title>\n"
        f"<style>{_CSS}</style>\n</head>\n<body>\n"
        f"<h1>{_label('Báo cáo thực hiện Nghị quyết 18-NQ/TW', 'Resolution 18-NQ/TW reports')}"
        "</h1>\n"
        f"{summary}\n" + "\n".join(sections) + "\n</body>\n</html>\n"
    )


def write_index(manifest: Mapping[str, Any], reports_dir: str | os.PathLike) -> Path:
    """Write ``reports/index.html`` atomically and return its path."""
    return write_atomic(Path(reports_dir) / INDEX_NAME, index_html(manifest, reports_dir))
