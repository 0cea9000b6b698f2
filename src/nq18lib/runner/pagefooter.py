"""The running footer of every PDF page: title, date and "Trang 3/8" / "Page 3 of 8".

Chromium draws it (``display_header_footer`` with a ``footer_template``): its
``pageNumber`` and ``totalPages`` fields are filled in on each page. The title is read from
the page's ``<title>`` and the date is the printing day in Viet Nam's time, written the
reader's way (25/10/2017). Every text is escaped.
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


def pdf_footer_options(html_file: str | Path) -> dict:
    """Return the ``page.pdf`` options that print the running footer of a report page."""
    text = Path(html_file).read_text(encoding="utf-8", errors="replace")[:200_000]
    lang = page_language(text)
    return {
        "display_header_footer": True,
        "header_template": "<span></span>",
        "footer_template": footer_template(page_title(text), lang),
        "margin": {
            "top": "12mm",
            "bottom": f"{FOOTER_MARGIN_MM}mm",
            "left": "12mm",
            "right": "12mm",
        },
    }
