"""Where a report stands among the others: the navigation bar of every report.

Links to the index, the other language, the province's other reports, its audit, and the
province of today it is part of.

Reports are published as ``reports/<province-slug>/<kind>.html`` (Vietnamese) and
``reports/<province-slug>/en/<kind>.html`` (English), the index as ``reports/index.html``
and the page of each province of today (from 1 July 2025) as ``reports/today/<slug>.html``.
A province gets the sector reports its data supports (at least one figure in the sector),
the same rule the runner's grid follows, so every link here points to a published report.

This module only writes links; it has no heavy import (the runner's grid uses
:func:`province_slug` from here).
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Mapping

SECTOR_KINDS = ("party", "government", "public_service", "admin_units", "staffing")
"""The sector report kinds, in the order of the registry (``notebooks/reports.yaml``)."""
TODAY_FOLDER = "today"
"""Folder (inside the reports folder) of the pages per province of today."""


def province_slug(name: str) -> str:
    """Return an ASCII folder name for a province.

    Examples
    --------
    >>> province_slug("Hà Nam"), province_slug("Đắk Lắk"), province_slug("TP. Hồ Chí Minh")
    ('ha-nam', 'dak-lak', 'tp-ho-chi-minh')
    """
    text = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "province"


def report_href(kind: str, lang: str, *, here_lang: str) -> str:
    """Return the link from a report in ``here_lang`` to the province's ``kind`` in ``lang``.

    Examples
    --------
    >>> report_href("party", "en", here_lang="vi"), report_href("party", "vi", here_lang="en")
    ('en/party.html', '../party.html')
    >>> report_href("audit", "en", here_lang="en")
    'audit.html'
    """
    if lang == here_lang:
        return f"{kind}.html"
    return f"en/{kind}.html" if lang == "en" else f"../{kind}.html"


def root_href(path: str, here_lang: str) -> str:
    """Return the link from a province report to a file at the root of the reports folder.

    Examples
    --------
    >>> root_href("index.html", "vi"), root_href("index.html", "en")
    ('../index.html', '../../index.html')
    """
    return ("../../" if here_lang == "en" else "../") + path


def province_kinds(sectors: Iterable[str]) -> list[str]:
    """Return the report kinds of a province whose data has figures in ``sectors``.

    Examples
    --------
    >>> province_kinds(["staffing", "party", "central"])
    ['overview', 'party', 'staffing', 'audit']
    """
    present = set(sectors)
    return ["overview", *[k for k in SECTOR_KINDS if k in present], "audit"]


def kind_label(kind: str, lang: str) -> str:
    """Return the reader's name of a report kind (a sector's name for sector reports)."""
    from nq18lib.reference.taxonomy import sector_label
    from nq18lib.reference.vocabulary import label

    return sector_label(kind, lang) if kind in SECTOR_KINDS else label(f"kind.{kind}", lang)


def successor_of(province: str) -> tuple[str, list[str]] | None:
    """Return (province of today, the provinces it was formed from) for a merged province.

    None when the province was not merged on 1 July 2025 or is unknown.

    Examples
    --------
    >>> successor_of("Hà Nam")
    ('Ninh Bình', ['Hà Nam', 'Nam Định', 'Ninh Bình'])
    >>> successor_of("Hà Nội") is None
    True
    """
    from nq18lib.reference.provinces import find_province, predecessors_of

    found = find_province(province)
    if found is None or not found.merged:
        return None
    members = [p.name for p in predecessors_of(found.successor_code)]
    return found.successor_name, members


def join_names(names: list[str], lang: str) -> str:
    """Join names the reader's way: ``A, B và C`` / ``A, B and C``."""
    word = " và " if lang == "vi" else " and "
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + word + names[-1]


def navigation_html(
    province: str,
    kind: str,
    lang: str,
    sector_counts: Mapping[str, int],
) -> str:
    """Return the navigation bar of a province report (HTML, every text escaped).

    Parameters
    ----------
    province : str
        The report's jurisdiction, as written in the data; empty for a report on every
        province (``reports/<kind>.html``).
    kind : str
        The report's kind (``overview``, a sector code, ``audit``, a comparison's kind).
    lang : {"vi", "en"}
        The report's language.
    sector_counts : mapping
        The province's number of figures by sector (which sector reports exist).
    """
    from nq18lib.reference.vocabulary import check_lang, label

    check_lang(lang)
    other = "en" if lang == "vi" else "vi"
    esc = html.escape
    index = (
        root_href("index.html", lang)
        if province
        else ("../" if lang == "en" else "") + "index.html"
    )
    top = [
        f'<a href="{index}">← {esc(label("nav.index", lang))}</a>',
        f'<a href="{report_href(kind, other, here_lang=lang)}" lang="{other}">'
        f"{esc(label('nav.other_lang', lang))}</a>",
    ]
    if not province:  # a report on every province: reports/<kind>.html
        return f'<div class="nq18-nav" role="navigation"><div>{" · ".join(top)}</div></div>'
    merged = successor_of(province)
    if merged:
        slug = province_slug(merged[0])
        href = root_href(f"{TODAY_FOLDER}/{slug}.html", lang)
        top.append(f'<a href="{href}">{esc(label("nav.today", lang, province=merged[0]))}</a>')
    items = []
    for other_kind in province_kinds(k for k, n in sector_counts.items() if n):
        name = esc(kind_label(other_kind, lang))
        if other_kind == kind:
            items.append(f"<strong>{name}</strong>")
        else:
            items.append(f'<a href="{report_href(other_kind, lang, here_lang=lang)}">{name}</a>')
    reports = esc(label("nav.reports", lang, province=province))
    return (
        '<div class="nq18-nav" role="navigation">'
        f'<div class="nq18-nav-top">{" · ".join(top)}</div>'
        f'<div class="nq18-nav-reports"><span>{reports}:</span> {" · ".join(items)}</div>'
        "</div>"
    )


def show_navigation(figures, province: str, kind: str, lang: str = "vi") -> None:
    """Display the navigation bar of a province report in a notebook.

    ``figures`` are all the figures of the run (the province's sectors are read from them,
    as the runner's grid does).
    """
    from IPython.display import HTML, display

    from nq18lib.dataset.figures import count_sectors

    counts = count_sectors(figures).get(province.strip(), {}) if province else {}
    display(HTML(navigation_html(province, kind, lang, counts)))
