"""The running footer of every PDF page: title, date and "Trang 3/8" / "Page 3 of 8".

The printer puts it in the page margin with CSS page-margin boxes (:func:`footer_rules`:
``@bottom-left`` and ``@bottom-right`` of ``@page``, with the ``page`` and ``pages``
counters), laid out with the report itself. Chromium's own footer
(``display_header_footer`` with a :func:`footer_template`) draws the same line, but lays a
separate document out for every page (a quarter of a report's print time); it is used only
for a footer template given by the caller. The title is read from the page's ``<title>``
and the date is the printing day in Viet Nam's time, written the reader's way
(25/10/2017). Every text is escaped.
"""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

FOOTER_STYLE = (
    "font-family: 'Noto Sans', 'DejaVu Sans', sans-serif; font-size: 8px; color: #52606d; "
    "width: 100%; margin: 0 12mm; display: flex; justify-content: space-between; gap: 8px;"
)
PAGE_WORDS = {"vi": ("Trang ", "/"), "en": ("Page ", " of ")}
FOOTER_MARGIN_MM = 16
"""Bottom page margin (mm) that leaves room for the footer under the content."""
PAGE_MARGINS = {"top": "12mm", "bottom": f"{FOOTER_MARGIN_MM}mm", "left": "12mm", "right": "12mm"}
"""Page margins given to Chromium's print call (the template's ``@page`` rule says the same)."""
FOOTER_BOX_STYLE = (
    "font-family: 'Noto Sans', 'DejaVu Sans', sans-serif; font-size: 8px; color: #52606d; "
    "white-space: nowrap; vertical-align: middle;"
)


def page_language(text: str) -> str:
    """Return ``en`` when the page's ``<html lang>`` says English, else ``vi``.

    Examples
    --------
    >>> page_language('<html lang="en">'), page_language("<html>")
    ('en', 'vi')
    """
    found = re.search(r"<html[^>]*\blang=\"([a-z]+)", text[:2000])
    return "en" if found and found.group(1) == "en" else "vi"


def page_title(text: str) -> str:
    """Return the text of the page's ``<title>`` (unescaped), or an empty string."""
    found = re.search(r"<title>(.*?)</title>", text, re.S)
    return html.unescape(found.group(1)).strip() if found else ""


def print_date(lang: str = "vi", now: datetime | None = None) -> str:
    """Return today's date in Viet Nam, the reader's way.

    Examples
    --------
    >>> print_date("vi", datetime(2026, 12, 1, 20, tzinfo=timezone.utc))
    '02/12/2026'
    >>> print_date("en", datetime(2026, 12, 1, 10, tzinfo=timezone.utc))
    '1 Dec 2026'
    """
    now = now or datetime.now(UTC)
    here = now.astimezone(timezone(timedelta(hours=7)))
    if lang == "en":
        return f"{here.day} {here.strftime('%b')} {here.year}"
    month = f"{here.month:02d}" if here.month <= 2 else str(here.month)  # as documents write it
    return f"{here.day:02d}/{month}/{here.year}"


def footer_template(title: str, lang: str = "vi", date: str | None = None) -> str:
    """Return Chromium's footer template: title and date left, page i/N right.

    Examples
    --------
    >>> 'Trang <span class="pageNumber"></span>/<span class="totalPages">' in (
    ...     footer_template("Hà Nam", "vi"))
    True
    >>> 'Page <span class="pageNumber"></span> of ' in footer_template("<b>", "en")
    True
    """
    page, of = PAGE_WORDS.get(lang, PAGE_WORDS["vi"])
    date = print_date(lang) if date is None else date
    left = html.escape(f"{title} · {date}" if title else date)
    return (
        f'<div style="{FOOTER_STYLE}"><span style="overflow: hidden; white-space: nowrap; '
        f'text-overflow: ellipsis;">{left}</span><span style="white-space: nowrap;">'
        f'{html.escape(page)}<span class="pageNumber"></span>{html.escape(of)}'
        '<span class="totalPages"></span></span></div>'
    )


def css_string(text: str) -> str:
    r"""Return ``text`` as a CSS string literal (quotes, backslashes and controls escaped).

    Examples
    --------
    >>> css_string('Hà "Nam" \\ 1')
    '"Hà \\"Nam\\" \\\\ 1"'
    >>> css_string("a\nb</style>")
    '"a b\\3C /style\\3E "'
    """
    text = re.sub(r"[\x00-\x1f\x7f]+", " ", text).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + text.replace("<", "\\3C ").replace(">", "\\3E ") + '"'


def footer_rules(title: str, lang: str = "vi", date: str | None = None) -> str:
    """Return the CSS ``@page`` rule of the running footer: title and date left, page i/N right.

    Examples
    --------
    >>> rules = footer_rules("Hà Nam", "vi", "02/12/2026")
    >>> '@bottom-left { content: "Hà Nam · 02/12/2026";' in rules
    True
    >>> 'content: "Trang " counter(page) "/" counter(pages);' in rules
    True
    >>> 'content: "Page " counter(page) " of " counter(pages);' in footer_rules("", "en", "1 Dec")
    True
    """
    page, of = PAGE_WORDS.get(lang, PAGE_WORDS["vi"])
    date = print_date(lang) if date is None else date
    left = f"{title} · {date}" if title else date
    return (
        f"@page {{ @bottom-left {{ content: {css_string(left)}; {FOOTER_BOX_STYLE} }} "
        f"@bottom-right {{ content: {css_string(page)} counter(page) {css_string(of)} "
        f"counter(pages); {FOOTER_BOX_STYLE} text-align: right; }} }}"
    )


def page_footer_rules(text: str) -> str:
    """Return the footer's ``@page`` rule of a report page, from its HTML text."""
    return footer_rules(page_title(text[:200_000]), page_language(text))


def pdf_footer_options(html_file: str | Path) -> dict:
    """Return the ``page.pdf`` options that print Chromium's footer of a report page."""
    text = Path(html_file).read_text(encoding="utf-8", errors="replace")[:200_000]
    lang = page_language(text)
    return {
        "display_header_footer": True,
        "header_template": "<span></span>",
        "footer_template": footer_template(page_title(text), lang),
        "margin": dict(PAGE_MARGINS),
    }
