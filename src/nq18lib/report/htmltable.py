"""Report tables as HTML: headers in the reader's language, numbers the reader's way.

A report table is a DataFrame with *canonical* column names (``category``, ``reduced``,
``percent`` …). What a column holds decides how it is written (:data:`COLUMN_KINDS`):
counts as ``1.503``, rates as ``14,4%`` (Vietnamese) with the decimals the source wrote,
ranges as ``1.239–1.241``, everything else as escaped text. Headers come from
:mod:`nq18lib.reference.vocabulary`, so the same table reads in Vietnamese or English.
"""

from __future__ import annotations

import html

import pandas as pd

from nq18lib.metrics.bounds import figure_bounds
from nq18lib.numerals import format_number, format_percent
from nq18lib.reference.bounds import qualified
from nq18lib.reference.vocabulary import LABELS, check_lang, label

COLUMN_KINDS: dict[str, str] = {
    "reduced": "count",
    "findings": "count",
    "figures": "count",
    "rank": "count",
    "percent": "percent",
    "target": "percent",
    "baseline_range": "range",
    "rank_range": "range",
    "after_range": "range",
}
"""How each non-text column is written; every other column is text."""

HIDDEN_PREFIX = "_"
"""Columns whose name starts with this are helpers (e.g. ``_decimals``), never shown."""
LINK_PREFIX = "_href_"
"""A helper column ``_href_<column>`` holds the web address the cell of ``<column>`` links to."""

TABLE_CSS = (
    "<style>"
    "div.nq18-table-wrap{overflow-x:auto;margin:0.4em 0 1.2em 0;max-width:100%}"
    "div.nq18-table-wrap table.nq18-table{border-collapse:collapse;font-size:13px;"
    "line-height:1.35;color:inherit;margin:0;table-layout:auto;width:100%}"
    "div.nq18-table-wrap table.nq18-table caption{text-align:left;font-weight:600;"
    "padding:0 0 0.4em 0;caption-side:top}"
    "div.nq18-table-wrap table.nq18-table th,div.nq18-table-wrap table.nq18-table td{"
    "padding:4px 6px;vertical-align:top;text-align:left;"
    "border-bottom:1px solid rgba(128,128,128,0.35);background:transparent;color:inherit}"
    "div.nq18-table-wrap table.nq18-table th{font-weight:600;"
    "border-bottom:2px solid rgba(128,128,128,0.7)}"
    "div.nq18-table-wrap table.nq18-table td.long{min-width:12em}"
    "div.nq18-table-wrap table.nq18-table td.mid{min-width:5em}"
    "div.nq18-table-wrap table.nq18-table td.code{overflow-wrap:anywhere}"
    "div.nq18-table-wrap table.nq18-table td.num,div.nq18-table-wrap table.nq18-table th.num"
    "{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}"
    "@media screen and (max-width:560px){"
    "div.nq18-table-wrap table.nq18-table thead{display:none}"
    "div.nq18-table-wrap table.nq18-table,div.nq18-table-wrap table.nq18-table tbody,"
    "div.nq18-table-wrap table.nq18-table tr,div.nq18-table-wrap table.nq18-table td"
    "{display:block;width:auto;min-width:0}"
    "div.nq18-table-wrap table.nq18-table tr{border-bottom:2px solid rgba(128,128,128,0.7);"
    "padding:4px 0}"
    "div.nq18-table-wrap table.nq18-table td{border:none;padding:1px 4px;text-align:left}"
    "div.nq18-table-wrap table.nq18-table td.num{text-align:left}"
    "div.nq18-table-wrap table.nq18-table td.empty{display:none}"
    "div.nq18-table-wrap table.nq18-table td::before{content:attr(title) ': ';"
    "font-weight:600}}"
    "@media print{div.nq18-table-wrap{overflow-x:visible}"
    "div.nq18-table-wrap table.nq18-table{font-size:11px}"
    "div.nq18-table-wrap table.nq18-table th,div.nq18-table-wrap table.nq18-table td"
    "{padding:3px 4px}"
    "div.nq18-table-wrap table.nq18-table th.num{white-space:normal}"
    "div.nq18-table-wrap table.nq18-table td.long{min-width:8em}"
    "div.nq18-table-wrap table.nq18-table tr{break-inside:avoid}}"
    "</style>"
)
LONG_COLUMNS = frozenset({"message", "caveat", "title", "value"})
MID_COLUMNS = frozenset(
    {"category", "basis", "attainment", "status", "phase", "target_summary", "check"}
)
"""Text columns given room to breathe (at least 14em wide; the table scrolls on phones)."""
CODE_COLUMNS = frozenset({"sha256", "file", "source_id", "figure_id", "document"})
"""Text columns holding codes or paths, which may break anywhere."""


def is_missing(value: object) -> bool:
    """Say whether a cell is empty (None, ``pd.NA`` or NaN)."""
    return value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value))


def column_header(column: str, lang: str = "vi") -> str:
    """Return the reader's header of a canonical column (the name itself when unknown).

    Examples
    --------
    >>> column_header("reduced"), column_header("reduced", "en"), column_header("xyz")
    ('Số giảm', 'Reduced', 'xyz')
    """
    key = f"col.{column}"
    return label(key, lang) if key in LABELS else column


