"""Where a report stands among the others: the navigation bar of every report.

Links to the index, the other language, the province's other reports, its audit, and the
province of today it is part of.

Paths and the map of 2025 come from :mod:`nq18lib.reference.reportpaths`, shared with the
runner (which builds the folders and the index), so every link points to a published
report.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

from nq18lib.reference.reportpaths import (
    SECTOR_KINDS,
    TODAY_FOLDER,
    join_names,
    province_kinds,
    province_slug,
    report_href,
    root_href,
    successor_of,
)

__all__ = [
    "SECTOR_KINDS",
    "TODAY_FOLDER",
    "join_names",
    "kind_label",
    "navigation_html",
    "province_kinds",
    "province_slug",
    "report_href",
    "root_href",
    "show_navigation",
    "successor_of",
]


def kind_label(kind: str, lang: str) -> str:
    """Return the reader's name of a report kind (a sector's name for sector reports)."""
    from nq18lib.reference.taxonomy import sector_label
    from nq18lib.reference.vocabulary import label

    return sector_label(kind, lang) if kind in SECTOR_KINDS else label(f"kind.{kind}", lang)


def navigation_html(
    province: str,
    kind: str,
    lang: str,
    sector_counts: Mapping[str, int],
    siblings: str | list[str] = "",
    translations: str | list[str] = "",
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
    siblings : str or list of str
        The kinds of the province's reports in this run (``"overview,party,audit"``, as the
        runner passes them); when given, only these are linked.
    translations : str or list of str
        The kinds of the province's reports that exist in the other language (the runner
        passes them); the same report in the other language is linked only when its kind
        is among them, so a Vietnamese-only run links to no English page.

    Examples
    --------
    >>> "English version" in navigation_html("", "comparison_x", "vi", {}, "", "comparison_x")
    True
    >>> "English version" in navigation_html("", "comparison_x", "vi", {}, "", "")
    False
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
    top = [f'<a href="{index}">← {esc(label("nav.index", lang))}</a>']
    if kind in _kinds(translations):
        top.append(
            f'<a href="{report_href(kind, other, here_lang=lang)}" lang="{other}">'
            f"{esc(label('nav.other_lang', lang))}</a>"
        )
    if not province:  # a report on every province: reports/<kind>.html
        return f'<div class="nq18-nav" role="navigation"><div>{" · ".join(top)}</div></div>'
    merged = successor_of(province)
    if merged:
        slug = province_slug(merged[0])
        href = root_href(f"{TODAY_FOLDER}/{slug}.html", lang)
        top.append(f'<a href="{href}">{esc(label("nav.today", lang, province=merged[0]))}</a>')
    items = []
    kinds = province_kinds(k for k, n in sector_counts.items() if n)
    if siblings:
        wanted = _kinds(siblings)
        kinds = [k for k in kinds if k in wanted]
    for other_kind in kinds:
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


def _kinds(value: str | list[str]) -> list[str]:
    """Return a list of kinds from the runner's comma-separated form (or a list)."""
    items = value.split(",") if isinstance(value, str) else list(value)
    return [k.strip() for k in items if k.strip()]


def show_navigation(
    figures,
    province: str,
    kind: str,
    lang: str = "vi",
    siblings: str | list[str] = "",
    translations: str | list[str] = "",
) -> None:
    """Display the navigation bar of a province report in a notebook.

    ``figures`` are all the figures of the run (the province's sectors are read from them,
    as the runner's grid does); ``siblings`` and ``translations`` are the notebook's
    ``sibling_reports`` and ``other_lang_reports`` parameters.
    """
    from IPython.display import HTML, display

    from nq18lib.dataset.figures import count_sectors

    counts = count_sectors(figures).get(province.strip(), {}) if province else {}
    display(HTML(navigation_html(province, kind, lang, counts, siblings, translations)))
