"""The reports index (``reports/index.html``) and the pages per province of today.

The index is a card per province (Vietnamese alphabetical order: Đà Nẵng after Cần Thơ),
each listing its reports with the Vietnamese and English versions side by side and how many
figures each holds; then the country and the ministries; then the reports on every
province (comparisons). A province merged on 1 July 2025 names the province it is now part
of, and ``reports/today/<slug>.html`` gathers, for each province of today, the reports of
the provinces it was formed from. Times are Viet Nam's local time, dates written 25/10/2017.

Every text is escaped (province names and error messages come from data and notebooks).
The pages have no script and no external URL.
"""

from __future__ import annotations

import html
import os
import unicodedata
from collections.abc import Mapping
from datetime import UTC
from pathlib import Path
from typing import Any
from urllib.parse import quote

from nq18lib.reference.reportpaths import (
    SECTOR_KINDS,
    TODAY_FOLDER,
    join_names,
    province_slug,
    successor_of,
)
from nq18lib.runner.manifest import write_atomic

INDEX_NAME = "index.html"
STATUS_LABELS = {
    "ok": ("Hoàn thành", "OK"),
    "failed": ("Lỗi", "Failed"),
    "timeout": ("Quá thời gian", "Timed out"),
    "crashed": ("Dừng bất thường", "Crashed"),
}
HIDDEN_PARAMETERS = ("data_path", "tables_path")
NATIONAL_CODE_NAMES = ("Toàn quốc",)
"""Jurisdictions shown first in the national section (then the ministries, alphabetically)."""

_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_MODIFIERS = ("\u0306", "\u0302", "\u031b")  # breve, circumflex, horn
_LETTERS = {
    "a\u0306": "ă",
    "a\u0302": "â",
    "e\u0302": "ê",
    "o\u0302": "ô",
    "o\u031b": "ơ",
    "u\u031b": "ư",
}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}

_CSS = """
body { font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; margin: 1.5rem auto;
       max-width: 72rem; padding: 0 1rem; color: #222; line-height: 1.45; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin-top: 2rem; }
.en { color: #666; font-weight: normal; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(20rem, 1fr));
         gap: 1rem; }
.card { border: 1px solid #d9dee3; border-radius: 6px; padding: 0.6rem 0.9rem; }
.card h3 { margin: 0.2rem 0 0.4rem; font-size: 1.1rem; }
.card .today { font-size: 0.88rem; color: #52606d; margin: 0 0 0.4rem; }
.card table { border-collapse: collapse; width: 100%; font-size: 0.92rem; }
.card td { padding: 0.3em 0.2em; border-top: 1px solid #eef1f4; vertical-align: top; }
.card td.n { color: #52606d; white-space: nowrap; text-align: right; font-size: 0.85rem; }
.card td.links a { white-space: nowrap; }
.failed, .timeout, .crashed { color: #b3261e; font-weight: bold; }
.error { color: #b3261e; font-size: 0.85rem; white-space: pre-wrap; }
@media (max-width: 480px) { body { padding: 0 0.6rem; } .cards { grid-template-columns: 1fr; } }
@media print { a { color: inherit; } }
"""


def vietnamese_key(name: str) -> tuple:
    """Return a sort key in Vietnamese alphabetical order (a ă â b c d đ e ê …).

    Letters first, tones (huyền, hỏi, ngã, sắc, nặng) only to break ties.

    Examples
    --------
    >>> sorted(["Đà Nẵng", "Cần Thơ", "Điện Biên", "Dak", "Cà Mau", "Ăn"], key=vietnamese_key)
    ['Ăn', 'Cà Mau', 'Cần Thơ', 'Dak', 'Đà Nẵng', 'Điện Biên']
    """
    letters, tones = [], []
    for char in name.lower():
        parts = unicodedata.normalize("NFD", char)
        base, marks = parts[0], parts[1:]
        modifier = next((m for m in marks if m in _MODIFIERS), "")
        letter = _LETTERS.get(base + modifier, base)
        position = _ALPHABET.find(letter)
        letters.append((position if position >= 0 else len(_ALPHABET), letter))
        tones.append(next((_TONES[m] for m in marks if m in _TONES), 0))
    return (letters, tones)


def _label(vi: str, en: str) -> str:
    return f'{html.escape(vi)} <span class="en">/ {html.escape(en)}</span>'


def _link(href: str, text: str) -> str:
    return f'<a href="{html.escape(quote(href))}">{html.escape(text)}</a>'


def local_time(iso: object) -> str:
    """Write a manifest's UTC time in Viet Nam's time: ``04:54 02/12/2026``.

    Examples
    --------
    >>> local_time("2026-12-01T21:54:48+00:00"), local_time("")
    ('04:54 02/12/2026', '')
    """
    from datetime import datetime, timedelta, timezone

    try:
        moment = datetime.fromisoformat(str(iso).replace("Z", "+00:00"))
    except ValueError:
        return str(iso or "")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    here = moment.astimezone(timezone(timedelta(hours=7)))
    month = f"{here.month:02d}" if here.month <= 2 else str(here.month)  # as documents write it
    return f"{here:%H:%M} {here.day:02d}/{month}/{here.year}"


