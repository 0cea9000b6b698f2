"""Where reports are published, and which province of today a province belongs to.

Reports are published as ``reports/<province-slug>/<kind>.html`` (Vietnamese) and
``reports/<province-slug>/en/<kind>.html`` (English), the index as ``reports/index.html``
and the page of each province of today (from 1 July 2025) as ``reports/today/<slug>.html``.
A province gets the sector reports its data supports (at least one figure in the sector).
The runner (folders, index) and the reports (navigation bar) both use these helpers, so
every link points to a published report.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

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