def format_cell(
    value: object, kind: str, lang: str = "vi", decimals: object = None, bound: str | None = None
) -> str:
    """Write one cell for readers (not escaped); a ``bound`` qualifies it ("hơn 2.100").

    Examples
    --------
    >>> format_cell(1503, "count"), format_cell(14.4, "percent", "en")
    ('1.503', '14.4%')
    >>> format_cell(25.0, "percent", decimals=0), format_cell((1239, 1241), "range")
    ('25%', '1.239–1.241')
    >>> format_cell(None, "count"), format_cell(pd.NA, "text")
    ('–', '')
    >>> format_cell(2100, "count", bound="at_least"), format_cell(20, "count", "en", 0, "at_most")
    ('hơn 2.100', 'nearly 20')
    """
    if bound and kind in ("count", "percent"):
        return qualified(format_cell(value, kind, lang, decimals), bound, lang)
    if kind == "range":
        if not isinstance(value, tuple) or any(is_missing(v) for v in value):
            return "–"
        low, high = (int(v) for v in value)
        if low == high:
            return format_number(low, lang)
        return f"{format_number(low, lang)}–{format_number(high, lang)}"
    if is_missing(value):
        return "–" if kind in ("count", "percent") else ""
    if kind == "count":
        return format_number(int(value), lang)
    if kind == "percent":
        places = 1 if is_missing(decimals) else int(decimals)
        return format_percent(float(value), lang, places)
    return str(value)


def figure_number(figure: pd.Series | dict, column: str, lang: str = "vi") -> str:
    """Write one number of a figure for readers, the way its source does: "hơn 2.100".

    The one place a figure's count or percent is written for readers (tables, key points,
    narrative, chart labels and hovers): the number the reader's way, and its qualifier
    when the figure's ``bound`` says it is one (:mod:`nq18lib.reference.bounds`).

    Examples
    --------
    >>> figure_number({"reduced": 2100, "bound": "at_least"}, "reduced")
    'hơn 2.100'
    >>> figure_number({"reduced": 4, "percent": 66.0, "percent_decimals": 0,
    ...     "bound": "percent:at_least"}, "percent", "en")
    'more than 66%'
    >>> figure_number({"reduced": 4}, "reduced"), figure_number({"reduced": None}, "reduced")
    ('4', '–')
    """
    kind = "percent" if column == "percent" else "count"
    decimals = figure.get("percent_decimals") if kind == "percent" else None
    bound = figure_bounds(figure).get(column)
    return format_cell(figure.get(column), kind, lang, decimals, bound)


def table_html(frame: pd.DataFrame, lang: str = "vi", caption: str = "") -> str:
    """Return a table as HTML: translated headers, numbers the reader's way, text escaped.

    Only the columns listed in ``frame.attrs["html_columns"]`` are shown when that is set
    (the workbook keeps them all), and columns with no value at all are left out. A
    ``_decimals`` column, when present, gives the decimals
    of the ``percent`` column row by row (so 25,0% stays 25,0%); a ``_bounds`` column (a dict
    per row, column → qualifier) writes bounded numbers as sources do ("hơn 2.100"). The
    output carries its own small style sheet, using ``color: inherit`` so that it reads in
    light and dark pages.
    """
    check_lang(lang)
    wanted = frame.attrs.get("html_columns") or list(frame.columns)
    shown = [
        c
        for c in wanted
        if c in frame.columns
        and not str(c).startswith(HIDDEN_PREFIX)
        and not all(is_missing(v) or v == "" for v in frame[c])
    ]
    decimals = frame["_decimals"] if "_decimals" in frame.columns else None
    bounds = frame["_bounds"] if "_bounds" in frame.columns else None
    head = "".join(
        f'<th class="{_css_class(c)}" scope="col">{html.escape(column_header(c, lang))}</th>'
        for c in shown
    )
    # per column, what every one of its cells needs (looked up once, not once a cell)
    columns = [
        (
            c,
            COLUMN_KINDS.get(c, "text"),
            _css_class(c),
            html.escape(column_header(c, lang), quote=True),
            f"{LINK_PREFIX}{c}",
        )
        for c in shown
    ]
    places_of = decimals.tolist() if decimals is not None else None
    bounds_of = bounds.tolist() if bounds is not None else None
    body = []
    for i, (_, row) in enumerate(frame.iterrows()):
        values = dict(zip(row.index, row.to_numpy(), strict=True))  # the values of row[c]
        row_bounds = bounds_of[i] if bounds_of is not None else None
        cells = []
        for c, kind, css, header, link in columns:
            places = places_of[i] if places_of is not None and c == "percent" else None
            bound = row_bounds.get(c) if isinstance(row_bounds, dict) else None
            text = html.escape(format_cell(values[c], kind, lang, places, bound))
            href = values.get(link)
            if text and isinstance(href, str) and href.startswith(("http://", "https://")):
                text = f'<a href="{html.escape(href, quote=True)}">{text}</a>'
            if not text:
                cells.append(f'<td class="{css} empty"></td>')
                continue
            cells.append(f'<td class="{css}" title="{header}">{text}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return (
        f'{TABLE_CSS}<div class="nq18-table-wrap"><table class="nq18-table">{cap}'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


def _css_class(column: str) -> str:
    if COLUMN_KINDS.get(column, "text") != "text":
        return "num"
    if column in LONG_COLUMNS:
        return "long"
    if column in MID_COLUMNS:
        return "mid"
    return "code" if column in CODE_COLUMNS else "text"