def _figures(kind: str, counts: Mapping[str, int] | None) -> int | None:
    if counts is None:
        return None
    if kind in SECTOR_KINDS:
        return int(counts.get(kind, 0))
    if kind in ("overview", "audit"):
        return int(sum(counts.values()))
    return None


def _files(entry: Mapping[str, Any], reports_dir: Path, rel: str) -> list[str]:
    links = []
    status = entry.get("status", "ok")
    if status != "ok":
        vi, en = STATUS_LABELS.get(status, (status, status))
        links.append(f'<span class="{html.escape(status)}">{_label(vi, en)}</span>')
    links.append(_link(rel + entry["html"], "HTML"))
    for key, text in (("pdf", "PDF"), ("xlsx", "Excel"), ("previous_html", "bản trước / previous")):
        if entry.get(key) and (reports_dir / entry[key]).is_file():
            links.append(_link(rel + entry[key], text))
    return links


def _rows(
    entries: list[tuple[str, dict]], counts: Mapping[str, int] | None, reports_dir: Path, rel: str
) -> str:
    """Rows of one card: a row per kind, the Vietnamese and English versions side by side."""
    by_kind: dict[str, dict[str, dict]] = {}
    order: dict[str, int] = {}
    for _, entry in entries:
        kind = entry.get("kind", "")
        by_kind.setdefault(kind, {})[entry.get("lang", "vi")] = entry
        order[kind] = entry.get("order", 0)
    rows = []
    for kind in sorted(by_kind, key=lambda k: order[k]):
        versions = by_kind[kind]
        first = versions.get("vi") or versions.get("en")
        title = str(first.get("title", kind)).split(": ", 1)[-1]
        n = _figures(kind, counts)
        cells = []
        for lang, word in (("vi", "Tiếng Việt"), ("en", "English")):
            entry = versions.get(lang)
            cells.append(
                f'<td class="links" lang="{lang}">{html.escape(word)}: '
                + " · ".join(_files(entry, reports_dir, rel))
                + "</td>"
                if entry
                else "<td></td>"
            )
        count = f"{n} số liệu" if n is not None else ""
        error = next((e.get("error") for e in versions.values() if e.get("error")), "")
        problem = f'<div class="error">{html.escape(str(error)[:300])}</div>' if error else ""
        rows.append(
            f"<tr><td>{html.escape(title)}{problem}</td>{''.join(cells)}"
            f'<td class="n">{html.escape(count)}</td></tr>'
        )
    return "<table>" + "".join(rows) + "</table>"


def _card(
    name: str,
    entries: list[tuple[str, dict]],
    counts: Mapping[str, int] | None,
    reports_dir: Path,
    rel: str = "",
) -> str:
    today = ""
    merged = successor_of(name)
    if merged:
        href = f"{rel}{TODAY_FOLDER}/{province_slug(merged[0])}.html"
        today = (
            '<p class="today">Từ 01/7/2025 thuộc '
            f'<a href="{html.escape(href)}">{html.escape(merged[0])}</a>'
            f' <span class="en">/ part of {html.escape(merged[0])} since 1 July 2025</span></p>'
        )
    return (
        f'<section class="card" id="{html.escape(province_slug(name))}">'
        f"<h3>{html.escape(name)}</h3>{today}{_rows(entries, counts, reports_dir, rel)}</section>"
    )


def _page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def _published(manifest: Mapping[str, Any], reports_dir: Path) -> list[tuple[str, dict]]:
    entries = [
        (rid, entry)
        for rid, entry in manifest.get("reports", {}).items()
        if entry.get("html") and (reports_dir / entry["html"]).is_file()
    ]
    return sorted(entries, key=lambda item: (item[1].get("order", 0), item[0]))


