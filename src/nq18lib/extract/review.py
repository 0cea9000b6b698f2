"""The review page of an extraction: the text with every figure and possible miss marked.

:func:`review_page` returns one self-contained HTML page (no script, no external file, a
Content-Security-Policy that forbids both), so it opens offline and nothing written in the
report text can run: every character of the text is HTML-escaped. The page shows

- the text, each figure's span as ``<mark class="figure conf-…" data-figures="F1">`` whose
  ``title`` gives its category, numbers, status and confidence (shown on hover), and each
  possible miss as ``<mark class="possible-miss" data-miss="M1">``;
- a side table of the figures (number, category, reduced, percent, fraction, before/after,
  status, confidence and why, quote) and a table of the possible misses.

Spans may overlap (a count and its rate joined across a clause, a figure given to two
bodies); the text is cut at every span boundary and each piece lists every figure it
belongs to.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Sequence

from nq18lib.extract.extraction import Figure
from nq18lib.extract.misses import PossibleMiss

_CSS = """
body{font-family:system-ui,"Noto Sans","DejaVu Sans",sans-serif;margin:0;color:#1b1b1b}
header{padding:.8rem 1.2rem;border-bottom:1px solid #ccc;background:#f6f6f6}
h1{font-size:1.15rem;margin:0 0 .3rem}
.legend span{margin-right:1rem}
main{display:flex;gap:1rem;padding:1rem;align-items:flex-start}
#text{flex:1 1 48%;white-space:pre-wrap;line-height:1.6;border:1px solid #ddd;padding:1rem;
 overflow-wrap:anywhere}
aside{flex:1 1 52%;font-size:.8rem;overflow-x:auto}
table{border-collapse:collapse;width:100%;margin-bottom:1rem}
th,td{border:1px solid #ccc;padding:.2rem .35rem;vertical-align:top;text-align:left}
th{background:#eee}
mark.figure{background:#c8f0c8;border-bottom:2px solid #2e7d32}
mark.figure.conf-medium{background:#fff3b0;border-bottom-color:#b38f00}
mark.figure.conf-low{background:#ffd6cc;border-bottom-color:#c62828}
mark.possible-miss{background:none;outline:2px dashed #6a1b9a;color:inherit}
mark.figure.possible-miss{outline:2px dashed #6a1b9a}
td.quote{min-width:12rem}
th{white-space:nowrap}
"""


def review_page(
    text: str,
    figures: Sequence[Figure],
    misses: Sequence[PossibleMiss] = (),
    *,
    title: str = "",
) -> str:
    """Return the review page of a text and what extraction found in it.

    Parameters
    ----------
    text : str
        The text the figures' offsets point into (``text[f.start:f.end] == f.quote``).
    figures, misses : sequences
        What :func:`nq18lib.extract.extraction.extract_text` returned.
    title : str
        The file name (shown in the header).

    Examples
    --------
    >>> from nq18lib.extract.extraction import extract_text
    >>> text = "Tỉnh giảm 5 sở <b>; giảm 3 xe."
    >>> found = extract_text(text)
    >>> page = review_page(text, found.figures, found.possible_misses, title="a.txt")
    >>> '<mark class="figure conf-high" data-figures="F1"' in page, "<b>" in page
    (True, False)
    >>> '<mark class="possible-miss" data-miss="M1"' in page
    True
    """
    marks: list[tuple[int, int, str]] = []  # (start, end, id)
    for number, fig in enumerate(figures, start=1):
        if fig.end > fig.start:
            marks.append((fig.start, fig.end, f"F{number}"))
    for number, miss in enumerate(misses, start=1):
        if miss.end > miss.start:
            marks.append((miss.start, miss.end, f"M{number}"))
    info = {f"F{i}": fig for i, fig in enumerate(figures, start=1)}
    gaps = {f"M{i}": miss for i, miss in enumerate(misses, start=1)}
    body = _marked_text(text, marks, info, gaps)
    heading = html.escape(title or "nq18 extract")
    counts = (
        f"{len(figures)} figure(s): "
        + ", ".join(
            f"{sum(f.confidence == level for f in figures)} {level}"
            for level in ("high", "medium", "low")
        )
        + f"; {len(misses)} possible miss(es)"
    )
    return "".join(
        [
            '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">',
            '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
            "style-src 'unsafe-inline'\">",
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>Review: {heading}</title><style>{_CSS}</style></head><body>",
            f"<header><h1>Review: {heading}</h1><div>{html.escape(counts)}</div>",
            '<div class="legend"><span><mark class="figure conf-high">high</mark></span>'
            '<span><mark class="figure conf-medium">medium</mark></span>'
            '<span><mark class="figure conf-low">low</mark></span>'
            '<span><mark class="possible-miss">possible miss</mark></span>'
            "<span>Hover a mark for its reading; check each against the text.</span></div>",
            "</header><main>",
            f'<div id="text">{body}</div>',
            "<aside>",
            _figure_table(figures),
            _miss_table(misses),
            "</aside></main></body></html>\n",
        ]
    )


def _marked_text(
    text: str,
    marks: list[tuple[int, int, str]],
    info: dict[str, Figure],
    gaps: dict[str, PossibleMiss],
) -> str:
    cuts = sorted({0, len(text), *(a for a, _, _ in marks), *(b for _, b, _ in marks)})
    starts: dict[int, list[tuple[int, str]]] = {}
    for a, b, key in marks:
        starts.setdefault(a, []).append((b, key))
    open_marks: list[tuple[int, str]] = []
    out: list[str] = []
    for a, b in itertools.pairwise(cuts):
        open_marks = [(end, key) for end, key in open_marks if end > a] + starts.get(a, [])
        piece = html.escape(text[a:b], quote=True)
        if not open_marks:
            out.append(piece)
            continue
        keys = [key for _, key in open_marks]
        figs = [k for k in keys if k in info]
        missed = [k for k in keys if k in gaps]
        classes = []
        if figs:
            worst = max(("high", "medium", "low").index(info[k].confidence) for k in figs)
            classes += ["figure", f"conf-{('high', 'medium', 'low')[worst]}"]
        if missed:
            classes.append("possible-miss")
        attrs = [f'class="{" ".join(classes)}"']
        if figs:
            attrs.append(f'data-figures="{" ".join(figs)}"')
        if missed:
            attrs.append(f'data-miss="{" ".join(missed)}"')
        tips = [_figure_tip(k, info[k]) for k in figs] + [_miss_tip(k, gaps[k]) for k in missed]
        attrs.append(f'title="{html.escape(" | ".join(tips), quote=True)}"')
        out.append(f"<mark {' '.join(attrs)}>{piece}</mark>")
    return "".join(out)


def _numbers(fig: Figure) -> str:
    parts = []
    if fig.reduced is not None:
        parts.append(f"giảm {fig.reduced}")
    if fig.percent is not None:
        parts.append(f"{fig.percent:.{fig.percent_decimals or 0}f}%".replace(".", ","))
    if fig.numerator is not None:
        parts.append(f"{fig.numerator}/{fig.denominator}")
    if fig.baseline is not None or fig.after is not None:
        parts.append(f"{fig.baseline if fig.baseline is not None else '?'} → {fig.after}")
    return ", ".join(parts)


def _figure_tip(key: str, fig: Figure) -> str:
    unit = f" [{fig.unit}]" if fig.unit else ""
    why = f" ({'; '.join(fig.doubts)})" if fig.doubts else ""
    return (
        f"{key}: {fig.category}{unit}: {_numbers(fig)}; {fig.status}; "
        f"confidence {fig.confidence}{why}"
    )


def _miss_tip(key: str, miss: PossibleMiss) -> str:
    return f"{key}: possible miss: {miss.reason}"


def _cell(value: object) -> str:
    return "<td>" + html.escape("" if value is None else str(value), quote=True) + "</td>"


def _figure_table(figures: Sequence[Figure]) -> str:
    head = (
        "<h2>Figures</h2><table><thead><tr><th>#</th><th>category</th><th>reduced</th>"
        "<th>percent</th><th>fraction</th><th>before → after</th><th>status</th>"
        "<th>confidence</th><th>quote</th></tr></thead><tbody>"
    )
    rows = []
    for number, fig in enumerate(figures, start=1):
        percent = None
        if fig.percent is not None:
            percent = f"{fig.percent:.{fig.percent_decimals or 0}f}".replace(".", ",")
        fraction = f"{fig.numerator}/{fig.denominator}" if fig.numerator is not None else None
        stocks = None
        if fig.baseline is not None or fig.after is not None:
            stocks = f"{fig.baseline if fig.baseline is not None else '?'} → {fig.after}"
        category = fig.category + (f" ({fig.unit})" if fig.unit else "")
        confidence = fig.confidence + (f": {'; '.join(fig.doubts)}" if fig.doubts else "")
        rows.append(
            f'<tr id="row-F{number}" class="conf-{fig.confidence}">'
            + _cell(f"F{number}")
            + _cell(category)
            + _cell(fig.reduced)
            + _cell(percent)
            + _cell(fraction)
            + _cell(stocks)
            + _cell(fig.status)
            + _cell(confidence)
            + '<td class="quote">'
            + html.escape(fig.quote, quote=True)
            + "</td></tr>"
        )
    return head + "".join(rows) + "</tbody></table>"


def _miss_table(misses: Sequence[PossibleMiss]) -> str:
    head = (
        "<h2>Possible misses</h2><table><thead><tr><th>#</th><th>number</th><th>line</th>"
        "<th>why shown</th><th>sentence</th></tr></thead><tbody>"
    )
    rows = [
        f'<tr id="row-M{number}">'
        + _cell(f"M{number}")
        + _cell(miss.number)
        + _cell(miss.line)
        + _cell(miss.reason)
        + '<td class="quote">'
        + html.escape(miss.sentence, quote=True)
        + "</td></tr>"
        for number, miss in enumerate(misses, start=1)
    ]
    return head + "".join(rows) + "</tbody></table>"


__all__ = ["review_page"]