def index_html(manifest: Mapping[str, Any], reports_dir: str | os.PathLike) -> str:
    """Return the index page of the reports recorded in a manifest.

    Reports whose HTML file no longer exists in ``reports_dir`` are left out.
    """
    reports_dir = Path(reports_dir)
    sectors = (manifest.get("data") or {}).get("sectors") or {}
    groups: dict[str | None, list[tuple[str, dict]]] = {}
    for rid, entry in _published(manifest, reports_dir):
        groups.setdefault(entry.get("province"), []).append((rid, entry))
    places = [p for p in groups if p]
    national = [p for p in places if p in NATIONAL_CODE_NAMES or not _is_province(p)]
    provinces = sorted((p for p in places if p not in national), key=vietnamese_key)
    national.sort(key=lambda p: (p not in NATIONAL_CODE_NAMES, vietnamese_key(p)))
    sections = []
    if provinces:
        cards = "".join(_card(p, groups[p], sectors.get(p), reports_dir) for p in provinces)
        sections.append(
            f"<h2>{_label('Các tỉnh, thành phố', 'Provinces')} ({len(provinces)})</h2>"
            f'<div class="cards">{cards}</div>'
        )
    if national:
        cards = "".join(_card(p, groups[p], sectors.get(p), reports_dir) for p in national)
        sections.append(
            f"<h2>{_label('Toàn quốc và các bộ, ngành', 'Country and ministries')}</h2>"
            f'<div class="cards">{cards}</div>'
        )
    if groups.get(None):
        card = (
            '<section class="card"><h3>'
            + _label("So sánh giữa các địa phương", "Comparisons across provinces")
            + "</h3>"
            + _rows(groups[None], None, reports_dir, "")
            + "</section>"
        )
        sections.append(
            f'<h2>{_label("Báo cáo chung", "Across provinces")}</h2><div class="cards">{card}</div>'
        )
    if not sections:
        sections.append(f"<p>{_label('Chưa có báo cáo nào.', 'No report yet.')}</p>")
    run = (manifest.get("runs") or [{}])[-1]
    n_reports = sum(len(v) for v in groups.values())
    summary = (
        f"<p>{_label('Cập nhật lúc', 'Updated')} {html.escape(local_time(run.get('finished')))}"
        f" ({_label('giờ Việt Nam', 'Viet Nam time')}) · {n_reports} "
        f"{_label('báo cáo', 'reports')} · nq18lib {html.escape(str(run.get('nq18lib', '')))}</p>"
        if run
        else ""
    )
    heading = _label(
        "Báo cáo kết quả thực hiện Nghị quyết số 18-NQ/TW", "Reports on Resolution 18-NQ/TW"
    )
    return _page(
        "Báo cáo thực hiện Nghị quyết số 18-NQ/TW / Reports on Resolution 18-NQ/TW",
        f"<h1>{heading}</h1>\n{summary}\n" + "\n".join(sections),
    )


def _is_province(name: str) -> bool:
    from nq18lib.reference.provinces import find_province

    found = find_province(name)
    return found is not None and found.code != "00"


def today_pages(manifest: Mapping[str, Any], reports_dir: str | os.PathLike) -> dict[str, str]:
    """Return ``{relative path: HTML}`` of a page per province of today that has reports.

    Each page gathers the reports of the provinces it was formed from (1 July 2025), its own
    reports first when the data has figures under its own name.
    """
    from nq18lib.reference.provinces import find_province, predecessors_of, units_2025

    reports_dir = Path(reports_dir)
    sectors = (manifest.get("data") or {}).get("sectors") or {}
    groups: dict[str, list[tuple[str, dict]]] = {}
    for rid, entry in _published(manifest, reports_dir):
        if entry.get("province"):
            groups.setdefault(entry["province"], []).append((rid, entry))
    codes = {}
    for name in groups:
        found = find_province(name)
        if found is not None and found.code != "00":
            codes.setdefault(found.successor_code, []).append(name)
    pages = {}
    for unit in units_2025():
        if unit.code not in codes:
            continue
        members = [p.name for p in predecessors_of(unit.code)]
        present = sorted(codes[unit.code], key=lambda n: (n != unit.name, vietnamese_key(n)))
        cards = "".join(_card_plain(p, groups[p], sectors.get(p), reports_dir) for p in present)
        missing = [m for m in members if m not in codes[unit.code]]
        note = (
            f"<p>{_label('Chưa có số liệu', 'No figures yet')}: {html.escape(', '.join(missing))}"
            "</p>"
            if missing
            else ""
        )
        title_vi = f"{unit.name} từ ngày 01/7/2025: báo cáo của các tỉnh, thành phố hợp thành"
        title_en = f"{unit.name_en} from 1 July 2025: reports of the provinces it was formed from"
        body = (
            f'<p><a href="../{INDEX_NAME}">← Danh mục báo cáo</a> '
            f'<span class="en">/ All reports</span></p>'
            f"<h1>{_label(title_vi, title_en)}</h1>"
            f"<p>{html.escape(unit.name)} được hình thành từ "
            f"{html.escape(join_names(members, 'vi'))} (theo Nghị quyết số 202/2025/QH15). "
            f'<span class="en">Formed from {html.escape(join_names(members, "en"))}.</span></p>'
            f'{note}<div class="cards">{cards}</div>'
        )
        pages[f"{TODAY_FOLDER}/{province_slug(unit.name)}.html"] = _page(
            html.escape(f"{title_vi} / {title_en}"), body
        )
    return pages


def _card_plain(name, entries, counts, reports_dir):
    return (
        f'<section class="card"><h3>{html.escape(name)}</h3>'
        f"{_rows(entries, counts, reports_dir, '../')}</section>"
    )


def write_index(manifest: Mapping[str, Any], reports_dir: str | os.PathLike) -> Path:
    """Write ``reports/index.html`` and the pages per province of today; return the index."""
    reports_dir = Path(reports_dir)
    for rel, text in today_pages(manifest, reports_dir).items():
        target = reports_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, text)
    return write_atomic(reports_dir / INDEX_NAME, index_html(manifest, reports_dir))
